"""The "Story map & personas" section: a story map board (activities left to right, their
tasks under them, the stories in one band per release slice) and the personas the stories
are for.

The screen holds the actions; what is where is ``tui/board_geometry.py`` (pure), drawing is
``widgets/story_board.py``, ``widgets/story_card.py`` and ``widgets/personas_view.py``.
Every read and write goes through ``app.service.maps`` in a thread worker
(``ReloadingSection.reload``, or the saving dialogs).

Decisions:
- The position (map, card under the cursor per map, view, condensed or not, selected
  persona) is kept per app and workspace in ``BoardMemory``, so leaving for the SLO editor
  (``s``) and coming back with ``3`` lands on the same map and card. It lives as long as
  the app does (a weak reference to it), never in a file.
- ``reveal("story", id)`` and ``reveal("persona", id)`` (the command palette) reload
  first, so a story added a moment ago elsewhere is found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import ContentSwitcher, DataTable, Static

from workbench.domain.organisation import Workspace
from workbench.domain.slo.records import Activity, Persona, Story, StoryMap, Task
from workbench.tui.board_geometry import (
    BoardLayout,
    Column,
    Cursor,
    build_layout,
    move_cursor,
    neighbour_after_removal,
    next_slice,
    place_story,
)
from workbench.tui.dialogs.card_dialog import CardDialog, CardFields, CardSaved
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.dialogs.persona_dialog import PersonaDialog, PersonaFields
from workbench.tui.screens.frame import ReloadingSection
from workbench.tui.widgets.personas_view import PersonasTable, PersonasView, persona_details
from workbench.tui.widgets.story_board import Board
from workbench.tui.widgets.story_card import Card, card_details, plural

if TYPE_CHECKING:
    from workbench.service.story_maps import MapData

BOARD, PERSONAS = "board", "personas-pane"


@dataclass
class BoardMemory:
    """Where the user was in the section (see the module's decisions)."""

    map_id: int | None = None
    cursors: dict[int, tuple[Cursor, int]] = field(default_factory=dict)
    """Map id -> (card under the cursor, its column)."""
    view: str = BOARD
    condensed: bool = False
    persona_id: int | None = None


_MEMORY: WeakKeyDictionary[App, dict[int, BoardMemory]] = WeakKeyDictionary()


def board_memory(app: App, workspace_id: int) -> BoardMemory:
    """The position kept for ``app`` in one workspace (made on first use)."""
    return _MEMORY.setdefault(app, {}).setdefault(workspace_id, BoardMemory())


class StoryMapScreen(ReloadingSection):
    SECTION_ID = "storymap"
    CSS_PATH = "../storymap.tcss"

    BINDINGS: ClassVar = [
        # escape still goes back; the footer has no room for it at 80 columns
        Binding("escape", "app.pick_workspace", "Back", show=False, id="workspaces",
                tooltip="Back to the workspace list"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.data: MapData | None = None
        self.board_layout: BoardLayout | None = None
        self.map_id: int | None = None
        self.cursor: Cursor | None = None
        self.column = 0
        """The board column of the cursor (an activity's card spans all its columns)."""
        self.condensed = False
        self._wanted: tuple[str, int] | None = None
        """A record to reveal once the data is loaded."""
        self._restore: tuple[str, int | None] | None = None
        """The view and persona to show again once the data is first loaded."""

    def compose_body(self) -> ComposeResult:
        yield Static("Loading…", id="map-title", markup=False)
        with ContentSwitcher(initial=BOARD, id="views"):
            yield Board(id="board")
            yield PersonasView(id=PERSONAS, classes="pane")
        yield Static("", id="map-details", markup=False)

    def on_mount(self) -> None:
        memory = self.memory
        self.map_id, self.condensed = memory.map_id, memory.condensed
        if memory.map_id is not None and memory.map_id in memory.cursors:
            self.cursor, self.column = memory.cursors[memory.map_id]
        self._wanted = self.pending_reveal
        self.pending_reveal = None
        self._restore = (memory.view, memory.persona_id)
        self._switch(BOARD)
        self.reload()

    @property
    def memory(self) -> BoardMemory:
        return board_memory(self.app, self.workspace.id)

    def _remember(self) -> None:
        memory = self.memory
        memory.map_id, memory.condensed = self.map_id, self.condensed
        memory.view = self.query_one(ContentSwitcher).current or BOARD
        if self.map_id is not None and self.cursor is not None:
            memory.cursors[self.map_id] = (self.cursor, self.column)
        if self.data is not None:
            memory.persona_id = self.query_one(PersonasView).selected_id()

    def reveal(self, kind: str, record_id: int) -> None:
        """Show the story ``("story", id)`` on its map, or select ``("persona", id)``."""
        self._wanted = (kind, record_id)
        self.reload()

    # --- loading --------------------------------------------------------------------------

    def load_data(self) -> MapData:
        return self.app.service.maps.overview(self.workspace.id)

    async def show_data(self, data: MapData, select: Any) -> None:
        self.data = data
        view, persona_id = self._restore or (None, None)
        self._restore = None
        wanted, self._wanted = self._wanted, None
        if wanted is not None and wanted[0] == "story":
            view = BOARD
            if data.map_of_story(wanted[1]) is None:
                self.notify("That story is no longer on any story map.", severity="warning")
            else:
                select = wanted
        elif wanted is not None and wanted[0] == "persona":
            view, persona_id = PERSONAS, wanted[1]
            if data.persona(wanted[1]) is None:
                self.notify("That persona no longer exists.", severity="warning")
        if isinstance(select, tuple) and select[0] == "map":
            self._go_to_map(select[1])
        elif isinstance(select, tuple):
            self._go_to_card(select)
        if data.maps and (self.map_id is None or data.story_map(self.map_id) is None):
            self._go_to_map(data.maps[0].id)  # the first visit, or the map was deleted
        await self._render_board()
        self.query_one(PersonasView).show(data.personas, persona_id)
        if view is not None:
            self._switch(view)
        self._remember()
        self._show_details()

    def _go_to_map(self, map_id: int) -> None:
        """Show another map, its cursor where it was the last time."""
        if self.map_id is not None and self.cursor is not None:
            self.memory.cursors[self.map_id] = (self.cursor, self.column)
        self.map_id = map_id
        self.cursor, self.column = self.memory.cursors.get(map_id, (None, 0))

    def _go_to_card(self, cursor: Cursor) -> None:
        """Put the cursor on ``cursor``, switching to the map that holds it."""
        if self.data is None:
            return
        for story_map in self.data.maps:
            layout = build_layout(story_map, self.data.story_slices)
            if cursor in layout.cursors():
                if story_map.id != self.map_id:
                    self._go_to_map(story_map.id)
                self.cursor = cursor
                found = layout.locate(cursor, self.column)
                self.column = found[0] if found else 0
                return

    @property
    def story_map(self) -> StoryMap | None:
        """The map on the board (None until loaded, or when there is none)."""
        if self.data is None or self.map_id is None:
            return None
        return self.data.story_map(self.map_id)

    # --- the board ------------------------------------------------------------------------

    async def _render_board(self) -> None:
        board = self.query_one(Board)
        story_map = self.story_map
        self._show_title()
        if story_map is None or self.data is None:
            self.board_layout = None
            await board.show_message("No story map yet: press N to create one, then A to add "
                                     "its first activity.")
            self.cursor = None
            return
        self.board_layout = build_layout(story_map, self.data.story_slices)
        await board.show_layout(self.board_layout, self.data.slo_counts,
                                condensed=self.condensed)
        cards = self.board_layout.cursors()
        if self.cursor not in cards:
            self.cursor, self.column = (cards[0] if cards else None), 0
        self._mark_cursor()

    def _show_title(self) -> None:
        title = self.query_one("#map-title", Static)
        story_map = self.story_map
        if self.query_one(ContentSwitcher).current == PERSONAS:
            back = f"  p: back to the map {story_map.title}" if story_map else ""
            title.update(Text.assemble(("Personas", "bold"), back))
            return
        if story_map is None or self.data is None:
            title.update("No story map yet")
            return
        head = Text.assemble((story_map.title, "bold"))
        if len(self.data.maps) > 1:
            index = [m.id for m in self.data.maps].index(story_map.id)
            head.append(f"  map {index + 1} of {len(self.data.maps)} (m: next)")
        head.append("  ")
        head.append("★ critical", "bold red")
        head.append("  ")
        head.append("★ no SLO yet", "bold yellow")
        if self.condensed:
            head.append("  condensed (v: normal)")
        title.update(head)

    def _mark_cursor(self) -> None:
        self.query_one(Board).mark(self.cursor)
        self._remember()
        self._show_details()

    @on(Card.Clicked)
    def _card_clicked(self, message: Card.Clicked) -> None:
        self.cursor = message.cursor
        if self.board_layout is not None:
            found = self.board_layout.locate(message.cursor, self.column)
            self.column = found[0] if found else self.column
        self.query_one(Board).focus()
        self._mark_cursor()

    def action_cursor(self, dx: int, dy: int) -> None:
        if self.board_layout is None:
            return
        moved = move_cursor(self.board_layout, self.cursor, self.column, dx, dy)
        if moved is not None:
            self.cursor, self.column = moved
            self._mark_cursor()

    # --- finding what is under the cursor -------------------------------------------------

    def _current_column(self) -> Column | None:
        layout = self.board_layout
        found = None if layout is None else layout.locate(self.cursor, self.column)
        return None if found is None or layout is None else layout.columns[found[0]]

    def current_activity(self) -> Activity | None:
        column = self._current_column()
        return None if column is None else column.activity

    def current_task(self) -> Task | None:
        column = self._current_column()
        return None if column is None else column.task

    def current_story(self) -> Story | None:
        if self.board_layout is None or self.cursor is None or self.cursor[0] != "story":
            return None
        return self.board_layout.story(self.cursor[1])

    def _slice_of(self, story: Story) -> int | None:
        return self.data.story_slices.get(story.id) if self.data else None

    def _show_details(self) -> None:
        details = self.query_one("#map-details", Static)
        if self.query_one(ContentSwitcher).current == PERSONAS:
            details.update(persona_details(self.selected_persona()))
        elif self.board_layout is None or self.data is None:
            details.update("")
        else:
            details.update(card_details(self.board_layout, self.cursor, self.column,
                                        self.data.slo_counts))

    # --- cards ----------------------------------------------------------------------------

    def _card_saved(self, saved: CardSaved | None) -> None:
        if saved is not None:
            self.reload(select=(saved.kind, saved.card_id))

    def _story_options(self) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        layout = self.board_layout
        slices = ([(b.slice_id, b.title) for b in layout.bands if b.slice_id is not None]
                  if layout else [])
        personas = [(p.id, p.name) for p in (self.data.personas if self.data else ())]
        return slices, personas  # type: ignore[return-value]

    def _persona_id(self, name: str | None) -> int | None:
        if self.data is None or name is None:
            return None
        return next((p.id for p in self.data.personas if p.name == name), None)

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
        service = self.app.service.maps

        def save(fields: CardFields) -> CardSaved:
            added = service.add_story(task.id, fields.title, critical=fields.critical,
                                      slice_id=fields.slice_id, persona_id=fields.persona_id,
                                      position=position)
            return CardSaved("story", added.id)

        value = CardFields("", slice_id=self._slice_of(story) if story else None,
                           persona_id=self._persona_id(story.persona_name if story else None))
        self.app.push_screen(CardDialog(f"Add story to {task.title}", save, kind="story",
                                        value=value, slices=slices, personas=personas),
                             self._card_saved)

    def action_add_task(self) -> None:
        activity = self.current_activity()
        if activity is None:
            self.notify("Add an activity first (A).", severity="warning")
            return
        task = self.current_task()
        position = task.position + 1 if task is not None else None
        service = self.app.service.maps

        def save(fields: CardFields) -> CardSaved:
            return CardSaved("task", service.add_task(activity.id, fields.title, position))

        self.app.push_screen(CardDialog(f"Add task to {activity.title}", save, kind="task"),
                             self._card_saved)

    def action_add_activity(self) -> None:
        story_map = self.story_map
        if story_map is None:
            self.action_new_map()
            return
        activity = self.current_activity()
        position = activity.position + 1 if activity is not None else None
        service = self.app.service.maps

        def save(fields: CardFields) -> CardSaved:
            return CardSaved("activity", service.add_activity(story_map.id, fields.title,
                                                              position))

        self.app.push_screen(CardDialog(f"Add activity to {story_map.title}", save,
                                        kind="activity"), self._card_saved)

    def action_edit_card(self) -> None:
        if self.cursor is None:
            return
        kind = self.cursor[0]
        service = self.app.service.maps
        if kind == "story":
            story = self.current_story()
            if story is None:
                return
            slices, personas = self._story_options()

            def save_story(fields: CardFields) -> CardSaved:
                service.update_story(story, title=fields.title, critical=fields.critical,
                                     slice_id=fields.slice_id, persona_id=fields.persona_id)
                return CardSaved("story", story.id)

            value = CardFields(story.title, story.critical, self._slice_of(story),
                               self._persona_id(story.persona_name))
            self.app.push_screen(CardDialog("Edit story", save_story, kind="story",
                                            value=value, slices=slices, personas=personas),
                                 self._card_saved)
            return
        card = self.current_task() if kind == "task" else self.current_activity()
        if card is None:
            return

        def save(fields: CardFields) -> CardSaved:
            service.rename_card(kind, card.id, card.version, fields.title)
            return CardSaved(kind, card.id)

        self.app.push_screen(CardDialog(f"Edit {kind}", save, kind=kind,
                                        value=CardFields(card.title)), self._card_saved)

    def action_toggle_critical(self) -> None:
        story = self.current_story()
        if story is None:
            self.notify("Put the cursor on a story to mark it critical.", severity="warning")
            return
        critical, service = not story.critical, self.app.service.maps
        self.reload(lambda: service.set_critical(story.id, critical),
                    select=("story", story.id),
                    notice=f"{story.title}: {'critical' if critical else 'not critical'}")

    def action_add_slo(self) -> None:
        story = self.current_story()
        if story is None:
            self.notify("Put the cursor on a story to give it an SLO.", severity="warning")
            return
        self._remember()
        self.app.show_section("slos", ("story", story.id))  # type: ignore[attr-defined]

    def action_move(self, dx: int, dy: int) -> None:
        if self.board_layout is None or self.cursor is None:
            return
        kind, card_id = self.cursor
        service = self.app.service.maps
        if kind == "story":
            placed = place_story(self.board_layout, card_id, dx, dy)
            if placed is None:
                self.app.bell()
                return
            self.reload(lambda: service.place_story(
                card_id, placed.task_id, placed.position, slice_id=placed.slice_id,
                slice_changes=placed.slice_changes), select=("story", card_id))
        elif dx:
            self.reload(lambda: service.move_card(kind, card_id, dx), select=(kind, card_id))
        else:
            self.notify("Tasks and activities move left and right.", severity="warning")

    def action_remove_card(self) -> None:
        if self.cursor is None or self.board_layout is None:
            return
        kind, card_id = self.cursor
        card = self.current_story() if kind == "story" else (
            self.current_task() if kind == "task" else self.current_activity())
        if card is None:
            return
        under = {"activity": " and its tasks and stories", "task": " and its stories",
                 "story": ""}[kind]
        after = neighbour_after_removal(self.board_layout, self.cursor, self.column)
        service, version = self.app.service.maps, card.version

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.reload(lambda: service.remove_card(kind, card_id, version), select=after,
                            notice=f"Removed {kind} {card.title}")

        self.app.push_screen(ConfirmDialog(f"Remove {kind}",
                                           f"Remove the {kind} {card.title!r}{under}?"),
                             confirmed)

    # --- release slices -------------------------------------------------------------------

    def action_next_slice(self) -> None:
        story, story_map = self.current_story(), self.story_map
        if story is None or story_map is None:
            self.notify("Put the cursor on a story to choose its release slice.",
                        severity="warning")
            return
        if not story_map.slices:
            self.notify("This map has no release slices yet: R adds one.", severity="warning")
            return
        target = next_slice(story_map, self._slice_of(story))
        service = self.app.service.maps
        self.reload(lambda: service.assign_slice(story.id, target), select=("story", story.id))

    def action_manage_slices(self) -> None:
        from workbench.tui.dialogs.slice_dialog import SliceDialog

        story_map = self.story_map
        if story_map is None:
            self.notify("Create a story map first (N).", severity="warning")
            return

        def closed(changed: bool | None) -> None:
            if changed:
                self.reload(select=self.cursor)

        self.app.push_screen(SliceDialog(story_map), closed)

    # --- maps -----------------------------------------------------------------------------

    def action_new_map(self) -> None:
        service, ws = self.app.service.maps, self.workspace.id

        def done(story_map: StoryMap | None) -> None:
            if story_map is not None:
                self.reload(select=("map", story_map.id))

        self.app.push_screen(NameDialog("New story map", lambda t: service.add_map(ws, t),
                                        label="Title", placeholder="e.g. Checkout journey"),
                             done)

    def action_next_map(self) -> None:
        if self.data is None or len(self.data.maps) < 2:
            self.notify("There is only one story map (N creates another).")
            return
        ids = [m.id for m in self.data.maps]
        current = ids.index(self.map_id) if self.map_id in ids else -1
        self.reload(select=("map", ids[(current + 1) % len(ids)]))

    def action_rename_map(self) -> None:
        story_map = self.story_map
        if story_map is None:
            self.notify("Create a story map first (N).", severity="warning")
            return
        service, ws = self.app.service.maps, self.workspace.id

        def done(renamed: StoryMap | None) -> None:
            if renamed is not None:
                self.reload(select=("map", renamed.id), notice=f"Renamed to {renamed.title}")

        self.app.push_screen(NameDialog("Rename story map",
                                        lambda t: service.rename_map(ws, story_map, t),
                                        label="Title", value=story_map.title), done)

    def action_remove_map(self) -> None:
        story_map = self.story_map
        if story_map is None or self.data is None:
            self.notify("There is no story map to delete.", severity="warning")
            return
        stories = story_map.stories()
        tasks = sum(len(a.tasks) for a in story_map.activities)
        slos = sum(self.data.slo_counts.get(s.id, 0) for s in stories)
        what = (f"{plural(len(story_map.activities), 'activity', 'activities')}, "
                f"{plural(tasks, 'task')}, {plural(len(stories), 'story', 'stories')} and "
                f"{plural(len(story_map.slices), 'release slice')}")
        kept = (f"\n\nThe {plural(slos, 'SLO')} linked to its stories stay, linked to no "
                "story." if slos else "")
        service, ws = self.app.service.maps, self.workspace.id
        notice = f"Deleted story map {story_map.title}" + (
            f"; its {plural(slos, 'SLO')} stay, linked to no story" if slos else "")

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.memory.cursors.pop(story_map.id, None)
                self.reload(lambda: service.remove_map(ws, story_map), notice=notice)

        self.app.push_screen(ConfirmDialog(
            "Delete story map",
            f"Delete the story map {story_map.title!r} with its {what}?{kept}",
            confirm_label="Delete"), confirmed)

    # --- the condensed view ---------------------------------------------------------------

    async def action_toggle_condensed(self) -> None:
        self.condensed = not self.condensed
        await self._render_board()

    # --- personas -------------------------------------------------------------------------

    def _switch(self, view: str) -> None:
        self.query_one(ContentSwitcher).current = view
        if view == PERSONAS:
            self.query_one(PersonasTable).focus()
        else:
            self.query_one(Board).focus()
        self._show_title()

    def action_toggle_view(self) -> None:
        board = self.query_one(ContentSwitcher).current == BOARD
        self._switch(PERSONAS if board else BOARD)
        if not board:
            self.query_one(Board).mark(self.cursor)
        self._remember()
        self._show_details()

    def selected_persona(self) -> Persona | None:
        persona_id = self.query_one(PersonasView).selected_id()
        if persona_id is None or self.data is None:
            return None
        return self.data.persona(persona_id)

    @on(DataTable.RowHighlighted, "#personas")
    def _persona_highlighted(self) -> None:
        if self.query_one(ContentSwitcher).current == PERSONAS:
            self._remember()
            self._show_details()

    @on(DataTable.RowSelected, "#personas")
    def _persona_selected(self) -> None:
        self.action_edit_persona()

    def _persona_saved(self, persona: Persona | None) -> None:
        if persona is not None:
            self._wanted = ("persona", persona.id)
            self.reload(notice=f"Saved persona {persona.name}")

    def action_add_persona(self) -> None:
        service, ws = self.app.service.maps, self.workspace.id
        teams = self.data.teams if self.data else ()

        def save(fields: PersonaFields) -> Persona:
            return service.add_persona(ws, fields)

        self.app.push_screen(PersonaDialog("Add persona", save, teams=teams),
                             self._persona_saved)

    def action_edit_persona(self) -> None:
        persona = self.selected_persona()
        if persona is None:
            self.notify("Select a persona to edit.", severity="warning")
            return
        service, ws = self.app.service.maps, self.workspace.id
        teams = self.data.teams if self.data else ()

        def save(fields: PersonaFields) -> Persona:
            return service.update_persona(ws, persona, fields)

        self.app.push_screen(PersonaDialog("Edit persona", save, teams=teams,
                                           persona=persona), self._persona_saved)

    def action_remove_persona(self) -> None:
        persona = self.selected_persona()
        if persona is None:
            self.notify("Select a persona to remove.", severity="warning")
            return
        service, ws = self.app.service.maps, self.workspace.id

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.reload(lambda: service.remove_persona(ws, persona),
                            notice=f"Removed persona {persona.name}")

        self.app.push_screen(ConfirmDialog("Remove persona",
                                           f"Remove the persona {persona.name!r}?"), confirmed)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add_persona", "edit_persona", "remove_persona"):
            return self.query_one(ContentSwitcher).current == PERSONAS
        return True
