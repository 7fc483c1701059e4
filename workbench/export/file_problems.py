"""What every YAML importer shares: the error carrying each problem of a file with its line,
and reading one document safely (size first, then the shared reader of
``workbench.domain.yaml_doc``: one document, no aliases, bounded nesting and values)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.domain.yaml_doc import DocProblem, LineTree, compose_safely
from workbench.errors import UsageError

# How many problems the one-line message spells out (``lines()`` has every one).
SHOWN_IN_MESSAGE = 3


class FileProblems(UsageError):
    """A file that cannot be used: ``problems`` holds every problem and ``lines()`` gives one
    line each (``FILE:LINE: key.path: what is wrong (fix)``). ``str()`` is one line with the
    count and the first few; ``outcome`` (e.g. ", nothing imported") follows the count."""

    outcome = ""

    def __init__(self, problems: Sequence[DocProblem], source: str, *,
                 topic: str | None = None) -> None:
        self.source = source
        self.problems = tuple(problems)
        count = len(self.problems)
        shown = " | ".join(self.lines()[:SHOWN_IN_MESSAGE])
        hidden = count - SHOWN_IN_MESSAGE
        more = f" | and {hidden} more" if hidden > 0 else ""
        super().__init__(f"{count} problem{'s' if count != 1 else ''}{self.outcome}: "
                         f"{shown}{more}", topic=topic)

    def lines(self) -> list[str]:
        return [p.render(self.source) for p in self.problems]


def parse_document(text: str, source: str, *, max_bytes: int, max_depth: int,
                   max_nodes: int, error: type[FileProblems],
                   advice: str) -> tuple[Any, LineTree]:
    """The plain values of the one YAML document in ``text`` and its ``LineTree``; raises
    ``error`` when the text is too long (``advice`` says what to do) or cannot be read
    safely."""
    if len(text) > max_bytes:
        raise error([DocProblem("", f"is {len(text)} characters long (at most {max_bytes}); "
                                f"{advice}")], source)
    node, problems = compose_safely(text, max_depth=max_depth, max_nodes=max_nodes)
    if problems:
        raise error(problems, source)
    tree = LineTree()
    data = tree.build(node, "") if node is not None else None
    return data, tree
