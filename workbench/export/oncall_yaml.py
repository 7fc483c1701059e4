"""The on-call setup agreement as YAML (``kind: workbench/oncall-agreement``, ``version: 1``):
write it, and read it back with every problem of the file reported at once.

Shape (the body is the domain's plain values, ``workbench.domain.oncall.agreement_values``)::

    kind: workbench/oncall-agreement
    version: 1
    generated_at: '2026-11-25T09:00:00'     # optional, ignored when read
    team: Checkout                          # required
    uid: 5f0c...                            # optional: kept so the agreement stays the same one
    decisions:                              # demand: several-a-day, daily, weekly, ...
    - {service: orders, demand: daily, chosen: team, reason: ..., decided: 2026-11-18}
    rotations:                              # shape: fixed, rotating, main-backup,
    - name: Checkout 24x7                   #   main-two-backups; coverage: 8x5, 12x5,
      members: [Aditi Rao, Vikram Singh]    #   18x5, 24x7, custom (with windows)
      shape: main-backup
      coverage: 24x7
      turn_days: 7
      handover: {day: mon, time: '10:00'}
      zone: Asia/Kolkata
      start: 2026-10-26
      unavailable: [{person: Neha Gupta, from: 2026-12-07, to: 2026-12-13}]
      overrides: [{day: 2026-12-14, role: main, person: Sneha Pillai}]
    escalations:
    - name: Checkout SLO breaches
      levels: [{rotation: Checkout 24x7, role: main, delay: 60}, {person: Anita, delay: 30}]
      repeats: 3
    rings: [{number: 1, groups: [product management]}]
    priorities: [{name: P1, criteria: ..., hotfix: true, update_hours: 2, rings: [1, 2]}]
    severities: [{name: critical, roles: [incident commander]}]
    postmortem: [every P1 incident]
    compensation: ...
    working_time: ...
    parties: [{role: operations}]           # optional

Decisions:
- Read as every document of ours is (``workbench.export.document_yaml``): the shared safe
  reader, every scalar handed to ``read_agreement`` as the text it was written with (its
  readers take "7", "09:00" and "yes" as typed), every problem as ``FILE:LINE: key.path:
  message`` in line order, nothing returned unless the whole file is valid.
- Whether the team exists and the escalation levels name the agreement's rotations is the
  workspace's question: the import (``wb.oncall.replace``) checks it, not the file reader.
- The file may be at most 1 MiB and nested at most 6 levels, as a charter (the deepest path,
  ``rotations[0].windows[0].days[0]``, needs all six). It may hold at most 20,000 values: a
  full agreement (10 rotations with 200 overrides and 100 absences each) has about 15,000.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.domain.oncall import Agreement, agreement_values, read_agreement
from workbench.domain.yaml_doc import DocProblem
from workbench.export.document_yaml import Format, document, read_document
from workbench.export.file_problems import FileProblems
from workbench.files import read_text_file

KIND = "workbench/oncall-agreement"
VERSION = 1
MAX_BYTES = 1024 * 1024
MAX_DEPTH = 6
MAX_NODES = 20_000


class OnCallFileError(FileProblems):
    """The on-call agreement file cannot be read (see ``FileProblems``)."""

    def __init__(self, problems: Sequence[DocProblem], source: str) -> None:
        super().__init__(problems, source, topic="oncall")


FORMAT = Format(kind=KIND, noun="an on-call agreement", error=OnCallFileError,
                max_bytes=MAX_BYTES, max_depth=MAX_DEPTH, max_nodes=MAX_NODES)


def read_oncall_file(text: str, source: str) -> Agreement:
    """The agreement in ``text`` (``source`` names the file in messages), or
    ``OnCallFileError`` with every problem. Its ``version`` is 0: it is not stored."""
    return read_document(text, source, FORMAT, read_agreement)


def read_oncall_path(path: Path | str) -> Agreement:
    """The agreement in the YAML file at ``path`` (see ``read_oncall_file``)."""
    text = read_text_file(path, max_bytes=MAX_BYTES, what="an on-call agreement YAML file")
    return read_oncall_file(text, str(path).strip())


def oncall_body(agreement: Agreement) -> dict[str, Any]:
    """The document body (without ``kind``/``version``), in the domain's key order."""
    return agreement_values(agreement)


def oncall_document(agreement: Agreement, generated_at: datetime | None = None) -> str:
    """The whole file, exactly as the registry exporter writes it."""
    return document(KIND, oncall_body(agreement), generated_at)


__all__ = ["FORMAT", "KIND", "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "VERSION",
           "OnCallFileError", "oncall_body", "oncall_document", "read_oncall_file",
           "read_oncall_path"]
