"""The one way a screen or dialog changes stored data and shows it again.

``ReloadsData`` is a mixin for any screen or dialog that shows stored data:
``reload(change, select, notice)`` runs ``change`` (if any, a call to the app's service) and
then ``load_data`` in one thread worker, so a save and the reload after it cannot race;
replies that arrive out of order are dropped. A failed change still reloads (the screen
shows what is really stored) and its error goes to the app's one failure handler. Classes
implement ``load_data`` (in the worker: no widgets) and ``show_data`` (on the UI thread), and
may override ``apply_change``. Saving dialogs call ``reload()`` on the screen below after a
version conflict.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import work
from textual.message import Message

from workbench.errors import WorkbenchError


class ReloadsData:
    class Reloaded(Message):
        def __init__(self, data: Any, seq: int, select: Any, notice: str | None) -> None:
            super().__init__()
            self.data = data
            self.seq = seq
            self.select = select
            self.notice = notice

    _reload_seq = 0
    _shown_seq = -1

    def reload(self, change: Callable[..., object] | None = None, select: Any = None,
               notice: str | None = None) -> None:
        self._reload_seq += 1
        self._reload_in_worker(change, self._reload_seq, select, notice)

    def apply_change(self, change: Callable[..., object]) -> None:
        change()

    def load_data(self) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    async def show_data(self, data: Any, select: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    @work(thread=True, exclusive=True, group="db", exit_on_error=False)
    def _reload_in_worker(self, change: Callable[..., object] | None, seq: int, select: Any,
                          notice: str | None) -> None:
        error: WorkbenchError | None = None
        if change is not None:
            try:
                self.apply_change(change)
            except WorkbenchError as exc:
                error, notice = exc, None
        self.post_message(self.Reloaded(self.load_data(), seq, select, notice))
        if error is not None:
            raise error

    async def on_reloads_data_reloaded(self, message: Reloaded) -> None:
        if message.seq < self._shown_seq:
            return
        self._shown_seq = message.seq
        await self.show_data(message.data, message.select)
        if message.notice:
            self.notify(message.notice, markup=False)
