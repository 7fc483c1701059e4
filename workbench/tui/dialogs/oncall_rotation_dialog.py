"""Add or edit one rotation: name, members (one per line, in rotation order), shape,
coverage (custom coverage: daily windows), turn length, handover weekday and time, IANA time
zone, start date and who is away when. Overrides are kept as they are (the schedule's
hand-over key edits them).

``values()``: ``{"rotation": {...}}`` in the plain values ``rotation_values`` writes; the
screen puts it in place of the rotation edited (or after the others) and sends every
rotation to ``wb.oncall.change``, which checks it all (a refusal names the field).

Typed forms, both parsed here only into plain values (the service checks them):
- windows: ``mon-fri 08:00-18:00; sat 10:00-14:00``;
- away: one line each, ``person, first day, last day, note`` (last day and note optional).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.containers import Grid
from textual.widgets import Input, Select, Static, TextArea

from workbench.domain.oncall import Rotation, rotation_values
from workbench.domain.oncall.model import WEEKDAY_TITLES, WEEKDAYS, Coverage, Shape
from workbench.domain.oncall.reading import time_text
from workbench.tui.dialogs.document_form import (
    DocumentPartDialog,
    Save,
    field_label,
    lines_of,
)

COVERAGE_TITLES = {
    Coverage.H8X5: "8x5: weekdays 09:00-17:00", Coverage.H12X5: "12x5: weekdays 08:00-20:00",
    Coverage.H18X5: "18x5: weekdays 06:00-24:00", Coverage.H24X7: "24x7: around the clock",
    Coverage.CUSTOM: "custom daily windows",
}


def _days(text: str) -> list[str] | None:
    days: list[str] = []
    for part in text.replace(",", " ").split():
        first, _, last = part.casefold().partition("-")
        if first[:3] not in WEEKDAYS or (last and last[:3] not in WEEKDAYS):
            return None
        start = WEEKDAYS.index(first[:3])
        end = WEEKDAYS.index(last[:3]) if last else start
        days += [WEEKDAYS[d] for d in range(start, end + 1) if WEEKDAYS[d] not in days]
    return days or None


def parse_windows(text: str) -> list[dict[str, Any]]:
    """``mon-fri 08:00-18:00; sat 10:00-14:00`` -> plain windows; a piece that does not
    read is sent as it is, so the service says what is wrong with it."""
    found = []
    for piece in (p.strip() for p in text.split(";")):
        if not piece:
            continue
        head, _, times = piece.rpartition(" ")
        start, _, end = times.partition("-")
        days = _days(head)
        found.append({"days": days or head or piece, "from": start, "to": end})
    return found


def windows_text(rotation: Rotation | None) -> str:
    if rotation is None:
        return ""
    return "; ".join(
        " ".join(WEEKDAYS[d] for d in w.days) + f" {time_text(w.start)}-{time_text(w.end)}"
        for w in rotation.windows)


def parse_away(text: str) -> list[dict[str, Any]]:
    found = []
    for line in lines_of(text):
        person, start, end, note = ([p.strip() for p in line.split(",", 3)] + ["", "", ""])[:4]
        entry = {"person": person, "from": start}
        if end:
            entry["to"] = end
        if note:
            entry["note"] = note
        found.append(entry)
    return found


def away_text(rotation: Rotation | None) -> str:
    if rotation is None:
        return ""
    return "\n".join(", ".join(p for p in (u.person, u.start.isoformat(), u.end.isoformat(),
                                            u.note) if p) for u in rotation.unavailable)


class OnCallRotationDialog(DocumentPartDialog):
    DIALOG_ID = "oc-rotation-dialog"
    FIRST_FIELD = "#name"
    CSS_PATH: ClassVar = ["../documents.tcss", "../oncall.tcss"]
    FIELD_IDS: ClassVar[dict[str, str]] = {
        "turn_days": "turn-days", "day": "handover-day", "time": "handover-time",
        "windows": "windows", "unavailable": "away", "from": "away", "to": "away",
        "person": "away", "start": "start", "days": "windows", "overrides": "name"}

    def __init__(self, save: Save, *, rotation: Rotation | None, team: str) -> None:
        super().__init__(f"Rotation {rotation.name}" if rotation else
                         f"New rotation for {team}", save)
        self.rotation = rotation

    def compose_fields(self) -> Iterable[Any]:
        x = self.rotation
        with Grid(classes="doc-form"):
            yield field_label("Name", "name")
            yield Input(x.name if x else "", id="name", compact=True,
                        placeholder="e.g. Checkout 24x7")
            yield field_label("Members", "members")
            yield TextArea("\n".join(x.members) if x else "", id="members", compact=True,
                           placeholder="one person per line, in rotation order")
            yield field_label("Shape", "shape")
            yield Select([(Text(s.title), s.value) for s in Shape], compact=True, id="shape",
                         allow_blank=False, value=(x.shape if x else Shape.MAIN_BACKUP).value)
            yield field_label("Coverage", "coverage")
            yield Select([(Text(COVERAGE_TITLES[c]), c.value) for c in Coverage], compact=True,
                         id="coverage", allow_blank=False,
                         value=(x.coverage if x else Coverage.H24X7).value)
            yield field_label("Windows", "windows")
            yield Input(windows_text(x), id="windows", compact=True,
                        placeholder="mon-fri 08:00-18:00; sat 10:00-14:00")
            yield field_label("Turn days", "turn-days")
            yield Input(str(x.turn_days if x else 7), id="turn-days", compact=True)
            yield field_label("Handover", "handover-day")
            yield Select([(Text(t), WEEKDAYS[i]) for i, t in enumerate(WEEKDAY_TITLES)],
                         compact=True, id="handover-day", allow_blank=False,
                         value=WEEKDAYS[x.handover_day if x else 0])
            yield field_label("at (HH:MM)", "handover-time")
            yield Input(time_text(x.handover_time) if x else "09:00", id="handover-time",
                        compact=True)
            yield field_label("Time zone", "zone")
            yield Input(x.zone if x else "UTC", id="zone", compact=True,
                        placeholder="IANA name, e.g. Asia/Kolkata")
            yield field_label("Starts on", "start")
            yield Input(x.start.isoformat() if x and x.start else "", id="start",
                        compact=True, placeholder="YYYY-MM-DD")
            yield field_label("Away", "away")
            yield TextArea(away_text(x), id="away", compact=True,
                           placeholder="person, first day, last day, note")
        yield Static("Windows are for custom coverage only. Away: one line per absence.",
                     classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self._coverage_changed()

    @on(Select.Changed, "#coverage")
    def _coverage_changed(self) -> None:
        custom = self.query_one("#coverage", Select).value == Coverage.CUSTOM.value
        for widget_id in ("#windows", "#windows-label"):
            self.query_one(widget_id).display = custom

    def values(self) -> dict[str, Any]:
        def text(widget_id: str) -> str:
            return self.query_one(f"#{widget_id}", Input).value.strip()

        coverage = str(self.query_one("#coverage", Select).value)
        values: dict[str, Any] = {
            "name": text("name"),
            "members": lines_of(self.query_one("#members", TextArea).text),
            "shape": str(self.query_one("#shape", Select).value), "coverage": coverage}
        if coverage == Coverage.CUSTOM.value:
            values["windows"] = parse_windows(text("windows"))
        values["turn_days"] = text("turn-days")
        values["handover"] = {"day": str(self.query_one("#handover-day", Select).value),
                              "time": text("handover-time")}
        values["zone"] = text("zone")
        if text("start"):
            values["start"] = text("start")
        away = parse_away(self.query_one("#away", TextArea).text)
        if away:
            values["unavailable"] = away
        if self.rotation is not None and self.rotation.overrides:
            values["overrides"] = rotation_values(self.rotation)["overrides"]
        return {"rotation": values}
