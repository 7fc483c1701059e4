"""What the services of documents saved whole (error budget policies, team charters, on-call
agreements) share: create, save, change by part, remove and import, where saving the same
content records nothing (the version the user opened is still checked) and an import's dry
run does every step of the real one and keeps nothing.

A subclass names its repository (``create``, ``save``, ``load``, ``check_version``,
``remove``, ``find_row`` of the same shapes), the attribute of the stored record that holds
the document, how to read and write its plain values, and builds its view in ``_view``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from workbench.errors import UsageError
from workbench.service import Area


@dataclass(frozen=True)
class DocumentImport:
    view: Any
    created: bool
    changed: bool
    dry_run: bool

    @property
    def written(self) -> bool:
        return self.changed and not self.dry_run


def problems_error(problems: list[str], topic: str) -> UsageError:
    return UsageError("; ".join(problems), topic=topic, problems=problems)


class WholeDocuments(Area):
    repo: ClassVar[Any]
    stored_field: ClassVar[str]
    """The attribute of the repository's stored record that holds the document."""
    kept: ClassVar[str | None] = None
    """A key ``change`` never takes from the caller (a charter's team)."""
    match_uid: ClassVar[bool] = False
    """Whether an import also finds the stored document by the file's uid."""
    topic: ClassVar[str] = ""

    # --- what a subclass provides ------------------------------------------------------

    def _view(self, session, workspace_id: int, stored: Any, as_of) -> Any:
        raise NotImplementedError

    @staticmethod
    def values_of(document: Any) -> dict[str, Any]:
        raise NotImplementedError

    @staticmethod
    def read_values(values: Mapping[str, Any]) -> tuple[Any, list]:
        raise NotImplementedError

    def _canonical(self, session, workspace_id: int, document: Any) -> Any:
        """The document as it would be stored (names spelled as stored)."""
        return document

    # --- shared ------------------------------------------------------------------------

    def read(self, values: Mapping[str, Any]) -> Any:
        """A document from plain values, or a UsageError listing every problem."""
        document, problems = self.read_values(values)
        if problems:
            raise problems_error([str(p) for p in problems], self.topic)
        return document

    def _current(self, session, workspace_id: int, ref: str) -> Any:
        return getattr(self.repo.load(session, workspace_id, ref), self.stored_field)

    def _after(self, session, workspace_id: int, ref: str) -> Any:
        return self._view(session, workspace_id, self.repo.load(session, workspace_id, ref),
                          self.wb.today())

    def _same(self, stored: Any, document: Any) -> bool:
        return self.values_of(replace(stored, uid="")) == \
            self.values_of(replace(document, uid=""))

    def create(self, workspace_id: int, document: Any) -> Any:
        def write(session) -> Any:
            saved = self.repo.create(session, workspace_id, document)
            return self._after(session, workspace_id, saved.name)
        return self.wb.write(write)

    def save(self, workspace_id: int, ref: str, document: Any, *,
             expected_version: int | None = None, summary: str = "edited") -> Any:
        def write(session) -> Any:
            return self._save(session, workspace_id, self._current(session, workspace_id, ref),
                              document, summary, expected_version)
        return self.wb.write(write)

    def _save(self, session, workspace_id: int, current: Any, document: Any, summary: str,
              expected_version: int | None) -> Any:
        if self._same(current, self._canonical(session, workspace_id, document)):
            self.repo.check_version(session, workspace_id, current.name, expected_version)
            return self._after(session, workspace_id, current.name)
        saved = self.repo.save(session, workspace_id, current.name, document, summary,
                               expected_version=expected_version)
        return self._after(session, workspace_id, saved.name)

    def _edit(self, workspace_id: int, ref: str, change, summary: str,
              expected_version: int | None) -> Any:
        """Apply ``change(document) -> document`` to the stored one as one revision."""
        def write(session) -> Any:
            current = self._current(session, workspace_id, ref)
            return self._save(session, workspace_id, current, change(current), summary,
                              expected_version)
        return self.wb.write(write)

    def change(self, workspace_id: int, ref: str, values: Mapping[str, Any], *,
               expected_version: int | None = None) -> Any:
        """Replace top-level parts with plain values (as ``values_of`` writes them), as one
        revision."""
        def change(current: Any) -> Any:
            merged = self.values_of(current)
            merged.update(values)
            if self.kept:
                merged[self.kept] = getattr(current, self.kept)
            return self.read(merged)
        return self._edit(workspace_id, ref, change, f"edited {', '.join(values) or 'nothing'}",
                          expected_version)

    def remove(self, workspace_id: int, ref: str, *,
               expected_version: int | None = None) -> Any:
        return self.wb.write(self.repo.remove, workspace_id, ref,
                             expected_version=expected_version)

    def replace(self, workspace_id: int, document: Any, *, dry_run: bool = False,
                summary: str = "imported") -> DocumentImport:
        """Create the document or make the stored one of that name equal it, as one
        revision; a dry run does the same and keeps nothing."""
        def write(session) -> DocumentImport:
            existing = self.repo.find_row(session, workspace_id, document.name)
            if existing is None and self.match_uid and document.uid:
                existing = self.repo.find_row(session, workspace_id, document.uid)
            if existing is None:
                saved = self.repo.create(session, workspace_id, document, summary)
                return DocumentImport(self._after(session, workspace_id, saved.name), True,
                                      True, dry_run)
            stored = self._current(session, workspace_id,
                                   getattr(existing, "name", None) or document.name)
            view = self._save(session, workspace_id, stored,
                              replace(document, uid=existing.uid), summary, None)
            return DocumentImport(view, False, view.version != stored.version, dry_run)
        return self.wb.trial(write) if dry_run else self.wb.write(write)
