"""The "Budget policies" section: the workspace's error budget policies and, for the selected
one, an editor that walks through its parts in the book's order (scope, purpose, conditions
with their consequences, escalation, who agreed, next review), each marked done or missing,
with an "if today's figures hold" panel from the evaluator beside the conditions.

Decisions:
- The parts table has the focus: up and down walk through the parts, enter edits the one
  selected in its own dialog, and the details line below gives the whole of it (with what is
  missing or wrong). Shift+tab goes to the list of policies above (moving there shows
  another policy's parts at once); tab goes on to the panel, which scrolls.
- Every change goes through ``self.app.service.policies`` in a worker, with the version of
  the policy as shown (``view.version``): part dialogs save through ``change`` in their own
  worker (a refusal stays in the dialog with what was typed); removals go through
  ``ReloadingSection.reload``. A key pressed while a change is saving is refused with a bell.
- The freeze banner tells apart a freeze in force (the agreed revision stops an activity
  today) from one the draft would bring in once agreed; for a draft with an agreed revision
  in force, that revision is evaluated too (``wb.policies.evaluate``), so the banner says
  what is frozen now, not what the draft would freeze.
- Agree, reopen and history are the same keys and dialogs as for every document (kind
  ``policy``, ref the policy's name); agreeing is offered only once no required part is
  missing (the store refuses it too), and says which parts are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import DataTable, Static

from workbench.domain.organisation import ArtifactStatus, Workspace
from workbench.domain.policy import ENDS_TITLES, policy_values
from workbench.tui import document_actions
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.policy_condition_dialog import PolicyConditionDialog
from workbench.tui.dialogs.policy_consequence_dialog import PolicyConsequenceDialog
from workbench.tui.dialogs.policy_escalation_dialog import PolicyEscalationDialog
from workbench.tui.dialogs.policy_purpose_dialog import PolicyPurposeDialog
from workbench.tui.dialogs.policy_review_dialog import PolicyReviewDialog
from workbench.tui.dialogs.policy_scope_dialog import PolicyScopeDialog
from workbench.tui.screens.document_section import DocumentSection
from workbench.tui.widgets.policy_evaluation import (
    EvaluationPanel,
    figure_line,
    freeze_text,
)
from workbench.tui.widgets.policy_list import PolicyTable, in_force_freezes
from workbench.tui.widgets.policy_parts import (
    MISSING,
    PartRow,
    PartsTable,
    agreed_summary,
    policy_rows,
    review_summary,
    scope_summary,
)
from workbench.tui.widgets.stakeholder_summary import ClampedText

WIDE = 120
"""From this width on the evaluation panel is wider and the details get a third line."""


@dataclass(frozen=True)
class PolicyData:
    """What one load shows: the overview (each view carries the evaluation of its content
    and of the agreed revision in force)."""

    overview: Any

    def find(self, ref: str | None) -> Any:
        if ref is None:
            return None
        return next((v for v in self.overview.policies if v.ref == ref), None)


def banner_text(view: Any, data: PolicyData) -> Content | None:
    """The freeze banner of one policy, or None when nothing is or would be frozen."""
    frozen_now = view.ref in in_force_freezes(data.overview.freezes)
    agreed = view.state is not None and view.state.status is ArtifactStatus.AGREED
    if frozen_now and not agreed and view.in_force_evaluation is not None:
        text = freeze_text(view.in_force_evaluation)
        return (Content.assemble(text, f" · agreed revision {view.in_force_number} in force")
                if text else None)
    text = freeze_text(view.evaluation)
    if text is None:
        return Content("❄ In force now: a freeze (see the SLO list)") if frozen_now else None
    if frozen_now or agreed:
        return text
    return Content.assemble(("Once agreed, this draft brings in: ", "bold"), text)


def part_details(row: PartRow, view: Any, today: Any) -> Content:
    """The whole of one part, after what is missing or wrong with it."""
    policy = view.policy
    parts: list[str | tuple[str, str] | Content] = []
    for message in row.messages:
        style = "bold $text-error" if row.state == MISSING else "bold $text-warning"
        mark = "✗ Missing: " if row.state == MISSING else "⚠ "
        parts += [(mark + message, style), " · "]
    if row.kind == "scope":
        parts += [(policy.title or policy.name, "bold"), f" · {scope_summary(policy)}"]
        evaluation = view.evaluation
        if evaluation is not None and evaluation.in_scope:
            parts.append(" · evaluated: " + ", ".join(evaluation.in_scope))
    elif row.kind == "purpose":
        parts.append(" ".join(policy.purpose.split()) or
                     "Not written yet: enter writes why the team keeps this policy.")
    elif row.kind == "conditions":
        parts.append("No conditions yet: a adds the first (a trigger with its figures).")
    elif row.kind == "condition":
        cond = policy.conditions[row.condition]
        parts += [(f"If {cond.key}: ", "bold"), cond.describe()]
        if cond.description:
            parts.append(f" · {cond.description}")
        evaluation = view.evaluation
        if evaluation is not None:
            firing = [r for r in evaluation.results if r.condition == cond.key
                      and r.outcome.value == "fires"]
            if firing:
                parts.append((" · fires now: " + ", ".join(
                    f"{r.slo} {figure_line(r)}" for r in firing), "bold $text-error"))
        count = len(cond.consequences)
        parts.append(f" · {count} consequence{'s' if count != 1 else ''} (c adds one)")
    elif row.kind == "consequence":
        cond = policy.conditions[row.condition]
        cons = cond.consequences[row.consequence]
        parts += [(f"If {cond.key}, then ", "bold"), cons.describe(),
                  f" · ends {ENDS_TITLES[cons.ends]}"]
        if cons.detail:
            parts.append(f" · {' '.join(cons.detail.split())}")
    elif row.kind == "escalation":
        parts.append(f"Tiebreaker: {policy.tiebreaker or 'nobody named'}")
        if policy.escalation:
            parts.append(f" · {' '.join(policy.escalation.split())}")
        for contact in policy.contacts:
            extra = ", ".join(x for x in (contact.role, contact.how) if x)
            parts.append(f" · {contact.name}" + (f" ({extra})" if extra else ""))
    elif row.kind == "agreed":
        summary, _state = agreed_summary(view.state)
        parts.append(summary[:1].upper() + summary[1:])
        if view.state is not None:
            parts.append(" · must agree: " + ", ".join(p.label for p in view.state.required))
            if view.state.status is not ArtifactStatus.AGREED:
                parts.append(" · g collects sign-offs")
    elif row.kind == "review":
        summary, _late = review_summary(policy, today)
        parts.append("Review: " + summary)
    return Content.assemble(*parts)


class PolicyScreen(DocumentSection):
    SECTION_ID = "policies"
    REVEAL_KIND = "policy"
    CSS_PATH = "../policy.tcss"

    BINDINGS: ClassVar = [
        Binding("n", "new_policy", "New", id="pol-new",
                tooltip="New error budget policy (starts from the book's example conditions)"),
        *[replace(b, show=b.key == document_actions.AGREE_KEY)
          for b in document_actions.bindings()],
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.data: PolicyData | None = None
        self.selected_ref: str | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="pol-list-pane", classes="pane"):
            yield PolicyTable(id="pol-list")
        yield Static("", id="pol-freeze", markup=False)
        with Horizontal(id="pol-body"):
            with Vertical(id="pol-parts-pane", classes="pane"):
                yield PartsTable(id="pol-parts")
            with VerticalScroll(id="pol-eval-pane", classes="pane"):
                yield EvaluationPanel(id="pol-eval")
        yield ClampedText("Loading…", lines=2, id="pol-details")

    def on_mount(self) -> None:
        self.query_one("#pol-list-pane").border_title = "Error budget policies"
        self.query_one("#pol-parts-pane").border_title = "Parts"
        self.query_one("#pol-eval-pane").border_title = "If today's figures hold"
        self.query_one(PartsTable).focus()
        self._set_width_class(self.size.width)
        self.open_first()

    # --- loading --------------------------------------------------------------------------

    def load_data(self) -> PolicyData:
        return PolicyData(self.app.service.policies.overview(self.workspace.id,
                                                             self.app.today()))

    async def show_data(self, data: PolicyData, select: Any) -> None:
        views = data.overview.policies
        ref, part = self.begin_show(data, select, views)
        if ref is not None:
            self.selected_ref = ref
        if data.find(self.selected_ref) is None:
            self.selected_ref = views[0].ref if views else None
        table = self.query_one(PolicyTable)
        table.show(views, data.overview.freezes, select=self.selected_ref)
        count = len(views)
        self.query_one("#pol-list-pane").border_title = (
            f"Error budget policies ({count}) · as of {data.overview.as_of.isoformat()}")
        self._show_policy(part)
        if not views:
            table.focus()
        elif part is not None:  # a part was just saved (or a policy started): edit on
            self.query_one(PartsTable).focus()

    def selected_view(self) -> Any:
        return self.data.find(self.selected_ref) if self.data is not None else None

    def _show_policy(self, part: str | None = None) -> None:
        view = self.selected_view()
        parts = self.query_one(PartsTable)
        banner = self.query_one("#pol-freeze", Static)
        panel = self.query_one(EvaluationPanel)
        if view is None:
            parts.show([])
            banner.update("")
            banner.set_class(False, "-shown")
            panel.update("No policy selected.")
            self.query_one("#pol-parts-pane").border_title = "Parts"
            self._show_details()
            return
        parts.show(policy_rows(view, self.app.today()), select=part)
        missing = len(view.missing)
        problems = len(view.problems)
        notes = []
        if missing:
            notes.append(f"{missing} missing")
        if problems:
            notes.append(f"{problems} problem{'s' if problems != 1 else ''}")
        self.query_one("#pol-parts-pane").border_title = (
            f"Parts of {view.ref}" + (f" · {', '.join(notes)}" if notes else " · complete"))
        text = banner_text(view, self.data)
        banner.update(text or "")
        banner.set_class(text is not None, "-shown")
        self._show_details()

    def _show_details(self) -> None:
        self.refresh_bindings()
        details = self.query_one("#pol-details", ClampedText)
        panel = self.query_one(EvaluationPanel)
        view = self.selected_view()
        if self.data is None:
            details.update("Loading…")
            return
        if view is None:
            details.update("No error budget policy yet: n starts one from the book's example "
                           "conditions.")
            return
        row = self.query_one(PartsTable).selected_row
        condition = (view.policy.conditions[row.condition].key
                     if row is not None and row.condition is not None else None)
        line = panel.show(view, condition, wide=self.has_class("-wide"))
        # keep the selected condition's figures in view beside it (once the new text is
        # laid out, or the scroll would stop at the old text's end)
        pane = self.query_one("#pol-eval-pane", VerticalScroll)
        self.call_after_refresh(pane.scroll_to, y=max(0, line - 1) if condition else 0,
                                animate=False)
        details.update(part_details(row, view, self.app.today()) if row is not None else "")

    @on(DataTable.RowHighlighted, "#pol-list")
    def _policy_highlighted(self) -> None:
        ref = self.query_one(PolicyTable).selected_ref()
        if ref != self.selected_ref:
            self.selected_ref = ref
            self._show_policy()

    @on(DataTable.RowSelected, "#pol-list")
    def action_focus_parts(self) -> None:
        self.query_one(PartsTable).focus()

    @on(DataTable.RowHighlighted, "#pol-parts")
    def _part_highlighted(self) -> None:
        self._show_details()

    @on(DataTable.RowSelected, "#pol-parts")
    def _part_selected(self) -> None:
        self.action_edit_part()

    # --- layout ---------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._set_width_class(event.size.width)

    def _set_width_class(self, width: int) -> None:
        wide = width >= WIDE
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            self.query_one("#pol-details", ClampedText).lines = 3 if wide else 2
            if self.data is not None:
                self._show_details()

    # --- changes --------------------------------------------------------------------------

    VIEW_ACTIONS: ClassVar = frozenset({
        "edit_part", "add_condition", "add_consequence", "remove_part", "remove_policy",
        "focus_parts", "agree", "reopen", "history"})
    """The keys that act on a policy show only while one is selected (an empty list offers
    n New)."""
    NEED_VIEW = "Select a policy to {what} (n starts one)."

    def _saver(self, view: Any):
        area, ws, ref, version = (self.app.service.policies, self.workspace.id, view.ref,
                                  view.version)

        def save(values: dict[str, Any]) -> Any:
            return area.change(ws, ref, values, expected_version=version)
        return save

    def _edited(self, part: str, notice: str):
        def done(result: Any) -> None:
            if result is not None:
                self.reload(select=(result.ref, part), notice=notice.format(name=result.ref))
        return done

    def action_new_policy(self) -> None:
        data = self.data
        if data is None:
            return
        area, ws = self.app.service.policies, self.workspace.id

        def save(values: dict[str, Any]) -> Any:
            return area.new(ws, values["name"], team=values["team"],
                            services=values["services"], slos=values["slos"])

        self.app.push_screen(
            PolicyScopeDialog("New error budget policy", save, choices=data.overview.choices),
            self._edited("scope", "Started policy {name}: a draft with the book's example "
                                  "conditions; change them to fit"))

    def action_edit_part(self) -> None:
        view = self._need_view("edit")
        if view is None:
            return
        row = self.query_one(PartsTable).selected_row
        if row is None:
            return
        save, policy = self._saver(view), view.policy
        if row.kind == "scope":
            dialog = PolicyScopeDialog(f"Name and scope of {policy.name}", save,
                                       choices=self.data.overview.choices, policy=policy)
            notice = "Saved the name and scope of {name}"
        elif row.kind == "purpose":
            dialog, notice = PolicyPurposeDialog(save, policy=policy), "Saved the purpose of {name}"
        elif row.kind == "conditions":
            self.action_add_condition()
            return
        elif row.kind == "condition":
            dialog = PolicyConditionDialog(save, policy=policy, index=row.condition)
            notice = "Saved a condition of {name}"
        elif row.kind == "consequence":
            dialog = PolicyConsequenceDialog(save, policy=policy, index=row.condition,
                                             number=row.consequence)
            notice = "Saved a consequence of {name}"
        elif row.kind == "escalation":
            dialog = PolicyEscalationDialog(save, policy=policy)
            notice = "Saved the escalation of {name}"
        elif row.kind == "agreed":
            self.action_agree()
            return
        else:
            dialog, notice = PolicyReviewDialog(save, policy=policy), "Saved the review of {name}"
        self.app.push_screen(dialog, self._edited(row.key, notice))

    def action_add_condition(self) -> None:
        view = self._need_view("add a condition to")
        if view is None:
            return
        index = len(view.policy.conditions)
        self.app.push_screen(PolicyConditionDialog(self._saver(view), policy=view.policy),
                             self._edited(f"condition:{index}", "Added a condition to {name}"))

    def action_add_consequence(self) -> None:
        view = self._need_view("add a consequence to")
        if view is None:
            return
        row = self.query_one(PartsTable).selected_row
        if row is None or row.condition is None:
            self.notify("Select a condition (or one of its consequences) to add a "
                        "consequence to it.", severity="warning", markup=False)
            return
        number = len(view.policy.conditions[row.condition].consequences)
        self.app.push_screen(
            PolicyConsequenceDialog(self._saver(view), policy=view.policy,
                                    index=row.condition),
            self._edited(f"consequence:{row.condition}:{number}",
                         "Added a consequence to {name}"))

    def action_remove_part(self) -> None:
        view = self._need_view("remove a part of")
        if view is None:
            return
        row = self.query_one(PartsTable).selected_row
        if row is None or row.kind not in ("condition", "consequence"):
            self.notify("Only a condition or a consequence is removed here; x in the list "
                        "of policies removes a whole policy.", severity="warning",
                        markup=False)
            return
        conditions = policy_values(view.policy)["conditions"]
        cond = view.policy.conditions[row.condition]
        if row.kind == "condition":
            del conditions[row.condition]
            what = f"the condition {cond.key} and its {len(cond.consequences)} consequence(s)"
            select = f"condition:{max(0, row.condition - 1)}" if conditions else "conditions"
        else:
            del conditions[row.condition]["consequences"][row.consequence]
            what = (f"the consequence \u201c{cond.consequences[row.consequence].describe()}"
                    f"\u201d of {cond.key}")
            select = f"condition:{row.condition}"
        save = self._saver(view)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._change(lambda: save({"conditions": conditions}),
                             select=(view.ref, select), notice=f"Removed {what}")

        self.app.push_screen(ConfirmDialog(
            "Remove from the policy", f"Remove {what} from {view.ref}? Earlier revisions "
            "keep it."), confirmed)

    def action_remove_policy(self) -> None:
        view = self._need_view("remove")
        if view is None:
            return
        area, ws, ref, version = (self.app.service.policies, self.workspace.id, view.ref,
                                  view.version)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.selected_ref = None
                self._change(lambda: area.remove(ws, ref, expected_version=version),
                             notice=f"Removed the error budget policy {ref}")

        self.app.push_screen(ConfirmDialog(
            "Remove policy", f"Remove the error budget policy {ref} with its history and "
            "sign-offs? A deploy gate no longer sees its freezes."), confirmed)
