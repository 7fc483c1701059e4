"""A section that lists documents of one kind (policies, charters, organisation decisions)
and acts on the selected one: what those sections share, so each only says what differs.

``DocumentSection`` is a ``ReloadingSection`` whose subclasses give ``selected_view`` (the
service's view of the selected document, or None), ``REVEAL_KIND`` (the command palette's
kind for it), ``VIEW_ACTIONS`` (the keys shown only while a document is selected),
``NEED_VIEW`` (the warning when such a key finds none; ``{what}`` is the verb) and, where it
is not the view's ``ref``, ``selected_key`` (what ``reload(select=...)`` takes) and
``agree_subject`` (how the refusal to agree names the document). It gives:

- ``open_first`` (end of ``on_mount``): the palette's pending record, else a plain reload;
  ``reveal`` keeps it and ``begin_show`` (start of ``show_data``) selects it once loaded;
- ``change``: one change at a time, a key pressed before the first change is shown is
  refused with a bell (it would be based on the document as it was);
- agree (only once nothing required is missing), reopen and history through
  ``document_actions``, each reloading with the document selected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from workbench.domain.organisation import ArtifactStatus, Workspace
from workbench.tui import document_actions
from workbench.tui.screens.frame import ReloadingSection


class DocumentSection(ReloadingSection):
    REVEAL_KIND: ClassVar[str] = ""
    VIEW_ACTIONS: ClassVar[frozenset[str]] = frozenset({"agree", "reopen", "history"})
    NEED_VIEW: ClassVar[str] = "Select a document to {what}."

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self._changing = False
        self._reveal_id: int | None = None

    def selected_view(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def selected_key(self, view: Any) -> Any:
        return view.ref

    def agree_subject(self, view: Any) -> str:
        return view.ref

    # --- opening on a record ----------------------------------------------------------------

    def open_first(self) -> None:
        reveal, self.pending_reveal = self.pending_reveal, None
        if reveal is not None:
            self.reveal(*reveal)
        else:
            self.reload()

    def reveal(self, kind: str, record_id: int) -> None:
        """Select the document ``(REVEAL_KIND, id)`` (from the command palette)."""
        if kind == self.REVEAL_KIND:
            self._reveal_id = record_id
            self.reload()

    def take_revealed(self, views: Iterable[Any]) -> Any:
        """The view the palette asked for (once), or None."""
        if self._reveal_id is None:
            return None
        found = next((v for v in views if v.id == self._reveal_id), None)
        self._reveal_id = None
        return found

    def begin_show(self, data: Any, select: Any, views: Iterable[Any]) -> tuple[Any, Any]:
        """The start of ``show_data``: keep ``data``, allow the next change, and say what to
        select: ``(key, part)`` from ``select`` (a key, or a key and a part), the palette's
        record overriding the key; the key is None when neither says."""
        self._changing = False
        self.data = data
        key, part = select if isinstance(select, tuple) else (
            select if isinstance(select, str) else None, None)
        found = self.take_revealed(views)
        if found is not None:
            key = self.selected_key(found)
        return key, part

    # --- keys and changes -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys that act on a document show only while one is selected."""
        if action in self.VIEW_ACTIONS:
            return self.selected_view() is not None
        return True

    def _need_view(self, what: str) -> Any:
        view = self.selected_view()
        if view is None:
            self.notify(self.NEED_VIEW.format(what=what), severity="warning", markup=False)
        return view

    def _change(self, change: Callable[..., object], *, select: Any = None,
                notice: str | None = None) -> None:
        """Save one change and show the documents again; a key pressed before the first
        change is shown is refused (it would be based on the document as it was)."""
        if self._changing:
            self.app.bell()
            return
        self._changing = True
        self.reload(change, select=select, notice=notice)

    # --- the selected document's lifecycle --------------------------------------------------

    def _document_done(self, key: Any) -> document_actions.Done:
        def done(notice: str | None) -> None:
            if notice is not None:
                self.reload(select=key, notice=notice)
        return done

    def action_agree(self) -> None:
        view = self._need_view("agree to")
        if view is None:
            return
        if view.missing and view.state.status is not ArtifactStatus.AGREED:
            self.notify(f"{self.agree_subject(view)} cannot be agreed yet; fill in: "
                        + "; ".join(m.message for m in view.missing),
                        severity="warning", markup=False, timeout=8)
            return
        document_actions.agree(self, view.kind, view.ref,
                               self._document_done(self.selected_key(view)))

    def action_reopen(self) -> None:
        view = self._need_view("reopen")
        if view is not None:
            document_actions.reopen(self, view.kind, view.ref,
                                    self._document_done(self.selected_key(view)))

    def action_history(self) -> None:
        view = self._need_view("see the history of")
        if view is not None:
            key = self.selected_key(view)
            document_actions.history(self, view.kind, view.ref,
                                     lambda _: self.reload(select=key))
