"""Every document's lifecycle through one door: where it stands, sign-offs, reopening,
history and the diff between two revisions. Documents are named by their kind (``slo``,
``assessment_run``, ...) and a reference as users type it (an SLO's name, a run's number)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.domain.lifecycle import (
    FieldChange,
    HistoryEntry,
    LifecycleState,
    Party,
    SignOff,
    SignResult,
)
from workbench.service import Area
from workbench.store import lifecycle


@dataclass(frozen=True)
class DocumentView:
    """A document's lifecycle state with what is needed to act on it."""

    kind: str
    noun: str
    key: str
    """The record's id as text: what revisions and sign-offs are filed under."""
    label: str
    state: LifecycleState


class DocumentsService(Area):
    def kinds(self) -> list[tuple[str, str]]:
        """(kind, noun) of every kind of document."""
        return [(d.kind, d.noun) for d in lifecycle.document_types()]

    def _view(self, session, doc, row) -> DocumentView:
        return DocumentView(doc.kind, doc.noun, str(row.id), doc.label(row),
                            lifecycle.state(session, doc, row))

    def view(self, workspace_id: int, kind: str, ref: str) -> DocumentView:
        doc = lifecycle.document_type(kind)
        return self.wb.read(lambda s: self._view(s, doc, doc.find(s, workspace_id, ref)))

    def sign(self, workspace_id: int, kind: str, ref: str, signoffs: Sequence[SignOff], *,
             expected_version: int | None = None,
             parties: Sequence[Party] | None = None) -> SignResult:
        doc = lifecycle.document_type(kind)
        return self.wb.write(lambda s: lifecycle.sign(
            s, doc, doc.find(s, workspace_id, ref), signoffs,
            expected_version=expected_version, parties=parties))

    def reopen(self, workspace_id: int, kind: str, ref: str, reason: str, *,
               expected_version: int | None = None) -> LifecycleState:
        doc = lifecycle.document_type(kind)
        return self.wb.write(lambda s: lifecycle.reopen(
            s, doc, doc.find(s, workspace_id, ref), reason, expected_version=expected_version))

    def history(self, workspace_id: int, kind: str,
                ref: str) -> tuple[DocumentView, list[HistoryEntry]]:
        doc = lifecycle.document_type(kind)

        def load(session):
            row = doc.find(session, workspace_id, ref)
            return (self._view(session, doc, row),
                    lifecycle.history(session, doc, workspace_id, str(row.id)))
        return self.wb.read(load)

    def diff(self, workspace_id: int, kind: str, ref: str, before: int,
             after: int) -> list[FieldChange]:
        doc = lifecycle.document_type(kind)
        return self.wb.read(lambda s: lifecycle.diff(
            s, doc, workspace_id, str(doc.find(s, workspace_id, ref).id), before, after))
