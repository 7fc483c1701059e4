"""Add, edit or rename an SLO, showing live what the typed target means.

Decisions:
- The status is not a field: an SLO becomes agreed only by sign-offs and a draft again by
  an edit or a reopen (the SLO list's agree and reopen keys).
- Fields that do not apply to the chosen kind are hidden: the threshold for availability,
  the bad status codes for latency (a latency SLO counts slow answers).
- F2 fills in the book's starting point for the chosen kind: 90% available, or 80% within
  1000 ms.
- Under the target, live: each alert tier exports use (``MULTIWINDOW_RULES``) that can
  never fire at the typed target, with what to do instead (at 90%, page-fast's burn rate
  14.4 needs 144% of events to be bad). Saving is still allowed: exports leave such a tier
  out of live alerting and say why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, Select, Static

from workbench.domain.slo import TargetError, decimal_text, parse_target
from workbench.domain.slo.alerts import MULTIWINDOW_RULES, alert_thresholds
from workbench.domain.slo.records import (
    DEFAULT_BAD_STATUS,
    DEFAULT_LATENCY_THRESHOLD_MS,
    SLO_PERIODS,
    SloDefinition,
    SloKind,
    default_target,
)
from workbench.service.slos import SloSaved
from workbench.tui.dialogs.form import SavingDialog
from workbench.tui.slo_meaning import target_meaning

PERIOD_LABELS = {"4w": "4w - four ISO weeks", "28d": "28d - rolling 28 days"}


@dataclass(frozen=True)
class SloFields:
    """What the dialog hands to its ``save`` callable (text as typed, trimmed)."""

    name: str
    service: str | None
    story_id: int | None
    kind: str
    target: str
    threshold_ms: str | None
    bad_status: str
    period: str
    historical_attainment: str | None


def alert_problems(target: str) -> list[str]:
    """What the alert tiers exports use would do at the typed target: one line per tier
    that can never fire, saying what to do instead (nothing for a target not valid yet:
    the meaning box says why)."""
    try:
        goal = parse_target(target.strip())
    except TargetError:
        return []
    return [t.problem() or "" for t in alert_thresholds(goal, MULTIWINDOW_RULES)
            if not t.can_fire]


def _text(value: object) -> str:
    return "" if value is None else format(value, "f") if not isinstance(value, str) else value


class SloDialog(SavingDialog[SloSaved]):
    """``save(fields)`` runs in a thread and returns the saved SLO with its warnings. When
    editing, a changed name renames the SLO (its uid, counts and history stay)."""

    CSS_PATH = "../slo.tcss"

    BINDINGS: ClassVar = [
        Binding("f2", "defaults", "Defaults", id="slo-defaults",
                tooltip="Fill in the book's defaults for the kind: 90% available, or 80% "
                        "within 1000 ms"),
        Binding("ctrl+s", "save", "Save", id="slo-save", tooltip="Save the SLO"),
        # A modal screen stops the app's keys, so the dialog offers the two a user must
        # always find (its footer shows them, as every screen's does).
        Binding("ctrl+q", "app.quit", "Quit", id="slo-dialog-quit",
                tooltip="Quit SRE Workbench (what is typed here is not saved)"),
        Binding("f1", "app.help", "Help", id="slo-dialog-help",
                tooltip="Show every key of this dialog"),
    ]

    def __init__(self, title: str, save: Callable[[SloFields], SloSaved], *,
                 services: Sequence[str], stories: Sequence[tuple[int, str]],
                 slo: SloDefinition | None = None, story_id: int | None = None,
                 service: str | None = None) -> None:
        super().__init__(title, save)
        self.services = list(services)
        self.stories = list(stories)
        self.slo = slo
        self.story_id = slo.story_id if slo is not None else story_id
        self.service = slo.service_name if slo is not None else service

    def compose(self) -> ComposeResult:
        slo = self.slo
        kind = slo.kind.value if slo else SloKind.AVAILABILITY.value
        service = self.service if self.service in self.services else Select.NULL
        story_ids = {sid for sid, _ in self.stories}
        story = self.story_id if self.story_id in story_ids else Select.NULL
        with VerticalScroll(classes="dialog", id="slo-dialog"):
            yield Label(self.dialog_title, classes="dialog-title", markup=False)
            with Grid(classes="form-grid"):
                yield Label("Name")
                yield Input(slo.name if slo else "", id="name", compact=True,
                            placeholder="e.g. checkout-availability")
                yield Label("Service")
                yield Select([(Text(s), s) for s in self.services], prompt="(none)",
                             value=service, id="service", compact=True)
                yield Label("Story")
                yield Select([(Text(title), sid) for sid, title in self.stories],
                             prompt="(none)", value=story, id="story", compact=True)
                yield Label("Kind")
                yield Select([(k.value, k.value) for k in SloKind], value=kind,
                             allow_blank=False, id="kind", compact=True)
                yield Label("Target %")
                yield Input(_text(slo.target.normalize()) if slo else "", id="target",
                            compact=True, placeholder="e.g. 99.9")
            # the grid is split here so the tiers that cannot fire show under the target
            yield Static("", id="target-alerts", markup=False)
            with Grid(classes="form-grid"):
                yield Label("Threshold ms", id="threshold-label", classes="latency-only")
                yield Input(_text(slo.threshold_ms.normalize()) if slo and slo.threshold_ms
                            else "", id="threshold", compact=True, placeholder="e.g. 800",
                            classes="latency-only")
                yield Label("Bad status", id="bad-status-label", classes="availability-only")
                yield Input(slo.bad_status if slo else DEFAULT_BAD_STATUS, id="bad-status",
                            compact=True, placeholder="e.g. 5xx,429",
                            classes="availability-only")
                yield Label("Period")
                yield Select([(PERIOD_LABELS.get(p, p), p) for p in SLO_PERIODS],
                             value=slo.period if slo else SLO_PERIODS[0], allow_blank=False,
                             id="period", compact=True)
                yield Label("Historical %")
                yield Input(_text(slo.historical_attainment.normalize())
                            if slo and slo.historical_attainment is not None else "",
                            id="historical", compact=True, placeholder="optional, e.g. 99.95")
            yield Static("", id="meaning", markup=False)
            yield Static("", id="slo-warning", markup=False)
            yield self.error_line()
            with Horizontal(classes="dialog-buttons"):
                yield Button("Defaults (F2)", id="defaults", compact=True)
                yield Button("Save", variant="primary", id="save", compact=True)
                yield Button("Cancel", id="cancel", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.focus_first()
        self.update_meaning()

    def focus_first(self) -> None:
        if self.slo is None:
            self.query_one("#name", Input).focus()
        else:
            self.query_one("#target", Input).focus()

    # --- live meaning ---------------------------------------------------------------------

    def value_of(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def selected(self, widget_id: str) -> object | None:
        value = self.query_one(f"#{widget_id}", Select).value
        return None if value is Select.NULL else value

    def kind(self) -> str:
        return str(self.selected("kind") or SloKind.AVAILABILITY.value)

    @on(Input.Changed)
    @on(Select.Changed)
    def update_meaning(self) -> None:
        kind = self.kind()
        latency = kind == SloKind.LATENCY.value
        for widget in self.query(".latency-only"):
            widget.display = latency
        for widget in self.query(".availability-only"):
            widget.display = not latency
        meaning = target_meaning(self.value_of("target"), kind, self.value_of("threshold"),
                                 self.value_of("historical"))
        box = self.query_one("#meaning", Static)
        box.update(meaning.text)
        box.set_class(meaning.error is not None, "-error")
        warning = self.query_one("#slo-warning", Static)
        warning.update("\n".join(f"⚠ {w}" for w in meaning.warnings))
        warning.set_class(bool(meaning.warnings), "-shown")
        problems = alert_problems(self.value_of("target"))
        alerts = self.query_one("#target-alerts", Static)
        alerts.update("\n".join(f"⚠ {p}" for p in problems))
        alerts.set_class(bool(problems), "-shown")

    @on(Button.Pressed, "#defaults")
    def action_defaults(self) -> None:
        """The book's starting point for the chosen kind: 90% available, or 80% within
        1000 ms (never an availability target on a latency SLO)."""
        kind = self.kind()
        self.query_one("#target", Input).value = decimal_text(default_target(kind))
        if kind == SloKind.LATENCY.value:
            self.query_one("#threshold", Input).value = decimal_text(
                DEFAULT_LATENCY_THRESHOLD_MS)
        elif not self.value_of("bad-status"):
            self.query_one("#bad-status", Input).value = DEFAULT_BAD_STATUS
        self.update_meaning()

    # --- saving ---------------------------------------------------------------------------

    def fields(self) -> SloFields:
        kind = self.kind()
        service = self.selected("service")
        story = self.selected("story")
        return SloFields(
            name=self.value_of("name"),
            service=None if service is None else str(service),
            story_id=None if story is None else int(story),  # type: ignore[call-overload]
            kind=kind,
            target=self.value_of("target"),
            threshold_ms=(self.value_of("threshold") or None)
            if kind == SloKind.LATENCY.value else None,
            bad_status=self.value_of("bad-status"),
            period=str(self.selected("period") or SLO_PERIODS[0]),
            historical_attainment=self.value_of("historical") or None,
        )

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.submit(self.fields())
