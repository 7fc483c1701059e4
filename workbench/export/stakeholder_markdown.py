"""The stakeholder chart as a wiki page: the grid as a table, a Mermaid ``quadrantChart``,
one section per quadrant, who is overdue for contact, the next actions, the warnings and the
buy-in funnel.

Everything here takes domain values (a ``ChartReport``), so the registry exporter, the CLI
and tests render the same page from the same data.

Decisions:
- The Mermaid chart puts interest in SRE on the x axis (low left, high right) and formal
  power on the y axis (low bottom, high top), like the grid. Mermaid numbers its quadrants
  counter-clockwise from the top right (``quadrantBuilder.ts``): 1 engage fully, 2 keep
  satisfied, 3 monitor, 4 keep informed.
- Points are laid out, not plotted: the two axes are high/low, so a point's place inside its
  quadrant means nothing. Each quadrant's people (by name) fill a grid of cells, row by row
  from the top left, in whole hundredths, inside a margin that keeps them off the quadrant
  borders and clear of the quadrant title Mermaid draws along the top of each quadrant.
  Every point is strictly inside its quadrant, no two share a spot, and the same chart always
  gives the same coordinates.
- Names in the Mermaid block are quoted strings in which every character that means
  something to Mermaid (or to the Markdown fence around it) is written as a Mermaid entity
  code (``#34;`` for ``"``), which Mermaid turns back into the character when it draws:
  the name reads as typed and cannot end the string, start a comment (``%%``) or directive,
  inject markup or close the code fence. Line breaks and control characters become spaces;
  bidirectional controls are dropped, as in the rest of the Markdown.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jinja2 import Environment

from workbench.domain.stakeholders import (
    GRID,
    LIST_ORDER,
    Chart,
    EngagementPlan,
    Quadrant,
    Stage,
    Stakeholder,
    default_plan,
    funnel,
    overdue,
    sorted_people,
    warnings,
)
from workbench.export.document_markdown import render_page

TEMPLATE = "export/stakeholder-chart.md.j2"
MARKDOWN_FILE = "stakeholders.md"

# Mermaid's number for each quadrant (1 top right, 2 top left, 3 bottom left, 4 bottom right).
MERMAID_QUADRANT: dict[Quadrant, int] = {
    Quadrant.ENGAGE_FULLY: 1,
    Quadrant.KEEP_SATISFIED: 2,
    Quadrant.MONITOR: 3,
    Quadrant.KEEP_INFORMED: 4,
}

# What each quadrant asks of the coach, in our words (the plan adds rhythm and contact).
APPROACH: dict[Quadrant, str] = {
    Quadrant.ENGAGE_FULLY: (
        "They decide and they care. Work with them closely: involve them in the choices, "
        "show them results first and agree how much of their time the transformation may "
        "take."),
    Quadrant.KEEP_SATISFIED: (
        "They decide, but SRE is not on their mind. Ask for little of their time, answer "
        "their questions on cost and risk before they are asked, and notice when their "
        "interest grows."),
    Quadrant.KEEP_INFORMED: (
        "They care but do not decide. Keep them up to date, give them ways to take part and "
        "let them carry the news into their own teams."),
    Quadrant.MONITOR: (
        "They neither decide nor follow closely. No regular effort: at each redraw, check "
        "whether their power or their interest has changed."),
}

# --- Mermaid ------------------------------------------------------------------------------

# Characters written as Mermaid entity codes inside a quoted name: the quote itself; '#' and
# ';' (entity codes); '%' (comments, directives); '<' '>' '=' '&' (markup, sanitising); ':'
# (Mermaid strips a character from lines that look like "style ...:#...;"); '`' (a string
# starting with it is Markdown, and the fence); and the two characters Mermaid uses for its
# own entity placeholders (U+FB02, U+00B6).
_ENTITY = {ch: f"#{ord(ch)};" for ch in "\"#%&:;<=>`\ufb02\u00b6"}
_BIDI = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
UNNAMED = "(no name)"


def mermaid_text(value: object) -> str:
    """User text as the inside of a double-quoted Mermaid string, shown as typed."""
    text = "" if value is None else str(value)
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if ord(ch) in _BIDI:
            continue
        if category in ("Cc", "Zl", "Zp"):
            kept.append(" ")
        elif category == "Cs":
            kept.append("\ufffd")
        else:
            kept.append(ch)
    text = " ".join("".join(kept).split()) or UNNAMED
    return "".join(_ENTITY.get(ch, ch) for ch in text)


# The cells points are laid out in, per quadrant, in hundredths of an axis: x from 5 to 45
# and y from 5 to 38 above the quadrant's lower left corner (the top 12 stay free for the
# quadrant's title).
_X_MARGIN, _X_SPAN = 5, 40
_Y_MARGIN, _Y_SPAN = 5, 33


@dataclass(frozen=True)
class Point:
    person: Stakeholder
    x: int
    """Hundredths of the x axis (interest), 1 to 99."""
    y: int
    """Hundredths of the y axis (power), 1 to 99."""

    @property
    def coordinates(self) -> str:
        return f"[{self.x / 100:.2f}, {self.y / 100:.2f}]"


def _cells(count: int) -> tuple[int, int]:
    columns = max(1, math.ceil(math.sqrt(count)))
    rows = max(1, math.ceil(count / columns))
    return columns, rows


def layout(people: Iterable[Stakeholder]) -> list[Point]:
    """Where each person goes on the Mermaid chart: by quadrant (in ``LIST_ORDER``), then
    by name."""
    by_quadrant: dict[Quadrant, list[Stakeholder]] = {q: [] for q in LIST_ORDER}
    for person in people:
        by_quadrant[person.quadrant].append(person)
    points: list[Point] = []
    for quadrant in LIST_ORDER:
        members = sorted(by_quadrant[quadrant], key=lambda p: (p.key, p.name, p.uid))
        columns, rows = _cells(len(members))
        if columns > _X_SPAN + 1 or rows > _Y_SPAN + 1:
            raise ValueError(f"{len(members)} people do not fit one quadrant of the chart")
        left = 50 if quadrant.interest.value == "high" else 0
        bottom = 50 if quadrant.power.value == "high" else 0
        top = bottom + _Y_MARGIN + _Y_SPAN
        for index, person in enumerate(members):
            row, column = divmod(index, columns)
            x = left + _X_MARGIN + (2 * column + 1) * _X_SPAN // (2 * columns)
            y = top - (2 * row + 1) * _Y_SPAN // (2 * rows)
            points.append(Point(person, x, y))
    return points


def mermaid_chart(people: Sequence[Stakeholder]) -> str:
    """The ``quadrantChart`` source (without the fence), ending with a newline."""
    lines = [
        "quadrantChart",
        "    title Formal power and interest in SRE",
        '    x-axis "Low interest" --> "High interest"',
        '    y-axis "Low power" --> "High power"',
    ]
    for quadrant, number in sorted(MERMAID_QUADRANT.items(), key=lambda item: item[1]):
        lines.append(f'    quadrant-{number} "{mermaid_text(quadrant.title)}"')
    for point in layout(people):
        lines.append(f'    "{mermaid_text(point.person.name)}": {point.coordinates}')
    return "\n".join(lines) + "\n"


def fenced(info: str, body: str) -> str:
    """``body`` in a backtick fence longer than any run of backticks inside it."""
    longest = run = 0
    for ch in body:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body}{fence}\n"


# --- the page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartReport:
    """Everything the page shows, as domain values."""

    workspace: str
    chart: Chart
    today: date
    """The day the overdue list and late actions are worked out for."""
    state: Any = None
    """The chart's ``LifecycleState``, or None before its first save."""
    revisions: int = 0
    last_saved: datetime | None = None
    baseline: tuple[int, Chart] | None = None
    """(number, chart) of the agreed revision to compare with (who is stuck)."""

    @classmethod
    def from_stored(cls, stored: Any, workspace: str, today: date) -> ChartReport:
        """From ``workbench.store.stakeholder_repo.load``'s ``StoredChart``."""
        return cls(workspace=workspace, chart=stored.chart, today=today, state=stored.state,
                   revisions=stored.revisions, last_saved=stored.last_saved,
                   baseline=stored.baseline)

    @property
    def plan(self) -> EngagementPlan:
        return self.chart.plan or default_plan()


def _day(value: date | None) -> str:
    return value.isoformat() if value else "—"


def _choice(value: Any) -> str:
    return value.value if value is not None else "—"


def _status(report: ChartReport) -> str:
    if report.state is None:
        return "not saved yet"
    text = report.state.describe()
    details = [f"revision {report.revisions}"] if report.revisions else []
    if report.last_saved is not None:
        details.append(f"saved {report.last_saved.date().isoformat()}")
    return f"{text} ({', '.join(details)})" if details else text


def _due(person: Stakeholder, today: date) -> str:
    if person.next_action_due is None:
        return "—"
    late = " (past due)" if person.next_action_due < today else ""
    return person.next_action_due.isoformat() + late


def _rhythm(every_days: int, rhythm: str) -> str:
    plural = f"every {every_days} days"
    return rhythm if rhythm == plural else f"{rhythm} (every {every_days} day"\
        f"{'s' if every_days != 1 else ''})"


def report_values(report: ChartReport) -> dict[str, Any]:
    """What the template shows (user text still raw: the template escapes it)."""
    people = report.chart.people
    today = report.today
    plan = report.plan

    def row(person: Stakeholder) -> dict[str, Any]:
        return {"name": person.name, "role": person.role or "—",
                "stance": _choice(person.stance), "influence": _choice(person.influence),
                "stage": _choice(person.stage), "owner": person.owner or "—",
                "last_contact": _day(person.last_contact),
                "next_action": person.next_action or "—", "due": _due(person, today),
                "notes": person.notes}

    by_name = {q: sorted(report.chart.in_quadrant(q), key=lambda p: (p.key, p.name))
               for q in LIST_ORDER}
    grid = [{"power": quadrants[0].power.value,
             "cells": [{"title": q.title, "names": [p.name for p in by_name[q]]}
                       for q in quadrants]}
            for quadrants in GRID]
    sections = []
    for quadrant in LIST_ORDER:
        contact = plan.for_quadrant(quadrant)
        sections.append({
            "title": quadrant.title, "power": quadrant.power.value,
            "interest": quadrant.interest.value, "approach": APPROACH[quadrant],
            "rhythm": _rhythm(contact.every_days, contact.rhythm), "contact": contact.contact,
            "people": [row(p) for p in by_name[quadrant]],
        })
    late = [{"name": o.person.name, "quadrant": o.person.quadrant.title,
             "owner": o.person.owner or "—", "last_contact": _day(o.person.last_contact),
             "status": o.describe}
            for o in overdue(people, plan, today)]
    actions = [{"due": _due(p, today), "name": p.name, "quadrant": p.quadrant.title,
                "action": p.next_action or "—", "owner": p.owner or "—"}
               for p in sorted_people(people, "due") if p.next_action or p.next_action_due]
    baseline = report.baseline
    steps = funnel(people, baseline[1].people if baseline else None)
    stages = [{"stage": (s.stage.value if s.stage else "no stage recorded"),
               "count": s.count, "names": sorted((p.name for p in s.people), key=str.casefold)}
              for s in steps.steps if s.stage is not None or s.count]
    return {
        "title_workspace": report.workspace, "status": _status(report), "today": today,
        "count": len(people), "grid": grid,
        "mermaid": fenced("mermaid", mermaid_chart(people)) if people else "",
        "sections": sections, "overdue": late, "actions": actions,
        "warnings": [w.message for w in warnings(people)],
        "funnel": stages, "stuck": sorted((p.name for p in steps.stuck), key=str.casefold),
        "compared": baseline[0] if baseline else None,
        "last_stage": list(Stage)[-1].value,
    }


def render_markdown(report: ChartReport, *, generated_at: str | None = None,
                    env: Environment | None = None, workspace_name: str | None = None) -> str:
    """The chart as one Markdown page (``generated_at``: ISO text shown at the top), from the
    override of workspace ``workspace_name`` when it has one, else the bundled template. A
    template that fails raises ``workbench.export.templates.TemplateProblem``."""
    return render_page(TEMPLATE, report_values(report), workspace_name=workspace_name,
                       generated_at=generated_at, env=env)


__all__ = ["APPROACH", "MARKDOWN_FILE", "MERMAID_QUADRANT", "TEMPLATE", "ChartReport", "Point",
           "fenced", "layout", "mermaid_chart", "mermaid_text", "render_markdown",
           "report_values"]
