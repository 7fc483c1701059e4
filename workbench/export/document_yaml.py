"""What the YAML formats of the team charter, the organisation decision and the SRE role
share: reading one file into the plain values the domain's reader takes, and turning the
domain's problems into ``FILE:LINE: key.path: message`` lines.

Decisions:
- The file is read with the shared safe reader (``file_problems.parse_document``: size
  first, then one document, no aliases, no tags beyond the core ones, bounded nesting and
  values), and the head keys (``kind``, ``version``) are checked as the policy's are
  (``policy_yaml.check_head``); ``generated_at`` is allowed and ignored. A file of another
  kind (a charter given where a decision is expected) gets the head's problems only: its
  keys would all be wrong for this kind.
- Every scalar is handed to the domain's reader as the text it was written with
  (``team: No`` and ``name: 2026`` are text as typed), except whole numbers at the paths a
  format reads as numbers (the decision's scores and sizing), so the domain's rules and
  messages decide what is valid, the same as for the editor and the CLI.
- A value that is not a mapping or a list hides what it should hold: the domain's follow-on
  problems about keys inside it are not repeated, and a path the safe reader already found
  wrong (a key given twice, an unknown tag) gets no second problem.
- Problems come in line order; nothing is returned unless the whole file is valid.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from workbench.domain.plain_values import PartError
from workbench.domain.yaml_doc import MISSING, Checker, LineTree
from workbench.export.file_problems import FileProblems, parse_document
from workbench.export.policy_yaml import check_head
from workbench.export.registry import ExportContext

HEAD_KEYS = ("kind", "version", "generated_at")
VERSION = 1
_BROKEN = ("must be a mapping", "must be a list")


@dataclass(frozen=True)
class Format:
    """One of our YAML document kinds, as its reader needs it."""

    kind: str
    noun: str
    """How messages name a document of this kind: "a team charter"."""
    error: type[FileProblems]
    max_bytes: int
    max_depth: int
    max_nodes: int
    typed: re.Pattern[str] | None = None
    """Paths where a whole number stays a number (``version`` always keeps its type)."""


def as_written(tree: LineTree, value: Any, typed: re.Pattern[str] | None,
               path: str = "") -> Any:
    """``value`` with every scalar replaced by the text it was written with (a plain null
    stays None), except ``version`` and the whole numbers at paths ``typed`` matches (any
    other value there is text too, so a message quotes it as written)."""
    if isinstance(value, dict):
        return {key: as_written(tree, item, typed, f"{path}.{key}" if path else str(key))
                for key, item in value.items()}
    if isinstance(value, list):
        return [as_written(tree, item, typed, f"{path}[{index}]")
                for index, item in enumerate(value)]
    if path == "version":
        return value
    if typed is not None and typed.fullmatch(path) and isinstance(value, int) \
            and not isinstance(value, bool):
        return value
    written = tree.written(path)
    return value if written is MISSING else written


def _inside(part: str, broken: Sequence[str]) -> bool:
    return any(part.startswith((f"{b}.", f"{b}[")) for b in broken if b)


def read_document(text: str, source: str, fmt: Format,
                  reader: Callable[[Mapping[str, Any]], tuple[Any, list[PartError]]]) -> Any:
    """The domain value ``reader`` makes of the document in ``text``, or ``fmt.error`` with
    every problem (``source`` names the file in messages)."""
    data, tree = parse_document(text, source, max_bytes=fmt.max_bytes,
                                max_depth=fmt.max_depth, max_nodes=fmt.max_nodes,
                                error=fmt.error, advice=f"check that this is {fmt.noun}")
    check = Checker(tree)
    flagged = {problem.path for problem in tree.problems}
    top = check_head(check, data, fmt.kind, fmt.noun, flagged)
    wrong_kind = isinstance(data, dict) and data.get("kind") not in (None, fmt.kind)
    if not isinstance(data, dict) or wrong_kind:
        raise fmt.error(sorted(check.problems, key=lambda p: p.line or 0), source)
    body = {key: value for key, value in as_written(tree, top, fmt.typed).items()
            if key not in HEAD_KEYS}
    value, errors = reader(body)
    broken = [p.part for p in errors if p.message.startswith(_BROKEN)]
    for problem in errors:
        if problem.part not in flagged and not _inside(problem.part, broken):
            check.add(problem.part, problem.message)
    if check.problems:
        raise fmt.error(sorted(check.problems, key=lambda p: p.line or 0), source)
    return value


def document(kind: str, body: dict[str, Any], generated_at: datetime | None) -> str:
    """A whole file of one of our kinds, exactly as the registry exporters write it
    (``ExportContext.yaml``)."""
    return ExportContext(session=None, workspace=None,  # type: ignore[arg-type]
                         generated_at=generated_at).yaml(kind, body, version=VERSION)


__all__ = ["HEAD_KEYS", "VERSION", "Format", "as_written", "document", "read_document"]
