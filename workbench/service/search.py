"""What the command palette can find in a workspace beyond its teams and services: SLOs,
stories, personas, error budget policies, team charters, organisation model decisions and
on-call agreements, each as a small frozen entry (kind, id, title, a line of detail).

The TUI decides where an entry leads (which section, which record); this module only says
what exists, in one read, so the palette loads it in a worker when it opens.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.service import Area
from workbench.store import (
    charter_repo,
    oncall_repo,
    org_repo,
    persona_repo,
    policy_repo,
    story_map_repo,
)


@dataclass(frozen=True)
class SearchEntry:
    kind: str
    """"slo", "story", "persona", "policy", "charter", "org" or "oncall"."""
    id: int
    title: str
    detail: str = ""


class SearchService(Area):
    def index(self, workspace_id: int) -> tuple[SearchEntry, ...]:
        """Every SLO, story, persona, policy, charter, organisation decision and on-call
        agreement of the workspace: SLOs by name, stories in board order map by map, personas
        and policies by name, charters by team, decisions the organisation's first, then by
        product, on-call agreements by team."""
        slos = [SearchEntry("slo", slo_id, name, detail)
                for slo_id, name, detail in self.wb.slos.index(workspace_id)]

        def load(session) -> list[SearchEntry]:
            found: list[SearchEntry] = []
            for story_map in story_map_repo.list_story_maps(session, workspace_id):
                for activity in story_map.activities:
                    for task in activity.tasks:
                        found += [
                            SearchEntry("story", story.id, story.title,
                                        f"{story_map.title} · {activity.title} / {task.title}")
                            for story in task.stories
                        ]
            for persona in persona_repo.list_personas(session, workspace_id):
                goal = " ".join(persona.goal.split())  # one line in the palette
                detail = " · ".join(p for p in (goal, persona.team_name) if p)
                found.append(SearchEntry("persona", persona.id, persona.name,
                                         detail or "persona"))
            found += [SearchEntry("policy", policy_id, name,
                                  f"error budget policy · {team}" if team
                                  else "error budget policy")
                      for policy_id, name, team in policy_repo.index(session, workspace_id)]
            found += [SearchEntry("charter", charter_id, team, "team charter")
                      for charter_id, team in charter_repo.index(session, workspace_id)]
            for decision_id, product, chosen in org_repo.index(session, workspace_id):
                found.append(SearchEntry(
                    "org", decision_id, product or "the organisation",
                    "organisation model decision · " + (f"chosen: {chosen.title}" if chosen
                                                         else "no model chosen yet")))
            found += [SearchEntry("oncall", agreement_id, team, "on-call agreement")
                      for agreement_id, team in oncall_repo.index(session, workspace_id)]
            return found

        return (*slos, *self.wb.read(load))
