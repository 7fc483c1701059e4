"""The Markdown SLO document (``slos/<service>.md``): alert tiers that can never fire,
maintenance windows and corrections, period history, numbers right-aligned, and pages that
markdown-it and cmark-gfm (GitHub's renderer, with its table extension) both read as
intended.

Expectations are worked out by hand on the demo (its day is 2026-11-25) and on a small
workspace built here; each test can fail.
"""

from __future__ import annotations

import re
from datetime import date

import cmarkgfm
import pytest
from sqlalchemy import event

from workbench.domain.slo.records import DailyCount
from workbench.export import export_workspace
from workbench.store import adjustment_repo, repo, slo_repo
from workbench.store.db import reading, transaction
from workbench.store.demo import create_demo

DEMO_DAY = date(2026, 11, 25)
NUMBER = re.compile(r"-?[\d,]+(\.\d+)?%?")


@pytest.fixture
def slo_demo(engine):
    with transaction(engine) as session:
        workspace, _ = create_demo(session, DEMO_DAY)
    return engine, workspace


def export_docs(engine, workspace, folder, **options) -> dict[str, str]:
    paths = export_workspace(engine, workspace, folder, {"md"}, {"slos"}, **options)
    return {p.name: p.read_text(encoding="utf-8") for p in paths if p.parent.name == "slos"}


def section(document: str, slo: str) -> str:
    """The part of a service's document about one SLO."""
    return document.split(f"\n## {slo}\n")[1].split("\n## ")[0]


def table_after(text: str, heading: str) -> list[list[str]]:
    """The first table after ``heading`` as rows of cells (separator row left out)."""
    lines = text.split(heading, 1)[1].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split(" | ")])
    return [rows[0], *rows[2:]]


def cells_by_column(markdown: str, renderer) -> list[tuple[str, str]]:
    """(alignment, text) of every body cell markdown-it finds in a table."""
    tokens = renderer().parse(markdown)
    found = []
    for index, token in enumerate(tokens):
        if token.type == "td_open":
            style = dict(token.attrs or {}).get("style", "")
            found.append((style, tokens[index + 1].content))
    return found


# --- alert tiers that can never fire -------------------------------------------------------


def test_tiers_that_can_never_fire_are_flagged_not_shown_as_live(slo_demo, tmp_path):
    engine, workspace = slo_demo
    docs = export_docs(engine, workspace, tmp_path)
    for name, slo in (("search.md", "search-latency"),
                      ("delivery-tracking.md", "tracking-availability")):
        text = section(docs[name], slo)
        alerts = {row[0]: row for row in table_after(text, "### Alert thresholds")[1:]}
        # 90% target: 10% budget. page-fast needs 14.4 x 10% = 144% bad events: impossible.
        # page-slow needs 6 x 10% = 60%, ticket-fast 30%: they can fire.
        assert alerts["page-fast"] == ["page-fast", "page", "14.4", "1h and 5m", "144%", "—",
                                       "never fires"]
        assert alerts["page-slow"][4:] == ["60%", "5.36%", "yes"]
        assert [r for r, row in alerts.items() if row[-1] != "yes"] == ["page-fast"]
        assert ("- **Never fires:** page-fast can never fire at a 90% target: it needs more "
                "than 144% of events to be bad (drop this tier, or use a burn rate below 10)"
                ) in text
    # a 99.9% target: every tier can fire, nothing is flagged
    orders = section(docs["orders.md"], "checkout-availability")
    assert "never fires" not in orders and "Never fires" not in orders


# --- maintenance windows and corrections ----------------------------------------------------


def test_the_orders_service_window_is_listed_on_each_of_its_slos(slo_demo, tmp_path):
    engine, workspace = slo_demo
    docs = export_docs(engine, workspace, tmp_path)
    row = ["maintenance", "2026-11-29 01:00 Europe/London for 1 h, repeating "
           "FREQ=WEEKLY;BYDAY=SU", "events left out of the budget", "service orders",
           "database patching; the shop shows a maintenance page", "Priya Sharma"]
    for slo in ("checkout-availability", "checkout-latency", "checkout-latency-slow"):
        text = section(docs["orders.md"], slo)
        table = table_after(text, "### Maintenance windows and corrections")
        assert table == [["Kind", "When", "Treatment", "For", "Reason", "Recorded by"], row]
        # the window starts on Sunday 2026-11-29, after the demo day: nothing left out yet
        budget = dict(table_after(text, "### Error budget")[1:])
        assert budget["Events left out (maintenance, corrections)"] == "0"
    # other services' documents do not list it
    assert "Maintenance windows" not in docs["search.md"]
    assert "FREQ=WEEKLY" not in docs["payments.md"]


def test_the_upi_correction_is_listed_and_changes_the_history(slo_demo, tmp_path):
    engine, workspace = slo_demo
    docs = export_docs(engine, workspace, tmp_path / "a")
    text = section(docs["payments.md"], "upi-payment-availability")
    assert table_after(text, "### Maintenance windows and corrections")[1] == [
        "correction", "2026-07-03", "events left out of the budget",
        "SLO upi-payment-availability",
        "outage of the national payment network, not of our service", "Priya Sharma"]
    history = {r[0]: r for r in table_after(text, "### Period history")[1:]}
    # 2026 P07 (2026-06-15 to 2026-07-12) holds the outage day, which the correction leaves
    # out: the worst day left is an ordinary Sunday
    assert history["2026 P07"][6] != "2026-07-03"
    with transaction(engine) as s:
        [correction] = adjustment_repo.list_adjustments(
            s, workspace.id, slo=slo_repo.get_slo(s, workspace.id, "upi-payment-availability"))
        adjustment_repo.remove_adjustment(s, workspace.id, correction.id, by="tester")
    again = section(export_docs(engine, workspace, tmp_path / "b")["payments.md"],
                    "upi-payment-availability")
    assert "### Maintenance windows and corrections" not in again  # taken back: not listed
    before = {r[0]: r for r in table_after(again, "### Period history")[1:]}
    assert before["2026 P07"][6] == "2026-07-03"
    assert int(before["2026 P07"][7].replace(",", "")) > int(
        history["2026 P07"][7].replace(",", ""))
    assert float(before["2026 P07"][4].rstrip("%")) > float(history["2026 P07"][4].rstrip("%"))


def test_the_time_an_adjustment_was_recorded_is_never_printed(slo_demo, tmp_path):
    engine, workspace = slo_demo
    with reading(engine) as s:
        recorded = [a.recorded_at for a in adjustment_repo.list_adjustments(s, workspace.id)]
    assert len(recorded) == 2 and all(recorded)
    for text in export_docs(engine, workspace, tmp_path).values():
        assert not re.search(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d", text)
        for when in recorded:
            assert f"{when:%Y-%m-%d %H:%M}" not in text


def small_workspace(engine, name: str, *windows: tuple[dict, dict]):
    """Service ``api`` with SLO ``api-availability`` (99%, four ISO weeks) and counts on
    2026-11-02 (the first day of 2026 P12) to 2026-11-04: 14,400 valid events a day, 144
    bad on the first two days and 400 on the third; plus the maintenance windows given as
    (values, scope)."""
    with transaction(engine) as s:
        ws = repo.create_workspace(s, name)
        repo.add_service(s, ws.id, "api")
        slo, _ = slo_repo.save_slo(s, ws.id, "api-availability", target="99", service="api")
        slo_repo.upsert_counts(s, slo.id, [
            DailyCount(date(2026, 11, 2), 14_256, 144),
            DailyCount(date(2026, 11, 3), 14_256, 144),
            DailyCount(date(2026, 11, 4), 14_000, 400)])
        for values, scope in windows:
            adjustment_repo.add_adjustment(s, ws.id, "maintenance", values, by="Asha", **scope)
    return ws


EXCLUDE = ({"start": "2026-11-04 00:00", "minutes": 360, "zone": "Etc/UTC",
            "treatment": "exclude", "reason": "failover drill"}, {"service": "api"})
GOOD = ({"start": "2026-11-03 05:30", "minutes": 120, "zone": "Asia/Kolkata",
         "treatment": "good", "reason": "planned restart"}, {"slo": "api-availability"})


def test_maintenance_windows_change_the_budget_figures_by_hand(engine, tmp_path):
    # Without windows: 43,200 valid, 688 bad in 3 of the period's 28 days. The period is
    # expected to see 43,200 x 28 / 3 = 403,200 events; 1% of them, 4,032, may be bad.
    # Consumed 688 / 4,032 = 17.06%, SLI 42,512 / 43,200 = 98.41%, remaining 82.94%.
    plain = small_workspace(engine, "Plain")
    text = export_docs(engine, plain, tmp_path / "a")["api.md"]
    budget = dict(table_after(text, "### Error budget")[1:])
    assert (budget["Valid events"], budget["Bad events"], budget["Allowed bad events (period)"],
            budget["SLI achieved"], budget["Budget consumed"]) == (
        "43,200", "688", "4,032", "98.41%", "17.06%")
    assert "Events left out (maintenance, corrections)" not in budget
    assert "### Maintenance windows and corrections" not in text
    assert "(as of 2026-11-04)" in text  # the last day with counts
    assert table_after(text, "Burn-down")[1:] == [
        ["2026-11-04", "43,200", "688", "82.94%", "89.29%"]]

    # The service's window leaves out 00:00-06:00 UTC of 2026-11-04, a quarter of the day:
    # 14,000 / 4 = 3,500 good and 400 / 4 = 100 bad events. The SLO's window, 05:30-07:30
    # in Kolkata (UTC+5:30) = 00:00-02:00 UTC on 2026-11-03, counts 144 x 120 / 1,440 = 12
    # bad events as good. Left: 39,600 valid, 144 + 132 + 300 = 576 bad; expected events
    # 39,600 x 28 / 3 = 369,600, 3,696 of them may be bad. Consumed 576 / 3,696 = 15.58%,
    # SLI 39,024 / 39,600 = 98.55%, remaining 3,120 / 3,696 = 84.42%, burn rate
    # 576 / 39,600 / 1% = 16/11 = 1.45. Time to exhaustion: remaining x 28 days / burn rate
    # = 3,120 / 3,696 x 40,320 min x 11/16 = 23,400 min = 16.25 days, shown as 16.3; at
    # that rate 15.58% + 1.45 x 25/28 > 100%: it runs out before the period ends.
    ws = small_workspace(engine, "Maint", EXCLUDE, GOOD)
    text = export_docs(engine, ws, tmp_path / "b")["api.md"]
    assert table_after(text, "### Maintenance windows and corrections")[1:] == [
        ["maintenance", "2026-11-03 05:30 Asia/Kolkata for 2 h", "bad events counted as good",
         "SLO api-availability", "planned restart", "Asha"],
        ["maintenance", "2026-11-04 00:00 Etc/UTC for 6 h", "events left out of the budget",
         "service api", "failover drill", "Asha"]]
    budget = dict(table_after(text, "### Error budget")[1:])
    assert budget == {
        "Valid events": "39,600", "Bad events": "576", "Allowed bad events (period)": "3,696",
        "SLI achieved": "98.55%", "Budget consumed": "15.58%", "Budget remaining": "84.42%",
        "Burn rate": "1.45", "Time to exhaustion": "16.3 days",
        "Runs out before period end": "yes",
        "Events left out (maintenance, corrections)": "3,600",
        "Bad events counted as good (maintenance, corrections)": "12"}
    # burn-down: only the last day (no week has ended); even spend 100 - 100 x 3 / 28
    assert table_after(text, "Burn-down")[1:] == [
        ["2026-11-04", "39,600", "576", "84.42%", "89.29%"]]
    # period history: 2026 P12 is running; its worst day keeps 300 of its 400 bad events
    assert table_after(text, "### Period history")[-1] == [
        "2026 P12", "2026-11-02", "2026-11-29", "98.55%", "15.58%", "running", "2026-11-04",
        "300"]


# --- period history ----------------------------------------------------------------------


def test_period_history_of_the_demo(slo_demo, tmp_path):
    engine, workspace = slo_demo
    docs = export_docs(engine, workspace, tmp_path)
    text = section(docs["orders.md"], "checkout-latency")
    table = table_after(text, "### Period history")
    assert table[0] == ["Period", "From", "To", "SLI achieved", "Budget consumed", "Verdict",
                        "Worst day", "Bad events that day"]
    rows = table[1:]
    assert len(rows) == 13
    assert [r[0] for r in rows[:2]] == ["2025 P13", "2026 P01"]
    # the demo's earlier outage of 2026-02-13 (eight times the usual failures) uses up more
    # than the whole budget of 2026 P02
    p02 = next(r for r in rows if r[0] == "2026 P02")
    assert p02[1:3] == ["2026-01-26", "2026-02-22"] and p02[5] == "missed"
    assert p02[6] == "2026-02-13" and float(p02[4].rstrip("%")) > 100
    # the newest period holds the demo day and is still running
    assert rows[-1][:3] == ["2026 P12", "2026-11-02", "2026-11-29"]
    assert rows[-1][5] == "running"
    assert {r[5] for r in rows[:-1]} <= {"met", "missed"}
    # a rolling 28-day SLO: windows ending on the demo day, the newest one complete
    search = table_after(section(docs["search.md"], "search-latency"), "### Period history")
    assert search[-1][:3] == ["28 days to 2026-11-25", "2026-10-29", "2026-11-25"]
    assert search[-1][5] in ("met", "missed")


def test_the_day_the_export_is_for_sets_budget_and_history(slo_demo, tmp_path):
    engine, workspace = slo_demo
    docs = export_docs(engine, workspace, tmp_path, today=date(2026, 11, 1))
    text = section(docs["orders.md"], "checkout-availability")
    assert "### Error budget, 2026-10-05 to 2026-11-01 (as of 2026-11-01)" in text
    rows = table_after(text, "### Period history")[1:]
    # 2026 P11 ends on that day: complete, so met or missed; nothing after it counts
    assert rows[-1][:3] == ["2026 P11", "2026-10-05", "2026-11-01"]
    assert rows[-1][5] == "met"
    assert "2026-11-02" not in text


def test_counts_are_read_once_for_all_slos(slo_demo, tmp_path):
    engine, workspace = slo_demo
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        export_docs(engine, workspace, tmp_path)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    counts = [s for s in statements if re.search(r"\bFROM slo_count\b", s)]
    adjustments = [s for s in statements if re.search(r"\bFROM slo_adjustment\b", s)]
    # six SLOs: one query for the last day with counts, one for the counts themselves
    assert len(counts) == 2, counts
    assert len(adjustments) <= 2, adjustments


# --- Markdown that renders as intended ----------------------------------------------------


def test_numbers_are_right_aligned_in_every_table(slo_demo, tmp_path, renderer):
    engine, workspace = slo_demo
    docs = export_docs(engine, workspace, tmp_path)
    assert len(docs) == 4
    for text in docs.values():
        cells = cells_by_column(text, renderer)
        numbers = [(style, c) for style, c in cells if NUMBER.fullmatch(c)]
        assert numbers and all(style == "text-align:right" for style, _ in numbers), [
            c for style, c in numbers if style != "text-align:right"][:5]
        # dates and words stay left-aligned
        assert all(style == "" for style, c in cells if re.fullmatch(r"\d{4}-\d\d-\d\d", c))


def test_every_slo_document_renders_in_markdown_it_and_cmark_gfm(
        slo_demo, tmp_path, tables, html_tokens, github_page):
    engine, workspace = slo_demo
    docs = export_docs(engine, workspace, tmp_path)
    for name, text in docs.items():
        separators = [line for line in text.splitlines() if line.startswith("| --- |")]
        ours = tables(text)
        github = github_page(text)
        assert len(ours) == len(github.tables) == len(separators), name
        for mine, theirs in zip(ours, github.tables, strict=True):
            width = len(mine[0])
            assert all(len(row) == width for row in mine)
            assert [[c.strip() for c in row] for row in mine] == theirs
        assert html_tokens(text) == []
        assert github.tags <= {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "table",
                               "thead", "tbody", "tr", "th", "td", "a"}, name


def test_urls_in_user_text_stay_links_to_the_exact_address(engine, tmp_path, github_page,
                                                           renderer):
    url = "https://runbooks.example/db_patch_v2?step=3_b#roll_back"
    reason = f"patching, see {url}. Ask *ops* | <b>x</b>"
    ws = small_workspace(engine, "Links", ({**EXCLUDE[0], "reason": reason}, EXCLUDE[1]))
    with transaction(engine) as s:
        slo_repo.save_slo(s, ws.id, "api-availability", target="99", service="api",
                          description="Dashboard: www.example.com/d/api_avail (Grafana)")
    text = export_docs(engine, ws, tmp_path)["api.md"]
    assert f"<{url}>" in text and "db\\_patch" not in text
    html = cmarkgfm.github_flavored_markdown_to_html(text)
    assert f'<a href="{url}">{url}</a>' in html
    assert ('<a href="http://www.example.com/d/api_avail">www.example.com/d/api_avail</a>'
            in html)
    assert "<b>" not in html and "<em>" not in html
    page = github_page(text)
    [_, row] = next(t for t in page.tables if t[0][0] == "Kind")
    assert row[4] == reason  # the table cell shows exactly what was typed
    rendered = renderer().render(text)
    assert f'<a href="{url}">{url}</a>' in rendered and "<b>" not in rendered


def test_export_is_the_same_twice(slo_demo, tmp_path):
    engine, workspace = slo_demo
    assert export_docs(engine, workspace, tmp_path / "a") == export_docs(
        engine, workspace, tmp_path / "b")
