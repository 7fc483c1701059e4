"""The out-of-hours decision for one service: its availability target (empty: the
service's strictest SLO), the product demand, the choice and the reason, with what the
rule recommends shown live as the target and the demand change (``domain.oncall.recommend``
with the workspace's rules: the rule stays in the domain).

``values()``: ``{"service", "target", "demand", "chosen", "reason"}`` (None where empty);
the screen's ``save`` sends them to ``wb.oncall.decide``.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Grid
from textual.content import Content
from textual.widgets import Input, Select, Static

from workbench.domain.oncall import Demand, OutOfHours, Rules, recommend
from workbench.domain.plain_values import number_text
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, field_label


def typed_target(text: str) -> Decimal | str | None:
    """The target typed (a Decimal), None when empty, or the text when it is no number.
    Only ASCII digits make a number, as the service reads it (``Decimal`` alone also takes
    ``٩٩.٩``), and ``NaN`` or ``Infinity`` are no target (NaN cannot even be compared)."""
    text = text.strip().rstrip("%").strip()
    if not text:
        return None
    if not text.isascii():
        return text
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    return number if number.is_finite() else text


class OnCallDecisionDialog(DocumentPartDialog):
    DIALOG_ID = "oc-decision-dialog"
    FIRST_FIELD = "#service"
    CSS_PATH: ClassVar = ["../documents.tcss", "../oncall.tcss"]

    def __init__(self, save: Save, *, row: Any | None, rules: Rules, team: str,
                 slo_target: tuple[Decimal, str] | None = None) -> None:
        service = row.decision.service if row is not None else ""
        super().__init__(f"Out-of-hours decision: {service}" if service else
                         f"New out-of-hours decision for {team}", save)
        self.row = row
        self.rules = rules
        # the SLO target the rule uses when no target of its own is typed
        self.slo = slo_target if slo_target is not None else (
            (row.target, row.target_from) if row is not None and row.target_from not in
            ("", "none") else None)
        if row is not None:
            self.FIRST_FIELD = "#target"

    def compose_fields(self) -> Iterable[Any]:
        d = self.row.decision if self.row is not None else None
        with Grid(classes="doc-form"):
            yield field_label("Service", "service")
            yield Input(d.service if d else "", id="service", compact=True,
                        disabled=d is not None, placeholder="e.g. payments")
            yield field_label("Target %", "target")
            slo = f"empty: SLO {self.slo[1]} ({number_text(self.slo[0])})" if self.slo \
                else "e.g. 99.9"
            yield Input(number_text(d.target) if d and d.target is not None else "",
                        id="target", compact=True, placeholder=slo)
            yield field_label("Demand", "demand")
            yield Select([(Text(f"deployed {x.value}"), x.value) for x in Demand],
                         prompt="(not set)", compact=True, id="demand",
                         value=d.demand.value if d and d.demand else Select.NULL)
            yield field_label("Chosen", "chosen")
            yield Select([(Text(x.title), x.value) for x in OutOfHours],
                         prompt="(undecided)", compact=True, id="chosen",
                         value=d.chosen.value if d and d.chosen else Select.NULL)
            yield field_label("Reason", "reason")
            yield Input(d.reason if d else "", id="reason", compact=True,
                        placeholder="why this choice, in the team's words")
        yield Static("", id="oc-recommendation", classes="dialog-hint")

    def on_mount(self) -> None:
        self._show_recommendation()

    @on(Input.Changed, "#target")
    @on(Select.Changed, "#demand")
    def _changed(self) -> None:
        self._show_recommendation()

    def recommendation_text(self) -> Content:
        typed = typed_target(self.query_one("#target", Input).value)
        if isinstance(typed, str):
            return Content.assemble(("Rule: ", "bold"), f"{typed!r} is not a number; type "
                                    "the target in percent, e.g. 99.9")
        target = typed if typed is not None else (self.slo[0] if self.slo else None)
        demand = self.query_one("#demand", Select).value
        found = recommend(target, None if demand is Select.NULL else Demand(str(demand)),
                          self.rules)
        return Content.assemble(("Rule says: ", "bold"), (found.title, "bold"),
                                f" ({found.why})")

    def _show_recommendation(self) -> None:
        self.query_one("#oc-recommendation", Static).update(self.recommendation_text())

    def values(self) -> dict[str, Any]:
        demand = self.query_one("#demand", Select).value
        chosen = self.query_one("#chosen", Select).value
        target = self.query_one("#target", Input).value.strip().rstrip("%").strip()
        return {"service": self.query_one("#service", Input).value.strip(),
                "target": target or None,
                "demand": None if demand is Select.NULL else str(demand),
                "chosen": None if chosen is Select.NULL else str(chosen),
                "reason": self.query_one("#reason", Input).value.strip()}
