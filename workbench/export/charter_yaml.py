"""The team charter as YAML (``kind: workbench/team-charter``, ``version: 1``): write it, and
read it back with every problem of the file reported at once.

Shape (the body is the domain's plain values, ``workbench.domain.charter.charter_values``)::

    kind: workbench/team-charter
    version: 1
    generated_at: '2026-11-25T09:00:00'    # optional, ignored when read
    team: SRE                              # required: the team the charter belongs to
    uid: 5f0c...                           # optional: kept so the charter stays the same one
    mission: |
      What the team exists to achieve, in its own words.
    responsibilities:
    - Lead incident response and run blameless postmortems
    scope:
      in: [Observability, Incident response]
      out: [Feature development (the product teams)]
    metrics:                               # slo: an SLO of the team (its figures are shown)
    - {name: Mean time to detect, target: < 5 minutes}
    - {name: Checkout available, slo: checkout-availability}
    interactions:
    - {team: Checkout, purpose: SLO reviews, how: weekly SLO review}
    communication:
      channels: [{name: '#incidents', purpose: incident updates}]
      meetings:                            # cadence: daily, weekly, fortnightly, monthly,
      - {name: SLO review, cadence: weekly, attendees: SRE and each product team}
      escalation: [SRE on call, SRE team lead, Head of operations]   # first step first
    review: {cadence: quarterly, next: 2027-01-24}   # monthly, quarterly, half-yearly, yearly
    parties: [{role: team}, {role: management, name: Anita Desai}]    # optional

Decisions:
- Read as ``workbench.export.document_yaml`` reads every document of ours: the shared safe
  reader, every scalar handed to ``read_charter`` as the text it was written with, every
  problem as ``FILE:LINE: key.path: message`` in line order, nothing returned unless the
  whole file is valid. The error is a ``UsageError`` with ``lines()``.
- Whether the team, the teams it interacts with and the SLOs its metrics name exist is the
  workspace's question: the import (``wb.charters.replace``) checks it, not the file reader.
- The file may be at most 1 MiB (the largest charter the domain allows takes under 300 KiB
  even in a non-Latin script), nested at most 6 levels (the format needs 4) and hold at
  most 5,000 values (a full charter has about 1,000).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.domain.charter import Charter, charter_values, read_charter
from workbench.domain.yaml_doc import DocProblem
from workbench.export.document_yaml import Format, document, read_document
from workbench.export.file_problems import FileProblems
from workbench.files import read_text_file

KIND = "workbench/team-charter"
VERSION = 1
MAX_BYTES = 1024 * 1024
MAX_DEPTH = 6
MAX_NODES = 5_000


class CharterFileError(FileProblems):
    """The charter file cannot be read (see ``FileProblems``)."""

    def __init__(self, problems: Sequence[DocProblem], source: str) -> None:
        super().__init__(problems, source, topic="charter")


FORMAT = Format(kind=KIND, noun="a team charter", error=CharterFileError,
                max_bytes=MAX_BYTES, max_depth=MAX_DEPTH, max_nodes=MAX_NODES)


def read_charter_file(text: str, source: str) -> Charter:
    """The charter in ``text`` (``source`` names the file in messages), or
    ``CharterFileError`` with every problem. The charter's ``version`` is 0: it is not
    stored."""
    return read_document(text, source, FORMAT, read_charter)


def read_charter_path(path: Path | str) -> Charter:
    """The charter in the YAML file at ``path`` (see ``read_charter_file``)."""
    text = read_text_file(path, max_bytes=MAX_BYTES, what="a team charter YAML file")
    return read_charter_file(text, str(path).strip())


def charter_body(charter: Charter) -> dict[str, Any]:
    """The document body (without ``kind``/``version``), in the domain's key order."""
    return charter_values(charter)


def charter_document(charter: Charter, *, generated_at: datetime | None = None) -> str:
    """The whole file, exactly as the registry exporter writes it."""
    return document(KIND, charter_body(charter), generated_at)


__all__ = ["FORMAT", "KIND", "MAX_BYTES", "VERSION", "CharterFileError", "charter_body",
           "charter_document", "read_charter_file", "read_charter_path"]
