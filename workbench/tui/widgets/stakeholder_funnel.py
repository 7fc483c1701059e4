"""The buy-in funnel: one bar per stage (awareness to engagement, then "no stage") as long as
the share of the chart's people at that stage, the count, and who they are; below it who
is stuck since the revision the chart is compared with."""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from workbench.domain.stakeholders import Funnel, FunnelStep, Stakeholder

MAX_BAR = 40
LABEL_WIDTH = max(cell_len("Understanding"), cell_len("No stage"))


def step_label(step: FunnelStep) -> str:
    return step.stage.value.capitalize() if step.stage is not None else "No stage"


def bar_cells(count: int, total: int, width: int) -> int:
    """Whole cells of a bar for ``count`` of ``total`` people (at least one for anyone)."""
    if not total or not count or width <= 0:
        return 0
    return max(1, (count * width * 2 + total) // (total * 2))  # half up


def names_text(people: tuple[Stakeholder, ...]) -> str:
    return ", ".join(p.name for p in people)


def stuck_lines(funnel: Funnel | None, baseline_number: int | None) -> list[Content]:
    """Who has not moved along the funnel since the baseline revision, in words."""
    if funnel is None:
        return []
    if not funnel.compared:
        return [Content("Stuck: no earlier revision to compare with yet (agree the chart, "
                        "and the next agreed revision shows who has not moved).")]
    since = f"revision {baseline_number}" if baseline_number else "the earlier revision"
    if not funnel.stuck:
        return [Content(f"Stuck: nobody; everyone has moved along the funnel since {since} "
                        "(or reached engagement).")]
    head = Content.assemble((f"Stuck since {since} ({len(funnel.stuck)}): ", "bold"))
    who = ", ".join(f"{p.name} ({p.stage.value if p.stage else 'no stage'})"
                    for p in funnel.stuck)
    return [Content.assemble(head, who)]


class FunnelBars(Widget):
    """The bars; ``show(funnel)`` redraws them. The names after each count are cut with
    "…" where the line ends (the list view shows everyone's stage)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.funnel: Funnel | None = None

    def show(self, funnel: Funnel | None) -> None:
        self.funnel = funnel
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.funnel.steps) if self.funnel else 1

    def render(self) -> Content:
        if self.funnel is None:
            return Content("Loading…")
        width = self.content_size.width
        steps = self.funnel.steps
        total = sum(step.count for step in steps)
        count_w = max(len(str(step.count)) for step in steps)
        bar_w = max(4, min(MAX_BAR, (width - LABEL_WIDTH - count_w - 6) // 3))
        lines = []
        for step in steps:
            cells = bar_cells(step.count, total, bar_w)
            parts = [Content(step_label(step).ljust(LABEL_WIDTH)).stylize("bold"),
                     Content("  "),
                     Content("█" * cells).stylize("$text-success"),
                     Content("░" * (bar_w - cells)).stylize("$foreground 35%"),
                     Content(f"  {str(step.count).rjust(count_w)}").stylize("bold")]
            line = Content.assemble(*parts)
            room = width - line.cell_length - 2
            if step.people and room > 3:
                names = Content(names_text(step.people))
                if names.cell_length > room:
                    names = names.truncate(room, ellipsis=True)
                line = Content.assemble(line, "  ", names)
            lines.append(line)
        return Content("\n").join(lines)
