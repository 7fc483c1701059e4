"""Issue 8, section 5: the TUI code that pads text into columns itself pads by the columns a
terminal draws (``workbench.display_width``), so a Hindi or Chinese name does not push the
next column out of line: the stakeholder grid (name, stance, role), the policy's evaluation
panel (condition keys, which were padded with ``len()``) and the maturity bars (dimension
labels of a model file).

Widths counted by hand from the Unicode data, not with the function under test:
``भुगतान टीम`` = 9 columns (भ 1, ु Mn 0, ग 1, त 1, ा Mc 1, न 1, space 1, ट 1, ी Mc 1, म 1;
``rich.cells.cell_len`` says 7), ``भुगतान`` = 5, ``支付团队`` = 8 (four Wide characters),
``支付`` = 4.
"""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from textual.app import App, ComposeResult

from workbench.domain.policy import Outcome
from workbench.domain.stakeholders import Level, Stakeholder, Stance
from workbench.tui.widgets.maturity_bars import BarRow, ScoreBars
from workbench.tui.widgets.policy_evaluation import evaluation_text
from workbench.tui.widgets.stakeholder_grid import Columns, _cell, columns_for, person_line

HINDI = "भुगतान टीम"
CHINESE = "支付团队"


def person(name: str, stance: Stance, role: str) -> Stakeholder:
    return Stakeholder(name=name, power=Level.HIGH, interest=Level.HIGH, role=role,
                       stance=stance)


def test_a_grid_cell_is_padded_and_cut_by_display_width():
    assert _cell(HINDI, 12).plain == HINDI + " " * 3  # 9 + 3 = 12
    assert _cell(CHINESE, 12).plain == CHINESE + " " * 4  # 8 + 4 = 12
    assert _cell(CHINESE * 2, 9).plain == CHINESE + "…"  # 8 + 1
    assert _cell(CHINESE * 2, 8).plain == "支付团… "  # 6 + 1, then one space
    assert _cell(HINDI + HINDI, 10).plain == HINDI + "…"  # 9 + 1


def test_the_stance_and_role_start_in_one_column_on_every_row():
    people = [person(HINDI, Stance.SUPPORTER, "CFO"), person(CHINESE, Stance.NEUTRAL, "COO"),
              person("Asha Rao", Stance.DETRACTOR, "CTO")]
    columns = columns_for(80, people)
    # the name column is as wide as the widest name, at least 12: here 12
    assert columns == Columns(12, 9, columns.role) and columns.role >= 12
    lines = [person_line(p, Columns(12, 9, 12), selected=False).plain for p in people]
    # marker 2, name 12, gap 2: the stance starts in column 16; stance 9, gap 2: role at 27
    assert lines == [
        "  " + HINDI + " " * 3 + "  " + "supporter" + "  " + "CFO" + " " * 9,
        "  " + CHINESE + " " * 4 + "  " + "neutral  " + "  " + "COO" + " " * 9,
        "  " + "Asha Rao" + " " * 4 + "  " + "detractor" + "  " + "CTO" + " " * 9,
    ]


def test_a_long_hindi_name_sets_the_name_column_by_its_display_width():
    name = HINDI + " " + HINDI  # 9 + 1 + 9 = 19 columns (cell_len: 15)
    assert columns_for(160, [person(name, Stance.NEUTRAL, "")]).name == 19


class Condition(SimpleNamespace):
    pass


def test_the_evaluation_panel_lines_up_condition_keys():
    keys = {"exhausted": Outcome.FIRES, "支付预算": Outcome.CLEAR, "भुगतान": Outcome.CLOSE}
    view = SimpleNamespace(
        policy=SimpleNamespace(conditions=[Condition(key=k) for k in keys]),
        evaluation=SimpleNamespace(condition_outcome=keys.__getitem__, results=[],
                                   applied=[], missing=[], lowest=None))
    lines = evaluation_text(view).plain.splitlines()
    # keys padded to 9 columns ("exhausted"); 支付预算 is 8, भुगतान 5: the outcome starts
    # in column 12 (2 for the marker, 9, one space) on every line
    assert lines[1:4] == ["  exhausted FIRES",
                          "  支付预算" + " " * 1 + " clear",
                          "  भुगतान" + " " * 4 + " close"]


class Bars(App):
    def compose(self) -> ComposeResult:
        yield ScoreBars([BarRow(HINDI, None, "—"), BarRow("People", None, "—"),
                         BarRow("支付", None, "—")], id="bars")


def test_the_maturity_bars_start_in_one_column():
    app = Bars()

    async def run():
        async with app.run_test(size=(40, 5)) as pilot:
            await pilot.pause()
            lines = app.query_one(ScoreBars).render().plain.splitlines()
            # labels padded to 9 columns (the Hindi one), two spaces: bars start at 11;
            # bar 40 - 9 - 1 - 5 = 25 cells, two spaces, the value
            bar = "·" * 25 + "  —"
            assert lines == [HINDI + "  " + bar,
                             "People" + " " * 3 + "  " + bar,
                             "支付" + " " * 5 + "  " + bar]

    asyncio.run(run())
