"""What the chart asks of the coach, beside the grid: where the chart stands (draft or
agreed, the revision in force, when it was last revised and whether that is more than six
months ago), who is overdue for contact, and the chart's warnings.

``ChartSummary`` draws it two ways: as a side panel with every item (wide terminals), or
as a strip of at most three lines, one per topic, each cut with "…" (80 columns; the
funnel view lists everything in full).
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from workbench.domain.organisation import ArtifactStatus
from workbench.domain.stakeholders import LIST_ORDER
from workbench.service.stakeholders import ChartView

WARN = "⚠ "


def revised_on(view: ChartView) -> str | None:
    return view.last_saved.date().isoformat() if view.last_saved else None


def status_text(view: ChartView, *, short: bool = False) -> str:
    """``draft · agreed revision 2 in force · waiting for coach · revision 3, last revised
    2026-11-20``; ``short``: ``draft · revision 2 in force · revised 2026-11-20``. Before
    the first save: no chart yet."""
    state = view.state
    if state is None:
        return "no chart yet" if short else "No chart yet: the first person added starts it"
    revised = revised_on(view)
    if not short:
        tail = f"revision {view.revisions}" + (f", last revised {revised}" if revised else "")
        return f"{state.describe()} · {tail}"
    if state.status is ArtifactStatus.AGREED:
        parts = [f"agreed revision {state.in_force or view.revisions}"]
    else:
        parts = ["draft"]
        if state.in_force is not None:
            parts.append(f"revision {state.in_force} in force")
    if revised:
        parts.append(f"revised {revised}")
    return " · ".join(parts)


def stale_text(view: ChartView) -> str | None:
    if not view.stale:
        return None
    return f"Last revised {revised_on(view)}, more than six months ago: redraw the chart"


def overdue_lines(view: ChartView, *, short: bool = False) -> list[str]:
    """``Deepa Menon: due 2026-10-15, 41 days late`` (``short``: ``41 days late``)."""
    lines = []
    for late in view.overdue:
        if short and late.days_late is not None:
            what = f"{late.days_late} day{'s' if late.days_late != 1 else ''} late"
        else:
            what = late.describe
        lines.append(f"{late.person.name}: {what}")
    return lines


def overdue_summary(view: ChartView) -> str:
    if not view.overdue:
        return "Nobody is overdue for contact"
    names = ", ".join(late.person.name for late in view.overdue)
    return f"Overdue for contact ({len(view.overdue)}): {names}"


def warning_lines(view: ChartView) -> list[str]:
    return [w.message for w in view.warnings]


def warnings_summary(view: ChartView) -> str | None:
    if not view.warnings:
        return None
    first = view.warnings[0].message
    more = len(view.warnings) - 1
    return f"{first}" + (f" (+{more} more warning{'s' if more > 1 else ''})" if more else "")


def attention_text(view: ChartView, *, short: bool = False) -> Content:
    """Everyone overdue for contact and every warning, under their headings."""
    parts: list[str | tuple[str, str]] = [
        (f"Overdue for contact ({len(view.overdue)})\n", "bold underline")]
    parts += [f"• {line}\n" for line in overdue_lines(view, short=short)] or ["nobody\n"]
    parts.append((f"\nWarnings ({len(view.warnings)})\n", "bold underline"))
    parts += [(WARN + line + "\n", "$text-warning") for line in warning_lines(view)] \
        or ["none"]
    return Content.assemble(*parts).rstrip()


def status_style(view: ChartView) -> str:
    if view.state is not None and view.state.status is ArtifactStatus.AGREED:
        return "bold $text-success"
    return "bold"


WARNING_STYLE = "bold $text-warning"


class ChartSummary(Static):
    """``show(view, wide=...)``: the side panel (wide) or the strip (narrow)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Loading…", id=id, markup=False)
        self.view: ChartView | None = None
        self.wide = False

    def show(self, view: ChartView, *, wide: bool) -> None:
        self.view, self.wide = view, wide
        self.update(self.side_text(view) if wide else self.strip_text(view))

    @staticmethod
    def strip_text(view: ChartView) -> Content:
        """One line per topic; the widget's CSS cuts each with "…" (no wrapping)."""
        lines: list[Content] = []
        stale = stale_text(view)
        if stale:
            lines.append(Content(WARN + stale).stylize(WARNING_STYLE))
        lines.append(Content(overdue_summary(view)).stylize(
            WARNING_STYLE if view.overdue else "$text"))
        warnings = warnings_summary(view)
        if warnings:
            lines.append(Content(WARN + warnings).stylize("$text-warning"))
        return Content("\n").join(lines)

    @staticmethod
    def side_text(view: ChartView) -> Content:
        parts: list[Content | tuple[str, str] | str] = [
            ("Status\n", "bold underline"), (status_text(view), status_style(view)), "\n"]
        stale = stale_text(view)
        if stale:
            parts.append((WARN + stale + "\n", WARNING_STYLE))
        parts += ["\n", attention_text(view, short=True), "\n"]
        parts += [("\nEngagement plan", "bold underline"), " (r changes it)\n"]
        for quadrant in LIST_ORDER:
            plan = view.plan.for_quadrant(quadrant)
            parts += [(f"{quadrant.title}, {plan.rhythm}: ", "bold"), f"{plan.contact}\n"]
        return Content.assemble(*parts).rstrip()


class ClampedText(Widget):
    """Text in at most ``lines`` lines of the widget's width; what does not fit is cut at
    the end of the last line with "…" (Textual's own wrapping would drop it silently)."""

    def __init__(self, content: Content | str = "", *, lines: int = 2,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.content = Content(content) if isinstance(content, str) else content
        self.lines = lines

    def update(self, content: Content | str) -> None:
        self.content = Content(content) if isinstance(content, str) else content
        self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        if width <= 1:
            return self.content
        wrapped = self.content.wrap(width)
        if len(wrapped) <= self.lines:
            return Content("\n").join(wrapped)
        kept = wrapped[:self.lines]
        last = kept[-1].rstrip()
        if last.cell_length > width - 1:
            last = last.truncate(width - 1)
        kept[-1] = Content.assemble(last, "…")
        return Content("\n").join(kept)
