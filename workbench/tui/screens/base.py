"""Base classes every screen and dialog of the app derives from.

``Worker.StateChanged`` does not bubble, so each base forwards it to the app, which handles
worker failures in one place (``WorkbenchApp.report_worker_failure``).
"""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen, Screen
from textual.worker import Worker, WorkerState

ResultT = TypeVar("ResultT")


def _forward_failure(screen: Screen, event: Worker.StateChanged) -> None:
    if event.state == WorkerState.ERROR:
        report = getattr(screen.app, "report_worker_failure", None)
        if report is not None:
            report(event.worker)


class BaseScreen(Screen[None]):
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        _forward_failure(self, event)


class BaseModal(ModalScreen[ResultT]):
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        _forward_failure(self, event)
