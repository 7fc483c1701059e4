"""The navigation registry: every section of a workspace the user can jump to.

A feature adds its screen with one entry in ``SECTIONS``::

    Section("slos", "SLOs", "4", _slos_screen, short="SLOs")

where ``_slos_screen(workspace)`` returns a ``SectionScreen`` subclass (import it inside the
function so this module stays cheap and free of import cycles). The section bar, the key
bindings, the help screen and the command palette all read this list. List only sections
that exist: no placeholders.

The bar shows every full title when they fit the terminal's width and every ``short`` title
when they do not (see ``widgets/section_bar.py``); keep short titles to one word or two, so
every section fits in 80 columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.domain.organisation import Workspace
    from workbench.tui.screens.frame import SectionScreen


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    key: str
    """Key that opens the section from any workspace screen (shown in the section bar)."""
    factory: Callable[[Workspace], SectionScreen]
    short: str = ""
    """The title in the section bar when the full titles do not fit (empty: the title)."""

    @property
    def short_title(self) -> str:
        return self.short or self.title


def _teams_screen(workspace: Workspace) -> SectionScreen:
    from workbench.tui.screens.teams_screen import TeamsScreen

    return TeamsScreen(workspace)


def _maturity_screen(workspace: Workspace) -> SectionScreen:
    from workbench.tui.screens.maturity_screen import MaturityScreen

    return MaturityScreen(workspace)


def _slos_screen(workspace: Workspace) -> SectionScreen:
    from workbench.tui.screens.slo_screen import SloScreen

    return SloScreen(workspace)


def _storymap_screen(workspace: Workspace) -> SectionScreen:
    from workbench.tui.screens.storymap_screen import StoryMapScreen

    return StoryMapScreen(workspace)


def _stakeholders_screen(workspace: Workspace) -> SectionScreen:
    from workbench.tui.screens.stakeholders_screen import StakeholdersScreen

    return StakeholdersScreen(workspace)


def _policies_screen(workspace: Workspace) -> SectionScreen:
    from workbench.tui.screens.policy_screen import PolicyScreen

    return PolicyScreen(workspace)


def _charters_screen(workspace: Workspace) -> SectionScreen:
    from workbench.tui.screens.charter_screen import CharterScreen

    return CharterScreen(workspace)


def _organisation_screen(workspace: Workspace) -> SectionScreen:
    from workbench.tui.screens.org_screen import OrgScreen

    return OrgScreen(workspace)


def _oncall_screen(workspace: Workspace) -> SectionScreen:
    from workbench.tui.screens.oncall_screen import OnCallScreen

    return OnCallScreen(workspace)


# Nine short titles fit 80 columns with the bar's tight spacing (one cell between tabs: 53
# cells of titles, 80 in all): each short title is the word a coach would say for the
# section ("the buy-in funnel", "the org model"), not a truncation. A tenth section needs
# shorter words or a bar that scrolls.
SECTIONS: list[Section] = [
    Section("teams", "Teams & services", "1", _teams_screen, short="Teams"),
    Section("maturity", "Maturity", "2", _maturity_screen),
    Section("storymap", "Story map & personas", "3", _storymap_screen, short="Stories"),
    Section("slos", "SLOs", "4", _slos_screen),
    Section("stakeholders", "Stakeholders", "5", _stakeholders_screen, short="Buy-in"),
    Section("policies", "Budget policies", "6", _policies_screen, short="Policy"),
    Section("charters", "Team charters", "7", _charters_screen, short="Charter"),
    Section("organisation", "Organisation", "8", _organisation_screen, short="Org"),
    Section("oncall", "On-call", "9", _oncall_screen),
]


def section_by_id(section_id: str) -> Section:
    for section in SECTIONS:
        if section.id == section_id:
            return section
    raise KeyError(section_id)
