"""The "Team charters" section: every team of the workspace with where its charter stands,
and the selected team's charter part by part (mission, responsibilities, scope, success
metrics with the current figures of the SLOs they name, interactions, communication,
review), with what is missing named at the top and the lifecycle line above the parts.

Decisions:
- The team list has the focus on opening: up and down move between teams (the charter on the
  right follows at once); enter or tab goes to the parts, where up and down move between
  parts and enter edits the selected one in its own dialog.
- A team without a charter shows what n does instead of parts: start an empty draft,
  reviewed quarterly (``wb.charters.new``); the team fills in the rest part by part.
- Every change goes through ``self.app.service.charters`` in a worker, with the version of
  the charter as shown (``view.version``): part dialogs save through ``change`` in their own
  worker (a refusal stays in the dialog with what was typed, a version conflict offers to
  reload); starting and removing go through ``ReloadingSection.reload``. A key pressed while
  such a change is saving is refused with a bell.
- Agree, reopen and history are the keys and dialogs every document shares (kind
  ``charter``, ref the team's name); agreeing is offered only once nothing required is
  missing (the store refuses it too), and says what is.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.widgets import DataTable, Static

from workbench.domain.organisation import ArtifactStatus, Workspace
from workbench.tui import document_actions
from workbench.tui.dialogs.charter_communication_dialog import CharterCommunicationDialog
from workbench.tui.dialogs.charter_interactions_dialog import CharterInteractionsDialog
from workbench.tui.dialogs.charter_metrics_dialog import CharterMetricsDialog
from workbench.tui.dialogs.charter_review_dialog import CharterReviewDialog
from workbench.tui.dialogs.charter_scope_dialog import CharterScopeDialog
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.document_form import LinesDialog, TextDialog
from workbench.tui.screens.document_section import DocumentSection
from workbench.tui.widgets.charter_list import CharterTable
from workbench.tui.widgets.charter_parts import CharterParts, charter_blocks, missing_text
from workbench.tui.widgets.document_parts import HangingText, PartsColumn
from workbench.tui.widgets.document_state import lifecycle_text

WIDE = 120
"""From this width on the team list is wider and gives each charter's next review date."""


@dataclass(frozen=True)
class CharterData:
    """What one load shows: the service's overview (every charter with its figures, the
    teams without one, and what a charter can name)."""

    overview: Any

    def find(self, team: str | None) -> Any:
        return self.overview.find(team) if team else None


class CharterScreen(DocumentSection):
    SECTION_ID = "charters"
    REVEAL_KIND = "charter"
    CSS_PATH: ClassVar = ["../documents.tcss", "../charter.tcss"]

    BINDINGS: ClassVar = [
        *[replace(b, show=b.key == document_actions.AGREE_KEY)
          for b in document_actions.bindings()],
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.data: CharterData | None = None
        self.selected_team: str | None = None

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="ch-body"):
            with Vertical(id="ch-list-pane", classes="pane"):
                yield CharterTable(id="ch-list")
            with Vertical(id="ch-doc-pane", classes="pane"):
                yield HangingText("Loading…", lines=2, id="ch-state", classes="doc-state")
                yield Static("", id="ch-missing", classes="doc-missing", markup=False)
                yield CharterParts(id="ch-parts")

    def on_mount(self) -> None:
        self.query_one("#ch-list-pane").border_title = "Teams"
        self.query_one("#ch-doc-pane").border_title = "Charter"
        self.query_one(CharterTable).focus()
        self._set_width_class(self.size.width)
        self.open_first()

    # --- loading --------------------------------------------------------------------------

    def load_data(self) -> CharterData:
        return CharterData(self.app.service.charters.overview(self.workspace.id,
                                                              self.app.today()))

    async def show_data(self, data: CharterData, select: Any) -> None:
        overview = data.overview
        team, part = self.begin_show(data, select, overview.charters)
        if team is not None:
            self.selected_team = team
        table = self.query_one(CharterTable)
        table.show(overview.charters, overview.without, select=self.selected_team,
                   wide=self.has_class("-wide"))
        self.selected_team = table.selected_team()
        agreed = sum(1 for v in overview.charters if v.state.status is ArtifactStatus.AGREED)
        self.query_one("#ch-list-pane").border_title = (
            f"Teams ({len(table.teams)}) · {agreed} agreed")
        self._show_charter(part)
        if part is not None:  # a part was just saved (or a charter started): edit on
            self.query_one(CharterParts).focus()

    def selected_view(self) -> Any:
        return self.data.find(self.selected_team) if self.data is not None else None

    def _show_charter(self, part: str | None = None) -> None:
        self.refresh_bindings()
        view = self.selected_view()
        state = self.query_one("#ch-state", HangingText)
        missing = self.query_one("#ch-missing", Static)
        parts = self.query_one(CharterParts)
        pane = self.query_one("#ch-doc-pane")
        if view is None:
            team = self.selected_team
            pane.border_title = f"Charter of {team}" if team else "Charter"
            state.update(
                f"{team} has no charter yet: n starts one (an empty draft, reviewed "
                "quarterly), then fill it in part by part." if team else
                "No teams yet: add them in Teams & services (key 1), then write their "
                "charters here.")
            missing.set_class(False, "-shown")
            parts.display = False
            return
        parts.display = True
        notes = []
        if view.missing:
            notes.append(f"{len(view.missing)} missing")
        if view.problems:
            count = len(view.problems)
            notes.append(f"{count} problem{'s' if count != 1 else ''}")
        if view.review_due:
            notes.append("review due")
        pane.border_title = f"Charter of {view.team}" + (
            f" · {', '.join(notes)}" if notes else " · complete")
        state.update(lifecycle_text(view, short=not self.has_class("-wide")))
        text = missing_text(view)
        missing.update(text or "")
        missing.set_class(text is not None, "-shown")
        parts.show(charter_blocks(view), select=part)

    @on(DataTable.RowHighlighted, "#ch-list")
    def _team_highlighted(self) -> None:
        team = self.query_one(CharterTable).selected_team()
        if team != self.selected_team:
            self.selected_team = team
            self._show_charter()

    @on(DataTable.RowSelected, "#ch-list")
    def _team_selected(self) -> None:
        if self.selected_view() is None and self.selected_team is not None:
            self.notify(f"{self.selected_team} has no charter yet: n starts one.",
                        markup=False)
        else:
            self.action_focus_parts()

    @on(PartsColumn.Selected)
    def _part_selected(self) -> None:
        self.refresh_bindings()

    # --- layout ---------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._set_width_class(event.size.width)

    def _set_width_class(self, width: int) -> None:
        wide = width >= WIDE
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            if self.data is not None:
                overview = self.data.overview
                self.query_one(CharterTable).show(overview.charters, overview.without,
                                                  select=self.selected_team, wide=wide)
                self._show_charter()

    # --- keys -----------------------------------------------------------------------------

    VIEW_ACTIONS: ClassVar = frozenset({
        "edit_part", "focus_parts", "remove_charter", "agree", "reopen", "history"})
    """The keys that act on a charter show only while the selected team has one (n says
    when the team has one already)."""
    NEED_VIEW = "Select a team with a charter to {what} (n starts one)."

    def action_focus_parts(self) -> None:
        if self.selected_view() is not None:
            self.query_one(CharterParts).focus()

    def _saver(self, view: Any):
        area, ws, team, version = (self.app.service.charters, self.workspace.id, view.team,
                                   view.version)

        def save(values: dict[str, Any]) -> Any:
            return area.change(ws, team, values, expected_version=version)
        return save

    def _edited(self, part: str, notice: str):
        def done(result: Any) -> None:
            if result is not None:
                self.reload(select=(result.team, part), notice=notice.format(team=result.team))
        return done

    def action_new_charter(self) -> None:
        team = self.selected_team
        if self.data is None or team is None:
            return
        if self.selected_view() is not None:
            self.notify(f"{team} has a charter already: e edits its parts.",
                        severity="warning", markup=False)
            return
        area, ws = self.app.service.charters, self.workspace.id
        self._change(lambda: area.new(ws, team), select=(team, "mission"),
                     notice=f"Started the charter of {team}: a draft reviewed quarterly; "
                            "fill in its parts")

    def action_edit_part(self) -> None:
        view = self._need_view("edit")
        if view is None:
            return
        key = self.query_one(CharterParts).selected_key
        save, charter = self._saver(view), view.charter
        team = charter.team
        if key == "mission":
            dialog = TextDialog(
                f"Mission of the {team} team", save, key="mission", text=charter.mission,
                hint="What does the team exist to achieve? One or two sentences; ctrl+s "
                     "saves.",
                placeholder="e.g. keep the platform within its reliability targets")
        elif key == "responsibilities":
            dialog = LinesDialog(
                f"Responsibilities of the {team} team", save, key="responsibilities",
                items=charter.responsibilities,
                hint="One responsibility per line, the most important first; ctrl+s saves.",
                placeholder="e.g. Lead incident response and run blameless postmortems")
        elif key == "scope":
            dialog = CharterScopeDialog(save, charter=charter)
        elif key == "metrics":
            slos = self.data.overview.choices.team_slos.get(team, ())
            dialog = CharterMetricsDialog(save, charter=charter, team_slos=slos)
        elif key == "interactions":
            dialog = CharterInteractionsDialog(save, charter=charter,
                                               teams=self.data.overview.choices.teams)
        elif key == "communication":
            dialog = CharterCommunicationDialog(save, charter=charter)
        else:
            dialog = CharterReviewDialog(save, charter=charter, today=self.app.today())
        title = {"metrics": "success metrics"}.get(key, key)
        self.app.push_screen(dialog, self._edited(key, f"Saved the {title} of the {{team}} "
                                                       "charter"))

    def action_remove_charter(self) -> None:
        view = self._need_view("remove")
        if view is None:
            return
        area, ws, team, version = (self.app.service.charters, self.workspace.id, view.team,
                                   view.version)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._change(lambda: area.remove(ws, team, expected_version=version),
                             select=team, notice=f"Removed the charter of {team}")

        self.app.push_screen(ConfirmDialog(
            "Remove charter", f"Remove the charter of {team} with its history and "
            "sign-offs? The team stays."), confirmed)

    # --- the charter as a document --------------------------------------------------------

    def selected_key(self, view: Any) -> str:
        return view.team

    def agree_subject(self, view: Any) -> str:
        return f"The charter of {view.team}"
