"""The "On-call" section: a team's on-call setup agreement, built from the keyboard. Five
tabs, each named with its key: the out-of-hours decision per service (d), the selected
rotation's generated schedule (r) and its fairness figures (f), the escalation levels (l)
and the incident priorities with severities, stakeholder rings and postmortem criteria (p).
The lifecycle line and what is still missing before it can be agreed are above the tabs.

Decisions:
- One team at a time (t moves to the next team, the palette opens any); a team without an
  agreement shows what n does: start a draft with an open decision per service and the
  book's sample priorities, severities and rings, to adapt.
- From ``WIDE`` columns on, the schedule and the fairness table sit side by side on the
  rotation tab (the fairness tab is hidden); at 80 columns each has its own tab, so neither
  is squeezed to a few rows on a projector.
- e edits and a adds what the current tab lists (a decision, the rotation, a level, a
  priority); x removes it (asks first); enter on the schedule, or h, hands one turn over
  (an override kept with the rotation); s moves to the next rotation.
- Every change goes through ``self.app.service.oncall`` in a dialog's worker, with the
  version of the agreement as shown: a refusal stays in the dialog with what was typed, a
  version conflict offers to reload. Starting and removing go through ``reload``. The
  recommendation in the decision dialog is the domain's rule (``domain.oncall.recommend``).
- Agree, reopen and history are the keys and dialogs every document shares (kind
  ``oncall``, ref the team); agreeing is refused, with what is missing, until nothing is.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.events import Resize
from textual.widgets import TabbedContent, TabPane

from workbench.domain.names import lookup_key
from workbench.domain.oncall import OutOfHours, agreement_values
from workbench.domain.oncall.model import WEEKDAY_TITLES
from workbench.domain.oncall.reading import time_text
from workbench.domain.organisation import Workspace
from workbench.tui import document_actions
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.document_form import LinesDialog, TextDialog
from workbench.tui.dialogs.oncall_decision_dialog import OnCallDecisionDialog
from workbench.tui.dialogs.oncall_level_dialog import OnCallLevelDialog
from workbench.tui.dialogs.oncall_override_dialog import OnCallOverrideDialog
from workbench.tui.dialogs.oncall_priority_dialog import OnCallPriorityDialog
from workbench.tui.dialogs.oncall_rotation_dialog import COVERAGE_TITLES, OnCallRotationDialog
from workbench.tui.screens.document_section import DocumentSection
from workbench.tui.widgets.document_parts import HangingText
from workbench.tui.widgets.document_state import lifecycle_text
from workbench.tui.widgets.oncall_decisions import DecisionList, decision_details
from workbench.tui.widgets.oncall_fairness import FairnessTable, warnings_text
from workbench.tui.widgets.oncall_lists import (
    EscalationTable,
    PriorityTable,
    escalation_summary,
    incident_text,
    priority_details,
)
from workbench.tui.widgets.oncall_schedule import ScheduleTable, turn_details

WIDE = 120
"""From this width on, schedule and fairness are side by side."""
TABS = ("decisions", "rotation", "fairness", "escalation", "priorities")
TAB_TITLES = {"decisions": "d Decisions", "rotation": "r Rotation", "fairness": "f Fairness",
              "escalation": "l Escalation", "priorities": "p Priorities"}
TABLES = {"decisions": "#oc-decisions", "rotation": "#oc-schedule",
          "fairness": "#oc-fairness", "escalation": "#oc-escalation",
          "priorities": "#oc-priorities"}
MAX_PRIORITIES = 5


def tab_id(tab: str) -> str:
    return f"oc-{tab}-tab"


def missing_line(view: Any) -> Content | None:
    if not view.missing:
        return None
    return Content.assemble(("✗ Missing before it can be agreed: ", "bold $text-error"),
                            "; ".join(m.message for m in view.missing))


def rotation_line(plan: Any, index: int, count: int) -> Content:
    x = plan.rotation
    turn = "weekly turns" if x.turn_days == 7 else f"{x.turn_days}-day turns"
    coverage = COVERAGE_TITLES[x.coverage].split(":")[0]
    where = f" · {index + 1} of {count}, s next" if count > 1 else ""
    start = f"from {x.start.isoformat()}" if x.start else "no start date"
    return Content.assemble(
        (x.name, "bold"), f" · {x.shape.title} · {coverage} · {turn}, handover "
        f"{WEEKDAY_TITLES[x.handover_day][:3]} {time_text(x.handover_time)} {x.zone} · "
        f"{len(x.members)} people · {start}{where}")


@dataclass(frozen=True)
class OnCallData:
    """What one load shows: the service's overview (every agreement with its schedules and
    fairness, the teams without one, the workspace's rules)."""

    overview: Any

    @property
    def teams(self) -> list[str]:
        names = [v.team for v in self.overview.agreements] + list(self.overview.without)
        return sorted(names, key=lookup_key)

    def find(self, team: str | None) -> Any:
        return self.overview.find(team) if team else None


class OnCallScreen(DocumentSection):
    SECTION_ID = "oncall"
    REVEAL_KIND = "oncall"
    CSS_PATH: ClassVar = ["../documents.tcss", "../oncall.tcss"]

    BINDINGS: ClassVar = [
        Binding("e", "edit", "Edit", id="oc-edit",
                tooltip="Edit what the tab lists: the selected decision, the rotation, the "
                        "selected level or priority"),
        Binding("a", "add", "Add", id="oc-add",
                tooltip="Add to what the tab lists: a decision, a rotation, an escalation "
                        "level, a priority"),
        Binding("t", "next_team", "Team", id="oc-team",
                tooltip="Show the next team's agreement"),
        Binding("x,delete", "remove", "Remove", id="oc-remove", show=False,
                tooltip="Remove the selected decision, rotation, level or priority (asks "
                        "first)"),
        Binding("h", "hand_over", "Hand over", id="oc-hand-over", show=False,
                tooltip="Hand the selected turn of the schedule over to someone else"),
        Binding("s", "next_rotation", "Next rotation", id="oc-next-rotation", show=False,
                tooltip="Show the team's next rotation"),
        Binding("n", "new_agreement", "New", id="oc-new", show=False,
                tooltip="Start an agreement for a team without one (a draft to adapt)"),
        Binding("d", "show_tab('decisions')", "Decisions", id="oc-tab-decisions",
                show=False, tooltip="The out-of-hours decision per service"),
        Binding("r", "show_tab('rotation')", "Rotation", id="oc-tab-rotation", show=False,
                tooltip="The rotation and its generated schedule"),
        Binding("f", "show_tab('fairness')", "Fairness", id="oc-tab-fairness", show=False,
                tooltip="Fairness: turns, hours, out-of-hours hours, weekends, share"),
        Binding("l", "show_tab('escalation')", "Escalation", id="oc-tab-escalation",
                show=False, tooltip="The escalation levels, in the order they are paged"),
        Binding("p", "show_tab('priorities')", "Priorities", id="oc-tab-priorities",
                show=False, tooltip="Incident priorities, severities, rings, postmortems"),
        Binding("i", "edit_text('rings')", "Rings", id="oc-edit-rings", show=False,
                tooltip="Edit the stakeholder rings: one line per ring, inside out, its "
                        "groups separated by commas"),
        Binding("m", "edit_text('postmortem')", "Postmortem criteria",
                id="oc-edit-postmortem", show=False,
                tooltip="Edit when a postmortem is required, one criterion per line"),
        Binding("c", "edit_text('compensation')", "Compensation", id="oc-edit-compensation",
                show=False, tooltip="Edit the compensation notes"),
        Binding("w", "edit_text('working_time')", "Working time", id="oc-edit-working-time",
                show=False, tooltip="Edit the working-time notes"),
        *[replace(b, show=b.key == document_actions.AGREE_KEY)
          for b in document_actions.bindings()],
    ]

    VIEW_ACTIONS: ClassVar = frozenset({"edit", "add", "remove", "hand_over",
                                        "next_rotation", "edit_text", "agree", "reopen",
                                        "history"})
    NEED_VIEW = "This team has no on-call agreement yet: n starts one, then {what} it."

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.data: OnCallData | None = None
        self.selected_team: str | None = None
        self.selected_rotation: str | None = None
        self._laid_out_wide: bool | None = None

    def compose_body(self) -> ComposeResult:
        yield HangingText("Loading…", lines=2, id="oc-state", classes="doc-state")
        yield HangingText("", lines=2, id="oc-missing", classes="doc-missing")
        with TabbedContent(id="oc-tabs", initial=tab_id("decisions")):
            with TabPane(TAB_TITLES["decisions"], id=tab_id("decisions")):
                yield DecisionList(id="oc-decisions")
                yield HangingText("", lines=3, id="oc-decision-details", classes="oc-line")
            with TabPane(TAB_TITLES["rotation"], id=tab_id("rotation")):
                yield HangingText("", lines=2, id="oc-rotation-line", classes="oc-line")
                with Horizontal(id="oc-plan"):
                    with Vertical(id="oc-schedule-pane", classes="pane"):
                        yield ScheduleTable(id="oc-schedule")
                        yield HangingText("", lines=2, id="oc-turn", classes="oc-line")
                    with Vertical(id="oc-beside-pane", classes="pane"):
                        yield FairnessTable(id="oc-fairness-beside")
                yield HangingText("", lines=4, id="oc-warnings-beside", classes="oc-line")
            with TabPane(TAB_TITLES["fairness"], id=tab_id("fairness")):
                yield FairnessTable(id="oc-fairness")
                # every warning can be read: the list scrolls rather than being cut
                with VerticalScroll(id="oc-warnings-pane"):
                    yield HangingText("", id="oc-warnings", classes="oc-line")
            with TabPane(TAB_TITLES["escalation"], id=tab_id("escalation")):
                yield EscalationTable(id="oc-escalation")
                yield HangingText("", lines=3, id="oc-escalation-summary", classes="oc-line")
            with TabPane(TAB_TITLES["priorities"], id=tab_id("priorities")):
                yield PriorityTable(id="oc-priorities")
                yield HangingText("", lines=3, id="oc-priority-details", classes="oc-line")
                with VerticalScroll(id="oc-incidents-pane"):
                    yield HangingText("", id="oc-incidents")

    def on_mount(self) -> None:
        self.query_one("#oc-schedule-pane").border_title = "Schedule"
        self.query_one("#oc-beside-pane").border_title = "Fairness"
        self.query_one(DecisionList).focus()
        self._set_width_class(self.size.width)
        self.open_first()

    # --- loading --------------------------------------------------------------------------

    def load_data(self) -> OnCallData:
        return OnCallData(self.app.service.oncall.overview(self.workspace.id,
                                                           self.app.today()))

    async def show_data(self, data: OnCallData, select: Any) -> None:
        team, tab = self.begin_show(data, select, data.overview.agreements)
        if team is not None:
            self.selected_team = team
        teams = data.teams
        keys = [lookup_key(t) for t in teams]
        if self.selected_team is None or lookup_key(self.selected_team) not in keys:
            first = data.overview.agreements[0].team if data.overview.agreements else None
            self.selected_team = first or (teams[0] if teams else None)
        self._show()
        if tab in TABS:
            self.action_show_tab(tab)

    def selected_view(self) -> Any:
        return self.data.find(self.selected_team) if self.data is not None else None

    def selected_plan(self) -> Any:
        view = self.selected_view()
        if view is None or not view.plans:
            return None
        found = view.plan(self.selected_rotation) if self.selected_rotation else None
        return found or view.plans[0]

    @property
    def wide(self) -> bool:
        return self.has_class("-wide")

    def _show(self) -> None:
        self.refresh_bindings()
        view = self.selected_view()
        state = self.query_one("#oc-state", HangingText)
        missing = self.query_one("#oc-missing", HangingText)
        tabs = self.query_one("#oc-tabs", TabbedContent)
        teams = self.data.teams if self.data else []
        where = ""
        if self.selected_team and len(teams) > 1:
            index = [lookup_key(t) for t in teams].index(lookup_key(self.selected_team))
            where = f" · team {index + 1} of {len(teams)}, t next"
        if view is None:
            team = self.selected_team
            state.update(Content.assemble(
                (team or "No teams yet", "bold"),
                f" has no on-call agreement yet: n starts one (an open decision per "
                f"service, sample priorities, severities and rings to adapt){where}" if team
                else ": add them in Teams & services (key 1) first."))
            missing.set_class(False, "-shown")
            tabs.display = False
            return
        tabs.display = True
        state.update(Content.assemble((f"On-call agreement of {view.team}", "bold"), " · ",
                                      lifecycle_text(view, short=not self.wide), where))
        text = missing_line(view)
        missing.update(text or "")
        missing.set_class(text is not None, "-shown")
        self._show_decisions(view)
        self._show_plan(view)
        agreement = view.agreement
        self.query_one(EscalationTable).show_agreement(agreement)
        self.query_one("#oc-escalation-summary", HangingText).update(
            escalation_summary(agreement))
        self.query_one(PriorityTable).show_agreement(agreement, wide=self.wide)
        self.query_one("#oc-incidents", HangingText).update(incident_text(agreement))
        self._show_priority()

    def _show_priority(self) -> None:
        view = self.selected_view()
        index = self.query_one(PriorityTable).selected_key
        self.query_one("#oc-priority-details", HangingText).update(
            priority_details(view.agreement.priorities[index])
            if view is not None and index is not None else
            "No incident priorities yet: a adds one (at most five).")

    @on(PriorityTable.RowHighlighted, "#oc-priorities")
    def _priority_highlighted(self) -> None:
        self._show_priority()

    def _show_decisions(self, view: Any) -> None:
        table = self.query_one(DecisionList)
        table.show_view(view, wide=self.wide)
        self._show_decision_details()

    def _show_decision_details(self) -> None:
        view = self.selected_view()
        details = self.query_one("#oc-decision-details", HangingText)
        row = self._selected_decision()
        if view is None or row is None:
            details.update("No decisions yet: a records one for a service." if view else "")
            return
        details.update(decision_details(row))

    def _show_plan(self, view: Any) -> None:
        plan = self.selected_plan()
        line = self.query_one("#oc-rotation-line", HangingText)
        if plan is None:
            line.update("No rotation yet: a adds one (members, shape, coverage, handover, "
                        "time zone, start).")
        else:
            self.selected_rotation = plan.rotation.name
            line.update(rotation_line(plan, view.plans.index(plan), len(view.plans)))
        self.query_one(ScheduleTable).show_plan(plan, self.app.today())
        self._show_turn()
        self.query_one("#oc-fairness", FairnessTable).show_plan(plan, wide=self.wide)
        # beside the schedule there is half the width: the short headings
        self.query_one("#oc-fairness-beside", FairnessTable).show_plan(plan, wide=False)
        warnings = warnings_text(plan)
        self.query_one("#oc-warnings", HangingText).update(warnings)
        self.query_one("#oc-warnings-beside", HangingText).update(warnings)
        if plan is not None:
            count = len(plan.fairness.warnings)
            title = f"Fairness · {count} warning{'s' if count != 1 else ''}" if count \
                else "Fairness · no warnings"
            self.query_one("#oc-beside-pane").border_title = title
            self.query_one("#oc-schedule-pane").border_title = (
                f"Schedule · next {plan.schedule.weeks} weeks · * changed, ▶ now")

    def _selected_decision(self) -> Any:
        view = self.selected_view()
        service = self.query_one(DecisionList).selected_key
        if view is None or service is None:
            return None
        return next((r for r in view.decisions if r.decision.service == service), None)

    def _show_turn(self) -> None:
        plan = self.selected_plan()
        day = self.query_one(ScheduleTable).selected_key
        turn = next((t for t in plan.schedule.turns if t.day == day), None) if plan else None
        self.query_one("#oc-turn", HangingText).update(
            turn_details(turn, plan.rotation.zone) if turn is not None else "")

    @on(ScheduleTable.RowHighlighted, "#oc-schedule")
    def _turn_highlighted(self) -> None:
        self._show_turn()

    @on(DecisionList.RowHighlighted, "#oc-decisions")
    def _decision_highlighted(self) -> None:
        self._show_decision_details()

    # --- layout ---------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._set_width_class(event.size.width)

    def _set_width_class(self, width: int) -> None:
        wide = width >= WIDE
        if wide == self._laid_out_wide:
            return
        self._laid_out_wide = wide
        self.set_class(wide, "-wide")
        tabs = self.query_one("#oc-tabs", TabbedContent)
        if wide:
            if tabs.active == tab_id("fairness"):
                tabs.active = tab_id("rotation")
            tabs.hide_tab(tab_id("fairness"))
        else:
            tabs.show_tab(tab_id("fairness"))
        for widget_id in ("#oc-beside-pane", "#oc-warnings-beside"):
            self.query_one(widget_id).display = wide
        if self.data is not None:
            self._show()

    # --- tabs, teams, rotations -----------------------------------------------------------

    def current_tab(self) -> str:
        active = self.query_one("#oc-tabs", TabbedContent).active
        return active.removeprefix("oc-").removesuffix("-tab") or "decisions"

    def action_show_tab(self, tab: str) -> None:
        if self.wide and tab == "fairness":
            tab = "rotation"
        tabs = self.query_one("#oc-tabs", TabbedContent)
        tabs.active = tab_id(tab)
        with contextlib.suppress(NoMatches):
            self.query_one(TABLES[tab]).focus()
        self.refresh_bindings()

    @on(TabbedContent.TabActivated, "#oc-tabs")
    def _tab_activated(self) -> None:
        self.refresh_bindings()

    def action_next_team(self) -> None:
        if self.data is None or not self.data.teams:
            return
        teams = self.data.teams
        keys = [lookup_key(t) for t in teams]
        index = keys.index(lookup_key(self.selected_team)) if self.selected_team else -1
        self.selected_team = teams[(index + 1) % len(teams)]
        self.selected_rotation = None
        self._show()

    def action_next_rotation(self) -> None:
        view = self._need_view("show a rotation of")
        if view is None:
            return
        if len(view.plans) < 2:
            self.notify(f"{view.team} has {len(view.plans)} rotation"
                        f"{'s' if len(view.plans) != 1 else ''}: a adds one on the rotation "
                        "tab.", markup=False)
            return
        plan = self.selected_plan()
        index = view.plans.index(plan) if plan in view.plans else -1
        self.selected_rotation = view.plans[(index + 1) % len(view.plans)].rotation.name
        self._show_plan(view)
        self.action_show_tab("rotation")

    def action_new_agreement(self) -> None:
        team = self.selected_team
        if self.data is None or team is None:
            return
        if self.selected_view() is not None:
            self.notify(f"{team} has an on-call agreement already: t moves to another team.",
                        severity="warning", markup=False)
            return
        area, ws = self.app.service.oncall, self.workspace.id
        self._change(lambda: area.new(ws, team), select=(team, "decisions"),
                     notice=f"Started the on-call agreement of {team}: a draft to adapt")

    # --- changes --------------------------------------------------------------------------

    def _done(self, tab: str, notice: str):
        def done(result: Any) -> None:
            if result is not None:
                self.reload(select=(result.team, tab), notice=notice)
        return done

    def _parts_saver(self, view: Any, build):
        """A ``save`` for a dialog that changes whole parts: ``build(values, current)``
        returns ``{part: plain values}`` from the dialog's values and the agreement's."""
        area, ws, team, version = (self.app.service.oncall, self.workspace.id, view.team,
                                   view.version)
        current = agreement_values(view.agreement)

        def save(values: dict[str, Any]) -> Any:
            return area.change(ws, team, build(values, current), expected_version=version)
        return save

    def _decision_saver(self, view: Any):
        area, ws, team, version = (self.app.service.oncall, self.workspace.id, view.team,
                                   view.version)

        def save(values: dict[str, Any]) -> Any:
            chosen = values["chosen"]
            return area.decide(ws, team, values["service"],
                               chosen=OutOfHours(chosen) if chosen else None,
                               reason=values["reason"],
                               values={"target": values["target"], "demand": values["demand"]},
                               expected_version=version)
        return save

    def action_edit(self) -> None:
        view = self._need_view("edit")
        if view is None:
            return
        tab = self.current_tab()
        if tab == "decisions":
            row = self._selected_decision()
            if row is None:
                self.action_add()
                return
            self._decision_dialog(view, row)
        elif tab in ("rotation", "fairness"):
            plan = self.selected_plan()
            self._rotation_dialog(view, plan.rotation if plan else None)
        elif tab == "escalation":
            key = self.query_one(EscalationTable).selected_key
            if key is None:
                self.action_add()
                return
            self._level_dialog(view, *key)
        else:
            index = self.query_one(PriorityTable).selected_key
            if index is None:
                self.action_add()
                return
            self._priority_dialog(view, index)

    def action_add(self) -> None:
        view = self._need_view("add to")
        if view is None:
            return
        tab = self.current_tab()
        if tab == "decisions":
            self._decision_dialog(view, None)
        elif tab in ("rotation", "fairness"):
            self._rotation_dialog(view, None)
        elif tab == "escalation":
            key = self.query_one(EscalationTable).selected_key
            policy = key[0] if key else (0 if view.agreement.escalations else -1)
            levels = len(view.agreement.escalations[policy].levels) if policy >= 0 else 0
            self._level_dialog(view, policy, -1, number=levels + 1)
        else:
            if len(view.agreement.priorities) >= MAX_PRIORITIES:
                self.notify(f"{view.team} has {MAX_PRIORITIES} priorities, the most an "
                            "agreement keeps: edit or remove one.", severity="warning",
                            markup=False)
                return
            self._priority_dialog(view, -1)

    def _decision_dialog(self, view: Any, row: Any) -> None:
        self.app.push_screen(
            OnCallDecisionDialog(self._decision_saver(view), row=row, rules=view.rules,
                                 team=view.team),
            self._done("decisions", f"Saved the out-of-hours decision of {view.team}"))

    def _rotation_dialog(self, view: Any, rotation: Any) -> None:
        names = [x.name for x in view.agreement.rotations]
        index = names.index(rotation.name) if rotation is not None else len(names)

        def build(values: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
            rotations = list(current["rotations"])
            rotations[index:index + 1] = [values["rotation"]]
            return {"rotations": rotations}

        def done(result: Any) -> None:
            if result is not None and index < len(result.agreement.rotations):
                self.selected_rotation = result.agreement.rotations[index].name
            self._done("rotation", f"Saved the rotation of {view.team}")(result)

        self.app.push_screen(OnCallRotationDialog(self._parts_saver(view, build),
                                                  rotation=rotation, team=view.team), done)

    def _level_dialog(self, view: Any, policy: int, level: int, number: int = 0) -> None:
        escalations = view.agreement.escalations
        found = escalations[policy] if policy >= 0 else None
        current = found.levels[level] if found is not None and level >= 0 else None

        def build(values: dict[str, Any], plain: dict[str, Any]) -> dict[str, Any]:
            policies = [dict(p) for p in plain["escalations"]]
            if policy < 0:
                policies.append({"name": "", "levels": [], "repeats": 0})
            entry = policies[policy]
            levels = list(entry["levels"])
            if level >= 0:
                levels[level] = values["level"]
            else:
                levels.append(values["level"])
            entry.update({"name": values["name"], "repeats": values["repeats"],
                          "levels": levels})
            return {"escalations": policies}

        self.app.push_screen(
            OnCallLevelDialog(self._parts_saver(view, build), policy=found, level=current,
                              number=level + 1 if level >= 0 else number,
                              rotations=[x.name for x in view.agreement.rotations],
                              team=view.team),
            self._done("escalation", f"Saved the escalation of {view.team}"))

    def _priority_dialog(self, view: Any, index: int) -> None:
        priorities = view.agreement.priorities
        found = priorities[index] if index >= 0 else None

        def build(values: dict[str, Any], plain: dict[str, Any]) -> dict[str, Any]:
            items = list(plain["priorities"])
            if index >= 0:
                items[index] = values["priority"]
            else:
                items.append(values["priority"])
            return {"priorities": items}

        self.app.push_screen(
            OnCallPriorityDialog(self._parts_saver(view, build), priority=found,
                                 team=view.team),
            self._done("priorities", f"Saved the incident priorities of {view.team}"))

    def action_edit_text(self, part: str) -> None:
        """The parts kept as text or lines: rings, postmortem criteria and the notes."""
        view = self._need_view("edit")
        if view is None:
            return
        agreement, team = view.agreement, view.team
        if part in ("compensation", "working_time"):
            title = "Compensation" if part == "compensation" else "Working time"
            dialog: Any = TextDialog(
                f"{title} of {team}'s on-call", self._parts_saver(view, _as_is), key=part,
                text=getattr(agreement, part),
                hint="How on-call work is paid or given back; enter starts a new line, "
                     "ctrl+s saves." if part == "compensation" else
                     "Limits on working time around incidents; enter starts a new line, "
                     "ctrl+s saves.")
        elif part == "postmortem":
            dialog = LinesDialog(
                f"When {team} writes a postmortem", self._parts_saver(view, _as_is),
                key="postmortem", items=agreement.postmortem,
                hint="One criterion per line, e.g. every P1 incident.")
        else:
            dialog = LinesDialog(
                f"Stakeholder rings of {team}", self._parts_saver(view, _rings),
                key="rings", items=[", ".join(g.groups) for g in agreement.rings],
                hint="One line per ring, from the inside out (line 1 is ring 1); its "
                     "groups separated by commas.")
        self.app.push_screen(dialog, self._done("priorities",
                                                f"Saved the on-call agreement of {team}"))

    def action_hand_over(self) -> None:
        view = self._need_view("hand a turn over in")
        if view is None:
            return
        plan = self.selected_plan()
        day = self.query_one(ScheduleTable).selected_key
        turn = next((t for t in plan.schedule.turns if t.day == day), None) if plan else None
        if turn is None:
            self.notify("Select a turn of the schedule (r shows it) to hand it over.",
                        severity="warning", markup=False)
            return
        area, ws, team, version = (self.app.service.oncall, self.workspace.id, view.team,
                                   view.version)
        rotation = plan.rotation.name

        def save(values: dict[str, Any]) -> Any:
            return area.override(ws, team, rotation, turn.day, values["role"],
                                 values["person"], note=values["note"],
                                 expected_version=version)

        self.app.push_screen(OnCallOverrideDialog(save, rotation=plan.rotation, turn=turn),
                             self._done("rotation", f"Saved the hand-over of the turn of "
                                                    f"{turn.day.isoformat()}"))

    def action_remove(self) -> None:
        view = self._need_view("remove from")
        if view is None:
            return
        tab = self.current_tab()
        plain = agreement_values(view.agreement)
        if tab == "decisions":
            service = self.query_one(DecisionList).selected_key
            if service is None:
                return
            part = "decisions"
            kept = [d for d in plain["decisions"] if d["service"] != service]
            what = f"the out-of-hours decision for {service}"
        elif tab in ("rotation", "fairness"):
            plan = self.selected_plan()
            if plan is None:
                return
            part = "rotations"
            kept = [x for x in plain["rotations"] if x["name"] != plan.rotation.name]
            what = f"the rotation {plan.rotation.name} with its overrides"
        elif tab == "escalation":
            key = self.query_one(EscalationTable).selected_key
            if key is None:
                return
            part, (policy, level) = "escalations", key
            kept = [dict(p) for p in plain["escalations"]]
            if level < 0:
                what = f"the escalation policy {kept[policy]['name']}"
                del kept[policy]
            else:
                what = f"level {level + 1} of {kept[policy]['name']}"
                kept[policy]["levels"] = [lv for i, lv in enumerate(kept[policy]["levels"])
                                          if i != level]
        else:
            index = self.query_one(PriorityTable).selected_key
            if index is None:
                return
            part = "priorities"
            what = f"the priority {plain['priorities'][index]['name']}"
            kept = [p for i, p in enumerate(plain["priorities"]) if i != index]
        area, ws, team, version = (self.app.service.oncall, self.workspace.id, view.team,
                                   view.version)

        def confirmed(ok: bool | None) -> None:
            if ok:
                self._change(lambda: area.change(ws, team, {part: kept},
                                                 expected_version=version),
                             select=(team, tab), notice=f"Removed {what}")

        self.app.push_screen(ConfirmDialog("Remove", f"Remove {what} from the on-call "
                                           f"agreement of {team}?"), confirmed)

    # --- the agreement as a document ------------------------------------------------------

    def selected_key(self, view: Any) -> str:
        return view.team

    def agree_subject(self, view: Any) -> str:
        return f"The on-call agreement of {view.team}"


def _as_is(values: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    return values


def _rings(values: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """Line N of the dialog is ring N; its groups are separated by commas."""
    return {"rings": [{"number": n, "groups": [g.strip() for g in line.split(",")
                                               if g.strip()]}
                      for n, line in enumerate(values["rings"], start=1)]}
