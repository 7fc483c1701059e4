"""The document lifecycle in the store, shared by every kind of document.

A document kind registers once (``register``) with its table, how to find a record and how
to snapshot it; then every repository calls ``record_save`` after a content change, and
agreeing, reopening, history and diffs work the same for all kinds. The rules themselves
(who counts as having signed, derived statuses, diffs) are in ``workbench.domain.lifecycle``.

Decisions:
- The document's own row holds its ``status`` (draft / agreed / superseded) and its record
  ``version`` (see ``tables.Versioned``). Only this module changes ``status``.
- ``record_save`` always bumps the version, even when only child rows changed (an answer of
  a run), because sign-offs name the version they agree to.
- Required parties are stored per document once someone sets them; until then the kind's
  defaults apply (``domain.lifecycle.DEFAULT_PARTIES``).
- Revisions and sign-offs are append-only. "Superseded" for an older agreed revision is
  derived when the history is read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, col, delete, select

from workbench.domain.lifecycle import (
    DEFAULT_PARTIES,
    MAX_REASON,
    FieldChange,
    HistoryEntry,
    LifecycleError,
    LifecycleState,
    Party,
    SignOff,
    SignResult,
    clean_text,
    diff_snapshots,
    in_force,
    is_new_signoff,
    missing_parties,
    shown_statuses,
    unique_parties,
)
from workbench.domain.organisation import ArtifactStatus, Revision
from workbench.errors import ConflictError, NotFoundError, UsageError, VersionConflict
from workbench.store import db, repo
from workbench.store.tables import RequiredPartyRow, RevisionRow, SignOffRow


@dataclass(frozen=True)
class DocumentType:
    """How the lifecycle reaches one kind of document."""

    kind: str
    """The revision ``artifact_kind``, e.g. ``slo`` or ``assessment_run``."""
    noun: str
    """What users call it: ``SLO``, ``assessment run``."""
    table: type
    find: Callable[[Session, int, str], Any]
    """(session, workspace id, reference typed by the user) -> row; raises NotFoundError."""
    snapshot: Callable[[Session, Any], dict[str, Any]]
    label: Callable[[Any], str]
    """A row's name as shown in messages, e.g. ``SLO checkout-availability``."""
    ready: Callable[[Session, Any], list[str]] | None = None
    """What still keeps the document from being agreed (e.g. required parts not written);
    signing is refused while this lists anything."""

    @property
    def default_parties(self) -> tuple[Party, ...]:
        return DEFAULT_PARTIES.get(self.kind, ())


_TYPES: dict[str, DocumentType] = {}


def register(doc_type: DocumentType) -> DocumentType:
    _TYPES[doc_type.kind] = doc_type
    return doc_type


def document_type(kind: str) -> DocumentType:
    _load_kinds()
    try:
        return _TYPES[kind]
    except KeyError:
        known = ", ".join(sorted(_TYPES))
        raise UsageError(f"{kind!r} is not a kind of document; use one of: {known}") from None


def document_types() -> list[DocumentType]:
    _load_kinds()
    return list(_TYPES.values())


def _load_kinds() -> None:
    # The repositories register their kinds when imported; import them here so a caller
    # that only uses the lifecycle still sees every kind.
    import workbench.store.assessment_repo
    import workbench.store.charter_repo
    import workbench.store.oncall_repo
    import workbench.store.org_repo
    import workbench.store.policy_repo
    import workbench.store.slo_repo
    import workbench.store.stakeholder_repo  # noqa: F401


def _key(row: Any) -> str:
    return str(row.id)


def check_version(doc: DocumentType, row: Any, expected: int | None) -> None:
    """Refuse a write that started from an older version than the stored one."""
    if expected is not None and row.version != expected:
        raise VersionConflict(doc.label(row), opened=expected, stored=row.version,
                              topic=doc.kind)


# --- parties and sign-offs ----------------------------------------------------------------


def required_parties(session: Session, doc: DocumentType, row: Any) -> tuple[Party, ...]:
    rows = session.exec(
        select(RequiredPartyRow)
        .where(RequiredPartyRow.workspace_id == row.workspace_id,
               RequiredPartyRow.artifact_kind == doc.kind,
               RequiredPartyRow.artifact_key == _key(row))
        .order_by(col(RequiredPartyRow.position), col(RequiredPartyRow.id))
    ).all()
    if not rows:
        return doc.default_parties
    return tuple(Party(role=r.role, name=r.name) for r in rows)


def set_required_parties(session: Session, doc: DocumentType, row: Any,
                         parties: Sequence[Party]) -> tuple[Party, ...]:
    """Replace who must agree (only while the document is a draft)."""
    if row.status != ArtifactStatus.DRAFT:
        raise ConflictError(f"{doc.label(row)} is {row.status}; reopen it to change who must "
                            "agree", topic=doc.kind)
    wanted = unique_parties(parties)
    if not wanted:
        raise UsageError("name at least one party who must agree, e.g. operations")
    session.exec(delete(RequiredPartyRow).where(
        RequiredPartyRow.workspace_id == row.workspace_id,
        RequiredPartyRow.artifact_kind == doc.kind,
        RequiredPartyRow.artifact_key == _key(row)))
    for position, party in enumerate(wanted):
        session.add(RequiredPartyRow(workspace_id=row.workspace_id, artifact_kind=doc.kind,
                                     artifact_key=_key(row), position=position,
                                     role=party.role, name=party.name))
    session.flush()
    return wanted


def _signoff(row: SignOffRow) -> SignOff:
    return SignOff(name=row.name, role=row.role, on=row.signed_on, comment=row.comment,
                   version=row.record_version)


def signoffs(session: Session, doc: DocumentType, row: Any,
             version: int | None = None) -> tuple[SignOff, ...]:
    """Sign-offs of the document, oldest first; with ``version``, only of that version."""
    query = select(SignOffRow).where(SignOffRow.workspace_id == row.workspace_id,
                                     SignOffRow.artifact_kind == doc.kind,
                                     SignOffRow.artifact_key == _key(row))
    if version is not None:
        query = query.where(SignOffRow.record_version == version)
    return tuple(_signoff(r) for r in session.exec(query.order_by(col(SignOffRow.id))).all())


# --- state and history -------------------------------------------------------------------


def _stored_revisions(session: Session, workspace_id: int, kind: str, key: str) -> list[Revision]:
    return repo.history(session, workspace_id, kind, key)


def state(session: Session, doc: DocumentType, row: Any,
          revisions: Sequence[Revision] | None = None) -> LifecycleState:
    """Where the document stands. Its sign-offs are those of the current version for a
    draft, and for an agreed document the ones that agreed it. ``revisions``: the
    document's revisions when the caller has read them already (they are not read again)."""
    if revisions is None:
        revisions = _stored_revisions(session, row.workspace_id, doc.kind, _key(row))
    force, signed_version = _standing(row, [(r.number, r.status, r.record_version)
                                            for r in revisions])
    current = signoffs(session, doc, row, signed_version) if signed_version is not None else ()
    return LifecycleState(
        status=ArtifactStatus(row.status), version=row.version,
        required=required_parties(session, doc, row), signoffs=current, in_force=force,
    )


def _standing(row: Any, revisions: Sequence[tuple[int, ArtifactStatus, int | None]]
              ) -> tuple[int | None, int | None]:
    """(number of the revision in force, version whose sign-offs count) of a document from
    its revisions (number, status, record version), oldest first: a draft counts the
    sign-offs of its current version, an agreed document those that agreed it."""
    force = in_force([n for n, _, _ in revisions], [st for _, st, _ in revisions])
    if ArtifactStatus(row.status) is ArtifactStatus.DRAFT:
        return force, row.version
    return force, next((v for n, _, v in revisions if n == force), None)


def states(session: Session, doc: DocumentType, rows: Sequence[Any]) -> dict[str, LifecycleState]:
    """``state`` of many documents of one kind and one workspace, by key, in three queries
    (revision numbers and statuses, required parties, sign-offs) whatever their number; a
    list of 9,000 SLOs would otherwise cost four queries each."""
    rows = list(rows)
    if not rows:
        return {}
    workspace_id = rows[0].workspace_id
    keys = {_key(row) for row in rows}

    def of_kind(table: Any) -> Any:
        where = (table.workspace_id == workspace_id, table.artifact_kind == doc.kind)
        if len(keys) <= db.MAX_LISTED_IDS:  # a page of documents: only theirs
            where += (col(table.artifact_key).in_(sorted(keys)),)
        return where

    revisions: dict[str, list[tuple[int, ArtifactStatus, int | None]]] = {}
    for key, number, status, record_version in session.execute(
        select(RevisionRow.artifact_key, RevisionRow.number, RevisionRow.status,
               RevisionRow.record_version)
        .where(*of_kind(RevisionRow))
        .order_by(col(RevisionRow.artifact_key), col(RevisionRow.number))
    ):
        if key in keys:
            revisions.setdefault(key, []).append((number, ArtifactStatus(status), record_version))
    parties: dict[str, list[Party]] = {}
    for key, role, name in session.execute(
        select(RequiredPartyRow.artifact_key, RequiredPartyRow.role, RequiredPartyRow.name)
        .where(*of_kind(RequiredPartyRow))
        .order_by(col(RequiredPartyRow.artifact_key), col(RequiredPartyRow.position),
                  col(RequiredPartyRow.id))
    ):
        if key in keys:
            parties.setdefault(key, []).append(Party(role=role, name=name))
    signed: dict[tuple[str, int], list[SignOff]] = {}
    for key, name, role, on, comment, version in session.execute(
        select(SignOffRow.artifact_key, SignOffRow.name, SignOffRow.role, SignOffRow.signed_on,
               SignOffRow.comment, SignOffRow.record_version)
        # by document first, so the index on it gives the order (no sort of every row)
        .where(*of_kind(SignOffRow)).order_by(col(SignOffRow.artifact_key), col(SignOffRow.id))
    ):
        if key in keys:
            signed.setdefault((key, version), []).append(
                SignOff(name=name, role=role, on=on, comment=comment, version=version))
    result: dict[str, LifecycleState] = {}
    for row in rows:
        key = _key(row)
        force, signed_version = _standing(row, revisions.get(key, []))
        current = tuple(signed.get((key, signed_version), ())) if signed_version is not None else ()
        result[key] = LifecycleState(
            status=ArtifactStatus(row.status), version=row.version,
            required=tuple(parties[key]) if key in parties else doc.default_parties,
            signoffs=current, in_force=force,
        )
    return result


def history(session: Session, doc: DocumentType, workspace_id: int,
            key: str) -> list[HistoryEntry]:
    """Every revision of a document, oldest first, with its shown status and sign-offs."""
    revisions = _stored_revisions(session, workspace_id, doc.kind, key)
    shown = shown_statuses([r.status for r in revisions])
    rows = session.exec(select(SignOffRow).where(
        SignOffRow.workspace_id == workspace_id, SignOffRow.artifact_kind == doc.kind,
        SignOffRow.artifact_key == key).order_by(col(SignOffRow.id))).all()
    by_version: dict[int, list[SignOff]] = {}
    for signoff_row in rows:
        by_version.setdefault(signoff_row.record_version, []).append(_signoff(signoff_row))
    # Sign-offs name a version; several revisions may have saved it (the draft, then the
    # agreement): they belong to the last of them, where the signing ended.
    last_of_version = {r.record_version: r.number for r in revisions}
    return [HistoryEntry(r, s, tuple(by_version.get(r.record_version, ()))
                         if last_of_version.get(r.record_version) == r.number else ())
            for r, s in zip(revisions, shown, strict=True)]


def diff(session: Session, doc: DocumentType, workspace_id: int, key: str, before: int,
         after: int) -> list[FieldChange]:
    """What changed from revision number ``before`` to ``after``, field by field."""
    revisions = {r.number: r for r in _stored_revisions(session, workspace_id, doc.kind, key)}
    for number in (before, after):
        if number not in revisions:
            known = f"1 to {max(revisions)}" if revisions else "none yet"
            raise NotFoundError(f"{doc.noun} has no revision {number} (revisions: {known})",
                                topic=doc.kind)
    return diff_snapshots(revisions[before].snapshot, revisions[after].snapshot)


# --- changes -----------------------------------------------------------------------------


def _revision(session: Session, doc: DocumentType, row: Any, summary: str,
              status: ArtifactStatus, author: str | None = None,
              record_version: int | None = None) -> Revision:
    return repo.record_revision(session, row.workspace_id, doc.kind, _key(row),
                                doc.snapshot(session, row), status=status, summary=summary,
                                author=author, record_version=record_version or row.version)


def record_save(session: Session, doc: DocumentType, row: Any, summary: str, *,
                author: str | None = None) -> Revision:
    """After a content change of the document: a new version (earlier sign-offs stop
    counting), back to draft if it was agreed (the agreed revision stays in force), and a
    revision that records the change."""
    was = ArtifactStatus(row.status)
    if was is not ArtifactStatus.DRAFT:
        row.status = ArtifactStatus.DRAFT.value
        summary = f"{summary} (new draft; the agreed revision stays in force until agreed)"
    flag_modified(row, "status")  # bump the version even if only child rows changed
    session.add(row)
    session.flush()
    return _revision(session, doc, row, summary, ArtifactStatus.DRAFT, author)


def record_created(session: Session, doc: DocumentType, row: Any, summary: str = "added",
                   *, author: str | None = None) -> Revision:
    """The first revision of a new document (already flushed, still a draft)."""
    return _revision(session, doc, row, summary, ArtifactStatus(row.status), author)


def sign(session: Session, doc: DocumentType, row: Any, new: Sequence[SignOff], *,
         expected_version: int | None = None,
         parties: Sequence[Party] | None = None) -> SignResult:
    """Record sign-offs for the current version; once every required party has signed, the
    document is agreed and the agreed revision before it (if any) is superseded."""
    check_version(doc, row, expected_version)
    if row.status != ArtifactStatus.DRAFT:
        raise ConflictError(f"{doc.label(row)} is already {row.status}; edit or reopen it to "
                            "start a new draft", topic=doc.kind)
    if doc.ready is not None:
        gaps = doc.ready(session, row)
        if gaps:
            raise UsageError(f"{doc.label(row)} cannot be agreed yet: {'; '.join(gaps)}",
                             topic=doc.kind)
    if parties is not None:
        set_required_parties(session, doc, row, parties)
    required = required_parties(session, doc, row)
    if not required:
        raise UsageError(f"nobody is named to agree to {doc.label(row)}; name the parties "
                         "first, e.g. operations and development")
    existing = list(signoffs(session, doc, row, row.version))
    added, already = [], []
    for signoff in new:
        if is_new_signoff(signoff, existing):
            session.add(SignOffRow(
                workspace_id=row.workspace_id, artifact_kind=doc.kind, artifact_key=_key(row),
                record_version=row.version, name=signoff.name, role=signoff.role,
                signed_on=signoff.on, comment=signoff.comment))
            stamped = SignOff(signoff.name, signoff.role, signoff.on, signoff.comment,
                              row.version)
            existing.append(stamped)
            added.append(stamped)
        else:
            already.append(signoff)
    session.flush()
    agreed_now = not missing_parties(required, existing)
    if agreed_now:
        names = ", ".join(s.label for s in existing)
        signed = row.version
        row.status = ArtifactStatus.AGREED.value
        session.add(row)
        session.flush()  # a new record version; the agreement is to the one signed
        _revision(session, doc, row, f"agreed by {names}", ArtifactStatus.AGREED,
                  record_version=signed)
    return SignResult(state(session, doc, row), tuple(added), tuple(already), agreed_now)


def reopen(session: Session, doc: DocumentType, row: Any, reason: str, *,
           expected_version: int | None = None) -> LifecycleState:
    """Make an agreed document a draft again, with the reason in its history. The agreed
    revision stays in force until the new draft is agreed."""
    check_version(doc, row, expected_version)
    try:
        why = clean_text(reason, "the reason", MAX_REASON)
    except LifecycleError as exc:
        raise UsageError(f"{exc} (say why it is reopened)") from None
    if row.status != ArtifactStatus.AGREED:
        raise ConflictError(f"{doc.label(row)} is {row.status}, not agreed; only an agreed "
                            f"{doc.noun} can be reopened", topic=doc.kind)
    row.status = ArtifactStatus.DRAFT.value
    session.add(row)
    session.flush()
    _revision(session, doc, row, f"reopened: {why}", ArtifactStatus.DRAFT)
    return state(session, doc, row)


def restore_status(session: Session, doc: DocumentType, row: Any, status: ArtifactStatus,
                   summary: str) -> None:
    """Set a status that was decided elsewhere (an imported document that was agreed
    there), recorded as such in the history."""
    row.status = ArtifactStatus(status).value
    session.add(row)
    session.flush()
    _revision(session, doc, row, summary, ArtifactStatus(status))
