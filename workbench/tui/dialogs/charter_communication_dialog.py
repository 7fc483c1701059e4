"""How a team communicates: its channels (where, what for), its meetings (which, how often,
who comes) and the escalation path, one step per line, first step first.

Every channel and meeting the charter has is a row, plus one empty row each to add another;
a row left empty is dropped. A meeting's cadence is chosen from the fixed list; none chosen
means "as needed".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from rich.text import Text
from textual.containers import Grid
from textual.widgets import Input, Label, Select, Static, TextArea

from workbench.domain.charter import Cadence, Charter
from workbench.domain.charter.model import MAX_ITEMS
from workbench.tui.dialogs.document_form import DocumentPartDialog, Save, lines_of, row_field


class CharterCommunicationDialog(DocumentPartDialog):
    """``values()``: ``{"communication": {"channels": [...], "meetings": [...],
    "escalation": [...]}}``."""

    DIALOG_ID = "ch-communication-dialog"
    FIRST_FIELD = "#channel-0-name"
    FIELD_IDS: ClassVar[dict[str, str]] = {"escalation": "escalation"}

    def __init__(self, save: Save, *, charter: Charter) -> None:
        super().__init__(f"Communication of the {charter.team} team", save)
        self.charter = charter
        self.channel_rows = min(MAX_ITEMS, len(charter.channels) + 1)
        self.meeting_rows = min(MAX_ITEMS, len(charter.meetings) + 1)
        self.sent_channels: list[int] = list(range(self.channel_rows))
        self.sent_meetings: list[int] = list(range(self.meeting_rows))

    def compose_fields(self) -> Iterable[Any]:
        charter = self.charter
        yield Label("Channels", classes="doc-column")
        with Grid(id="ch-channels", classes="doc-rows doc-rows-2"):
            for row in range(self.channel_rows):
                channel = charter.channels[row] if row < len(charter.channels) else None
                yield Input(channel.name if channel else "", id=f"channel-{row}-name",
                            compact=True, placeholder="" if channel else "e.g. #incidents")
                yield Input(channel.purpose if channel else "", id=f"channel-{row}-purpose",
                            compact=True, placeholder="" if channel else "what it is for")
        yield Label("Meetings", classes="doc-column")
        options = [(Text(c.title), c.value) for c in Cadence]
        with Grid(id="ch-meetings", classes="doc-rows"):
            for row in range(self.meeting_rows):
                meeting = charter.meetings[row] if row < len(charter.meetings) else None
                yield Input(meeting.name if meeting else "", id=f"meeting-{row}-name",
                            compact=True, placeholder="" if meeting else "e.g. SLO review")
                yield Select(options, prompt="(how often)", compact=True,
                             value=meeting.cadence.value if meeting else Select.NULL,
                             id=f"meeting-{row}-cadence")
                yield Input(meeting.attendees if meeting else "",
                            id=f"meeting-{row}-attendees", compact=True,
                            placeholder="" if meeting else "who comes")
        yield Label("Escalation path (one step per line, first step first)",
                    classes="doc-column")
        yield TextArea("\n".join(charter.escalation), id="escalation", soft_wrap=True,
                       compact=True, placeholder="e.g. SRE on call")
        yield Static("Clear a row to remove it.", classes="dialog-hint", markup=False)

    def field_for(self, part: str) -> str | None:
        return (row_field(part, "channels", "channel", self.sent_channels, "name")
                or row_field(part, "meetings", "meeting", self.sent_meetings, "name")
                or super().field_for(part))

    def values(self) -> dict[str, Any]:
        channels = []
        self.sent_channels = []
        for row in range(self.channel_rows):
            name = self.query_one(f"#channel-{row}-name", Input).value.strip()
            purpose = self.query_one(f"#channel-{row}-purpose", Input).value.strip()
            if name or purpose:
                channels.append({"name": name, **({"purpose": purpose} if purpose else {})})
                self.sent_channels.append(row)
        meetings = []
        self.sent_meetings = []
        for row in range(self.meeting_rows):
            name = self.query_one(f"#meeting-{row}-name", Input).value.strip()
            cadence = self.query_one(f"#meeting-{row}-cadence", Select).value
            attendees = self.query_one(f"#meeting-{row}-attendees", Input).value.strip()
            if not (name or attendees):
                continue  # a cadence alone is not a meeting
            meeting: dict[str, Any] = {"name": name}
            if cadence is not Select.NULL:
                meeting["cadence"] = str(cadence)
            if attendees:
                meeting["attendees"] = attendees
            meetings.append(meeting)
            self.sent_meetings.append(row)
        return {"communication": {
            "channels": channels, "meetings": meetings,
            "escalation": lines_of(self.query_one("#escalation", TextArea).text)}}
