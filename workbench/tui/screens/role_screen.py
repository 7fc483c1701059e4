"""The SRE role description of the organisation, opened from the Organisation section (r):
its title and purpose, responsibilities, skills and technical stack, part by part, each
edited in its own dialog; signed off like every document.

Decisions:
- A screen of its own over the section (escape goes back), not a section: the role belongs
  to the organisation decision, which says how many of these people are needed.
- Without a role yet, n starts one from the book's generic role (``wb.organisation.new_role``)
  whose responsibilities and skills the organisation keeps, drops or extends.
- Changes go through ``self.app.service.organisation`` with the version shown, as in the
  sections (see ``ReloadsData``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, Static

from workbench.domain.organisation import ArtifactStatus, Workspace
from workbench.tui import document_actions
from workbench.tui.dialogs.document_form import LinesDialog
from workbench.tui.dialogs.role_purpose_dialog import RolePurposeDialog
from workbench.tui.screens.base import BaseScreen
from workbench.tui.screens.reloading import ReloadsData
from workbench.tui.widgets.document_parts import HangingText
from workbench.tui.widgets.document_state import lifecycle_text
from workbench.tui.widgets.role_parts import RoleParts, role_blocks

LIST_HINTS = {
    "responsibilities": ("Responsibilities of the SRE role",
                         "One responsibility per line; keep, drop or add to the book's list.",
                         "e.g. Take part in postmortems"),
    "skills": ("Skills of the SRE role", "One skill per line.",
               "e.g. Debugging and troubleshooting"),
    "stack": ("Technical stack of the SRE role",
              "One technology per line (optional; a plus when hiring, not a must).",
              "e.g. Kubernetes"),
}


class RoleScreen(ReloadsData, BaseScreen):
    CSS_PATH: ClassVar = ["../documents.tcss", "../org.tcss"]
    HELP_TITLE = "SRE role"

    BINDINGS: ClassVar = [
        Binding("escape", "back", "Back", id="role-back",
                tooltip="Back to the organisation decision"),
        Binding("n", "new_role", "New", id="role-new",
                tooltip="Start the SRE role from the book's generic responsibilities and "
                        "skills"),
        *[replace(b, show=b.key == document_actions.AGREE_KEY)
          for b in document_actions.bindings()],
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.view: Any = None
        self.loaded = False
        self._changing = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("SRE role description", id="role-title", markup=False)
        yield HangingText("Loading…", lines=2, id="role-state")
        yield Static("", id="role-missing", classes="doc-missing", markup=False)
        yield RoleParts(id="role-parts")
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.workspace.name
        self.query_one(RoleParts).focus()
        self.reload()

    def load_data(self) -> Any:
        return self.app.service.organisation.role(self.workspace.id)

    async def show_data(self, data: Any, select: Any) -> None:
        self._changing = False
        self.loaded = True
        self.view = data
        self.refresh_bindings()
        state = self.query_one("#role-state", HangingText)
        missing = self.query_one("#role-missing", Static)
        parts = self.query_one(RoleParts)
        if data is None:
            state.update("No SRE role description yet: n starts one from the book's generic "
                         "role, whose responsibilities and skills you keep, drop or extend.")
            missing.set_class(False, "-shown")
            parts.display = False
            return
        parts.display = True
        self.query_one("#role-title", Static).update(f"SRE role description: "
                                                     f"{data.role.title}")
        state.update(lifecycle_text(data))
        if data.missing:
            missing.update("✗ Missing before it can be agreed: " +
                           "; ".join(m.message for m in data.missing))
        missing.set_class(bool(data.missing), "-shown")
        parts.show(role_blocks(data), select=select if isinstance(select, str) else None)

    # --- keys -----------------------------------------------------------------------------

    ROLE_ACTIONS: ClassVar = frozenset({"edit_part", "agree", "reopen", "history"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.ROLE_ACTIONS:
            return self.view is not None
        if action == "new_role":
            return self.loaded and self.view is None
        return True

    def action_back(self) -> None:
        self.dismiss(None)

    def action_new_role(self) -> None:
        if self.view is not None or self._changing:
            return
        self._changing = True
        area, ws = self.app.service.organisation, self.workspace.id
        self.reload(lambda: area.new_role(ws), select="title",
                    notice="Started the SRE role from the book's generic role: keep, drop or "
                           "extend its lists")

    def action_edit_part(self) -> None:
        view = self.view
        if view is None:
            return
        area, ws, version = self.app.service.organisation, self.workspace.id, view.version

        def save(values: dict[str, Any]) -> Any:
            return area.change_role(ws, values, expected_version=version)

        key = self.query_one(RoleParts).selected_key
        if key == "title":
            dialog = RolePurposeDialog(save, role=view.role)
        else:
            title, hint, placeholder = LIST_HINTS[key]
            dialog = LinesDialog(title, save, key=key, items=getattr(view.role, key),
                                 hint=hint + " ctrl+s saves.", placeholder=placeholder)
        notice = f"Saved the {'title and purpose' if key == 'title' else key} of the SRE role"

        def done(result: Any) -> None:
            if result is not None:
                self.reload(select=key, notice=notice)

        self.app.push_screen(dialog, done)

    def _document_done(self, notice: str | None) -> None:
        if notice is not None:
            self.reload(notice=notice)

    def action_agree(self) -> None:
        view = self.view
        if view is None:
            return
        if view.missing and view.state.status is not ArtifactStatus.AGREED:
            self.notify("The SRE role cannot be agreed yet; fill in: " +
                        "; ".join(m.message for m in view.missing), severity="warning",
                        markup=False, timeout=8)
            return
        document_actions.agree(self, view.kind, view.ref, self._document_done)

    def action_reopen(self) -> None:
        if self.view is not None:
            document_actions.reopen(self, self.view.kind, self.view.ref, self._document_done)

    def action_history(self) -> None:
        if self.view is not None:
            document_actions.history(self, self.view.kind, self.view.ref,
                                     lambda _: self.reload())
