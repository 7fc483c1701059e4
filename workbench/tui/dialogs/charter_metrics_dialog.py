"""The success metrics of a charter: rows of name, target and (optionally) one of the team's
SLOs, whose current figures the charter then shows beside the metric.

Decisions:
- The SLO is chosen from the SLOs of the services the team owns (the service checks the same
  rule), so a metric cannot name another team's SLO by a typo. An SLO the charter names that
  the team no longer has stays in the list, marked, so it is never dropped silently: the
  service reports it.
- Every metric the charter has is a row, plus one empty row to add another; a row left empty
  is dropped (so clearing a name and a target removes that metric), a row with only a
  target or an SLO is sent so the service says the name is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rich.text import Text
from textual.containers import Grid
from textual.widgets import Input, Label, Select, Static

from workbench.domain.charter import Charter
from workbench.domain.charter.model import MAX_ITEMS
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, row_field


class CharterMetricsDialog(DocumentPartDialog):
    """``values()``: ``{"metrics": [{"name", "target", "slo"}, ...]}``."""

    DIALOG_ID = "ch-metrics-dialog"
    FIRST_FIELD = "#metric-0-name"

    def __init__(self, save: Save, *, charter: Charter, team_slos: Sequence[str]) -> None:
        super().__init__(f"Success metrics of the {charter.team} charter", save)
        self.charter = charter
        self.slos = list(team_slos)
        held = [m.slo for m in charter.metrics if m.slo and m.slo not in self.slos]
        self.unknown = list(dict.fromkeys(held))
        self.rows = min(MAX_ITEMS, max(2, len(charter.metrics) + 1))
        self.sent_rows: list[int] = list(range(self.rows))

    def compose_fields(self) -> Iterable[Any]:
        team = self.charter.team
        hint = (f"An SLO of {team} shows its figures beside the metric." if self.slos else
                f"{team} owns no SLOs yet: metrics are sentences with a target.")
        yield Static(hint + " Clear a row to remove its metric.", classes="dialog-hint",
                     markup=False)
        options = [(Text(s), s) for s in self.slos]
        options += [(Text(f"{s} (not an SLO of {team})"), s) for s in self.unknown]
        with Grid(id="ch-metrics", classes="doc-rows"):
            yield Label("Metric", classes="doc-column")
            yield Label("Target", classes="doc-column")
            yield Label("SLO", classes="doc-column")
            for row in range(self.rows):
                metric = self.charter.metrics[row] if row < len(self.charter.metrics) else None
                yield Input(metric.name if metric else "", id=f"metric-{row}-name",
                            compact=True, placeholder="" if metric else "e.g. Mean time to detect")
                yield Input(metric.target if metric else "", id=f"metric-{row}-target",
                            compact=True, placeholder="" if metric else "e.g. 99%")
                value = metric.slo if metric and metric.slo else Select.NULL
                yield Select(options, prompt="(no SLO)", value=value, compact=True,
                             id=f"metric-{row}-slo", disabled=not options)

    def field_for(self, part: str) -> str | None:
        return row_field(part, "metrics", "metric", self.sent_rows, "name") or \
            super().field_for(part)

    def values(self) -> dict[str, Any]:
        metrics = []
        self.sent_rows = []
        for row in range(self.rows):
            name = self.query_one(f"#metric-{row}-name", Input).value.strip()
            target = self.query_one(f"#metric-{row}-target", Input).value.strip()
            slo = self.query_one(f"#metric-{row}-slo", Select).value
            slo = None if slo is Select.NULL else str(slo)
            if not (name or target or slo):
                continue
            metric: dict[str, Any] = {"name": name}
            if target:
                metric["target"] = target
            if slo:
                metric["slo"] = slo
            metrics.append(metric)
            self.sent_rows.append(row)
        return {"metrics": metrics}
