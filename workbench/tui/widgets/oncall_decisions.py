"""The out-of-hours decision per service: its availability target (and where it came from),
the product demand, what the rule recommends, what was chosen, and whether the choice
follows the rule; the line under the table gives the whole of the selected row.

Decisions:
- Cells use one word per outcome (none, domain, team; "coach" where the rule is silent), so
  the table fits 80 columns; the details line spells them out with the rule's reason.
- Whether a choice follows the rule is a mark and a word (✓ follows, ≠ differs), never only
  a colour.
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding
from textual.content import Content

from workbench.domain.plain_values import number_text
from workbench.tui.widgets.oncall_table import KeyedTable

COACH = "coach"


def outcome_word(outcome: Any) -> str:
    return outcome.value if outcome is not None else COACH


def target_cell(row: Any) -> str:
    if row.target is None:
        return "none"
    return f"{number_text(row.target)}%" + (" SLO" if row.target_from else "")


def follows_cell(row: Any) -> Text:
    if row.decision.chosen is None:
        return Text("open", style="bold")
    if row.follows is True:
        return Text("✓ follows", style="bold")
    if row.follows is False:
        return Text("≠ differs", style="bold")
    return Text("coach", style="bold")


def decision_rows(view: Any) -> list[tuple[str, list[Any]]]:
    rows = []
    for row in view.decisions:
        d = row.decision
        rows.append((d.service, [
            Text(d.service, style="bold"), target_cell(row),
            d.demand.value if d.demand else "not set",
            outcome_word(row.recommendation.outcome),
            d.chosen.value if d.chosen else "undecided", follows_cell(row)]))
    return rows


def decision_details(row: Any) -> Content:
    """``orders: the rule says a rotation per development team (target 99.9% …); chosen …``"""
    d = row.decision
    rule = row.recommendation
    parts: list[str | tuple[str, str]] = [
        (f"{d.service}: ", "bold"), "the rule says ", (rule.title, "bold"), f" ({rule.why})"]
    if row.target_from not in ("", "none"):
        parts.append(f"; target from SLO {row.target_from}")
    if d.chosen is None:
        parts.append("; not decided yet (enter decides)")
    else:
        parts += ["; chosen: ", (d.chosen.title, "bold")]
        if d.decided:
            parts.append(f" on {d.decided.isoformat()}")
        parts.append(" — " + (d.reason or "no reason given yet"))
    return Content.assemble(*parts)


class DecisionList(KeyedTable):
    HELP_GROUP = "Out-of-hours decisions"
    BINDINGS: ClassVar = [
        Binding("enter", "screen.edit", "Decide", id="oc-decide", show=False,
                tooltip="Record the decision for the selected service (target, demand, "
                        "choice, reason)"),
    ]

    def show_view(self, view: Any, *, wide: bool) -> None:
        columns = [("Service", None), ("Target", None), ("Demand", None),
                   ("Rule", None), ("Chosen", None), ("", None)]
        if wide:
            columns[3] = ("Rule says", None)
        self.show(columns, decision_rows(view))
