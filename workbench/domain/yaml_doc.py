"""Reading YAML documents of our own formats: plain values with the line of every key path,
and every problem reported at once as ``file:line: key.path: problem (fix)``.

Used by the importers (the SLO document, the stakeholder chart). Reading is two passes over
the text, both linear:

1. ``compose_safely`` walks PyYAML's *event* stream (no values are built yet) and refuses
   what a broken or hostile file could do to the reader: invalid syntax, more than one
   document, aliases (``*name``: an "alias bomb" of nested aliases expands to billions of
   values, and none of our formats writes them), and nesting deeper than a limit (the
   composer and ``LineTree`` recurse once per level) and, when asked, more values than the
   format can hold (a short line such as ``- x`` costs far more memory once composed than
   it takes in the file). Only a clean text is composed into nodes.
2. ``LineTree.build`` turns the nodes into plain values, remembering the line of every key
   path and every scalar node, so a checker can point at the line of a wrong value (or of
   the entry that lacks a key) and read a value's text exactly as written.

Decisions:
- Only the YAML core tags are read (null, bool, int, float, str, timestamp, map, seq); any
  other tag (``!!python/...``, ``!!binary``, ``!custom``) is a problem, never constructed.
- A scalar PyYAML cannot construct (a timestamp such as ``2026-02-30``, an integer with
  thousands of digits) is kept as its text, so the format's own check explains what is
  wrong with it instead of the reader crashing.
- Decimal numbers become exact ``Decimal`` values, never floats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from workbench.domain.names import clean_name

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings read (our formats need fewer than a dozen)."""

_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CORE_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in (
    "null", "bool", "int", "float", "str", "timestamp", "map", "seq"))


@dataclass(frozen=True)
class DocProblem:
    path: str
    message: str
    line: int | None = None

    def render(self, source: str) -> str:
        where = source if self.line is None else f"{source}:{self.line}"
        return f"{where}: {self.path or '(document)'}: {self.message}"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _syntax_problem(exc: yaml.YAMLError) -> DocProblem:
    mark = getattr(exc, "problem_mark", None)
    what = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return DocProblem("", f"not valid YAML: {what}; fix the syntax",
                      mark.line + 1 if mark else None)


@dataclass
class _Frame:
    is_map: bool
    path: str
    was_key: bool = False
    index: int = 0
    want_key: bool = True
    key: str = "?"


def _scan(text: str, max_depth: int, max_nodes: int | None) -> list[DocProblem]:
    """Problems found in the event stream (see the module docstring)."""
    problems: list[DocProblem] = []
    stack: list[_Frame] = []
    documents = 0
    nodes = 0
    for event in yaml.parse(text, Loader=_LOADER):
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents == 2:
                problems.append(DocProblem("", "the file holds more than one YAML document "
                                           "(a line '---' starts another); keep one", line))
            continue
        if isinstance(event, yaml.CollectionEndEvent):
            ended = stack.pop()
            if stack and stack[-1].is_map:
                stack[-1].want_key = not ended.was_key
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        nodes += 1
        if max_nodes is not None and nodes > max_nodes:
            problems.append(DocProblem("", f"holds more than {max_nodes} values, more than "
                                       "this format ever needs; check that this is the "
                                       "right file", line))
            return problems
        path, is_key = "", False
        if stack:
            top = stack[-1]
            if not top.is_map:
                path = f"{top.path}[{top.index}]"
                top.index += 1
            elif top.want_key:
                is_key = True
                key = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                path = _join(top.path, str(key))
            else:
                path = _join(top.path, top.key)
        if isinstance(event, yaml.AliasEvent):
            problems.append(DocProblem(path, f"uses the YAML alias *{event.anchor}; write "
                                       "the value out in full (aliases are not read)", line))
        if isinstance(event, yaml.CollectionStartEvent):
            if len(stack) >= max_depth:
                problems.append(DocProblem(path, f"is nested more than {max_depth} levels "
                                           "deep; flatten it", line))
                return problems
            if is_key:
                stack[-1].key = "?"
            stack.append(_Frame(isinstance(event, yaml.MappingStartEvent), path, is_key))
        elif stack and stack[-1].is_map:
            top = stack[-1]
            if is_key:
                top.key = str(event.value) if isinstance(event, yaml.ScalarEvent) else "?"
            top.want_key = not is_key
    return problems


def compose_safely(text: str, *, max_depth: int = MAX_DEPTH,
                   max_nodes: int | None = None) -> tuple[yaml.Node | None, list[DocProblem]]:
    """The root node of the one YAML document in ``text`` (None if it is empty) and no
    problems; or None and the problems that stop it being read (syntax, aliases, nesting
    deeper than ``max_depth``, more than ``max_nodes`` values (keys, scalars, lists and
    mappings: each costs memory once composed), several documents)."""
    try:
        problems = _scan(text, max_depth, max_nodes)
        if problems:
            return None, problems
        return yaml.compose(text, Loader=_LOADER), []
    except yaml.YAMLError as exc:
        return None, [_syntax_problem(exc)]


class LineTree:
    """Plain values from YAML nodes, with the line of every key path (``lines``) and the
    node of every scalar (``scalars``, to read a value's text as written)."""

    def __init__(self) -> None:
        self.lines: dict[str, int] = {}
        self.scalars: dict[str, yaml.ScalarNode] = {}
        self.problems: list[DocProblem] = []
        self._scalars = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, path: str) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if node.tag not in _CORE_TAGS:
            self.problems.append(DocProblem(path, f"has the YAML tag {node.tag!r}, which "
                                            "this format does not use; remove the tag",
                                            node.start_mark.line + 1))
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                child = _join(path, key)
                if key in result:
                    self.problems.append(DocProblem(
                        child, "appears twice; keep one", key_node.start_mark.line + 1))
                self.lines[child] = key_node.start_mark.line + 1
                result[key] = self.build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, f"{path}[{i}]") for i, item in enumerate(node.value)]
        self.scalars[path] = node
        if node.tag == "tag:yaml.org,2002:float":
            try:
                return Decimal(node.value.replace("_", ""))
            except InvalidOperation:
                return node.value
        try:
            return self._scalars.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            return node.value

    def written(self, path: str) -> Any:
        """The scalar at ``path`` as the text it was written with, whatever type YAML
        resolves it to (so ``name: No`` and ``role: 2026`` read as the text typed); None
        for a plain null; ``MISSING`` if there is no scalar at ``path``."""
        node = self.scalars.get(path)
        if node is None:
            return MISSING
        if node.tag == "tag:yaml.org,2002:null":
            return None
        return node.value


MISSING = object()


class Checker:
    """Collects problems with the line of the key path they are about (or of the nearest
    enclosing path that has one, e.g. the entry that lacks a required key)."""

    def __init__(self, tree: LineTree) -> None:
        self.tree = tree
        self.problems = tree.problems

    def line_of(self, path: str) -> int | None:
        line = self.tree.lines.get(path)
        probe = path
        while line is None and probe:
            if "." in probe:
                probe = probe.rsplit(".", 1)[0]
            elif "[" in probe:
                probe = probe.rsplit("[", 1)[0]
            else:
                probe = ""
            line = self.tree.lines.get(probe)
        return line

    def add(self, path: str, message: str) -> None:
        self.problems.append(DocProblem(path, message, self.line_of(path)))

    def mapping(self, value: Any, path: str, allowed: Sequence[str],
                required: Sequence[str] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.add(path, f"must be a mapping with keys {', '.join(allowed)}")
            return {}
        for key in value:
            if key not in allowed:
                self.add(_join(path, key), f"unknown key; use one of {', '.join(allowed)}")
        for key in required:
            if value.get(key) is None:
                self.add(_join(path, key), "is required; add it")
        return value

    def seq(self, value: Any, path: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.add(path, "must be a list (items starting with '- ')")
            return []
        return value

    def text(self, value: Any, path: str, *, name: str | None = None,
             optional: bool = True) -> str | None:
        if value is None:
            return None if optional else ""
        if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
            self.add(path, "must be text; quote it")
            return None
        text = str(value)
        if name is not None:
            try:
                return clean_name(text, name)
            except ValueError as exc:
                self.add(path, str(exc))
                return None
        return text


__all__ = ["MAX_DEPTH", "MISSING", "Checker", "DocProblem", "LineTree", "compose_safely"]
