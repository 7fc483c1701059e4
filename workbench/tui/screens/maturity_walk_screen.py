"""Walking a run criterion by criterion: the dimension's guiding questions, the criterion and
what each level looks like; a key per level chooses it and moves on. Every answer is saved
as it is given; leaving and coming back resumes at the criterion last visited.

Decisions:
- Answers go into the service's ordered queue (``wb.maturity.answers``) and a worker on the
  app drains it, so quick key presses never reorder or drop answers and leaving the walk
  never cancels a pending save.
- An agreed run is read-only: the level, "not assessed" and note keys leave the footer, a
  key pressed anyway says how to reopen the run, and ``o`` reopens it here (with a reason,
  as on the runs list).
- The footer keeps the keys of a walk (levels, not assessed, move, note, back) and room for
  quit and help at 80 columns; summary, next open, first and last are listed in F1.
- Respondent mode (``walk_screen(..., respondent=...)``): the same walk for one respondent,
  saving their own answers and resuming at their own cursor. It has no summary, no reopen
  and no "last time" (each would show others' answers or anchor), shows the other
  respondents' answers only once the coach revealed them, and escape ends the session
  instead of going back: there is nothing else to go back to.
- Until the reveal, the coach's walk says how many respondents answered a criterion but
  not what: a walk on the projector must not anchor the room.
"""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Label, ProgressBar, Static

from workbench.domain.maturity import AssessmentModel, Criterion, CriterionAggregate, Dimension
from workbench.domain.maturity.runs import Respondent, RunInfo
from workbench.service.maturity import RUN_KIND, WalkAnswer, WalkData
from workbench.tui import document_actions
from workbench.tui.dialogs.maturity_note_dialog import NoteDialog
from workbench.tui.screens.base import BaseScreen
from workbench.tui.screens.maturity_common import CSS_FILE, NOT_ASSESSED_STYLE

MAX_LEVEL_KEYS = 10  # levels 0..9 have a key each
WIDE = 120  # from this width on, the questions stand beside the criterion
EDITING_ACTIONS = ("level", "note")
Answer = WalkAnswer


class WalkScreen(BaseScreen):
    """Use ``walk_screen(run, model)``: it adds a key for each of the model's levels."""

    CSS_PATH = CSS_FILE
    AUTO_FOCUS = None  # nothing to focus: every key is the screen's
    HELP_TITLE = "Assessment walk"

    BASE_BINDINGS: ClassVar = [
        Binding("n", "level(-1)", "n/a", id="walk-not-assessed",
                tooltip="Mark the criterion as not assessed and move on"),
        Binding("right,j,pagedown", "move(1)", "Move", id="walk-next", key_display="←→",
                tooltip="Next criterion: → (or j, page down); ← goes back"),
        Binding("left,k,pageup", "move(-1)", "Prev", id="walk-prev", show=False,
                tooltip="Previous criterion"),
        Binding("e", "note", "Note", id="walk-note",
                tooltip="Write a note and evidence for the criterion"),
        Binding(document_actions.REOPEN_KEY, "reopen", "Reopen", id="walk-reopen",
                tooltip="Reopen the agreed run as a draft so its answers can change"),
        Binding("escape", "back", "Back", id="walk-back", tooltip="Back to the runs"),
        Binding("s", "summary", "Summary", id="walk-summary", show=False,
                tooltip="Scores per dimension and per criterion of this run"),
        Binding("u", "unanswered", "Next open", id="walk-unanswered", show=False,
                tooltip="Jump to the next criterion without an answer"),
        Binding("home", "jump(0)", "First", id="walk-first", show=False,
                tooltip="First criterion"),
        Binding("end", "jump(-1)", "Last", id="walk-last", show=False,
                tooltip="Last criterion"),
    ]
    """The screen's keys after the level keys (``walk_screen`` puts them together)."""

    class Loaded(Message):
        def __init__(self, data: WalkData) -> None:
            super().__init__()
            self.data = data

    def __init__(self, run: RunInfo, model: AssessmentModel,
                 respondent: Respondent | None = None) -> None:
        super().__init__()
        self.run = run
        self.model = model
        self.respondent = respondent
        self.hidden: dict[str, int] = {}
        self.items: list[tuple[Dimension, Criterion]] = list(model.iter_criteria())
        self.index = 0
        self.answers: dict[str, Answer] = {}
        self.spreads: dict[str, CriterionAggregate] = {}
        # the scope's run before this one, and its levels: shown as "last time"
        self.previous: tuple[RunInfo, dict[str, int | None]] | None = None
        self.loaded = False

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self._head(), id="walk-head", classes="mat-head", markup=False)
        with Horizontal(id="walk-progress"):
            yield Label("", id="walk-position")
            yield ProgressBar(total=len(self.items), show_eta=False, show_percentage=False,
                              id="walk-bar")
            yield Label("", id="walk-answered")
        with Container(id="walk-main"):
            with Vertical(id="walk-left"):
                yield Static("Loading…", id="walk-criterion", markup=False)
                yield Static("", id="walk-levels", markup=False)
                yield Static("", id="walk-note", markup=False)
            # not focusable: its scroll keys would take the walk's arrows and page keys
            with VerticalScroll(id="walk-questions-pane", can_focus=False):
                yield Static("", id="walk-questions", markup=False)
        yield Footer()

    def on_resize(self) -> None:
        # wide terminals: the guiding questions beside the criterion, not below it
        self.query_one("#walk-main").set_class(self.size.width >= WIDE, "-wide")

    def _head(self) -> Text:
        run = self.run
        head = Text()
        if not run.editable:
            how = "the coach reopens it" if self.respondent is not None \
                else f"{document_actions.REOPEN_KEY} reopens"
            head.append(f"{run.status.value}, read-only ({how}) · ", style="bold yellow")
        if self.respondent is not None:
            head.append("Answering as ")
            head.append(self.respondent.label, style="bold")
            head.append(" · ")
        head.append(run.scope, style="bold")
        head.append(f" · {run.run_date.isoformat()}")
        if run.title:
            head.append(f" · {run.title}")
        if self.respondent is None:  # a respondent's line has their name instead: keep it short
            head.append(f" · {self.model.title} v{self.model.version}")
        return head

    def on_mount(self) -> None:
        self.title = "Self-assessment" if self.respondent is not None else "Assessment walk"
        self._load()

    @property
    def respondent_id(self) -> int | None:
        return self.respondent.id if self.respondent is not None else None

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _load(self) -> None:
        data = self.app.service.maturity.walk(self.run.workspace_id, self.run.id, self.model,
                                              respondent_id=self.respondent_id)
        self.post_message(self.Loaded(data))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        data = message.data
        self.run = data.run
        self.answers = dict(data.answers)
        self.spreads = data.spreads
        self.hidden = data.hidden
        self.previous = data.previous
        if data.respondent is not None:
            self.respondent = data.respondent
        if not self.loaded:  # the first load decides where to start; reloads stay put
            ids = [c.id for _, c in self.items]
            cursor = data.respondent.cursor if data.respondent is not None \
                else data.run.cursor
            if cursor in ids:
                self.index = ids.index(cursor)
            else:
                self.index = next((i for i, cid in enumerate(ids) if cid not in self.answers),
                                  0)
        self.loaded = True
        self.query_one("#walk-head", Static).update(self._head())
        self.refresh_bindings()
        self._draw()

    def reload(self) -> None:
        self._load()

    # --- drawing --------------------------------------------------------------------------

    @property
    def criterion(self) -> Criterion:
        return self.items[self.index][1]

    @property
    def dimension(self) -> Dimension:
        return self.items[self.index][0]

    def answered_count(self) -> int:
        return sum(1 for _, c in self.items if c.id in self.answers)

    def _draw(self) -> None:
        dimension, criterion = self.items[self.index]
        total = len(self.items)
        self.query_one("#walk-position", Label).update(f"{self.index + 1} / {total}")
        answered = self.answered_count()
        self.query_one("#walk-bar", ProgressBar).update(progress=answered)
        self.query_one("#walk-answered", Label).update(f"{answered} answered")

        in_dimension = [c.id for c in dimension.criteria]
        title = Text.assemble(
            (dimension.name, "bold"),
            f" {in_dimension.index(criterion.id) + 1}/{len(in_dimension)}",
            " · ", (criterion.name, "bold underline"))
        if criterion.description:
            title.append("\n" + criterion.description, style="italic")
        self.query_one("#walk-criterion", Static).update(title)
        self.query_one("#walk-levels", Static).update(self._levels(criterion))

        answer = self.answers.get(criterion.id)
        note = Text()
        if answer is not None and (answer.note or answer.evidence):
            if answer.note:
                note.append("Note: ", style="bold")
                note.append(answer.note)
            if answer.evidence:
                if answer.note:
                    note.append("\n")
                note.append("Evidence: ", style="bold")
                note.append(answer.evidence)
        elif self.run.editable:
            note.append("No note or evidence yet (e adds them)", style="italic")
            if self.respondent is not None and not self.run.revealed:
                note.append("\nOnly you and the coach see your answers until the coach "
                            "shows everyone's.", style="italic")
        else:
            note.append("No note or evidence", style="italic")
        self.query_one("#walk-note", Static).update(note)

        questions = Text()
        for question in dimension.questions:
            if questions:
                questions.append("\n")
            questions.append("• " + question)
        if not dimension.questions:
            questions.append("(this dimension has no guiding questions)", style="italic")
        self.query_one("#walk-questions", Static).update(questions)
        pane = self.query_one("#walk-questions-pane")
        pane.border_title = f"{dimension.name}: guiding questions"

    def _levels(self, criterion: Criterion) -> Group:
        answer = self.answers.get(criterion.id)
        chosen: int | str | None = "unanswered" if answer is None else answer.level
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=3, no_wrap=True)
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        last = None
        if self.previous is not None:
            last = self.previous[1].get(criterion.id)
        for level in self.model.levels:
            picked = chosen == level.level
            style = "bold" if picked else ""
            label = Text(criterion.levels[level.level], style=style)
            if last == level.level:
                label.append(f"  ◂ last run ({self.previous[0].run_date.isoformat()})",  # type: ignore[index]
                             style="italic cyan")
            grid.add_row(
                Text.assemble(("▶" if picked else " ", "bold green"), f" {level.level}",
                              style=style),
                Text(level.name, style="bold" if picked else ""),
                label,
            )
        picked = chosen is None
        grid.add_row(Text.assemble(("▶" if picked else " ", "bold green"), " n",
                                   style="bold" if picked else ""),
                     Text("not assessed", style="bold" if picked else NOT_ASSESSED_STYLE),
                     Text(""))
        parts: list[Text | Table] = [grid]
        spread = self.spreads.get(criterion.id)
        if spread is not None:
            line = Text(f"Respondents: {' '.join(str(a) for a in spread.answers)} · "
                        f"median {spread.median} · spread {spread.spread}")
            if spread.disagreement:
                line.append("  ⚠ differ by 2+ levels",
                            style="bold yellow")
            parts.append(line)
        elif self.hidden.get(criterion.id):
            count = self.hidden[criterion.id]
            parts.append(Text(f"{count} respondent{'' if count == 1 else 's'} answered; "
                              "their answers stay hidden until you reveal them (v on the "
                              "runs list)", style="italic"))
        return Group(*parts)

    # --- actions --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # an agreed run: no editing keys in the footer, and reopen instead
        if action in EDITING_ACTIONS:
            return self.run.editable
        if self.respondent is not None and action in RESPONDENT_HIDDEN:
            return False
        if action == "reopen":
            return not self.run.editable
        return True

    def _save_queued(self) -> None:
        """Start a worker that saves what is queued (on the app: leaving the walk must not
        cancel it)."""
        self.app.run_worker(self.app.service.maturity.answers.drain, name="maturity-save",
                            group="maturity-save", thread=True, exit_on_error=False)

    def _remember_cursor(self) -> None:
        self.app.service.maturity.answers.set_cursor(self.run.id, self.criterion.id,
                                                     respondent_id=self.respondent_id)
        self._save_queued()

    def action_move(self, step: int) -> None:
        if not self.loaded:
            return
        target = self.index + step
        if not 0 <= target < len(self.items):
            self.app.bell()
            return
        self.index = target
        self._draw()
        self._remember_cursor()

    def action_jump(self, index: int) -> None:
        if not self.loaded:
            return
        self.index = index % len(self.items)
        self._draw()
        self._remember_cursor()

    def action_unanswered(self) -> None:
        if not self.loaded:
            return
        count = len(self.items)
        for step in range(1, count + 1):
            i = (self.index + step) % count
            if self.items[i][1].id not in self.answers:
                self.action_jump(i)
                return
        self.notify("Every criterion has an answer.")

    def read_only_notice(self) -> str:
        if self.respondent is not None:
            return (f"This run is {self.run.status.value}, so its answers are read-only; "
                    "ask the coach to reopen it if something must change.")
        return (f"This run is {self.run.status.value}, so its answers are read-only: press "
                f"{document_actions.REOPEN_KEY} to reopen it as a draft (you say why; the "
                "reason is kept in its history).")

    def on_key(self, event: events.Key) -> None:
        # the editing keys are switched off for an agreed run: say why instead of nothing
        level_keys = [str(i) for i in range(min(len(self.model.levels), MAX_LEVEL_KEYS))]
        if self.loaded and not self.run.editable and event.key in ("n", "e", *level_keys):
            event.stop()
            self.notify(self.read_only_notice(), severity="warning", markup=False)

    def _editable(self) -> bool:
        if not self.loaded:
            return False
        if not self.run.editable:
            self.notify(self.read_only_notice(), severity="warning", markup=False)
            return False
        return True

    def action_level(self, level: int) -> None:
        if not self._editable():
            return
        value = None if level < 0 else level
        criterion_id = self.criterion.id
        old = self.answers.get(criterion_id, Answer(None))
        self.answers[criterion_id] = Answer(value, old.note, old.evidence)
        self.app.service.maturity.answers.set_answer(self.run.id, criterion_id, value,
                                                     model=self.model,
                                                     respondent_id=self.respondent_id)
        self._save_queued()
        if self.index + 1 < len(self.items):
            self.index += 1
            self._draw()
            self._remember_cursor()
        else:
            self._draw()
            open_ones = len(self.items) - self.answered_count()
            done = (": thank you, every answer is saved (escape ends; you can still change "
                    "any of them first)." if self.respondent is not None
                    else ": press s for the summary.")
            self.notify("Last criterion answered"
                        + (f"; {open_ones} still open (u jumps there)." if open_ones
                           else done))

    def action_note(self) -> None:
        if not self._editable():
            return
        criterion = self.criterion
        answer = self.answers.get(criterion.id, Answer(None))

        def done(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            note, evidence = result
            current = self.answers.get(criterion.id, Answer(None))
            self.answers[criterion.id] = Answer(current.level, note, evidence)
            self.app.service.maturity.answers.set_answer(
                self.run.id, criterion.id, current.level, note, evidence, model=self.model,
                respondent_id=self.respondent_id)
            self._save_queued()
            self._draw()

        self.app.push_screen(NoteDialog(criterion.name, answer.note, answer.evidence), done)

    def action_reopen(self) -> None:
        if not self.loaded:
            return

        def done(notice: str | None) -> None:
            if notice:
                self.notify(notice, markup=False)
            self._load()

        document_actions.reopen(self, RUN_KIND, str(self.run.id), done)

    def action_summary(self) -> None:
        from workbench.tui.screens.maturity_summary_screen import SummaryScreen

        self.app.push_screen(SummaryScreen(self.run, self.model))

    def action_back(self) -> None:
        if self.respondent is None:
            self.dismiss(None)
            return
        from workbench.tui.dialogs.confirm_dialog import ConfirmDialog

        answered, total = self.answered_count(), len(self.items)
        saved = ("You have not answered anything yet." if not answered else
                 "Your answer is saved." if answered == 1 else
                 f"Your {answered} answers are saved.")
        left = total - answered
        later = ("" if left <= 0 else
                 f" {left} {'criterion is' if left == 1 else 'criteria are'} still open; you "
                 "can carry on later.")

        def done(stop: bool | None) -> None:
            if stop:
                self.app.exit()

        self.app.push_screen(ConfirmDialog(
            "End for now?",
            saved + later, confirm_label="End",
            variant="primary"), done)


RESPONDENT_HIDDEN = ("summary", "reopen")
"""What a respondent's walk leaves out: the run's summary and reopening it."""


@cache
def _walk_class(levels: int, respondent: bool = False) -> type[WalkScreen]:
    # one footer entry and one help row ("0-2") for all the level keys
    keys = [Binding(str(i), f"level({i})", "Level" if i == 0 else "",
                    id="walk-level" if i == 0 else f"walk-level-{i}", show=i == 0,
                    key_display=f"0-{levels - 1}",
                    tooltip=f"Choose level 0 to {levels - 1} and move on" if i == 0 else "")
            for i in range(min(levels, MAX_LEVEL_KEYS))]
    rest = WalkScreen.BASE_BINDINGS
    if respondent:
        rest = [Binding("escape", "back", "End", id="walk-back",
                        tooltip="End for now (every answer is already saved)")
                if b.id == "walk-back" else b
                for b in rest if b.action not in RESPONDENT_HIDDEN]
    name = f"{'Respondent' if respondent else ''}WalkScreen{levels}"
    return type(name, (WalkScreen,), {"BINDINGS": keys + rest})


def walk_screen(run: RunInfo, model: AssessmentModel,
                respondent: Respondent | None = None) -> WalkScreen:
    """The walk for ``run``, with a key for each level of ``model``; with ``respondent``
    the respondent mode's walk (see the module docstring)."""
    return _walk_class(len(model.levels), respondent is not None)(run, model, respondent)
