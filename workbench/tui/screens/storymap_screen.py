"""The "Story map & personas" section: a story map board (activities left to right, their
tasks under them, stories under each task) and the personas the stories are for.

The board is one widget per card, rebuilt after each change. The cursor is a card (kind,
id) moved with the arrow keys; shift+arrows move the card itself.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.events import Click
from textual.message import Message
from textual.widgets import ContentSwitcher, DataTable, Static
from textual.widgets.data_table import RowDoesNotExist

from workbench.domain.organisation import Workspace
from workbench.domain.slo.records import Activity, Persona, Story, StoryMap, Task
from workbench.store import persona_repo, story_map_repo
from workbench.store.db import transaction
from workbench.tui.dialogs.card_dialog import CardDialog, CardFields, CardSaved
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.dialogs.persona_dialog import PersonaDialog, PersonaFields
from workbench.tui.screens.frame import ReloadingSection
from workbench.tui.slo_data import MapData, load_map_data

COLUMN_WIDTH = 24
"""Cells per board column (the .map-column width in storymap.tcss; one more for the gap)."""

Cursor = tuple[str, int]
"""(kind, id) of the card under the cursor: ("activity", 3), ("task", 7), ("story", 12)."""


@dataclass(frozen=True)
class Column:
    """One column of the board: a task of an activity (or an activity without tasks)."""

    activity: Activity
    task: Task | None

    def cells(self) -> list[Cursor]:
        """The cards of this column from top to bottom."""
        cells: list[Cursor] = [("activity", self.activity.id)]
        if self.task is not None:
            cells.append(("task", self.task.id))
            cells += [("story", s.id) for s in self.task.stories]
        return cells


def board_columns(story_map: StoryMap) -> list[Column]:
    columns: list[Column] = []
    for activity in story_map.activities:
        if activity.tasks:
            columns += [Column(activity, task) for task in activity.tasks]
        else:
            columns.append(Column(activity, None))
    return columns


def slice_labels(story_map: StoryMap) -> dict[str, str]:
    """Release slice name -> short label R1, R2... in the map's order."""
    return {s.name: f"R{i}" for i, s in enumerate(story_map.slices, start=1)}


class Card(Static):
    """One card on the board; clicking it moves the cursor there."""

    class Clicked(Message):
        def __init__(self, cursor: Cursor) -> None:
            super().__init__()
            self.cursor = cursor

    def __init__(self, content: Text, kind: str, card_id: int, classes: str = "") -> None:
        super().__init__(content, id=f"card-{kind}-{card_id}",
                         classes=f"card -{kind} {classes}".strip(), markup=False)
        self.cursor: Cursor = (kind, card_id)

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Clicked(self.cursor))


class Board(ScrollableContainer):
    """The scrolling area of the board; its keys drive the screen's cursor."""

    BINDINGS: ClassVar = [
        Binding("a", "screen.add_story", "Story", id="map-add-story",
                tooltip="Add a story under the task at the cursor"),
        Binding("t", "screen.add_task", "Task", id="map-add-task",
                tooltip="Add a task to the activity at the cursor"),
        Binding("A", "screen.add_activity", "Activity", id="map-add-activity",
                tooltip="Add an activity after the one at the cursor"),
        Binding("e,enter", "screen.edit_card", "Edit", id="map-edit",
                tooltip="Edit the card at the cursor"),
        Binding("c", "screen.toggle_critical", "Critical", id="map-critical",
                tooltip="Mark the story at the cursor critical, or not"),
        Binding("s", "screen.add_slo", "SLO", id="map-add-slo",
                tooltip="Add an SLO for the story at the cursor (opens the SLOs)"),
        Binding("d,delete", "screen.remove_card", "Remove", id="map-remove",
                tooltip="Remove the card at the cursor (with what is under it)"),
        Binding("shift+left,H", "screen.move(-1,0)", "Move", id="map-move-left",
                tooltip="Move the card (shift+arrows, or H J K L)"),
        Binding("shift+right,L", "screen.move(1,0)", "Move right", show=False,
                id="map-move-right"),
        Binding("shift+up,K", "screen.move(0,-1)", "Move up", show=False, id="map-move-up"),
        Binding("shift+down,J", "screen.move(0,1)", "Move down", show=False,
                id="map-move-down"),
        Binding("up,k", "screen.cursor(0,-1)", "Up", show=False, id="map-up"),
        Binding("down,j", "screen.cursor(0,1)", "Down", show=False, id="map-down"),
        Binding("left,h", "screen.cursor(-1,0)", "Left", show=False, id="map-left"),
        Binding("right,l", "screen.cursor(1,0)", "Right", show=False, id="map-right"),
        Binding("m", "screen.next_map", "Next map", id="map-next",
                tooltip="Show the next story map"),
        Binding("N", "screen.new_map", "New map", id="map-new", tooltip="Create a story map"),
    ]


class PersonasTable(DataTable):
    BINDINGS: ClassVar = [
        Binding("a", "screen.add_persona", "Add", id="add-persona", tooltip="Add a persona"),
        Binding("e", "screen.edit_persona", "Edit", id="edit-persona",
                tooltip="Edit the selected persona (enter too)"),
        Binding("d,delete", "screen.remove_persona", "Remove", id="remove-persona",
                tooltip="Remove the selected persona"),
    ]


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def story_card_text(story: Story, labels: dict[str, str], slo_count: int) -> Text:
    text = Text()
    if story.critical:
        text.append("★ ", style="bold red")
    text.append(story.title)
    meta: list[tuple[str, str]] = []
    if story.slice_name:
        meta.append((labels.get(story.slice_name, story.slice_name), "dim"))
    if story.critical:
        meta.append((plural(slo_count, "SLO"), "dim") if slo_count
                    else ("no SLO yet", "yellow"))
    if story.persona_name:
        meta.append((story.persona_name.split(",")[0], "dim"))
    for index, (part, style) in enumerate(meta):
        text.append("\n" if index == 0 else " · ", style="dim")
        text.append(part, style=style)
    return text


class StoryMapScreen(ReloadingSection):
    SECTION_ID = "storymap"
    CSS_PATH = "../storymap.tcss"

    BINDINGS: ClassVar = [
        Binding("p", "toggle_view", "Map/personas", id="map-personas",
                tooltip="Switch between the story map and the personas"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.data: MapData | None = None
        self.map_index = 0
        self.cursor: Cursor | None = None
        self.column = 0
        """The board column of the cursor (an activity's card spans all its columns)."""

    def compose_body(self) -> ComposeResult:
        yield Static("Loading…", id="map-title", markup=False)
        with ContentSwitcher(initial="board", id="views"):
            yield Board(id="board")
            with Vertical(id="personas-pane", classes="pane"):
                yield PersonasTable(id="personas", cursor_type="row", zebra_stripes=True)
        yield Static("", id="map-details", markup=False)

    def on_mount(self) -> None:
        self.query_one("#personas-pane").border_title = "Personas"
        self.query_one(Board).focus()
        self.reload()

    # --- loading --------------------------------------------------------------------------

    def load_data(self) -> MapData:
        return load_map_data(self.app.engine, self.workspace.id)

    async def show_data(self, data: MapData, select: Cursor | None) -> None:
        self.data = data
        if select is not None:
            self.cursor = select
            self._show_map_of(select)
        await self._render_board()
        self._render_personas()

    def _show_map_of(self, cursor: Cursor) -> None:
        """Switch to the map that holds ``cursor`` (after adding to another map, say)."""
        if self.data is None:
            return
        for index, story_map in enumerate(self.data.maps):
            if any(cursor in column.cells() for column in board_columns(story_map)):
                self.map_index = index
                return

    @property
    def story_map(self) -> StoryMap | None:
        if self.data is None or not self.data.maps:
            return None
        self.map_index %= len(self.data.maps)
        return self.data.maps[self.map_index]

    # --- the board ------------------------------------------------------------------------

    async def _render_board(self) -> None:
        board = self.query_one(Board)
        story_map = self.story_map
        title = self.query_one("#map-title", Static)
        await board.remove_children()
        if story_map is None:
            title.update("No story map yet")
            await board.mount(Static("No story map yet: press N to create one, then A to add "
                                     "its first activity.", id="board-empty"))
            self.cursor = None
            self._show_details()
            return
        labels = slice_labels(story_map)
        head = Text.assemble((story_map.title, "bold"))
        if self.data is not None and len(self.data.maps) > 1:
            head.append(f" ({self.map_index + 1}/{len(self.data.maps)}, m: next)", "dim")
        for name, label in labels.items():
            head.append(f" · {label} ", "dim")
            head.append(name)
        head.append(" · ", "dim")
        head.append("★ critical", "red")
        title.update(head)
        counts = self.data.slo_counts if self.data else {}
        groups = []
        for activity in story_map.activities:
            columns = []
            for task in activity.tasks:
                cards = [Card(Text(task.title), "task", task.id)]
                cards += [Card(story_card_text(s, labels, counts.get(s.id, 0)), "story", s.id,
                               "-critical" if s.critical else "") for s in task.stories]
                columns.append(Vertical(*cards, classes="map-column"))
            if not columns:
                columns.append(Vertical(classes="map-column"))
            head_card = Card(Text(activity.title), "activity", activity.id)
            head_card.styles.width = len(columns) * (COLUMN_WIDTH + 1) - 1
            groups.append(Vertical(head_card,
                                   Horizontal(*columns, classes="task-row"),
                                   classes="activity-group"))
        if not groups:
            await board.mount(Static("This map has no activities yet: press A to add one.",
                                     id="board-empty"))
        else:
            await board.mount(Horizontal(*groups, id="board-grid"))
        cells = [c for column in board_columns(story_map) for c in column.cells()]
        if self.cursor not in cells:
            self.cursor = cells[0] if cells else None
        self._mark_cursor()

    def _mark_cursor(self) -> None:
        for card in self.query(Card):
            card.set_class(card.cursor == self.cursor, "-cursor")
        if self.cursor is not None:
            try:
                card = self.query_one(f"#card-{self.cursor[0]}-{self.cursor[1]}", Card)
            except Exception:
                card = None
            if card is not None:
                self.query_one(Board).scroll_to_widget(card, animate=False)
        self._show_details()

    @on(Card.Clicked)
    def _card_clicked(self, message: Card.Clicked) -> None:
        self.cursor = message.cursor
        self.query_one(Board).focus()
        self._mark_cursor()

    def _position(self) -> tuple[list[Column], int, int] | None:
        """The board's columns and the cursor's (column, row). An activity spans several
        columns, so the column the cursor was last in is tried first."""
        story_map = self.story_map
        if story_map is None or self.cursor is None:
            return None
        columns = board_columns(story_map)
        order = list(range(len(columns)))
        if 0 <= self.column < len(columns):
            order.insert(0, self.column)
        for index in order:
            cells = columns[index].cells()
            if self.cursor in cells:
                return columns, index, cells.index(self.cursor)
        return None

    def action_cursor(self, dx: int, dy: int) -> None:
        found = self._position()
        if found is None:
            return
        columns, col, row = found
        if dx and row == 0:  # on the activities: jump to the neighbouring activity
            current = columns[col].activity.id
            step = col
            while 0 <= step + dx < len(columns) and columns[step].activity.id == current:
                step += dx
            target = columns[step].activity.id
            col = next(i for i, c in enumerate(columns) if c.activity.id == target)
        elif dx:
            col = max(0, min(len(columns) - 1, col + dx))
        cells = columns[col].cells()
        row = max(0, min(len(cells) - 1, row + dy))
        self.cursor, self.column = cells[row], col
        self._mark_cursor()

    # --- finding what is under the cursor -------------------------------------------------

    def current_activity(self) -> Activity | None:
        found = self._position()
        return None if found is None else found[0][found[1]].activity

    def current_task(self) -> Task | None:
        found = self._position()
        return None if found is None else found[0][found[1]].task

    def current_story(self) -> Story | None:
        task = self.current_task()
        if task is None or self.cursor is None or self.cursor[0] != "story":
            return None
        return next((s for s in task.stories if s.id == self.cursor[1]), None)

    def _show_details(self) -> None:
        details = self.query_one("#map-details", Static)
        if self.cursor is None:
            details.update("")
            return
        kind = self.cursor[0]
        if kind == "story":
            story = self.current_story()
            if story is None:
                return
            count = self.data.slo_counts.get(story.id, 0) if self.data else 0
            line = Text.assemble(("Story ", "dim"), (story.title, "bold"))
            if story.critical:
                line.append(" · ★ critical", "red")
                line.append(f" · {plural(count, 'SLO')}")
            if story.slice_name:
                line.append(f" · release: {story.slice_name}")
            if story.persona_name:
                line.append(f" · for {story.persona_name}")
            if story.endpoints:
                line.append(" · " + ", ".join(e.label for e in story.endpoints))
        elif kind == "task":
            task = self.current_task()
            if task is None:
                return
            stories = plural(len(task.stories), "story", "stories")
            line = Text.assemble(("Task ", "dim"), (task.title, "bold"),
                                 f" · {stories} · a adds a story")
        else:
            activity = self.current_activity()
            if activity is None:
                return
            line = Text.assemble(("Activity ", "dim"), (activity.title, "bold"),
                                 f" · {plural(len(activity.tasks), 'task')} · t adds a task")
        line.append("\nshift+arrows move the card · d removes it · p personas · F1 all keys",
                    "dim")
        details.update(line)

    # --- changes --------------------------------------------------------------------------

    def _write(self, fn: Callable[..., object]) -> Callable[[], object]:
        engine = self.app.engine

        def change() -> object:
            with transaction(engine) as session:
                return fn(session)
        return change

    def _card_saved(self, saved: CardSaved | None) -> None:
        if saved is not None:
            self.reload(select=(saved.kind, saved.card_id))

    def _story_options(self) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        story_map = self.story_map
        slices = [(s.id, f"{label} {s.name}") for s, label in zip(
            story_map.slices, slice_labels(story_map).values(), strict=True)] if story_map else []
        personas = [(p.id, p.name) for p in (self.data.personas if self.data else ())]
        return slices, personas

    def _slice_id(self, name: str | None) -> int | None:
        story_map = self.story_map
        if story_map is None or name is None:
            return None
        return next((s.id for s in story_map.slices if s.name == name), None)

    def _persona_id(self, name: str | None) -> int | None:
        if self.data is None or name is None:
            return None
        return next((p.id for p in self.data.personas if p.name == name), None)

    def _save_in_thread(self, fn: Callable[..., CardSaved]) -> Callable[[CardFields], CardSaved]:
        engine = self.app.engine

        def save(fields: CardFields) -> CardSaved:
            with transaction(engine) as session:
                return fn(session, fields)
        return save

    def action_add_story(self) -> None:
        task = self.current_task()
        if task is None:
            if self.current_activity() is not None:
                self.action_add_task()
            else:
                self.notify("Add an activity first (A).", severity="warning")
            return
        story = self.current_story()
        position = story.position + 1 if story is not None else None
        slices, personas = self._story_options()
        default_slice = self._slice_id(story.slice_name if story else None)

        def save(session, fields: CardFields) -> CardSaved:
            added = story_map_repo.add_story(session, task.id, fields.title, critical=fields.critical,
                                       slice_id=fields.slice_id, persona_id=fields.persona_id,
                                       position=position)
            return CardSaved("story", added.id)

        self.app.push_screen(CardDialog(
            f"Add story to {task.title}", self._save_in_thread(save), kind="story",
            value=CardFields("", slice_id=default_slice,
                             persona_id=self._persona_id(story.persona_name if story else None)),
            slices=slices, personas=personas),
            self._card_saved)

    def action_add_task(self) -> None:
        activity = self.current_activity()
        if activity is None:
            self.notify("Add an activity first (A).", severity="warning")
            return
        task = self.current_task()
        position = task.position + 1 if task is not None else None

        def save(session, fields: CardFields) -> CardSaved:
            return CardSaved("task", story_map_repo.add_task(session, activity.id, fields.title,
                                                       position).id)

        self.app.push_screen(CardDialog(f"Add task to {activity.title}",
                                        self._save_in_thread(save), kind="task"),
                             self._card_saved)

    def action_add_activity(self) -> None:
        story_map = self.story_map
        if story_map is None:
            self.action_new_map()
            return
        activity = self.current_activity()
        position = activity.position + 1 if activity is not None else None

        def save(session, fields: CardFields) -> CardSaved:
            return CardSaved("activity", story_map_repo.add_activity(
                session, story_map.id, fields.title, position).id)

        self.app.push_screen(CardDialog(f"Add activity to {story_map.title}",
                                        self._save_in_thread(save), kind="activity"),
                             self._card_saved)

    def action_new_map(self) -> None:
        ws = self.workspace.id
        engine = self.app.engine

        def save(title: str) -> StoryMap:
            with transaction(engine) as session:
                return story_map_repo.add_story_map(session, ws, title)

        def done(story_map: StoryMap | None) -> None:
            if story_map is not None and self.data is not None:
                titles = sorted([*(m.title for m in self.data.maps), story_map.title],
                                key=str.casefold)
                self.map_index = titles.index(story_map.title)
                self.cursor = None
                self.reload()

        self.app.push_screen(NameDialog("New story map", save, label="Title",
                                        placeholder="e.g. Checkout journey"), done)

    def action_next_map(self) -> None:
        if self.data is None or len(self.data.maps) < 2:
            self.notify("There is only one story map (N creates another).")
            return
        self.map_index = (self.map_index + 1) % len(self.data.maps)
        self.cursor = None
        self.reload()

    def action_edit_card(self) -> None:
        if self.cursor is None:
            return
        kind, card_id = self.cursor
        if kind == "story":
            story = self.current_story()
            if story is None:
                return
            slices, personas = self._story_options()

            def save_story(session, fields: CardFields) -> CardSaved:
                story_map_repo.update_story(session, card_id, title=fields.title,
                                      critical=fields.critical, slice_id=fields.slice_id,
                                      persona_id=fields.persona_id)
                return CardSaved("story", card_id)

            value = CardFields(story.title, story.critical, self._slice_id(story.slice_name),
                               self._persona_id(story.persona_name))
            self.app.push_screen(CardDialog("Edit story", self._save_in_thread(save_story),
                                            kind="story", value=value, slices=slices,
                                            personas=personas), self._card_saved)
            return
        card = self.current_task() if kind == "task" else self.current_activity()
        if card is None:
            return

        def save(session, fields: CardFields) -> CardSaved:
            story_map_repo.rename_card(session, kind, card_id, fields.title)
            return CardSaved(kind, card_id)

        self.app.push_screen(CardDialog(f"Edit {kind}", self._save_in_thread(save), kind=kind,
                                        value=CardFields(card.title)), self._card_saved)

    def action_toggle_critical(self) -> None:
        story = self.current_story()
        if story is None:
            self.notify("Put the cursor on a story to mark it critical.", severity="warning")
            return
        critical = not story.critical
        self.reload(self._write(lambda s: story_map_repo.update_story(s, story.id, critical=critical)),
                    select=("story", story.id),
                    notice=f"{story.title}: {'critical' if critical else 'not critical'}")

    def action_add_slo(self) -> None:
        story = self.current_story()
        if story is None:
            self.notify("Put the cursor on a story to give it an SLO.", severity="warning")
            return
        self.app.show_section("slos", ("story", story.id))  # type: ignore[attr-defined]

    def action_move(self, dx: int, dy: int) -> None:
        found = self._position()
        if found is None or self.cursor is None:
            return
        columns, col, row = found
        kind, card_id = self.cursor
        if kind == "story" and dy:
            change = self._write(lambda s: story_map_repo.move_card(s, "story", card_id, dy))
        elif kind == "story" and dx:
            target = col + dx
            if not 0 <= target < len(columns) or columns[target].task is None:
                return
            task_id = columns[target].task.id  # type: ignore[union-attr]
            change = self._write(lambda s: story_map_repo.move_story(s, card_id, task_id, row - 2))
        elif kind in ("task", "activity") and dx:
            change = self._write(lambda s: story_map_repo.move_card(s, kind, card_id, dx))
        else:
            self.notify("Tasks and activities move left and right.", severity="warning")
            return
        self.reload(change, select=(kind, card_id))

    def action_remove_card(self) -> None:
        if self.cursor is None:
            return
        kind, card_id = self.cursor
        card = self.current_story() if kind == "story" else (
            self.current_task() if kind == "task" else self.current_activity())
        if card is None:
            return
        under = {"activity": " and its tasks and stories", "task": " and its stories",
                 "story": ""}[kind]

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.cursor = None
                self.reload(self._write(lambda s: story_map_repo.remove_card(s, kind, card_id)),
                            notice=f"Removed {kind} {card.title}")

        self.app.push_screen(ConfirmDialog(f"Remove {kind}",
                                           f"Remove the {kind} {card.title!r}{under}?"),
                             confirmed)

    # --- personas -------------------------------------------------------------------------

    def action_toggle_view(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        if switcher.current == "board":
            switcher.current = "personas-pane"
            self.query_one(PersonasTable).focus()
            self._show_persona()
        else:
            switcher.current = "board"
            self.query_one(Board).focus()
            self._show_details()

    def _render_personas(self) -> None:
        table = self.query_one(PersonasTable)
        keep = self._selected_persona_id()
        table.clear(columns=True)
        table.add_column("Persona", key="name")
        table.add_column("Needs", key="needs")
        table.add_column("Team", key="team")
        table.add_column("Time available", key="time")
        personas = self.data.personas if self.data else ()
        for persona in personas:
            table.add_row(Text(persona.name), Text(persona.needs.value),
                          Text(persona.team_name or "-", style="" if persona.team_name
                               else "dim"),
                          Text(persona.time_available or "-"), key=str(persona.id))
        self.query_one("#personas-pane").border_title = f"Personas ({len(personas)})"
        if keep is not None:
            with contextlib.suppress(RowDoesNotExist):
                table.move_cursor(row=table.get_row_index(str(keep)))
        if self.query_one(ContentSwitcher).current == "personas-pane":
            self._show_persona()

    def _selected_persona_id(self) -> int | None:
        table = self.query_one(PersonasTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    def selected_persona(self) -> Persona | None:
        persona_id = self._selected_persona_id()
        if persona_id is None or self.data is None:
            return None
        return next((p for p in self.data.personas if p.id == persona_id), None)

    @on(DataTable.RowHighlighted, "#personas")
    def _show_persona(self) -> None:
        if self.query_one(ContentSwitcher).current != "personas-pane":
            return
        persona = self.selected_persona()
        details = self.query_one("#map-details", Static)
        if persona is None:
            details.update("No personas yet: press a to add one.")
            return
        line = Text.assemble((persona.name, "bold"), f" needs {persona.needs.value}")
        for label, value in (("goal", persona.goal), ("where", persona.environment),
                             ("complains about", persona.complaints)):
            if value:
                line.append(f" · {label}: ", "dim")
                line.append(value)
        details.update(line)

    @on(DataTable.RowSelected, "#personas")
    def _persona_selected(self) -> None:
        self.action_edit_persona()

    def _persona_saved(self, persona: Persona | None) -> None:
        if persona is not None:
            self.reload(notice=f"Saved persona {persona.name}")

    def _save_persona(self, old_name: str | None) -> Callable[[PersonaFields], Persona]:
        engine, ws = self.app.engine, self.workspace.id

        def save(fields: PersonaFields) -> Persona:
            values = {"goal": fields.goal, "time_available": fields.time_available,
                      "environment": fields.environment, "needs": fields.needs,
                      "complaints": fields.complaints}
            with transaction(engine) as session:
                if old_name is None:
                    return persona_repo.add_persona(session, ws, fields.name,
                                                team=fields.team, **values)
                return persona_repo.update_persona(session, ws, old_name, new_name=fields.name,
                                               team=fields.team or "", **values)
        return save

    def action_add_persona(self) -> None:
        teams = self.data.teams if self.data else ()
        self.app.push_screen(PersonaDialog("Add persona", self._save_persona(None),
                                           teams=teams), self._persona_saved)

    def action_edit_persona(self) -> None:
        persona = self.selected_persona()
        if persona is None:
            self.notify("Select a persona to edit.", severity="warning")
            return
        teams = self.data.teams if self.data else ()
        self.app.push_screen(PersonaDialog("Edit persona", self._save_persona(persona.name),
                                           teams=teams, persona=persona), self._persona_saved)

    def action_remove_persona(self) -> None:
        persona = self.selected_persona()
        if persona is None:
            self.notify("Select a persona to remove.", severity="warning")
            return

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.reload(self._write(lambda s: persona_repo.remove_persona(
                    s, self.workspace.id, persona.name)),
                    notice=f"Removed persona {persona.name}")

        self.app.push_screen(ConfirmDialog("Remove persona",
                                           f"Remove the persona {persona.name!r}?"), confirmed)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add_persona", "edit_persona", "remove_persona"):
            return self.query_one(ContentSwitcher).current == "personas-pane"
        if action == "next_map":
            return self.data is not None and len(self.data.maps) > 1
        return True

