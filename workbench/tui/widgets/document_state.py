"""Where a document stands, in one line the charter, decision and role screens share: its
status and revision, the agreed revision in force while a draft is edited, and who signed or
is still to sign.

``lifecycle_text`` is pure (tested without a terminal); it reads what every document view of
the service has: ``state`` (a ``LifecycleState``), ``revisions`` and ``in_force_number``.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content

from workbench.domain.organisation import ArtifactStatus


def signed_text(state: Any, *, short: bool = False) -> str:
    """``Rohan Das (team), Anita Desai (management) on 2026-10-26`` (``short``: the names
    without their roles); several days: each sign-off with its own."""
    signoffs = state.signoffs
    names = [s.name if short else s.label for s in signoffs]
    days = {s.on for s in signoffs}
    if len(days) == 1:
        return ", ".join(names) + f" on {signoffs[0].on.isoformat()}"
    return ", ".join(f"{n} on {s.on.isoformat()}" for n, s in zip(names, signoffs, strict=True))


def lifecycle_text(view: Any, *, short: bool = False) -> Content:
    """``Agreed · revision 2 · signed by …``, ``Draft · revision 1 · 0 of 2 signed; waiting
    for team, management`` or ``Draft · revision 3 · agreed revision 2 in force · …``
    (``short``: who signed without their roles, for 80 columns)."""
    state = view.state
    revision = f"revision {view.revisions}" if view.revisions else "not saved yet"
    if state.status is ArtifactStatus.AGREED:
        parts: list[str | tuple[str, str]] = [("Agreed", "bold $text-success"),
                                              f" · {revision}"]
        if state.signoffs:
            parts.append(f" · signed by {signed_text(state, short=short)}")
        return Content.assemble(*parts)
    parts = [(state.status.value.capitalize(), "bold $text-warning"), f" · {revision}"]
    in_force = view.in_force_number or state.in_force
    if in_force is not None:
        parts.append((f" · agreed revision {in_force} in force", "bold"))
    required = len(state.required)
    missing = state.missing
    parts.append(f" · {required - len(missing)} of {required} signed")
    if missing:
        parts.append("; waiting for " + ", ".join(p.label for p in missing))
    return Content.assemble(*parts)
