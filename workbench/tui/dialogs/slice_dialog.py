"""The release slices of one story map, in order, with how many stories each holds: add,
rename, reorder and delete them. Closing returns True when anything changed, so the board
redraws its bands.

Every change runs in a thread worker through ``app.service.maps`` and the list is loaded
again after it; a rename passes the version of the slice as listed (a stale one is refused).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Label, Static

from workbench.domain.slo.records import ReleaseSlice, StoryMap
from workbench.tui.dialogs.confirm_dialog import ConfirmDialog
from workbench.tui.dialogs.name_dialog import NameDialog
from workbench.tui.screens.base import BaseModal
from workbench.tui.screens.reloading import ReloadsData
from workbench.tui.widgets.story_card import plural

SliceRow = tuple[ReleaseSlice, int]
"""A slice and its number of stories."""


class SliceDialog(ReloadsData, BaseModal[bool]):
    CSS_PATH = "../storymap.tcss"

    BINDINGS: ClassVar = [
        Binding("escape", "close", "Close", id="slices-close",
                tooltip="Close; the board shows the slices as they are now"),
        Binding("a", "add", "Add", id="slices-add", tooltip="Add a release slice (last)"),
        Binding("e", "rename", "Rename", id="slices-rename",
                tooltip="Rename the selected release slice (enter too)"),
        Binding("shift+up,K", "move(-1)", "Earlier", id="slices-up",
                tooltip="Move the selected slice one place earlier"),
        Binding("shift+down,J", "move(1)", "Later", id="slices-down",
                tooltip="Move the selected slice one place later"),
        Binding("d,delete", "remove", "Delete", id="slices-delete",
                tooltip="Delete the selected slice (its stories stay, in no slice)"),
    ]

    def __init__(self, story_map: StoryMap) -> None:
        super().__init__(classes="dialog-screen")
        self.story_map = story_map
        self.rows: list[SliceRow] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog slice-dialog", id="slice-dialog"):
            yield Label(Text.assemble("Release slices of ", (self.story_map.title, "bold")),
                        classes="dialog-title")
            yield DataTable(id="slices", cursor_type="row", zebra_stripes=True)
            yield Static("a add · e rename · shift+↑/↓ reorder · d delete · esc close",
                         classes="dialog-hint", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="close", variant="primary", compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#slices", DataTable)
        table.add_column("", key="label")
        table.add_column("Release slice", key="name")
        table.add_column(Text("Stories", justify="right"), key="stories")
        table.focus()
        self.reload()

    # --- loading and changing -------------------------------------------------------------

    def load_data(self) -> list[SliceRow]:
        return self.app.service.maps.slices(self.story_map.id)

    async def show_data(self, data: list[SliceRow], select: int | None) -> None:
        table = self.query_one("#slices", DataTable)
        keep = select if select is not None else self._selected_id()
        self.rows = data
        table.clear()
        for index, (release_slice, stories) in enumerate(self.rows, start=1):
            table.add_row(Text(f"R{index}", style="bold"), Text(release_slice.name),
                          Text(plural(stories, "story", "stories"), justify="right"),
                          key=str(release_slice.id))
        if not self.rows:
            table.add_row("", Text("No release slices yet: press a to add one."), "")
        ids = [r.id for r, _ in self.rows]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))

    def _selected_id(self) -> int | None:
        row = self.selected()
        return None if row is None else row[0].id

    def selected(self) -> SliceRow | None:
        table = self.query_one("#slices", DataTable)
        if not self.rows or table.row_count == 0:
            return None
        index = table.cursor_coordinate.row
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _changed(self, result: object) -> None:
        self.changed = True
        if isinstance(result, ReleaseSlice):
            self.reload(select=result.id)

    # --- actions --------------------------------------------------------------------------

    def action_add(self) -> None:
        service, map_id = self.app.service.maps, self.story_map.id

        def done(added: ReleaseSlice | None) -> None:
            if added is not None:
                self._changed(added)

        self.app.push_screen(NameDialog(
            f"Add a release slice to {self.story_map.title}",
            lambda name: service.add_slice(map_id, name), label="Name",
            placeholder="e.g. Walking skeleton, MVP, Festival sale"), done)

    @on(DataTable.RowSelected, "#slices")
    def action_rename(self) -> None:
        row = self.selected()
        if row is None:
            self.notify("Add a release slice first (a).", severity="warning")
            return
        release_slice = row[0]
        service = self.app.service.maps

        def done(renamed: ReleaseSlice | None) -> None:
            if renamed is not None:
                self._changed(renamed)

        self.app.push_screen(NameDialog(
            "Rename release slice", lambda name: service.rename_slice(release_slice, name),
            label="Name", value=release_slice.name), done)

    def action_move(self, offset: int) -> None:
        row = self.selected()
        if row is None:
            return
        release_slice = row[0]
        service = self.app.service.maps
        self.changed = True
        self.reload(lambda: service.move_slice(release_slice, offset), select=release_slice.id)

    def action_remove(self) -> None:
        row = self.selected()
        if row is None:
            return
        release_slice, stories = row
        service = self.app.service.maps
        held = (f"Its {plural(stories, 'story', 'stories')} stay on the map, in no slice."
                if stories else "It holds no stories.")

        def confirmed(ok: bool | None) -> None:
            if ok:
                self.changed = True
                self.reload(lambda: service.remove_slice(release_slice),
                            notice=f"Deleted release slice {release_slice.name}")

        self.app.push_screen(ConfirmDialog(
            "Delete release slice",
            f"Delete the release slice {release_slice.name!r}? {held}",
            confirm_label="Delete"), confirmed)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss(self.changed)
