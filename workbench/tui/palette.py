"""The command palette provider: jump to a section, a team, a service, an SLO, a story, a
persona, a policy, a team charter, an organisation decision or an on-call agreement of the
open workspace, or open a workspace from the picker. Teams and services come from the app's
cache; the rest is loaded in a worker when the palette opens (``service/search.py``).
"Switch theme" is one of the app's system commands."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.markup import escape
from textual.worker import WorkerFailed

from workbench.tui.sections import SECTIONS

if TYPE_CHECKING:
    from workbench.service.search import SearchEntry
    from workbench.tui.app import WorkbenchApp

Entry = tuple[str, Callable[[], object], str]

KINDS: dict[str, tuple[str, str]] = {
    "slo": ("SLO", "slos"),
    "story": ("Story", "storymap"),
    "persona": ("Persona", "storymap"),
    "policy": ("Policy", "policies"),
    "charter": ("Charter", "charters"),
    "org": ("Org decision", "organisation"),
    "oncall": ("On-call", "oncall"),
}
"""Kind of a search entry -> (its label in the palette, the section that reveals it)."""


def highlight(matcher: Matcher, text: str) -> Content:
    """Like ``Matcher.highlight`` but treats ``text`` as plain text, never markup."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


MAX_SHOWN = 100
"""Most entries the palette lists at once: enough to pick from, few enough to draw at once
in a practice of thousands of teams."""


def load_index(app: WorkbenchApp, workspace_id: int) -> tuple[SearchEntry, ...]:
    """In a worker: what the palette finds beyond teams and services."""
    return app.service.search.index(workspace_id)


class WorkbenchCommands(Provider):
    index: tuple[SearchEntry, ...] = ()

    def entries(self) -> list[Entry]:
        app: WorkbenchApp = self.app  # type: ignore[assignment]
        if app.workspace is None:
            return [
                (f"Open workspace: {ws.name}", partial(app.open_workspace, ws), "Workspace")
                for ws in app.known_workspaces
            ]
        entries: list[Entry] = [
            (f"Go to {section.title}", partial(app.show_section, section.id),
             f"Section (key {section.key})")
            for section in SECTIONS
        ]
        overview = app.teams_overview
        if overview is not None:
            entries += [
                (f"Team: {team.name}", partial(app.reveal, "teams", "team", team.id),
                 team.description or "Team")
                for team in overview.teams
            ]
            entries += [
                (f"Service: {svc.name}", partial(app.reveal, "teams", "service", svc.id),
                 f"owned by {svc.team_name}" if svc.team_name else "unowned service")
                for svc in overview.services
            ]
        for entry in self.index:
            label, section = KINDS[entry.kind]
            entries.append((f"{label}: {entry.title}",
                            partial(app.reveal, section, entry.kind, entry.id),
                            entry.detail or label))
        return entries

    async def startup(self) -> None:
        """Load what the open workspace's index holds (``service/search.py``) in a thread
        worker."""
        app: WorkbenchApp = self.app  # type: ignore[assignment]
        self.index = ()
        if app.workspace is None or app.service is None:
            return
        workspace_id = app.workspace.id
        worker = app.run_worker(partial(load_index, app, workspace_id), thread=True,
                                group="palette", exit_on_error=False)
        try:
            await worker.wait()
        except WorkerFailed:  # the app reports it; the palette works with what it has
            return
        self.index = tuple(worker.result or ())

    async def discover(self) -> Hits:
        # Before anything is typed: the sections and the first entries, not every team,
        # service and document of a large practice (tens of thousands of rows to draw).
        for text, command, help_text in self.entries()[:MAX_SHOWN]:
            yield DiscoveryHit(Content(text), command, text=text, help=escape(help_text))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = [(score, position, entry) for position, entry in enumerate(self.entries())
                 if (score := matcher.match(entry[0])) > 0]
        # the best matches only (in the order of their score, ties as listed)
        found.sort(key=lambda hit: (-hit[0], hit[1]))
        for score, _, (text, command, help_text) in found[:MAX_SHOWN]:
            yield Hit(score, highlight(matcher, text), command, text=text,
                      help=escape(help_text))
