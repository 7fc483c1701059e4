"""The "Stakeholders" section: the workspace's stakeholder chart as a power/interest grid, a
sortable list and the buy-in funnel, with where the chart stands, who is overdue for
contact and the chart's warnings beside it.

Decisions:
- One key, ``v``, cycles the views (grid, list, funnel); the line above them names the
  three and marks the current one, so nobody has to remember more than that key.
- The person keys (add, edit, flip power or interest, record a contact, remove) belong to
  the grid and the list, so the footer shows them only where there is someone to act on;
  agree, reopen and history belong to the chart and work in every view.
- Every change goes through ``self.app.service.stakeholders`` in a worker
  (``ReloadingSection.reload``) with the version of the chart as shown, so a change made
  elsewhere in the meantime is refused and the screen shows the stored chart again.
- The selection is a person's uid, so it survives a flip (the person moves quadrant), a
  rename and a switch of view.
- At 120 columns and more the grid has a side panel with the status, the overdue list, the
  warnings and the engagement plan; elsewhere (a narrower terminal, the list and funnel
  views, which need the width) a strip of up to three lines above sums them up, and the
  funnel view lists them in full.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import ContentSwitcher, DataTable, Static

from workbench.domain.organisation import Workspace
from workbench.domain.stakeholders import Quadrant, Stakeholder
from workbench.service.stakeholders import ChartView
from workbench.tui import document_actions
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.stakeholder_dialog import StakeholderDialog
from workbench.tui.dialogs.stakeholder_plan_dialog import PlanDialog, read_days
from workbench.tui.screens.frame import ReloadingSection
from workbench.tui.widgets.stakeholder_funnel import FunnelBars, stuck_lines
from workbench.tui.widgets.stakeholder_grid import StakeholderGrid, axes_text
from workbench.tui.widgets.stakeholder_list import SORT_LABELS, StakeholderTable, next_sort
from workbench.tui.widgets.stakeholder_summary import (
    ChartSummary,
    ClampedText,
    attention_text,
    status_style,
    status_text,
)

VIEWS = ("grid", "list", "funnel")
VIEW_TITLES = {"grid": "Grid", "list": "List", "funnel": "Funnel"}
WIDE = 120
"""From this width on, the overdue list and the warnings get a side panel."""


def person_details(person: Stakeholder, view: ChartView) -> Content:
    """Everything about one person in a line or two, what the coach acts on first."""
    late = next((o for o in view.overdue if o.person.uid == person.uid), None)
    parts: list[str | tuple[str, str]] = [(person.name, "bold")]
    if person.role:
        parts.append(f" · {person.role}")
    if person.stance:
        parts.append(f" · {person.stance.value}")
    parts.append(f" · stage: {person.stage.value if person.stage else 'none yet'}")
    if late is not None:
        overdue = ("never contacted" if late.days_late is None
                   else f"contact {late.days_late} day{'s' if late.days_late != 1 else ''} "
                   "overdue")
        parts.append((f" · {overdue}", "bold $text-warning"))
    elif person.last_contact:
        parts.append(f" · last contact {person.last_contact.isoformat()}")
    if person.next_action:
        due = f" by {person.next_action_due.isoformat()}" if person.next_action_due else ""
        parts.append(f" · next: {person.next_action}{due}")
    parts.append(f" · owner: {person.owner or 'nobody'}")
    if person.influence:
        parts.append(f" · {person.influence.value} informal influence")
    parts.append(f" · {person.group.value} · {person.quadrant.title}")
    if person.notes:
        parts.append(f" · {' '.join(person.notes.split())}")
    return Content.assemble(*parts)


def quadrant_details(quadrant: Quadrant, view: ChartView) -> Content:
    plan = view.plan.for_quadrant(quadrant)
    return Content.assemble((quadrant.title, "bold"), f" ({axes_text(quadrant)})",
                            ": nobody here yet; a adds someone here. Contact "
                            f"{plan.rhythm}: {plan.contact}")


def top_line(current: str, data: ChartView | None, *, wide: bool) -> Content:
    """The three views (the current one marked) and where the chart stands."""
    parts: list[str | tuple[str, str]] = []
    for name in VIEWS:
        title = f" {VIEW_TITLES[name]} "
        parts.append((title, "bold reverse") if name == current else title)
    if data is not None:
        parts += [" │ ", (status_text(data, short=not wide), status_style(data))]
    return Content.assemble(*parts)


class StakeholdersScreen(ReloadingSection):
    SECTION_ID = "stakeholders"
    CSS_PATH = "../stakeholders.tcss"

    # The grid's and the list's person keys hide while nobody is selected; then this "a"
    # shows in the footer instead of theirs (same action), so an empty chart offers Add.
    BINDINGS: ClassVar = [
        Binding("a", "add", "Add", id="sh-add-first",
                tooltip="Add a stakeholder (in the selected quadrant)"),
        Binding("v", "next_view", "View", id="sh-view",
                tooltip="Next view: grid, list, funnel"),
        Binding("r", "plan", "Plan", id="sh-plan", show=False,
                tooltip="Change how often and how the people of the selected quadrant are "
                        "contacted (the engagement plan)"),
        *document_actions.bindings(),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.data: ChartView | None = None
        self.current_view = "grid"
        self.sort = "quadrant"
        self.selected_uid: str | None = None
        self._changing = False

    def compose_body(self) -> ComposeResult:
        yield Static(top_line(self.current_view, None, wide=False), id="sh-top",
                     markup=False)
        yield ChartSummary(id="sh-strip")
        with Horizontal(id="sh-body"):
            with ContentSwitcher(initial="grid", id="sh-views"):
                yield StakeholderGrid(id="grid")
                with Vertical(id="list", classes="pane"):
                    yield StakeholderTable(id="sh-table")
                with VerticalScroll(id="funnel", classes="pane"):
                    yield FunnelBars(id="sh-funnel")
                    yield Static("", id="sh-stuck", markup=False)
                    yield Static("", id="sh-attention", markup=False)
            yield ChartSummary(id="sh-side")
        yield ClampedText("Loading…", lines=2, id="sh-details")

    def on_mount(self) -> None:
        self.query_one("#funnel").border_title = "Buy-in funnel"
        self.query_one("#funnel").can_focus = True
        self.query_one("#list").border_title = "Everyone"
        self.query_one(StakeholderGrid).focus()
        self._set_width_class(self.size.width)
        self.reload()

    # --- loading --------------------------------------------------------------------------

    def load_data(self) -> ChartView:
        return self.app.service.stakeholders.view(self.workspace.id)

    async def show_data(self, data: ChartView, select: str | None) -> None:
        self._changing = False
        self.data = data
        if select is not None:
            self.selected_uid = select
        self._draw()

    def _draw(self) -> None:
        data = self.data
        if data is None:
            return
        self._render_top()
        self.query_one("#sh-strip", ChartSummary).show(data, wide=False)
        self.query_one("#sh-side", ChartSummary).show(data, wide=True)
        grid = self.query_one(StakeholderGrid)
        grid.show(data.people, data.plan, late=self._late(), select=self.selected_uid)
        self._render_list()
        self._render_funnel()
        self._show_details()

    def _late(self) -> list[str]:
        return [o.person.uid for o in self.data.overdue] if self.data is not None else []

    def _render_top(self) -> None:
        self.query_one("#sh-top", Static).update(
            top_line(self.current_view, self.data, wide=self.has_class("-wide")))

    def _render_list(self) -> None:
        data = self.data
        if data is None:
            return
        table = self.query_one(StakeholderTable)
        late = {o.person.uid: o for o in data.overdue}
        table.show(data.people, self.sort, late, data.today, select=self.selected_uid)
        pane = self.query_one("#list")
        pane.border_title = (
            f"Everyone ({len(data.people)}) · sorted by {SORT_LABELS[self.sort]} (s: next)")
        self._columns_note(table.hidden_columns)

    @on(StakeholderTable.ColumnsChanged)
    def _columns_changed(self, message: StakeholderTable.ColumnsChanged) -> None:
        self._columns_note(message.hidden)

    def _columns_note(self, hidden: tuple[str, ...]) -> None:
        self.query_one("#list").border_subtitle = (
            f"{', '.join(hidden)}: in the line below" if hidden else "")

    def _render_funnel(self) -> None:
        data = self.data
        if data is None:
            return
        self.query_one(FunnelBars).show(data.funnel)
        self.query_one("#funnel").border_title = (
            f"Buy-in funnel · {len(data.people)} people · awareness to engagement")
        self.query_one("#sh-stuck", Static).update(
            Content("\n").join(stuck_lines(data.funnel, data.baseline_number)))
        self.query_one("#sh-attention", Static).update(attention_text(data))

    # --- layout ---------------------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        self._set_width_class(event.size.width)

    def _set_width_class(self, width: int) -> None:
        wide = width >= WIDE
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            self._render_top()
        self.set_class(wide and self.current_view == "grid", "-side")

    # --- selection and details ------------------------------------------------------------

    def selected_person(self) -> Stakeholder | None:
        if self.data is None or self.selected_uid is None:
            return None
        return next((p for p in self.data.people if p.uid == self.selected_uid), None)

    @on(StakeholderGrid.Moved)
    def _grid_moved(self, message: StakeholderGrid.Moved) -> None:
        if self.current_view == "grid":
            self.selected_uid = message.person.uid if message.person else None
            self._show_details()

    @on(DataTable.RowHighlighted, "#sh-table")
    def _row_highlighted(self) -> None:
        if self.current_view == "list":
            person = self.query_one(StakeholderTable).selected_person
            self.selected_uid = person.uid if person else None
            self._show_details()

    @on(DataTable.RowSelected, "#sh-table")
    def _row_selected(self) -> None:
        self.action_edit()

    def _show_details(self) -> None:
        self.refresh_bindings()  # the person keys show only while someone is selected
        details = self.query_one("#sh-details", ClampedText)
        data = self.data
        if data is None:
            details.update("Loading…")
            return
        if self.current_view == "funnel":
            details.update("How far each person has come: aware of SRE, interested, "
                           "understanding it, agreeing, engaged. v goes back to the grid.")
            return
        person = self.selected_person()
        if person is not None:
            details.update(person_details(person, data))
        elif not data.people:
            details.update("Nobody on the chart yet: press a to add the first stakeholder.")
        elif self.current_view == "grid":
            details.update(quadrant_details(self.query_one(StakeholderGrid).selected_quadrant,
                                            data))
        else:
            details.update("")

    # --- views ----------------------------------------------------------------------------

    def action_next_view(self) -> None:
        self.show_view(VIEWS[(VIEWS.index(self.current_view) + 1) % len(VIEWS)])

    def show_view(self, name: str) -> None:
        self.current_view = name
        self.query_one(ContentSwitcher).current = name
        self._set_width_class(self.size.width)
        if name == "grid":
            grid = self.query_one(StakeholderGrid)
            if self.data is not None:
                grid.show(self.data.people, self.data.plan, late=self._late(),
                          select=self.selected_uid)
            grid.focus()
        elif name == "list":
            table = self.query_one(StakeholderTable)
            self._render_list()
            table.focus()
        else:
            self.query_one("#funnel").focus()
        self._render_top()
        self._show_details()

    def action_sort(self) -> None:
        self.sort = next_sort(self.sort)
        self._render_list()
        self.notify(f"Sorted by {SORT_LABELS[self.sort]}", markup=False, timeout=2)

    # --- person actions -------------------------------------------------------------------

    PERSON_ACTIONS: ClassVar = frozenset({"add_person", "edit", "flip", "contacted", "remove"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.PERSON_ACTIONS:
            return self.current_view != "funnel" and self.selected_person() is not None
        return True

    def action_add_person(self) -> None:
        self.action_add()

    def _change(self, change, *, select: str | None = None, notice: str | None = None) -> None:
        """Save one change and show the chart again. A key pressed again before the first
        change is shown is ignored: it would be based on the chart as it was, and be refused
        as someone else's change."""
        if self._changing:
            self.app.bell()
            return
        self._changing = True
        self.reload(change, select=select, notice=notice)

    def _need_person(self, what: str) -> Stakeholder | None:
        person = self.selected_person()
        if person is None:
            self.notify(f"Select a stakeholder to {what}.", severity="warning", markup=False)
        return person

    def _version(self) -> int | None:
        return self.data.version if self.data is not None else None

    def action_add(self) -> None:
        if self.data is None:
            return
        area, ws, version = self.app.service.stakeholders, self.workspace.id, self._version()
        quadrant = (self.query_one(StakeholderGrid).selected_quadrant
                    if self.current_view == "grid" else None)

        def save(values: dict) -> tuple[ChartView, str]:
            view = area.add(ws, values, expected_version=version)
            return view, values.get("name") or ""

        def done(result: tuple[ChartView, str] | None) -> None:
            if result is not None:
                view, name = result
                person = view.chart.find(name)
                self.reload(select=person.uid if person else None,
                            notice=f"Added {person.name if person else name}")

        title = "Add a stakeholder" + (f" ({quadrant.title})" if quadrant else "")
        self.app.push_screen(StakeholderDialog(title, save, quadrant=quadrant), done)

    def action_edit(self) -> None:
        person = self._need_person("edit")
        if person is None:
            return
        area, ws, version = self.app.service.stakeholders, self.workspace.id, self._version()
        uid = person.uid

        def save(changes: dict) -> ChartView:
            return area.edit(ws, person.name, changes, expected_version=version)

        def done(result: ChartView | None) -> None:
            if result is not None:
                self.reload(select=uid, notice=f"Saved {person.name}")

        self.app.push_screen(StakeholderDialog(f"Edit {person.name}", save, person=person),
                             done)

    def action_remove(self) -> None:
        person = self._need_person("remove")
        if person is None:
            return
        area, ws, version = self.app.service.stakeholders, self.workspace.id, self._version()

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.selected_uid = None
                self._change(lambda: area.remove(ws, person.name, expected_version=version),
                            notice=f"Removed {person.name} from the chart")

        self.app.push_screen(ConfirmDialog(
            "Remove stakeholder", f"Remove {person.name} from the stakeholder chart? Earlier "
            "revisions keep them."), confirmed)

    def action_flip(self, axis: str) -> None:
        person = self._need_person("move")
        if person is None:
            return
        area, ws, version = self.app.service.stakeholders, self.workspace.id, self._version()
        moved = person.flipped(axis)
        level = moved.power if axis == "power" else moved.interest
        self._change(lambda: area.flip(ws, person.name, axis, expected_version=version),
                    select=person.uid,
                    notice=f"{person.name}: {level.value} {axis}, now in "
                           f"{moved.quadrant.title}")

    def action_contacted(self) -> None:
        person = self._need_person("record a contact with")
        if person is None:
            return
        area, ws, version = self.app.service.stakeholders, self.workspace.id, self._version()
        today = self.app.today()
        self._change(lambda: area.contacted(ws, person.name, today,
                                            expected_version=version),
                    select=person.uid,
                    notice=f"Recorded a contact with {person.name} on {today.isoformat()}")

    def action_plan(self) -> None:
        data = self.data
        if data is None:
            return
        person = self.selected_person()
        if self.current_view == "grid":
            quadrant = self.query_one(StakeholderGrid).selected_quadrant
        elif person is not None:
            quadrant = person.quadrant
        else:
            self.notify("Select a quadrant (or a person in it) to change its plan.",
                        severity="warning", markup=False)
            return
        area, ws, version = self.app.service.stakeholders, self.workspace.id, data.version

        def save(days: str, contact: str) -> ChartView:
            return area.set_plan(ws, quadrant, every_days=read_days(days), contact=contact,
                                 expected_version=version)

        def done(result: ChartView | None) -> None:
            if result is not None:
                plan = result.plan.for_quadrant(quadrant)
                self.reload(notice=f"{quadrant.title}: contact {plan.rhythm}")

        self.app.push_screen(PlanDialog(quadrant, data.plan.for_quadrant(quadrant), save),
                             done)

    # --- the chart as a document ----------------------------------------------------------

    def _need_chart(self) -> ChartView | None:
        data = self.data
        if data is None or data.state is None:
            self.notify("There is no chart yet: add a stakeholder first.", severity="warning",
                        markup=False)
            return None
        return data

    def _document_done(self, notice: str | None) -> None:
        if notice is not None:
            self.reload(notice=notice)

    def action_agree(self) -> None:
        data = self._need_chart()
        if data is not None:
            document_actions.agree(self, data.kind, data.ref, self._document_done)

    def action_reopen(self) -> None:
        data = self._need_chart()
        if data is not None:
            document_actions.reopen(self, data.kind, data.ref, self._document_done)

    def action_history(self) -> None:
        data = self._need_chart()
        if data is not None:
            document_actions.history(self, data.kind, data.ref, lambda _: self.reload())
