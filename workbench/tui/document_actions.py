"""Agree, reopen and history for any document, as a screen opens them: the same keys, dialogs
and messages for an assessment run, an SLO and every later kind.

A screen calls ``agree(screen, kind, ref, label, done)`` etc.; the document's current state
is loaded in a worker first (so the dialog shows the version it will sign), then the dialog
does its own write in a worker. ``done`` gets a short notice to show (or None when the user
cancelled) and should reload the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.binding import Binding
from textual.screen import Screen

from workbench.domain.lifecycle import Party, SignOff, SignResult
from workbench.service.documents import DocumentView

Done = Callable[[str | None], None]

# The keys every document list uses, so users learn them once. Screens add them to their
# BINDINGS (they are shown in the footer only where there is room; F1 lists them all).
AGREE_KEY, REOPEN_KEY, HISTORY_KEY = "g", "o", "y"


def bindings(show: bool = False) -> list[Binding]:
    return [
        Binding(AGREE_KEY, "agree", "Agree", id="doc-agree", show=show,
                tooltip="Collect sign-offs: agreed once every required party has signed"),
        Binding(REOPEN_KEY, "reopen", "Reopen", id="doc-reopen", show=show,
                tooltip="Reopen the agreed document as a draft (say why)"),
        Binding(HISTORY_KEY, "history", "History", id="doc-history", show=show,
                tooltip="Every revision, and what changed between two of them"),
    ]


def _with_view(screen: Screen, kind: str, ref: str,
               then: Callable[[DocumentView], None]) -> None:
    service, workspace_id = screen.app.service, screen.app.workspace.id

    def load() -> None:
        view = service.documents.view(workspace_id, kind, ref)
        screen.app.call_from_thread(then, view)

    screen.run_worker(load, thread=True, group="doc-view", exit_on_error=False)


def sign_notice(label: str, result: SignResult) -> str:
    if result.agreed_now:
        return f"{label} is agreed"
    parts = []
    if result.added:
        parts.append("signed by " + ", ".join(s.label for s in result.added))
    if result.already:
        parts.append("already signed: " + ", ".join(s.label for s in result.already))
    missing = result.state.missing
    waiting = ("; waiting for " + ", ".join(p.label for p in missing)) if missing else ""
    return f"{label}: " + ("; ".join(parts) or "who must agree was changed") + waiting


def agree(screen: Screen, kind: str, ref: str, done: Done) -> None:
    from workbench.tui.dialogs.agree_dialog import AgreeDialog

    service, workspace_id = screen.app.service, screen.app.workspace.id

    def open_dialog(view: DocumentView) -> None:
        if not view.state.editable:
            screen.notify(f"{view.label} is already {view.state.status.value}; reopen it "
                          f"({REOPEN_KEY}) to change it.", severity="warning", markup=False)
            return

        def save(signoffs: list[SignOff], parties: list[Party] | None) -> SignResult:
            return service.documents.sign(workspace_id, kind, ref, signoffs,
                                          expected_version=view.state.version,
                                          parties=parties)

        def closed(result: SignResult | None) -> None:
            done(None if result is None else sign_notice(view.label, result))

        screen.app.push_screen(AgreeDialog(view, save, today=screen.app.today()), closed)

    _with_view(screen, kind, ref, open_dialog)


def reopen(screen: Screen, kind: str, ref: str, done: Done) -> None:
    from workbench.tui.dialogs.name_dialog import NameDialog

    service, workspace_id = screen.app.service, screen.app.workspace.id

    def open_dialog(view: DocumentView) -> None:
        if view.state.status.value != "agreed":
            screen.notify(f"{view.label} is {view.state.status.value}: only an agreed "
                          "document is reopened.", severity="warning", markup=False)
            return

        def save(reason: str) -> str:
            service.documents.reopen(workspace_id, kind, ref, reason,
                                     expected_version=view.state.version)
            return reason

        def closed(reason: str | None) -> None:
            done(None if reason is None else
                 f"{view.label} is a draft again; the agreed revision stays in force "
                 "until it is agreed again")

        screen.app.push_screen(NameDialog(
            f"Reopen {view.label}", save, label="Why is it reopened? (kept in its history)",
            placeholder="e.g. the product owner asked for a tighter target"), closed)

    _with_view(screen, kind, ref, open_dialog)


def history(screen: Screen, kind: str, ref: str, done: Done | None = None) -> None:
    from workbench.tui.screens.history_screen import HistoryScreen

    screen.app.push_screen(HistoryScreen(screen.app.workspace.id, kind, ref),
                           (lambda _: done(None)) if done else None)
