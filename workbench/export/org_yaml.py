"""The organisation documents as YAML: the "who builds it, who runs it?" decision
(``kind: workbench/org-decision``) and the SRE role description (``kind:
workbench/sre-role``), both ``version: 1``; write them, and read them back with every
problem of the file reported at once.

The decision (the body is ``workbench.domain.org.decision_values``)::

    kind: workbench/org-decision
    version: 1
    generated_at: '2026-11-25T09:00:00'    # optional, ignored when read
    product: Payments app                  # optional: no product = the whole organisation
    uid: 5f0c...                           # optional
    chosen: you-and-sre-run                # one of the models considered
    considered: [you-run, you-and-sre-run, sre-run]
    reason: |
      Why this model, in the organisation's words.
    decided_on: 2026-11-11                 # optional
    scores:                                # score: a whole number 1 (poor fit) to 5 (best)
    - {model: you-and-sre-run, criterion: developer-on-call, score: 4, note: half the rotation}
    teams: {sre: [SRE], other: [Platform]} # teams that are not development teams
    sizing: {sre_team_size: 8, sres_per_team: 1}
    parties: [{role: executive}, {role: development}, {role: operations}]   # optional

Models: you-run, you-and-sre-run, sre-run, ops-run, ops-sometimes-run, you-run-ops-monitor.
Criteria: developer-on-call, knowledge-sync, incident-resolution, service-handover,
sre-organisation, sre-infrastructure, targets-and-demand, funding, cost.

The SRE role (the body is ``workbench.domain.org.role_values``)::

    kind: workbench/sre-role
    version: 1
    title: Site Reliability Engineer
    purpose: |
      What the role is for in this organisation.
    responsibilities: [Set up monitoring, Maintain runbooks]
    skills: [Software engineering, Working well on call]
    stack: [Kubernetes, Prometheus]
    parties: [{role: executive}, {role: human resources}]               # optional

Decisions:
- Read as ``workbench.export.document_yaml`` reads every document of ours (the shared safe
  reader, scalars handed to the domain's reader as the text written, every problem as
  ``FILE:LINE: key.path: message`` in line order, nothing returned unless the whole file
  is valid). Only whole numbers at the decision's number paths (``scores[].score`` and the
  two ``sizing`` settings) stay numbers: ``score: 4`` is a score, while ``score: '4'`` and
  ``score: 2.5`` are text there and refused as "not a whole number".
- Whether the teams a decision names exist is the workspace's question: the import checks
  it, not the file reader.
- Either file may be at most 1 MiB (the largest valid decision takes under 100 KiB),
  nested at most 6 levels (the formats need 3) and hold at most 5,000 values (a full
  decision has about 1,000).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.domain.org import (
    OrgDecision,
    SreRole,
    decision_values,
    read_decision,
    read_role,
    role_values,
)
from workbench.domain.yaml_doc import DocProblem
from workbench.export.document_yaml import Format, document, read_document
from workbench.export.file_problems import FileProblems
from workbench.files import read_text_file

DECISION_KIND = "workbench/org-decision"
ROLE_KIND = "workbench/sre-role"
VERSION = 1
MAX_BYTES = 1024 * 1024
MAX_DEPTH = 6
MAX_NODES = 5_000
# Where the decision holds whole numbers.
DECISION_TYPED = re.compile(r"scores\[\d+\]\.score|sizing\.(?:sre_team_size|sres_per_team)")


class DecisionFileError(FileProblems):
    """The organisation decision file cannot be read (see ``FileProblems``)."""

    def __init__(self, problems: Sequence[DocProblem], source: str) -> None:
        super().__init__(problems, source, topic="org")


class RoleFileError(FileProblems):
    """The SRE role file cannot be read (see ``FileProblems``)."""

    def __init__(self, problems: Sequence[DocProblem], source: str) -> None:
        super().__init__(problems, source, topic="sre_role")


DECISION_FORMAT = Format(kind=DECISION_KIND, noun="an organisation model decision",
                         error=DecisionFileError, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH,
                         max_nodes=MAX_NODES, typed=DECISION_TYPED)
ROLE_FORMAT = Format(kind=ROLE_KIND, noun="an SRE role description", error=RoleFileError,
                     max_bytes=MAX_BYTES, max_depth=MAX_DEPTH, max_nodes=MAX_NODES)


# --- the decision ------------------------------------------------------------------------------


def read_decision_file(text: str, source: str) -> OrgDecision:
    """The decision in ``text`` (``source`` names the file in messages), or
    ``DecisionFileError`` with every problem. Its ``version`` is 0: it is not stored."""
    return read_document(text, source, DECISION_FORMAT, read_decision)


def read_decision_path(path: Path | str) -> OrgDecision:
    """The decision in the YAML file at ``path`` (see ``read_decision_file``)."""
    text = read_text_file(path, max_bytes=MAX_BYTES,
                          what="an organisation decision YAML file")
    return read_decision_file(text, str(path).strip())


def decision_body(decision: OrgDecision) -> dict[str, Any]:
    return decision_values(decision)


def decision_document(decision: OrgDecision, *, generated_at: datetime | None = None) -> str:
    """The whole file, exactly as the registry exporter writes it."""
    return document(DECISION_KIND, decision_body(decision), generated_at)


# --- the SRE role -------------------------------------------------------------------------------


def read_role_file(text: str, source: str) -> SreRole:
    """The role in ``text``, or ``RoleFileError`` with every problem (``version`` 0)."""
    return read_document(text, source, ROLE_FORMAT, read_role)


def read_role_path(path: Path | str) -> SreRole:
    """The role in the YAML file at ``path`` (see ``read_role_file``)."""
    text = read_text_file(path, max_bytes=MAX_BYTES, what="an SRE role YAML file")
    return read_role_file(text, str(path).strip())


def role_body(role: SreRole) -> dict[str, Any]:
    return role_values(role)


def role_document(role: SreRole, *, generated_at: datetime | None = None) -> str:
    """The whole file, exactly as the registry exporter writes it."""
    return document(ROLE_KIND, role_body(role), generated_at)


__all__ = ["DECISION_FORMAT", "DECISION_KIND", "MAX_BYTES", "ROLE_FORMAT", "ROLE_KIND",
           "VERSION", "DecisionFileError", "RoleFileError", "decision_body",
           "decision_document", "read_decision_file", "read_decision_path", "read_role_file",
           "read_role_path", "role_body", "role_document"]
