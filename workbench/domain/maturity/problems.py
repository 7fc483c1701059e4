"""Problems found while validating assessment data, and the error that carries them.

Every problem has a location (a key path such as ``dimensions[2].criteria[0].levels.1``, with
a line number when the data came from a YAML text) and a message saying what is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.errors import UsageError

# How many problems the one-line message spells out before it says "and N more".
MAX_PROBLEMS_IN_MESSAGE = 5


@dataclass(frozen=True)
class Problem:
    location: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.location
        if self.line is not None:
            where = f"line {self.line}, {where}" if where else f"line {self.line}"
        return f"{where}: {self.message}" if where else self.message


class AssessmentError(UsageError):
    """Assessment data (a model file, a filled-in blank, a run) is invalid.

    ``str()`` is one line naming the source and every problem (up to a few);
    ``problems`` holds all of them for callers that list them one per line.
    """

    def __init__(self, problems: Sequence[Problem], source: str = "") -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__(self._message())

    def _message(self) -> str:
        shown = "; ".join(str(p) for p in self.problems[:MAX_PROBLEMS_IN_MESSAGE])
        hidden = len(self.problems) - MAX_PROBLEMS_IN_MESSAGE
        if hidden > 0:
            shown += f"; and {hidden} more problem{'s' if hidden > 1 else ''}"
        return f"{self.source}: {shown}" if self.source else shown


def yaml_problem(exc: Exception) -> Problem:
    """A ``yaml.YAMLError`` as a problem with the (1-based) line where the parser stopped."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    line = mark.line + 1 if mark is not None else None
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None and context_mark.line + 1 != line:
        what += f" ({context} that starts on line {context_mark.line + 1})"
    return Problem("", f"not valid YAML: {what}", line=line)
