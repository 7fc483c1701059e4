"""What the wiki pages of agreed documents (team charter, organisation decision, SRE role)
show the same way: where the document stands (draft, agreed on a day by whom, a draft with
an agreed revision still in force), who must agree and who has signed; and how every wiki
page of ours is rendered (``render_page``: the workspace's override of its template when it
has one, the generation time at the top).

The values are raw user text; the templates escape them with the ``md`` filter.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any, Protocol

from jinja2 import Environment

from workbench.domain.lifecycle import LifecycleState, Party
from workbench.export.templates import render_template, template_environment


class Agreed(Protocol):
    """What ``agreement_of`` needs of a page's view (the charter's, the decision's and the
    role's views and pages have it)."""

    state: LifecycleState
    in_force_number: int | None
    revisions: int
    last_saved: datetime | None


def agreement_values(state: LifecycleState | None, *, revisions: int = 0,
                     last_saved: datetime | None = None,
                     in_force_number: int | None = None,
                     default_parties: tuple[Party, ...] = ()) -> dict[str, Any]:
    """The status and agreement of a document, for a template's status line and its
    "Agreement" section.

    ``status`` is the lifecycle status ("draft", "agreed") or "not saved"; ``agreed_on`` the
    day of the last sign-off of an agreed version; ``in_force`` the number of the agreed
    revision in force (None: none yet); ``waiting`` the parties still to sign a draft."""
    if state is None:
        return {"status": "not saved", "agreed_on": None, "signed_by": [], "in_force": None,
                "waiting": [], "revision": revisions, "saved": None,
                "required": [p.label for p in default_parties], "signoffs": []}
    agreed = state.status.value == "agreed"
    days: list[date] = [s.on for s in state.signoffs]
    in_force = in_force_number if in_force_number is not None else state.in_force
    return {
        "status": state.status.value,
        "agreed_on": max(days).isoformat() if agreed and days else None,
        "signed_by": [s.label for s in state.signoffs] if agreed else [],
        "in_force": in_force,
        "waiting": [p.label for p in state.missing] if not agreed else [],
        "revision": revisions,
        "saved": last_saved.date().isoformat() if last_saved is not None else None,
        "required": [p.label for p in state.required],
        "signoffs": [{"name": s.name, "role": s.role, "on": s.on.isoformat(),
                      "comment": s.comment or "—"} for s in state.signoffs],
    }


def agreement_of(view: Agreed) -> dict[str, Any]:
    """``agreement_values`` of a view that holds its lifecycle state and revisions."""
    return agreement_values(view.state, revisions=view.revisions, last_saved=view.last_saved,
                            in_force_number=view.in_force_number)


def generated_text(generated_at: datetime | str | None) -> str | None:
    """``generated_at`` as the ISO text pages show (seconds), or None."""
    if generated_at is None or isinstance(generated_at, str):
        return generated_at
    return generated_at.isoformat(timespec="seconds")


def render_page(template: str, values: Mapping[str, Any], *, workspace_name: str | None,
                generated_at: datetime | str | None = None,
                env: Environment | None = None) -> str:
    """The Markdown page ``template`` makes of ``values``, from ``env`` when given, else from
    the override of workspace ``workspace_name`` when it has one, else the bundled template;
    ``generated_at`` (shown at the top) is given to the template as ISO text. A template that
    fails raises ``workbench.export.templates.TemplateProblem``."""
    return render_template(env or template_environment(workspace_name), template,
                           {"generated_at": generated_text(generated_at), **values})


__all__ = ["Agreed", "agreement_of", "agreement_values", "generated_text", "render_page"]
