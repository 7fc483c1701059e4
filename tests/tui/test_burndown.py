"""The burn-down chart's geometry and drawing: exact cells for small charts, and over many
sizes and periods that nothing leaves its area, the even-spend line runs from the top to
0% in the last column, and overspending is drawn below the 0% line."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.slo.records import BurnDownPoint
from workbench.tui.widgets.burndown import (
    DEFAULT_STYLES,
    MIN_HEIGHT,
    MIN_WIDTH,
    draw,
    layout,
    plain_rows,
    to_text,
)

START = date(2026, 11, 2)


def point(day: int, remaining: str, ideal: str) -> BurnDownPoint:
    return BurnDownPoint(START + timedelta(days=day), 100, 1, Decimal(remaining),
                         Decimal(ideal))


def test_a_small_chart_cell_by_cell():
    """Five days in 15 columns (3 a day), 5 plot rows from 100% to 0% (ticks every 50%):
    day 1 on track at 85%, day 2 behind the even spend (60%) at 35%, today is day 2."""
    points = (point(0, "85", "80"), point(1, "35", "60"))
    chart = layout(points, START, 5, START + timedelta(days=1), 20, 8)
    assert (chart.label_width, chart.plot_width, chart.plot_height) == (5, 15, 5)
    assert chart.y_ticks == ((0, "100%"), (2, "50%"), (4, "0%"))
    assert chart.zero_row == 4 and chart.today_column == 5
    assert plain_rows(chart) == [
        "█ left  • even      ",
        "100%┤•    ┊         ",
        "    │█••••┊         ",
        " 50%┤███  ••••      ",
        "    │██████   ••••  ",
        "  0%┤██████───────••",
        "    └┬────┴────────┬",
        "     02 Nov   06 Nov",
    ]
    cells = draw(chart)
    assert cells[2][6] == ("•", "ideal@ok")  # the even spend crossing a green bar
    assert cells[2][8] == ("•", "ideal")
    assert cells[5][9] == ("█", "behind") and cells[2][5] == ("█", "ok")
    assert cells[1][10] == ("┊", "today") and cells[6][10] == ("┴", "today")
    assert cells[1][0:5] == [(c, "label") for c in "100%"] + [("┤", "axis")]


def test_a_tiny_overspent_chart_keeps_rows_above_and_below_the_zero_line():
    chart = layout((point(0, "-250", "0"),), START, 1, None, 20, 6)
    assert chart.plot_height == 3 and chart.zero_row == 1
    assert chart.y_ticks == ((0, "100%"), (1, "0%"), (2, "-250%"))
    assert plain_rows(chart)[1:4] == [
        " 100%┤••            ",
        "   0%┤──••••        ",
        "-250%┤██████        ",
    ]


def test_overspending_is_drawn_below_the_zero_line():
    points = (point(0, "50", "75"), point(1, "-50", "50"))
    chart = layout(points, START, 4, None, 20, 10)
    rows = plain_rows(chart)
    labels = dict(chart.y_ticks)
    assert labels[0] == "100%" and labels[chart.zero_row] == "0%"
    assert labels[chart.plot_height - 1] == "-50%"  # the axis ends on a round tick below
    zero = 1 + chart.zero_row
    assert set(rows[zero][chart.label_width:]) <= {"█", "─", "•"}
    left = chart.label_width
    spent = [r for r in range(1, 1 + chart.plot_height)
             if draw(chart)[r][left + chart.plot_width // 4 + 1][1] == "spent"]
    assert spent and min(spent) > zero  # the red bar hangs below the 0% line
    assert chart.today_column is None and "today" not in rows[0]


def test_wide_chart_has_weekly_dates_and_the_last_day():
    chart = layout((point(0, "99", "96.4"),), START, 28, START, 120, 30)
    labels = [label for _, _, label in chart.x_ticks]
    assert labels == ["02 Nov", "09 Nov", "16 Nov", "23 Nov", "29 Nov"]
    assert chart.x_ticks[-1][0] == chart.plot_width - 1  # the last day's tick, right-aligned
    assert len(chart.y_ticks) >= 5
    assert plain_rows(chart)[0].startswith(
        "█ on track  █ behind even spend  █ overspent  • even spend  ┊ today 02 Nov")


def test_a_narrow_chart_puts_several_days_in_a_column():
    points = tuple(point(d, str(100 - 2 * d), str(100 - 100 * (d + 1) / 35)) for d in range(35))
    chart = layout(points, START, 35, START + timedelta(days=34), 25, 8)
    assert chart.plot_width == 20
    assert chart.columns[-1].remaining == 32.0  # the column of the last days shows the last
    assert chart.today_column == chart.plot_width - 1


def test_rich_text_has_one_line_per_row():
    chart = layout((point(0, "75", "75"),), START, 4, START, 30, 10)
    text = to_text(draw(chart), DEFAULT_STYLES)
    assert text.plain.splitlines() == plain_rows(chart)
    assert any(span.style == DEFAULT_STYLES["ok"] for span in text.spans)


values = st.decimals(min_value=-5000, max_value=100, places=2, allow_nan=False,
                     allow_infinity=False)


@st.composite
def charts(draw_):
    days = draw_(st.integers(min_value=1, max_value=40))
    shown = draw_(st.lists(st.integers(min_value=0, max_value=days - 1), unique=True,
                           max_size=days))
    points = tuple(BurnDownPoint(START + timedelta(days=d), 10, 1, draw_(values),
                                 Decimal(100) - Decimal(100) * (d + 1) / days)
                   for d in sorted(shown))
    today = draw_(st.one_of(st.none(), st.integers(min_value=-3, max_value=days + 3)))
    width = draw_(st.integers(min_value=MIN_WIDTH, max_value=200))
    height = draw_(st.integers(min_value=MIN_HEIGHT, max_value=60))
    as_of = None if today is None else START + timedelta(days=today)
    return layout(points, START, days, as_of, width, height)


@settings(max_examples=400, deadline=None)
@given(charts())
def test_nothing_leaves_the_chart_area(case):
    chart = case
    cells = draw(chart)
    assert len(cells) == chart.height and all(len(row) == chart.width for row in cells)
    left, right = chart.label_width, chart.label_width + chart.plot_width
    assert chart.plot_width >= 1 and right <= chart.width
    plotted = {"ok", "behind", "spent", "ideal", "today"}
    for r, row in enumerate(cells):
        for c, (_, role) in enumerate(row):
            if role.split("@")[0] in plotted and 0 < r <= chart.plot_height:  # no legend, axis
                assert 1 <= r <= chart.plot_height and left <= c < right, (r, c, role)
    # the even spend: from the top rows down to 0% in the last column, never rising
    ideal = [column.ideal_row for column in chart.columns]
    assert ideal == sorted(ideal) and ideal[-1] == chart.zero_row
    assert all(0 <= row <= chart.zero_row for row in ideal)
    # ticks: 100% on top, 0% on the zero line, one label per row, all inside
    labels = dict(chart.y_ticks)
    assert labels[0] == "100%" and labels[chart.zero_row] == "0%"
    assert all(0 <= row < chart.plot_height for row in labels)
    for tick, start, label in chart.x_ticks:
        assert 0 <= tick < chart.plot_width and start + len(label) <= chart.plot_width
    # bars stay on their side of the zero line
    for column in chart.columns:
        rows = chart.bar_rows(column)
        if column.remaining is not None and column.remaining < 0:
            assert min(rows) > chart.zero_row
        elif column.remaining is not None:
            assert max(rows) == chart.zero_row
    if chart.today_column is not None:
        assert 0 <= chart.today_column < chart.plot_width
