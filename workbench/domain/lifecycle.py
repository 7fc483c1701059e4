"""The one lifecycle every document follows (assessment run, SLO, and the documents later
features add): draft -> agreed -> superseded, the parties whose agreement is required, their
sign-offs, and what changed between two saved revisions.

Decisions:
- A party is a role ("operations") and optionally a person ("Asha", role "operations"). A
  role party is satisfied by a sign-off of anyone in that role; a named party only by that
  person signing in that role. One sign-off may satisfy both kinds.
- Sign-offs belong to one version of the document. Any edit makes a new version, so
  sign-offs given for an earlier draft stop counting: people agree to what they read.
- A document is agreed when every required party has signed its current version. Editing an
  agreed document starts a new draft; the agreed revision stays *in force* until the new
  draft is agreed. Only then is the older agreed revision shown as superseded: that status
  is derived from the history, never written over it.
- Roles compare case- and space-insensitively ("Product  Owner" = "product owner").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from workbench.domain.organisation import ArtifactStatus, Revision

MAX_PARTY_TEXT = 80
MAX_COMMENT = 500
MAX_REASON = 500

# Roles a coach usually asks to agree; free text is allowed, these are only suggestions.
COMMON_ROLES: tuple[str, ...] = (
    "operations", "development", "product owner", "coach", "team", "management", "executive",
)


# Who must agree when nobody has said otherwise, per document kind. SLOs are agreed between
# the people who run the service, those who build it and the product owner (the book, ch. 6);
# a maturity run between the coach and the team that was assessed.
DEFAULT_PARTIES: dict[str, tuple[Party, ...]] = {}


class LifecycleError(ValueError):
    """A sign-off, party or reason the user must correct; the message says how."""


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def clean_text(raw: str, what: str, limit: int, *, required: bool = True) -> str:
    """One line of user text: spaces collapsed, no control characters, at most ``limit``."""
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n" for ch in raw or ""):
        raise LifecycleError(f"{what} contains a control character; remove it")
    text = " ".join((raw or "").split())
    if required and not text:
        raise LifecycleError(f"{what} is empty; write it out")
    if len(text) > limit:
        raise LifecycleError(f"{what} is {len(text)} characters long; use at most {limit}")
    return text


@dataclass(frozen=True)
class Party:
    """Someone whose agreement a document needs: a role, optionally a named person."""

    role: str
    name: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})" if self.name else self.role

    def satisfied_by(self, signoff: SignOff) -> bool:
        if _key(signoff.role) != _key(self.role):
            return False
        return self.name is None or _key(signoff.name) == _key(self.name)


@dataclass(frozen=True)
class SignOff:
    """One person's agreement to one version of a document."""

    name: str
    role: str
    on: date
    comment: str = ""
    version: int = 0

    @property
    def label(self) -> str:
        return f"{self.name} ({self.role})"


DEFAULT_PARTIES.update({
    "slo": (Party("operations"), Party("development"), Party("product owner")),
    "assessment_run": (Party("coach"), Party("team")),
    # The chart is the coaches' planning document; they may ask stakeholders to agree too.
    "stakeholder_chart": (Party("coach"),),
    # A policy names its own parties (operations, development, product owner, then the
    # escalation contacts); these apply until it is first saved.
    "policy": (Party("operations"), Party("development"), Party("product owner")),
    # Charters and organisation documents name their own parties when first saved.
    "charter": (Party("team"), Party("management")),
    # The on-call setup is the agreement of the people who go on call and their product owner.
    "oncall": (Party("operations"), Party("development"), Party("product owner")),
    "org": (Party("executive"), Party("development"), Party("operations")),
    "sre_role": (Party("executive"), Party("human resources")),
})


def parse_party(text: str) -> Party:
    """``ROLE`` or ``NAME:ROLE``."""
    name, sep, role = text.rpartition(":")
    if not sep:
        name, role = "", text
    role = clean_text(role, "the role", MAX_PARTY_TEXT)
    name = clean_text(name, "the name", MAX_PARTY_TEXT, required=False)
    return Party(role=role, name=name or None)


def parse_signoff(text: str, on: date, comment: str = "") -> SignOff:
    """``NAME:ROLE``: both parts are required, e.g. ``Asha Rao:operations``."""
    name, sep, role = text.rpartition(":")
    if not sep or not name.strip() or not role.strip():
        raise LifecycleError(f"{text!r} is not NAME:ROLE; write e.g. 'Asha Rao:operations'")
    return make_signoff(name, role, on, comment)


def make_signoff(name: str, role: str, on: date, comment: str = "") -> SignOff:
    return SignOff(name=clean_text(name, "the name", MAX_PARTY_TEXT),
                   role=clean_text(role, "the role", MAX_PARTY_TEXT), on=on,
                   comment=clean_text(comment, "the comment", MAX_COMMENT, required=False))


def missing_parties(required: Iterable[Party], signoffs: Iterable[SignOff]) -> tuple[Party, ...]:
    """The required parties none of ``signoffs`` satisfies, in their order."""
    given = list(signoffs)
    return tuple(p for p in required if not any(p.satisfied_by(s) for s in given))


def unique_parties(parties: Iterable[Party]) -> tuple[Party, ...]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for party in parties:
        key = (_key(party.role), _key(party.name or ""))
        if key not in seen:
            seen.add(key)
            kept.append(party)
    return tuple(kept)


def is_new_signoff(signoff: SignOff, existing: Iterable[SignOff]) -> bool:
    """False when the same person already signed in the same role."""
    return not any(_key(s.name) == _key(signoff.name) and _key(s.role) == _key(signoff.role)
                   for s in existing)


@dataclass(frozen=True)
class LifecycleState:
    """Where a document stands: its status and version, who must agree, who has signed the
    current version, and which agreed revision is in force."""

    status: ArtifactStatus
    version: int
    required: tuple[Party, ...]
    signoffs: tuple[SignOff, ...] = ()
    in_force: int | None = None
    """Number of the agreed revision in force, if any (may be older than a pending draft)."""

    @property
    def missing(self) -> tuple[Party, ...]:
        return missing_parties(self.required, self.signoffs)

    @property
    def editable(self) -> bool:
        return self.status is ArtifactStatus.DRAFT

    def describe(self) -> str:
        """One line: "draft · agreed revision 3 in force · waiting for development"."""
        parts = [self.status.value]
        if self.status is ArtifactStatus.DRAFT and self.in_force is not None:
            parts.append(f"agreed revision {self.in_force} in force")
        if self.status is ArtifactStatus.DRAFT and self.required:
            missing = self.missing
            if missing:
                parts.append("waiting for " + ", ".join(p.label for p in missing))
            else:
                parts.append("every party has signed")
        return " · ".join(parts)


def status_after_signing(required: Sequence[Party],
                         signoffs: Sequence[SignOff]) -> ArtifactStatus:
    if not required:
        raise LifecycleError("nobody is required to agree yet; name at least one party")
    return ArtifactStatus.DRAFT if missing_parties(required, signoffs) else ArtifactStatus.AGREED


def shown_statuses(stored: Sequence[ArtifactStatus]) -> list[ArtifactStatus]:
    """The status to show for each revision (oldest first): an agreed revision followed by a
    later agreed one has been superseded by it."""
    shown = list(stored)
    last_agreed = max((i for i, s in enumerate(stored) if s is ArtifactStatus.AGREED),
                      default=None)
    for index, status in enumerate(stored):
        if status is ArtifactStatus.AGREED and index != last_agreed:
            shown[index] = ArtifactStatus.SUPERSEDED
    return shown


def in_force(numbers: Sequence[int], stored: Sequence[ArtifactStatus]) -> int | None:
    """The number of the newest agreed revision."""
    agreed = [n for n, s in zip(numbers, stored, strict=True) if s is ArtifactStatus.AGREED]
    return agreed[-1] if agreed else None


@dataclass(frozen=True)
class HistoryEntry:
    revision: Revision
    shown_status: ArtifactStatus
    signoffs: tuple[SignOff, ...]
    """Sign-offs given for the version this revision saved."""


@dataclass(frozen=True)
class SignResult:
    state: LifecycleState
    added: tuple[SignOff, ...]
    already: tuple[SignOff, ...]
    """Sign-offs given again by someone who had already signed this version."""
    agreed_now: bool



# --- what changed between two revisions ----------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    path: str
    """Dotted path of the field, e.g. ``target`` or ``levels.org-structure``."""
    before: Any
    after: Any

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(value, Mapping) and value:
        for key in sorted(value, key=str):
            _flatten(value[key], f"{prefix}.{key}" if prefix else str(key), out)
    elif isinstance(value, list | tuple) and value and all(
            isinstance(v, Mapping) for v in value):
        for index, item in enumerate(value):
            _flatten(item, f"{prefix}[{index}]", out)
    else:
        out[prefix] = value


def diff_snapshots(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[FieldChange]:
    """Field-by-field changes from ``before`` to ``after``, sorted by path. Nested mappings
    become dotted paths; lists of mappings are compared item by item; other lists as a
    whole. A field that only one side has is added or removed (the other side is None)."""
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    _flatten(dict(before), "", old)
    _flatten(dict(after), "", new)
    changes = []
    for path in sorted(set(old) | set(new)):
        a, b = old.get(path), new.get(path)
        if a != b:
            changes.append(FieldChange(path, a, b))
    return changes
