"""Repository of organisation documents: the model decision (per organisation or product)
and the SRE role description (one per workspace), each saved whole through the shared
lifecycle as its own kind of document (``org`` and ``sre_role``).

A decision is found by its product's name ("organisation" or an empty reference for the
whole organisation), its uid or its id; the role by "role", its uid or its id.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.names import lookup_key
from workbench.domain.org import OrgDecision, OrgModel, SreRole, check_decision, decision_values
from workbench.domain.org.decision import missing_parts as decision_missing
from workbench.domain.org.decision import read_decision
from workbench.domain.org.role import missing_parts as role_missing
from workbench.domain.org.role import read_role, role_values
from workbench.errors import ConflictError, NotFoundError, UsageError
from workbench.store import lifecycle, repo
from workbench.store.document_rows import dump_body, free_uid, lifecycle_fields, load_body
from workbench.store.org_tables import OrgDocumentRow

DECISION_KIND = "org"
ROLE_KIND = "sre_role"
DECISION, ROLE = "decision", "role"
ORGANISATION = "organisation"


@dataclass(frozen=True)
class StoredDocument:
    """A decision or role with its lifecycle: ``content`` is an OrgDecision or SreRole."""

    content: Any
    state: LifecycleState
    id: int = 0
    in_force: Any = None
    in_force_number: int | None = None
    revisions: int = 0
    last_saved: datetime | None = None


def _product_key(product: str | None) -> str:
    key = lookup_key(product or "")
    return "" if key == ORGANISATION else key


def find_row(session: Session, workspace_id: int, doc: str, ref: str) -> OrgDocumentRow | None:
    in_workspace = select(OrgDocumentRow).where(OrgDocumentRow.workspace_id == workspace_id,
                                                OrgDocumentRow.doc == doc)
    key = lookup_key(ref)
    if doc == ROLE and key in ("", "role", "sre role", "sre-role"):
        return session.exec(in_workspace).first()
    row = session.exec(in_workspace.where(OrgDocumentRow.product_key == _product_key(ref))
                       ).first() if doc == DECISION else None
    if row is None and key:
        row = session.exec(in_workspace.where(OrgDocumentRow.uid == key)).first()
    if row is None and key.isascii() and key.isdigit() and len(key) <= 18:
        row = session.exec(in_workspace.where(OrgDocumentRow.id == int(key))).first()
    return row


def decision_row(session: Session, workspace_id: int, ref: str) -> OrgDocumentRow:
    row = find_row(session, workspace_id, DECISION, ref)
    if row is None:
        known = [r or ORGANISATION for r in session.exec(select(OrgDocumentRow.product).where(
            OrgDocumentRow.workspace_id == workspace_id, OrgDocumentRow.doc == DECISION))]
        what = "the organisation" if not _product_key(ref) else f"product {ref!r}"
        raise NotFoundError(f"no organisation model decision for {what} (decisions: "
                            f"{', '.join(known) or 'none yet'}); record one with: workbench "
                            "org decide", topic=DECISION_KIND)
    return row


def role_row(session: Session, workspace_id: int, ref: str = "") -> OrgDocumentRow:
    row = find_row(session, workspace_id, ROLE, ref)
    if row is None:
        raise NotFoundError("no SRE role description yet; start one with: workbench org role",
                            topic=ROLE_KIND)
    return row


def _columns(row: OrgDocumentRow) -> dict[str, Any]:
    return {"uid": row.uid, **({"product": row.product} if row.product else {})}


def _decision(row: OrgDocumentRow) -> OrgDecision:
    return load_body(row, read_decision, _columns(row), "the organisation decision",
                     DECISION_KIND)


def _role(row: OrgDocumentRow) -> SreRole:
    return load_body(row, read_role, _columns(row), "the SRE role", ROLE_KIND)


def _decision_body(decision: OrgDecision) -> str:
    return dump_body(decision_values(decision), ("product", "uid"))


def _role_body(role: SreRole) -> str:
    return dump_body(role_values(role), ("uid",))


def _snapshot(session: Session, row: OrgDocumentRow) -> dict[str, Any]:
    values = json.loads(row.body or "{}")
    if row.doc == DECISION:
        values["product"] = row.product or None
    return values


def _decision_label(row: OrgDocumentRow) -> str:
    return ("organisation model decision" if not row.product
            else f"organisation model decision for {row.product}")


DECISION_DOCUMENT = lifecycle.register(lifecycle.DocumentType(
    kind=DECISION_KIND, noun="organisation decision", table=OrgDocumentRow,
    find=decision_row, snapshot=_snapshot, label=_decision_label,
    ready=lambda session, row: [f"{m.part}: {m.message}"
                                for m in decision_missing(_decision(row))],
))
ROLE_DOCUMENT = lifecycle.register(lifecycle.DocumentType(
    kind=ROLE_KIND, noun="SRE role", table=OrgDocumentRow, find=role_row,
    snapshot=_snapshot, label=lambda row: "SRE role description",
    ready=lambda session, row: [f"{m.part}: {m.message}" for m in role_missing(_role(row))],
))


# --- reading ------------------------------------------------------------------------------


def _stored(session: Session, row: OrgDocumentRow) -> StoredDocument:
    decision = row.doc == DECISION
    doc = DECISION_DOCUMENT if decision else ROLE_DOCUMENT
    read: Callable[[dict[str, Any]], tuple[Any, list]] = read_decision if decision \
        else read_role
    return StoredDocument(content=_decision(row) if decision else _role(row), id=row.id,
                          **lifecycle_fields(session, doc, row, read, {"uid": row.uid}))


def list_decisions(session: Session, workspace_id: int) -> list[StoredDocument]:
    """The organisation's decision first, then the products' by name."""
    rows = session.exec(select(OrgDocumentRow).where(
        OrgDocumentRow.workspace_id == workspace_id, OrgDocumentRow.doc == DECISION)
        .order_by(col(OrgDocumentRow.product_key))).all()
    return [_stored(session, row) for row in rows]


def index(session: Session, workspace_id: int) -> list[tuple[int, str, OrgModel | None]]:
    """(id, product or "", chosen model) of every decision, the organisation's first: what
    the command palette lists, without reading any lifecycle."""
    rows = session.exec(select(OrgDocumentRow.id, OrgDocumentRow.product, OrgDocumentRow.body)
                        .where(OrgDocumentRow.workspace_id == workspace_id,
                               OrgDocumentRow.doc == DECISION)
                        .order_by(col(OrgDocumentRow.product_key))).all()
    found = []
    for row_id, product, body in rows:
        chosen = json.loads(body or "{}").get("chosen")
        found.append((row_id, product, OrgModel(chosen) if chosen in set(OrgModel) else None))
    return found


def load_decision(session: Session, workspace_id: int, ref: str = "") -> StoredDocument:
    return _stored(session, decision_row(session, workspace_id, ref))


def load_role(session: Session, workspace_id: int) -> StoredDocument | None:
    row = find_row(session, workspace_id, ROLE, "")
    return _stored(session, row) if row is not None else None


def team_names(session: Session, workspace_id: int) -> list[str]:
    return [t.name for t in repo.list_teams(session, workspace_id)]


def problems(session: Session, workspace_id: int, decision: OrgDecision) -> list[str]:
    return [str(p) for p in check_decision(decision, team_names(session, workspace_id))]


# --- writing ------------------------------------------------------------------------------


def _canonical_teams(session: Session, workspace_id: int,
                     decision: OrgDecision) -> OrgDecision:
    known = {lookup_key(t): t for t in team_names(session, workspace_id)}
    return decision.with_changes(
        sre_teams=tuple(known.get(lookup_key(t), t) for t in decision.sre_teams),
        other_teams=tuple(known.get(lookup_key(t), t) for t in decision.other_teams))


def save_decision(session: Session, workspace_id: int, decision: OrgDecision, summary: str,
                  *, expected_version: int | None = None) -> tuple[OrgDecision, bool]:
    """Create or replace the decision for ``decision.product`` as one revision; returns it
    and whether it was created. The same content saves nothing."""
    wrong = problems(session, workspace_id, decision)
    if wrong:
        raise UsageError("; ".join(wrong), topic=DECISION_KIND, problems=wrong)
    decision = _canonical_teams(session, workspace_id, decision)
    row = find_row(session, workspace_id, DECISION, decision.product or "")
    if row is None and decision.uid:
        row = find_row(session, workspace_id, DECISION, decision.uid)
        if row is not None and _product_key(row.product) != _product_key(decision.product):
            raise ConflictError("that uid belongs to the decision for "
                                f"{row.product or ORGANISATION}; remove the uid or the "
                                "product", topic=DECISION_KIND)
    if row is None:
        if expected_version is not None:
            raise NotFoundError("the decision was removed since you opened it; nothing was "
                                "saved", topic=DECISION_KIND)
        row = OrgDocumentRow(workspace_id=workspace_id, doc=DECISION,
                             product=decision.product or "",
                             product_key=_product_key(decision.product),
                             uid=free_uid(session, OrgDocumentRow, decision.uid),
                             body=_decision_body(decision))
        session.add(row)
        session.flush()
        lifecycle.set_required_parties(session, DECISION_DOCUMENT, row,
                                       decision.required_parties())
        lifecycle.record_created(session, DECISION_DOCUMENT, row, summary)
        return _decision(row), True
    lifecycle.check_version(DECISION_DOCUMENT, row, expected_version)
    if _decision_body(decision) == row.body:
        return _decision(row), False
    row.body = _decision_body(decision)
    lifecycle.record_save(session, DECISION_DOCUMENT, row, summary)
    if lifecycle.required_parties(session, DECISION_DOCUMENT, row) != \
            decision.required_parties():
        lifecycle.set_required_parties(session, DECISION_DOCUMENT, row,
                                       decision.required_parties())
    return _decision(row), False


def save_role(session: Session, workspace_id: int, role: SreRole, summary: str, *,
              expected_version: int | None = None) -> tuple[SreRole, bool]:
    """Create or replace the workspace's SRE role as one revision."""
    row = find_row(session, workspace_id, ROLE, "")
    if row is None:
        if expected_version is not None:
            raise NotFoundError("the SRE role was removed since you opened it; nothing was "
                                "saved", topic=ROLE_KIND)
        row = OrgDocumentRow(workspace_id=workspace_id, doc=ROLE,
                             uid=free_uid(session, OrgDocumentRow, role.uid), body=_role_body(role))
        session.add(row)
        session.flush()
        lifecycle.set_required_parties(session, ROLE_DOCUMENT, row, role.required_parties())
        lifecycle.record_created(session, ROLE_DOCUMENT, row, summary)
        return _role(row), True
    lifecycle.check_version(ROLE_DOCUMENT, row, expected_version)
    if _role_body(role) == row.body:
        return _role(row), False
    row.body = _role_body(role)
    lifecycle.record_save(session, ROLE_DOCUMENT, row, summary)
    if lifecycle.required_parties(session, ROLE_DOCUMENT, row) != role.required_parties():
        lifecycle.set_required_parties(session, ROLE_DOCUMENT, row, role.required_parties())
    return _role(row), False


def remove_decision(session: Session, workspace_id: int, ref: str, *,
                    expected_version: int | None = None) -> OrgDecision:
    row = decision_row(session, workspace_id, ref)
    lifecycle.check_version(DECISION_DOCUMENT, row, expected_version)
    decision = _decision(row)
    session.delete(row)
    session.flush()
    return decision
