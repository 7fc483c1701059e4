"""Story maps and personas of a workspace: what the "Story map & personas" section shows,
and every change it makes to maps, cards, release slices and personas.

Decisions:
- Edits made in a dialog or confirmed in one (titles, story fields, renames, removals,
  personas) pass the version of the value the user opened, so a stale copy is refused with
  ``VersionConflict`` and nothing is written.
- One-key changes on the board (moving a card, marking a story critical, putting it in a
  slice) set one field or one position from what the board shows and pass no version: a
  second key pressed before the board reloaded must not be refused as "someone else's"
  change, and nothing else of the record is overwritten.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from workbench.domain.slo.records import Persona, ReleaseSlice, Story, StoryMap
from workbench.service import Area
from workbench.store import persona_repo, repo, slo_repo, story_map_repo


@dataclass(frozen=True)
class MapData:
    """Everything the section shows, as of one load."""

    maps: tuple[StoryMap, ...] = ()
    personas: tuple[Persona, ...] = ()
    slo_counts: dict[int, int] = field(default_factory=dict)
    """Number of SLOs per story id."""
    teams: tuple[str, ...] = ()
    story_slices: dict[int, int | None] = field(default_factory=dict)
    """Story id -> id of its release slice (None: none)."""

    def story_map(self, map_id: int) -> StoryMap | None:
        return next((m for m in self.maps if m.id == map_id), None)

    def map_of_story(self, story_id: int) -> StoryMap | None:
        return next((m for m in self.maps if any(s.id == story_id for s in m.stories())),
                    None)

    def persona(self, persona_id: int) -> Persona | None:
        return next((p for p in self.personas if p.id == persona_id), None)


@dataclass(frozen=True)
class PersonaFields:
    """What the persona dialog edits."""

    name: str
    team: str | None
    goal: str
    time_available: str
    environment: str
    needs: str
    complaints: str

    def values(self) -> dict[str, str]:
        return {"goal": self.goal, "time_available": self.time_available,
                "environment": self.environment, "needs": self.needs,
                "complaints": self.complaints}


@dataclass(frozen=True)
class MapRemoved:
    story_map: StoryMap
    unlinked_slos: int
    """SLOs that were linked to the map's stories: they stay, linked to no story."""


class StoryMapsService(Area):
    # --- reading --------------------------------------------------------------------------

    def overview(self, workspace_id: int) -> MapData:
        def load(session) -> MapData:
            maps = story_map_repo.list_story_maps(session, workspace_id)
            personas = persona_repo.list_personas(session, workspace_id)
            slos = slo_repo.list_slos(session, workspace_id)
            teams = tuple(t.name for t in repo.list_teams(session, workspace_id))
            counts = Counter(s.story_id for s in slos if s.story_id is not None)
            return MapData(maps=tuple(maps), personas=tuple(personas),
                           slo_counts=dict(counts), teams=teams,
                           story_slices=story_map_repo.story_slice_ids(session, workspace_id))
        return self.wb.read(load)

    def slices(self, map_id: int) -> list[tuple[ReleaseSlice, int]]:
        """The map's release slices in order, each with its number of stories."""
        return self.wb.read(story_map_repo.list_slices, map_id)

    # --- maps -----------------------------------------------------------------------------

    def add_map(self, workspace_id: int, title: str) -> StoryMap:
        return self.wb.write(story_map_repo.add_story_map, workspace_id, title)

    def rename_map(self, workspace_id: int, story_map: StoryMap, title: str) -> StoryMap:
        return self.wb.write(story_map_repo.rename_story_map, workspace_id, story_map.title,
                             title, expected_version=story_map.version)

    def remove_map(self, workspace_id: int, story_map: StoryMap) -> MapRemoved:
        def change(session) -> MapRemoved:
            unlinked = story_map_repo.linked_slo_count(session, story_map.id)
            removed = story_map_repo.remove_story_map(session, workspace_id, story_map.title,
                                                      expected_version=story_map.version)
            return MapRemoved(removed, unlinked)
        return self.wb.write(change)

    # --- cards ----------------------------------------------------------------------------

    def add_activity(self, map_id: int, title: str, position: int | None = None) -> int:
        return self.wb.write(story_map_repo.add_activity, map_id, title, position).id

    def add_task(self, activity_id: int, title: str, position: int | None = None) -> int:
        return self.wb.write(story_map_repo.add_task, activity_id, title, position).id

    def add_story(self, task_id: int, title: str, *, critical: bool = False,
                  slice_id: int | None = None, persona_id: int | None = None,
                  position: int | None = None) -> Story:
        return self.wb.write(story_map_repo.add_story, task_id, title, critical=critical,
                             slice_id=slice_id, persona_id=persona_id, position=position)

    def update_story(self, story: Story, *, title: str, critical: bool,
                     slice_id: int | None, persona_id: int | None) -> Story:
        """Save the story dialog: every field it shows, refused if ``story`` is stale."""
        return self.wb.write(story_map_repo.update_story, story.id, title=title,
                             critical=critical, slice_id=slice_id, persona_id=persona_id,
                             expected_version=story.version)

    def rename_card(self, kind: str, card_id: int, version: int, title: str) -> None:
        """Retitle an activity or task (``kind``) as opened at ``version``."""
        self.wb.write(story_map_repo.rename_card, kind, card_id, title,
                      expected_version=version)

    def remove_card(self, kind: str, card_id: int, version: int) -> None:
        """Remove an activity (with its tasks and stories), a task (with its stories) or a
        story, as opened at ``version``."""
        self.wb.write(story_map_repo.remove_card, kind, card_id, expected_version=version)

    def set_critical(self, story_id: int, critical: bool) -> Story:
        return self.wb.write(story_map_repo.update_story, story_id, critical=critical)

    def move_card(self, kind: str, card_id: int, offset: int) -> int:
        """Move an activity, a task or a story ``offset`` places among its siblings."""
        return self.wb.write(story_map_repo.move_card, kind, card_id, offset)

    def place_story(self, story_id: int, task_id: int, position: int, *,
                    slice_id: int | None = None, slice_changes: bool = False) -> Story:
        """Put a story under ``task_id`` at ``position`` (among the task's other stories)
        and, when ``slice_changes``, into the release slice ``slice_id`` (None: none)."""
        def change(session) -> Story:
            if slice_changes:
                story_map_repo.update_story(session, story_id, slice_id=slice_id)
            return story_map_repo.move_story(session, story_id, task_id, position)
        return self.wb.write(change)

    # --- release slices -------------------------------------------------------------------

    def add_slice(self, map_id: int, name: str, position: int | None = None) -> ReleaseSlice:
        return self.wb.write(story_map_repo.add_release_slice, map_id, name, position)

    def rename_slice(self, release_slice: ReleaseSlice, name: str) -> ReleaseSlice:
        return self.wb.write(story_map_repo.rename_slice, release_slice.id, name,
                             expected_version=release_slice.version)

    def move_slice(self, release_slice: ReleaseSlice, offset: int) -> int:
        return self.wb.write(story_map_repo.move_slice, release_slice.id, offset)

    def remove_slice(self, release_slice: ReleaseSlice) -> int:
        """Remove a slice; returns how many stories it held (they stay, in no slice)."""
        return self.wb.write(story_map_repo.remove_slice, release_slice.id,
                             expected_version=release_slice.version)

    def assign_slice(self, story_id: int, slice_id: int | None) -> Story:
        return self.wb.write(story_map_repo.update_story, story_id, slice_id=slice_id)

    # --- personas -------------------------------------------------------------------------

    def add_persona(self, workspace_id: int, fields: PersonaFields) -> Persona:
        return self.wb.write(persona_repo.add_persona, workspace_id, fields.name,
                             team=fields.team, **fields.values())

    def update_persona(self, workspace_id: int, persona: Persona,
                       fields: PersonaFields) -> Persona:
        """Save the persona dialog (a rename too); ``team`` None clears the team."""
        return self.wb.write(persona_repo.update_persona, workspace_id, persona.name,
                             new_name=fields.name, team=fields.team or "",
                             expected_version=persona.version, **fields.values())

    def remove_persona(self, workspace_id: int, persona: Persona) -> Persona:
        return self.wb.write(persona_repo.remove_persona, workspace_id, persona.name,
                             expected_version=persona.version)
