"""Saving walk answers in order, off the UI thread.

Every answer is saved as it is given, each in its own transaction, but quick key presses must
not reorder or drop writes (an exclusive worker group would cancel pending ones). So writes
go into one FIFO queue; each write starts an app-level thread worker that drains the queue
under a lock. Readers that must see every answer (the overview after a walk) drain it first.
Workers are started on the app, so leaving the walk screen never cancels a pending save.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import Session
from textual.app import App

from workbench.store.db import transaction

Write = Callable[[Session], object]

_pending: deque[tuple[Engine, Write]] = deque()
_lock = threading.Lock()


def drain() -> None:
    """Apply every queued write, oldest first (call from a thread)."""
    with _lock:
        while True:
            try:
                engine, write = _pending.popleft()
            except IndexError:
                return
            with transaction(engine) as session:
                write(session)


def enqueue(app: App, engine: Engine, write: Write) -> None:
    """Queue ``write`` and start a worker that saves it (and anything queued before)."""
    _pending.append((engine, write))
    app.run_worker(drain, name="maturity-save", group="maturity-save", thread=True,
                   exit_on_error=False)
