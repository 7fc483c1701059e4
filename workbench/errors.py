"""Errors a user can cause and fix. The CLI prints them as one line; the TUI shows a dialog."""

from __future__ import annotations


class WorkbenchError(Exception):
    """A problem the user can fix; ``str()`` says what is wrong and how to fix it."""

    exit_code = 1


class UsageError(WorkbenchError):
    exit_code = 2


class NotFoundError(WorkbenchError):
    pass


class ConflictError(WorkbenchError):
    pass


class SchemaError(WorkbenchError):
    pass
