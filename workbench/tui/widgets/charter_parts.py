"""The parts of one team charter as blocks for the parts column, in the charter's order
(mission, responsibilities, scope, success metrics, interactions, communication, review),
each with the whole of its content; and the line that names what is still missing.

Everything here is pure (a ``CharterView`` in, ``PartBlock``s and ``Content`` out), so the
marks, the figures and the wording are tested without a terminal.

Decisions:
- A success metric that names an SLO shows that SLO's figures for the current period from
  the view (``view.figures_of``): good share against the target, budget left, and a mark
  whether the target is met so far. An SLO without counts this period says so.
- A missing part or a problem is shown on the part its path names (``scope.in`` -> scope,
  ``metrics[1].slo`` -> metrics); a path with no part of its own (``team``) goes to the
  mission, so nothing is ever dropped.
- Interactions and communication are optional: empty, they are marked ○, not ✗.
- A review whose date has come is marked ⚠ on its part ("due since ..."), as the list marks
  the team "due".
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import Binding
from textual.content import Content

from workbench.domain.charter import PART_TITLES, PARTS, Charter
from workbench.tui.widgets.document_parts import (
    DONE,
    MISSING,
    OPTIONAL,
    PROBLEM,
    PartBlock,
    PartsColumn,
    bullets,
)


def part_of(path: str) -> str:
    """The part a path is about: ``scope.in`` -> ``scope``, ``metrics[2].slo`` ->
    ``metrics``, ``communication.meetings[0].cadence`` -> ``communication``; anything else
    (``team``, ``parties``) -> ``mission``."""
    head = path.split(".", 1)[0].split("[", 1)[0]
    return head if head in PARTS else "mission"


def problem_path(problem: str) -> str:
    return problem.split(": ", 1)[0] if ": " in problem else ""


def metric_line(metric: Any, view: Any) -> Content:
    """``• Mean time to detect: < 5 minutes`` or, for a metric naming an SLO, ``• Checkout
    available · SLO checkout-availability: 99.94% good against 99.9% (budget left 54.1%) ✓``."""
    parts: list[str | tuple[str, str]] = ["• ", metric.name]
    if metric.target:
        parts.append(f": {metric.target}")
    if metric.slo:
        parts += [" · SLO ", (metric.slo, "bold")]
        figures = view.figures_of(metric.slo)
        if figures is None:
            parts.append(": no counts this period")
        else:
            parts.append(f": {figures.summary()}")
            if figures.met is True:
                parts.append((" ✓ met so far", "bold $text-success"))
            elif figures.met is False:
                parts.append((" ✗ below target", "bold $text-error"))
    return Content.assemble(*parts)


def _scope(charter: Charter) -> Content:
    def line(label: str, items: tuple[str, ...]) -> Content:
        return Content.assemble((label, "bold"), " · ".join(items) if items else "none named")
    return Content("\n").join([line("In: ", charter.scope_in), line("Out: ", charter.scope_out)])


def _interactions(charter: Charter) -> Content:
    if not charter.interactions:
        return Content("none yet (optional): which teams this one works with, on what, how")
    lines = []
    for item in charter.interactions:
        parts: list[str | tuple[str, str]] = ["• ", (item.team, "bold"), f": {item.purpose}"]
        if item.how:
            parts.append(f" ({item.how})")
        lines.append(Content.assemble(*parts))
    return Content("\n").join(lines)


def _communication(charter: Charter) -> Content:
    if not (charter.channels or charter.meetings or charter.escalation):
        return Content("none yet (optional): channels, meetings and the escalation path")
    lines = [Content.assemble(("Channels", "bold"))]
    lines += [Content.assemble("• ", c.name, f": {c.purpose}" if c.purpose else "")
              for c in charter.channels] or [Content("  none named")]
    lines.append(Content.assemble(("Meetings", "bold")))
    lines += [Content.assemble("• ", m.name, f", {m.cadence.title}",
                               f" ({m.attendees})" if m.attendees else "")
              for m in charter.meetings] or [Content("  none named")]
    lines.append(Content.assemble(("Escalation: ", "bold"),
                                  " → ".join(charter.escalation) or "no steps named"))
    return Content("\n").join(lines)


def _review(view: Any) -> Content:
    charter: Charter = view.charter
    cadence = charter.review_cadence.title if charter.review_cadence else "no cadence chosen"
    parts: list[str | tuple[str, str]] = [cadence[:1].upper() + cadence[1:]]
    if charter.next_review is not None:
        parts.append(f" · next review {charter.next_review.isoformat()}")
    else:
        parts.append(" · no next review date")
    return Content.assemble(*parts)


def charter_blocks(view: Any) -> list[PartBlock]:
    """Every part of ``view.charter`` as a block, marked from ``view.missing`` and
    ``view.problems``."""
    charter: Charter = view.charter
    notes: dict[str, list[tuple[str, str]]] = {}
    for missing in view.missing:
        notes.setdefault(part_of(missing.part), []).append((MISSING, missing.message))
    for problem in view.problems:
        notes.setdefault(part_of(problem_path(problem)), []).append((PROBLEM, problem))
    if view.review_due:
        notes.setdefault("review", []).append(
            (PROBLEM, f"due since {view.charter.next_review.isoformat()}"))
    bodies = {
        "mission": Content(" ".join(charter.mission.split()) or
                           "not written yet: what the team exists to achieve"),
        "responsibilities": bullets(charter.responsibilities),
        "scope": _scope(charter),
        "metrics": Content("\n").join([metric_line(m, view) for m in charter.metrics])
        if charter.metrics else Content("none yet: how the team knows it is doing well"),
        "interactions": _interactions(charter),
        "communication": _communication(charter),
        "review": _review(view),
    }
    empty = {"interactions": not charter.interactions,
             "communication": not (charter.channels or charter.meetings or charter.escalation)}
    blocks = []
    for key in PARTS:
        found = notes.get(key, [])
        states = {s for s, _ in found}
        state = MISSING if MISSING in states else PROBLEM if PROBLEM in states else \
            OPTIONAL if empty.get(key) else DONE
        blocks.append(PartBlock(key, PART_TITLES[key], bodies[key], state,
                                tuple(m for _, m in found)))
    return blocks


def missing_text(view: Any) -> Content | None:
    """``✗ Missing before it can be agreed: Review (set the next review date)``; None when
    nothing is missing (an agreed charter never misses anything)."""
    if not view.missing:
        return None
    named = "; ".join(f"{PART_TITLES[part_of(m.part)]} ({m.message})" for m in view.missing)
    return Content.assemble(("✗ Missing before it can be agreed: ", "bold $text-error"),
                            named)


class CharterParts(PartsColumn):
    """The parts of the selected charter; enter (or e) edits the one selected."""

    HELP_GROUP = "Parts of the charter"
    BINDINGS: ClassVar = [
        Binding("e,enter", "screen.edit_part", "Edit", id="ch-edit",
                tooltip="Edit the selected part of the charter (its own dialog)"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(PARTS, id=id)
