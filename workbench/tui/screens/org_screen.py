"""The "Organisation" section: the "who builds it, who runs it?" decision with its criteria
side by side (one row per criterion of the book's comparison, one column per model
considered, the book's rating and the coach's score in each cell), the totals, the SRE
sizing the chosen model implies for the workspace's teams, and the reason; ``p`` switches
between the organisation's decision and the products' ones, ``r`` opens the SRE role.

Decisions:
- The comparison has the focus; its cursor is a cell, and the line under the table gives
  the whole of the cell under it (a narrow cell may cut its text): the book's rating, the
  score and note, what a criterion means, a model's summary on the total row.
- Every change goes through ``self.app.service.organisation`` in a worker, with the version
  of the decision as shown: part dialogs save through ``change_decision`` in their own worker
  (a refusal stays in the dialog, a version conflict offers to reload); starting and removing
  go through ``ReloadingSection.reload``.
- One key per part, as the book's decision record has them: ``c`` the model chosen, ``m`` the
  models considered, ``s`` a score, ``w`` the reason, ``t`` the teams and sizing settings.
- Agree, reopen and history are the keys and dialogs every document shares (kind ``org``,
  ref ``organisation`` or the product); agreeing is offered only once nothing required is
  missing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable, Static

from workbench.domain.names import lookup_key
from workbench.domain.org import Criterion
from workbench.domain.organisation import Workspace
from workbench.errors import ConflictError
from workbench.tui import document_actions
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.document_form import TextDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.dialogs.org_choose_dialog import OrgChooseDialog
from workbench.tui.dialogs.org_models_dialog import OrgModelsDialog
from workbench.tui.dialogs.org_score_dialog import OrgScoreDialog
from workbench.tui.dialogs.org_teams_dialog import OrgTeamsDialog
from workbench.tui.screens.document_section import DocumentSection
from workbench.tui.widgets.document_parts import HangingText
from workbench.tui.widgets.document_state import lifecycle_text
from workbench.tui.widgets.org_table import (
    SIZING,
    TOTAL,
    WIDE_TABLE,
    DecisionTable,
    cell_details,
    sizing_text,
)

ORGANISATION = "organisation"
PART_NAMES = {"chosen": "the model chosen", "considered": "the models considered",
              "reason": "the reason"}


def decision_label(view: Any) -> str:
    product = view.decision.product
    return f"product {product}" if product else "the organisation"


def missing_line(view: Any) -> Content | None:
    if not view.missing:
        return None
    named = "; ".join(f"{PART_NAMES.get(m.part, m.part)} ({m.message})" for m in view.missing)
    return Content.assemble(("✗ Missing before it can be agreed: ", "bold $text-error"),
                            named)


@dataclass(frozen=True)
class OrgData:
    """What one load shows: the service's organisation overview."""

    organisation: Any

    @property
    def decisions(self) -> tuple[Any, ...]:
        return self.organisation.decisions

    def find(self, ref: str | None) -> Any:
        if ref is None:
            return None
        key = lookup_key(ref)
        return next((d for d in self.decisions if lookup_key(d.ref) == key), None)


class OrgScreen(DocumentSection):
    SECTION_ID = "organisation"
    REVEAL_KIND = "org"
    CSS_PATH: ClassVar = ["../documents.tcss", "../org.tcss"]

    BINDINGS: ClassVar = [
        Binding("c", "choose", "Choose", id="org-choose",
                tooltip="Choose the model (among those considered) and the day decided"),
        Binding("m", "models", "Models", id="org-models", show=False,
                tooltip="Which models are compared side by side (tick them)"),
        Binding("w", "reason", "Reason", id="org-reason", show=False,
                tooltip="Write why this model was chosen"),
        Binding("t", "teams", "Teams", id="org-teams", show=False,
                tooltip="Which teams are SRE or other teams, and the sizing settings"),
        Binding("p", "switch", "Switch", id="org-switch", show=False,
                tooltip="Switch between the organisation's decision and the products' ones"),
        Binding("n", "new_decision", "New", id="org-new", show=False,
                tooltip="Start a decision for a product (or the organisation) comparing the "
                        "four models of the spectrum"),
        Binding("x,delete", "remove_decision", "Remove", id="org-remove", show=False,
                tooltip="Remove the decision shown, with its history (asks first)"),
        Binding("r", "role", "SRE role", id="org-role",
                tooltip="The SRE role description: responsibilities, skills, stack"),
        *[replace(b, show=b.key == document_actions.AGREE_KEY)
          for b in document_actions.bindings()],
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.data: OrgData | None = None
        self.selected_ref: str | None = None

    def compose_body(self) -> ComposeResult:
        yield HangingText("Loading…", lines=2, id="org-state")
        yield Static("", id="org-missing", classes="doc-missing", markup=False)
        with Vertical(id="org-table-pane", classes="pane"):
            yield DecisionTable(id="org-table")
        yield HangingText("", lines=2, id="org-cell")
        yield Static("", id="org-sizing", markup=False)
        with VerticalScroll(id="org-reason-pane"):
            yield Static("", id="org-reason", markup=False)

    def on_mount(self) -> None:
        self.query_one("#org-table-pane").border_title = "Models compared"
        self.query_one(DecisionTable).focus()
        self._set_width_class(self.size.width)
        self.open_first()

    # --- loading --------------------------------------------------------------------------

    def load_data(self) -> OrgData:
        return OrgData(self.app.service.organisation.overview(self.workspace.id))

    async def show_data(self, data: OrgData, select: Any) -> None:
        ref, cell = self.begin_show(data, select, data.decisions)
        if ref is not None:
            self.selected_ref = ref
        if data.find(self.selected_ref) is None:
            first = data.find(ORGANISATION) or (data.decisions[0] if data.decisions else None)
            self.selected_ref = first.ref if first is not None else None
        self._show_decision(cell)

    def selected_view(self) -> Any:
        return self.data.find(self.selected_ref) if self.data is not None else None

    def _show_decision(self, cell: tuple[str, Any] | None = None) -> None:
        self.refresh_bindings()
        view = self.selected_view()
        table = self.query_one(DecisionTable)
        state = self.query_one("#org-state", HangingText)
        missing = self.query_one("#org-missing", Static)
        pane = self.query_one("#org-table-pane")
        reason = self.query_one("#org-reason", Static)
        table.show(view, wide=self.has_class("-wide"))
        if view is None:
            state.update("No organisation model decision yet: n starts one comparing the four "
                         "models of the spectrum, from you build it, you run it to you build "
                         "it, ops run it.")
            missing.set_class(False, "-shown")
            pane.display = False
            self.query_one("#org-sizing", Static).update("")
            reason.update("")
            self._show_cell()
            return
        pane.display = True
        count = len(self.data.decisions)
        where = f" · {self.data.decisions.index(view) + 1} of {count}, p switches" \
            if count > 1 else ""
        pane.border_title = f"Decision for {decision_label(view)}{where}"
        decided = view.decision.decided_on
        state.update(Content.assemble(
            (f"Decided {decided.isoformat()}", "bold") if decided else ("Not decided yet",
                                                                       "bold"),
            " · ", lifecycle_text(view, short=not self.has_class("-wide"))))
        text = missing_line(view)
        missing.update(text or "")
        missing.set_class(text is not None, "-shown")
        self.query_one("#org-sizing", Static).update(Content.assemble(
            ("SRE sizing: ", "bold"), sizing_text(view.chosen_sizing)))
        reason.update(Content.assemble(
            ("Reason: ", "bold"),
            view.decision.reason.strip() or "not written yet (w writes why this model)"))
        if cell is not None:
            table.select_cell(*cell)
        self._show_cell()

    def _show_cell(self) -> None:
        details = self.query_one("#org-cell", HangingText)
        view = self.selected_view()
        table = self.query_one(DecisionTable)
        row, model = table.cell_under_cursor
        if view is None or row is None:
            details.update("")
            return
        details.update(cell_details(view, row, model))

    @on(DataTable.CellHighlighted, "#org-table")
    def _cell_highlighted(self) -> None:
        self._show_cell()

    @on(DataTable.CellSelected, "#org-table")
    def _cell_selected(self) -> None:
        self.action_score()

    # --- layout ---------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._set_width_class(event.size.width)

    def _set_width_class(self, width: int) -> None:
        wide = width >= WIDE_TABLE
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            self.query_one("#org-cell", HangingText).lines = 3 if wide else 2
            if self.data is not None:
                self._show_decision()

    # --- keys -----------------------------------------------------------------------------

    VIEW_ACTIONS: ClassVar = frozenset({
        "choose", "models", "reason", "teams", "score", "remove_decision", "agree", "reopen",
        "history"})
    """The keys that act on a decision show only while there is one (p says when there is
    nothing to switch to)."""
    NEED_VIEW = "No decision to {what} yet: n starts one."

    def _saver(self, view: Any):
        area, ws, product, version = (self.app.service.organisation, self.workspace.id,
                                      view.decision.product, view.version)

        def save(values: dict[str, Any]) -> Any:
            return area.change_decision(ws, product, values, expected_version=version)
        return save

    def _edited(self, notice: str, cell: tuple[str, Any] | None = None):
        def done(result: Any) -> None:
            if result is not None:
                label = decision_label(result)
                self.reload(select=(result.ref, cell) if cell else result.ref,
                            notice=notice.format(label=label))
        return done

    def action_choose(self) -> None:
        view = self._need_view("choose a model for")
        if view is not None:
            self.app.push_screen(
                OrgChooseDialog(self._saver(view), decision=view.decision,
                                today=self.app.today()),
                self._edited("Saved the model chosen for {label}"))

    def action_models(self) -> None:
        view = self._need_view("compare models in")
        if view is not None:
            self.app.push_screen(OrgModelsDialog(self._saver(view), decision=view.decision),
                                 self._edited("Saved the models compared for {label}"))

    def action_reason(self) -> None:
        view = self._need_view("give a reason for")
        if view is not None:
            self.app.push_screen(TextDialog(
                f"Why {decision_label(view)} chose its model", self._saver(view),
                key="reason", text=view.decision.reason,
                hint="Why this model, in the organisation's own words (what weighed most, "
                     "what was ruled out and why); ctrl+s saves.",
                placeholder="e.g. our product teams change daily and carry the highest "
                            "targets, so their developers stay on call"),
                self._edited("Saved the reason for {label}"))

    def action_teams(self) -> None:
        view = self._need_view("set the teams of")
        if view is not None:
            self.app.push_screen(
                OrgTeamsDialog(self._saver(view), decision=view.decision, teams=view.teams),
                self._edited("Saved the teams and sizing for {label}"))

    def action_score(self) -> None:
        view = self._need_view("score")
        if view is None:
            return
        row, model = self.query_one(DecisionTable).cell_under_cursor
        if model is None or row in (None, TOTAL, SIZING):
            self.notify("Move the cursor to a model's cell on a criterion's row to score it.",
                        severity="warning", markup=False)
            return
        criterion = Criterion(row)
        self.app.push_screen(
            OrgScoreDialog(self._saver(view), decision=view.decision, model=model,
                           criterion=criterion),
            self._edited(f"Saved the score of {model.short} on {criterion.title} for "
                         "{label}", cell=(row, model)))

    def action_switch(self) -> None:
        data = self.data
        if data is None or len(data.decisions) < 2:
            self.notify("Only one decision so far: n starts one for a product.",
                        markup=False)
            return
        view = self.selected_view()
        index = data.decisions.index(view) if view in data.decisions else -1
        following = data.decisions[(index + 1) % len(data.decisions)]
        self.selected_ref = following.ref
        self._show_decision()
        self.notify(f"The decision for {decision_label(following)}", markup=False)

    def action_new_decision(self) -> None:
        if self.data is None:
            return
        area, ws, data = self.app.service.organisation, self.workspace.id, self.data

        def save(product: str) -> Any:
            name = product.strip()
            if data.find(name or ORGANISATION) is not None:
                what = f"product {name}" if name else "the organisation"
                raise ConflictError(f"{what} has a decision already; p switches to it")
            return area.new_decision(ws, name or None)

        def done(result: Any) -> None:
            if result is not None:
                self.reload(select=result.ref,
                            notice=f"Started the decision for {decision_label(result)}: "
                                   "the four models of the spectrum, none chosen yet")

        self.app.push_screen(NameDialog(
            "New organisation model decision", save,
            label="For which product? (empty: the whole organisation)",
            placeholder="e.g. Checkout" if data.find(ORGANISATION) else ""), done)

    def action_remove_decision(self) -> None:
        view = self._need_view("remove")
        if view is None:
            return
        area, ws, product, version = (self.app.service.organisation, self.workspace.id,
                                      view.decision.product, view.version)
        label = decision_label(view)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.selected_ref = None
                self._change(lambda: area.remove_decision(ws, product,
                                                          expected_version=version),
                             notice=f"Removed the decision for {label}")

        self.app.push_screen(ConfirmDialog(
            "Remove decision", f"Remove the organisation model decision for {label} with "
            "its scores, history and sign-offs?"), confirmed)

    def action_role(self) -> None:
        from workbench.tui.screens.role_screen import RoleScreen

        self.app.push_screen(RoleScreen(self.workspace))

    # --- the decision as a document -------------------------------------------------------

    def agree_subject(self, view: Any) -> str:
        return f"The decision for {decision_label(view)}"
