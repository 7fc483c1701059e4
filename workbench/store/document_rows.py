"""What the repositories of documents stored as one JSON body (error budget policies, team
charters, organisation documents) share: the body written and read back through the
domain's reader, uids unique in the whole database, and the agreed revision in force read
back from its snapshot (from the revisions read once for the history)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from sqlmodel import Session, select

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.organisation import Revision
from workbench.errors import UsageError
from workbench.store import lifecycle, repo

Reader = Callable[[Mapping[str, Any]], tuple[Any, list]]


def dump_body(values: Mapping[str, Any], columns: Iterable[str] = ()) -> str:
    """A document's plain values as its stored body, without the values kept in columns."""
    kept = {k: v for k, v in values.items() if k not in set(columns)}
    return json.dumps(kept, sort_keys=True, ensure_ascii=False)


def load_body(row: Any, read: Reader, columns: Mapping[str, Any], what: str,
              topic: str) -> Any:
    """The document of ``row``: its body plus the values kept in ``columns``, read by the
    domain's ``read`` and stamped with the row's version."""
    values = dict(json.loads(row.body or "{}"))
    values.update(columns)
    document, problems = read(values)
    if problems:
        raise UsageError(f"{what} cannot be read ({problems[0]}); it was saved by a "
                         "different version", topic=topic)
    return replace(document, version=row.version)


def free_uid(session: Session, table: type, wanted: str) -> str:
    """``wanted`` when no row of ``table`` has it yet, else a new random uid."""
    if wanted and session.exec(select(table.id).where(table.uid == wanted)).first() is None:
        return wanted
    return uuid.uuid4().hex


def in_force(state: LifecycleState, revisions: Sequence[Revision], read: Reader,
             columns: Mapping[str, Any]) -> tuple[Any, int | None]:
    """(the agreed revision in force read back from its snapshot, its number), or (None,
    None) while nothing is agreed or the snapshot no longer reads. ``revisions`` are the
    document's, already read for its history."""
    found = next((r for r in revisions if r.number == state.in_force), None) \
        if state.in_force is not None else None
    if found is None:
        return None, None
    document = read_snapshot(found, read, columns)
    return (None, None) if document is None else (document, found.number)


def read_snapshot(revision: Revision, read: Reader, columns: Mapping[str, Any]) -> Any:
    """The document as ``revision`` saved it, with the values kept in ``columns``; None when
    the snapshot no longer reads."""
    values = {k: v for k, v in revision.snapshot.items() if v is not None}
    values.update(columns)
    document, problems = read(values)
    return None if problems else document


def lifecycle_fields(session: Session, doc: Any, row: Any, read: Reader,
                     columns: Mapping[str, Any]) -> dict[str, Any]:
    """What every stored document record holds beside its content, from its revisions
    read once: ``state``, ``in_force``, ``in_force_number``, ``revisions`` (how many) and
    ``last_saved``."""
    revisions = repo.history(session, row.workspace_id, doc.kind, str(row.id))
    state = lifecycle.state(session, doc, row, revisions)
    document, number = in_force(state, revisions, read, columns)
    return {"state": state, "in_force": document, "in_force_number": number,
            "revisions": len(revisions),
            "last_saved": revisions[-1].created_at if revisions else None}
