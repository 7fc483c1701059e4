"""The error budget policy as YAML (``kind: workbench/error-budget-policy``, ``version: 1``):
write it, and read it back with every problem of the file reported at once.

Shape (the body is the domain's plain values, ``workbench.domain.policy.policy_values``)::

    kind: workbench/error-budget-policy
    version: 1
    generated_at: 2026-11-25T09:00:00      # optional, ignored when read
    name: checkout                         # required, at most 60 characters
    title: Checkout error budget policy
    team: Checkout
    scope: {services: [payments], slos: [upi-payments]}
    purpose: |
      Why the policy exists, in the team's words.
    conditions:
    - key: fast-burn
      trigger: consumed-within             # consumed, consumed-within, burn-rate,
      percent: '30'                        # projected-exhaustion, dependency-share, exhausted
      window: 24h
      consequences:
      - {action: conduct, activity: postmortem, ends: when-cleared}
      - {action: stop, activity: feature releases, allowed: [security fixes],
         ends: next-period}
    escalation:
      tiebreaker: head of engineering
      procedure: ...
      contacts: [{name: Vikram Singh, role: head of operations, how: '#ops-escalation'}]
    parties: [{role: operations}, {role: product owner, name: Rahul}]   # optional
    review: {next: 2027-02-24, after_major_outage: true}
    uid: 5f0c...                           # optional: kept so renames stay renames

Decisions:
- The file is read with the shared safe reader (``workbench.domain.yaml_doc``: one document,
  no aliases, no tags beyond the core ones, bounded nesting and size), then every scalar is
  handed to the domain's ``read_policy`` as the text it was written with (``activity: No``
  and ``name: 2026`` are text as typed; ``percent: 30`` and ``percent: '30'`` read alike), so
  the domain's rules and messages decide what is valid, the same as for the editor and the
  CLI. Only ``review.after_major_outage`` keeps its YAML type (true or false).
- When the shape is valid, the domain's pure checks (``check_policy`` without the workspace:
  duplicate and contradicting conditions) run too, because the store refuses to save such a
  policy and the gate refuses to judge by one.
- Problems are listed in line order, each as ``FILE:LINE: key.path: what is wrong (fix)``;
  nothing is returned unless the whole file is valid. The error is a ``UsageError`` with
  ``lines()``, as the stakeholder chart's importer raises, so the CLI prints one line each.
- The file may be at most 4 MiB (the largest policy the domain allows takes under 2 MiB),
  nested at most 8 levels (the format needs 6) and hold at most 20,000 values (a full policy
  has about 9,000).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.domain.policy import Policy, check_policy, policy_values, read_policy
from workbench.domain.yaml_doc import MISSING, Checker, DocProblem, LineTree
from workbench.export.file_problems import FileProblems, parse_document
from workbench.files import read_text_file

KIND = "workbench/error-budget-policy"
VERSION = 1
MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 8
MAX_NODES = 20_000
HEAD_KEYS = ("kind", "version", "generated_at")
# Scalars that keep their YAML type; every other scalar is read as the text written.
TYPED_PATHS = frozenset({"version", "review.after_major_outage"})
class PolicyFileError(FileProblems):
    """The policy file cannot be read (see ``FileProblems``)."""

    def __init__(self, problems: Sequence[DocProblem], source: str) -> None:
        super().__init__(problems, source, topic="policy")


def as_written(tree: LineTree, value: Any, path: str = "",
               typed: frozenset[str] = TYPED_PATHS) -> Any:
    """``value`` with every scalar replaced by the text it was written with (a plain null
    stays None), except the scalars at ``typed`` paths."""
    if isinstance(value, dict):
        return {key: as_written(tree, item, f"{path}.{key}" if path else str(key), typed)
                for key, item in value.items()}
    if isinstance(value, list):
        return [as_written(tree, item, f"{path}[{index}]", typed)
                for index, item in enumerate(value)]
    if path in typed:
        return value
    written = tree.written(path)
    return value if written is MISSING else written


def check_head(check: Checker, top: Any, kind: str, noun: str,
               flagged: Collection[str] = ()) -> dict[str, Any]:
    """The top mapping with ``kind`` and ``version`` checked (both required); paths in
    ``flagged`` already have a problem (a key given twice) and get no second one."""
    if not isinstance(top, dict):
        check.add("", f"must be a mapping that starts with kind: {kind} and version: "
                      f"{VERSION}")
        return {}
    for key in ("kind", "version"):
        if top.get(key) is None:
            check.add(key, f"is required; add {key}: {kind if key == 'kind' else VERSION}")
    found = top.get("kind")
    if found is not None and found != kind and "kind" not in flagged:
        check.add("kind", f"is {found!r}; {noun} has kind: {kind}")
    version = top.get("version")
    if version is not None and (isinstance(version, bool) or version != VERSION) \
            and "version" not in flagged:
        check.add("version", f"{version!r} is not supported (use version: {VERSION})")
    return top


# --- reading --------------------------------------------------------------------------------


def read_policy_file(text: str, source: str) -> Policy:
    """The policy in ``text`` (``source`` names the file in messages), or
    ``PolicyFileError`` with every problem. The policy's ``version`` is 0: it is not
    stored."""
    data, tree = parse_document(text, source, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH,
                                max_nodes=MAX_NODES, error=PolicyFileError,
                                advice="check that this is an error budget policy")
    check = Checker(tree)
    # A path the reader already found wrong (an unknown tag, a key given twice) gets no
    # second problem from the domain's checks of the value left there.
    flagged = {problem.path for problem in tree.problems}
    top = check_head(check, data, KIND, "an error budget policy", flagged)
    if not isinstance(data, dict):
        raise PolicyFileError(check.problems, source)
    body = {key: value for key, value in as_written(tree, top).items()
            if key not in HEAD_KEYS}
    policy, errors = read_policy(body)
    # A value that is not a mapping or a list hides what it should hold: no follow-on
    # problems about the keys it lacks.
    broken = [p.part for p in errors if p.message.startswith(("must be a mapping",
                                                                "must be a list"))]
    for problem in errors:
        inside = any(problem.part.startswith((f"{b}.", f"{b}[")) for b in broken)
        if problem.part not in flagged and not inside:
            check.add(problem.part, problem.message)
    if not check.problems:
        for problem in check_policy(policy):
            check.add(problem.part, problem.message)
    if check.problems:
        ordered = sorted(check.problems, key=lambda p: p.line or 0)
        raise PolicyFileError(ordered, source)
    return policy


def read_policy_path(path: Path | str) -> Policy:
    """The policy in the YAML file at ``path`` (see ``read_policy_file``)."""
    text = read_text_file(path, max_bytes=MAX_BYTES, what="an error budget policy YAML file")
    return read_policy_file(text, str(path).strip())


# --- writing --------------------------------------------------------------------------------


def policy_body(policy: Policy) -> dict[str, Any]:
    """The document body (without ``kind``/``version``), in the domain's key order."""
    return policy_values(policy)


def policy_document(policy: Policy, *, generated_at: datetime | None = None) -> str:
    """The whole file, exactly as the registry exporter writes it."""
    from workbench.export.registry import ExportContext

    return ExportContext(session=None, workspace=None,  # type: ignore[arg-type]
                         generated_at=generated_at).yaml(KIND, policy_body(policy))


__all__ = ["KIND", "MAX_BYTES", "VERSION", "FileProblems", "PolicyFileError", "as_written",
           "check_head", "parse_document", "policy_body", "policy_document",
           "read_policy_file", "read_policy_path"]
