"""Errors a user can cause and fix. The CLI prints them as one line; the TUI shows a dialog.

Messages say what is wrong in words that fit every front end. Hints that name a command
("list them with: workbench teams list") are added by the CLI at its edge, from ``topic``:
the kind of record the error is about.
"""

from __future__ import annotations


class WorkbenchError(Exception):
    """A problem the user can fix; ``str()`` says what is wrong and how to fix it."""

    exit_code = 1

    def __init__(self, message: str = "", *, topic: str | None = None) -> None:
        super().__init__(message)
        self.topic = topic


class UsageError(WorkbenchError):
    """Input the user must correct. ``problems`` lists each problem on its own when there
    are several (the message joins them), so a front end can show one per line."""

    exit_code = 2

    def __init__(self, message: str = "", *, topic: str | None = None,
                 problems: tuple[str, ...] | list[str] = ()) -> None:
        super().__init__(message, topic=topic)
        if problems or not hasattr(self, "problems"):  # a subclass may have set its own
            self.problems = tuple(problems)


class NotFoundError(WorkbenchError):
    pass


class ConflictError(WorkbenchError):
    pass


class VersionConflict(ConflictError):
    """A write that started from an older version than the one stored: someone else saved
    in between. Nothing was written; reload and make the change again."""

    def __init__(self, what: str, *, opened: int | None = None, stored: int | None = None,
                 topic: str | None = None) -> None:
        detail = ""
        if opened is not None and stored is not None:
            detail = f" (you opened version {opened}, it is now version {stored})"
        super().__init__(
            f"{what} was changed by someone else since you opened it{detail}; nothing was "
            "saved: reload it and make your change again", topic=topic)
        self.what = what
        self.opened = opened
        self.stored = stored


class SchemaError(WorkbenchError):
    pass
