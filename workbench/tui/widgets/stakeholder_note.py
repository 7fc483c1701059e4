"""The workspace screen's note on the stakeholder chart: shown only when there is none yet or
its latest revision is more than six months old (the chart is meant to be redrawn about
twice a year); otherwise it takes no room."""

from __future__ import annotations

from textual.widgets import Static

from workbench.service.stakeholders import ChartView
from workbench.tui.sections import section_by_id


def chart_note(view: ChartView) -> str | None:
    """What the workspace screen says about the stakeholder chart, if anything."""
    key = section_by_id("stakeholders").key
    if view.last_saved is None:
        return (f"⚠ No stakeholder chart yet: press {key} to place the people who matter to "
                "the transformation.")
    if view.stale:
        return (f"⚠ The stakeholder chart was last revised on {view.last_saved.date()}, more "
                f"than six months ago: press {key} to redraw it.")
    return None


class ChartNote(Static):
    DEFAULT_CSS = """
    ChartNote {
        display: none;
        height: auto;
        padding: 0 1;
        color: $text-warning;
        text-style: bold;
    }
    ChartNote.-shown {
        display: block;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, view: ChartView) -> None:
        note = chart_note(view)
        self.update(note or "")
        self.set_class(note is not None, "-shown")
