"""The organisation decision side by side: one row per comparison criterion, one column per
model considered, each cell the book's rating and the coach's score (and note); a total row
and, where there is room, the SRE sizing each model implies.

Decisions:
- The cursor is a cell: the cell under it is what ``s`` scores, and the screen's details
  line gives the whole of it (the book's rating, the score, the note, or the criterion's
  meaning in the first column). So a narrow cell may cut its text with "…": nothing is lost.
- At 80 columns (``wide=False``) headings are the short titles and each cell one line:
  ``4 Continuous ✎`` (score, the book's rating, ✎ when there is a note). From
  ``WIDE_TABLE`` on, headings are the full titles (two lines) and each cell two lines: the
  book's rating, then ``4/5 · the note``. More models than fit scroll sideways with the
  criteria column fixed.
- The chosen model's heading is marked ★ and its cells bold, so the mark is never only a
  colour.
- User text (notes) is data: cells are Rich ``Text`` built from plain strings.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.widgets import DataTable

from workbench.domain.org import (
    CRITERION_NOTES,
    CRITERION_SHORT,
    MODEL_SUMMARIES,
    Criterion,
    OrgDecision,
    OrgModel,
    Sizing,
    book_rating,
)

TOTAL, SIZING = "total", "sizing"
NOTE_MARK = "✎"
CHOSEN_MARK = "★"
NO_SCORE = "\u2013"  # an en dash: the cell has no score
ACROSS = "\u00d7"  # a multiplication sign: criterion by model
WIDE_TABLE = 120


def models_shown(decision: OrgDecision) -> list[OrgModel]:
    """The models considered, in their order, and the chosen one if it is not among them."""
    models = list(decision.considered)
    if decision.chosen is not None and decision.chosen not in models:
        models.append(decision.chosen)
    return models


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def sizing_text(found: Sizing | None) -> str:
    """``3 development teams: 3 SREs in 1 SRE team; you have 1``."""
    if found is None:
        return "No model chosen yet: c chooses one, and the sizing follows from it"
    teams = plural(found.development_teams, "development team")
    if not found.needs_sre:
        return f"{teams}: this model needs no SRE teams for services; you have " \
               f"{found.current_sre_teams}"
    return (f"{teams}: {plural(found.sre_people, 'SRE')} in "
            f"{plural(found.sre_teams, 'SRE team')}; you have {found.current_sre_teams}")


def sizing_cell(found: Sizing | None) -> str:
    """``3 SREs, 1 team`` or ``no SRE teams``."""
    if found is None or not found.needs_sre:
        return "no SRE teams"
    return f"{plural(found.sre_people, 'SRE')}, {plural(found.sre_teams, 'team')}"


def _cut(text: str, width: int | None) -> str:
    if width is None or cell_len(text) <= width:
        return text
    return text[:max(1, width - 1)].rstrip() + "…"


def cell_text(decision: OrgDecision, model: OrgModel, criterion: Criterion, *,
              wide: bool, width: int | None = None) -> Text:
    """One cell: narrow ``4 Continuous ✎``; wide ``Continuous`` over ``4/5 · the note``."""
    score = decision.score(model, criterion)
    rating = book_rating(model, criterion)
    bold = "bold" if model is decision.chosen else ""
    number = str(score.score) if score is not None and score.score is not None else NO_SCORE
    note = score.note if score is not None else ""
    if not wide:
        tail = rating or ("" if note else "no book rating")
        text = Text(number, style="bold")
        text.append(" " + _cut(tail, None if width is None else width - 2 - (2 if note else 0)),
                    style=bold)
        if note:
            text.append(f" {NOTE_MARK}")
        return text
    first = Text(_cut(rating or "(no rating in the book)", width), style=bold)
    second = Text(f"{number}/5" if number != NO_SCORE else "not scored", style="bold")
    if note:
        second.append(" · " + _cut(note, None if width is None else width - 6))
    return Text("\n").join([first, second])


def cell_details(view: Any, row: str, model: OrgModel | None) -> Content:
    """The whole of the cell under the cursor, for the line below the table."""
    decision: OrgDecision = view.decision
    if row == TOTAL:
        if model is None:
            return Content("The total of each model's scores (a missing score counts 0).")
        return Content.assemble((f"{model.title}: ", "bold"), MODEL_SUMMARIES[model])
    if row == SIZING:
        if model is None:
            return Content("What each model implies for this workspace's teams (one SRE team "
                           f"per {decision.sre_team_size} SREs; t changes it).")
        return Content.assemble((f"{model.title}: ", "bold"),
                                sizing_text(view.sizing.get(model)))
    criterion = Criterion(row)
    if model is None:
        return Content.assemble((f"{criterion.title}: ", "bold"), CRITERION_NOTES[criterion])
    score = decision.score(model, criterion)
    rating = book_rating(model, criterion)
    parts: list[str | tuple[str, str]] = [
        (f"{criterion.title} {ACROSS} {model.short}: ", "bold"),
        f"the book rates it “{rating}”" if rating else
        "the book's comparison does not rate this hybrid"]
    if score is None:
        parts.append("; not scored yet (s scores it)")
    else:
        if score.score is not None:
            parts.append(f"; score {score.score} of 5")
        if score.note:
            parts += [" — ", score.note]
    return Content.assemble(*parts)


class DecisionTable(DataTable):
    """Criteria down, models across; the cursor is a cell."""

    HELP_GROUP = "The comparison"
    BINDINGS: ClassVar = [
        Binding("s", "screen.score", "Score", id="org-score",
                tooltip="Score the cell under the cursor (1 to 5, or none) with a note"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", fixed_columns=1, zebra_stripes=False)
        self.models: list[OrgModel] = []
        self.row_keys: list[str] = []
        self._shown: tuple[Any, bool] | None = None

    def on_resize(self) -> None:
        """The model columns share the width: lay them out again when it changes."""
        if self._shown is not None:
            view, wide = self._shown
            self.show(view, wide=wide)

    def show(self, view: Any | None, *, wide: bool) -> None:
        self._shown = (view, wide)
        row_key, column_key = self.cursor_key()
        self.clear(columns=True)
        self.models, self.row_keys = [], []
        if view is None:
            return
        decision: OrgDecision = view.decision
        self.models = models_shown(decision)
        label_width = max(cell_len(c.title if wide else CRITERION_SHORT[c]) for c in Criterion)
        self.add_column(Text("Criterion", style="bold"), key="criterion", width=label_width)
        room = self.size.width - label_width - 2 - 1
        count = max(1, len(self.models))
        width = max(22 if wide else 15, room // count - 2) if self.size.width else None
        if width is not None and wide:
            width = min(width, 40)
        titles = [(2 if m is decision.chosen else 0) + cell_len(m.title if wide else m.short)
                  for m in self.models]
        self.header_height = 2 if width is not None and any(t > width for t in titles) else 1
        for model in self.models:
            title = model.title if wide else model.short
            label = Text(f"{CHOSEN_MARK} " if model is decision.chosen else "", style="bold")
            label.append(title, style="bold")
            self.add_column(label, key=model.value, width=width)
        height = 2 if wide else 1
        for criterion in Criterion:
            title = criterion.title if wide else CRITERION_SHORT[criterion]
            self.add_row(Text(title, style="bold"),
                         *[cell_text(decision, m, criterion, wide=wide, width=width)
                           for m in self.models], key=criterion.value, height=height)
            self.row_keys.append(criterion.value)
        self.add_row(Text("Total", style="bold"),
                     *[Text(str(decision.total(m)), style="bold") for m in self.models],
                     key=TOTAL)
        self.row_keys.append(TOTAL)
        if wide:
            self.add_row(Text("SRE sizing", style="bold"),
                         *[Text(sizing_cell(view.sizing.get(m))) for m in self.models],
                         key=SIZING)
            self.row_keys.append(SIZING)
        self.restore_cursor(row_key, column_key)

    def cursor_key(self) -> tuple[str | None, str | None]:
        if self.row_count == 0:
            return None, None
        row_key, column_key = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value, column_key.value

    def restore_cursor(self, row: str | None, column: str | None) -> None:
        columns = ["criterion", *(m.value for m in self.models)]
        if row in self.row_keys and column in columns:
            self.move_cursor(row=self.row_keys.index(row), column=columns.index(column))
        elif self.row_count:
            self.move_cursor(row=0, column=1 if self.models else 0)

    def select_cell(self, row: str, model: OrgModel | None) -> None:
        columns = [None, *self.models]
        if row in self.row_keys and model in columns:
            self.move_cursor(row=self.row_keys.index(row), column=columns.index(model))

    @property
    def cell_under_cursor(self) -> tuple[str | None, OrgModel | None]:
        """(criterion value, ``total`` or ``sizing``; the model or None for the first
        column) under the cursor."""
        row, column = self.cursor_key()
        model = OrgModel(column) if column not in (None, "criterion") else None
        return row, model

    def criteria_rows(self) -> Sequence[str]:
        return [r for r in self.row_keys if r not in (TOTAL, SIZING)]
