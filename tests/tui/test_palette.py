"""The command palette finds stories and personas (loaded in a worker when it opens) and
leads to them through ``app.reveal``; user text in entries stays literal."""

from __future__ import annotations

import asyncio

from workbench.service import Workbench
from workbench.service.search import SearchService
from workbench.store import persona_repo, story_map_repo
from workbench.store.db import reading, transaction
from workbench.tui.app import build_app
from workbench.tui.palette import WorkbenchCommands


def stories_and_personas(engine, workspace):
    with reading(engine) as session:
        maps = story_map_repo.list_story_maps(session, workspace.id)
        personas = persona_repo.list_personas(session, workspace.id)
    return [s for m in maps for s in m.stories()], personas


def test_search_index_lists_slos_stories_and_personas(demo):
    engine, workspace = demo
    stories, personas = stories_and_personas(engine, workspace)
    assert stories and personas  # the demo has both
    wb = Workbench(engine)
    index = SearchService(wb).index(workspace.id)
    by_kind: dict[str, list] = {}
    for entry in index:
        by_kind.setdefault(entry.kind, []).append(entry)
    assert [(e.id, e.title) for e in by_kind["story"]] == [(s.id, s.title) for s in stories]
    assert [(e.id, e.title) for e in by_kind["persona"]] == [(p.id, p.name) for p in personas]
    assert [(e.id, e.title, e.detail) for e in by_kind["slo"]] == wb.slos.index(workspace.id)
    # a story's detail names its map, activity and task
    with reading(engine) as session:
        story_map = story_map_repo.list_story_maps(session, workspace.id)[0]
    activity = story_map.activities[0]
    task = activity.tasks[0]
    first = next(e for e in by_kind["story"] if e.id == task.stories[0].id)
    assert first.detail == f"{story_map.title} · {activity.title} / {task.title}"
    assert all("\n" not in e.detail for e in index)


def test_palette_offers_stories_and_personas_and_reveals_them(demo_app, demo, settle):
    app, workspace = demo_app
    engine, _ = demo
    stories, personas = stories_and_personas(engine, workspace)
    story, persona = stories[0], personas[0]
    calls: list[tuple] = []

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            app.reveal = lambda *args: calls.append(args)
            provider = WorkbenchCommands(app.screen)
            await provider.startup()  # loads the index in a worker
            texts = [text for text, _, _ in provider.entries()]
            assert f"Story: {story.title}" in texts
            assert f"Persona: {persona.name}" in texts
            assert sum(t.startswith("Story: ") for t in texts) == len(stories)
            assert sum(t.startswith("Persona: ") for t in texts) == len(personas)
            # a search finds them and the chosen hit calls app.reveal with the record
            hits = [hit async for hit in provider.search(story.title)]
            next(h for h in hits if h.text == f"Story: {story.title}").command()
            hits = [hit async for hit in provider.search(persona.name)]
            next(h for h in hits if h.text == f"Persona: {persona.name}").command()
            assert calls == [("storymap", "story", story.id),
                             ("storymap", "persona", persona.id)]

    asyncio.run(run())


def test_palette_typed_search_reaches_a_persona(demo_app, demo, settle):
    """The real palette: ctrl+p, type, enter; the entry comes from the worker's index."""
    app, workspace = demo_app
    engine, _ = demo
    _, personas = stories_and_personas(engine, workspace)
    persona = personas[-1]
    calls: list[tuple] = []

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            app.reveal = lambda *args: calls.append(args)
            await pilot.press("ctrl+p")
            await settle(app, pilot)
            app.screen.query_one("Input").value = f"Persona: {persona.name}"
            await settle(app, pilot)
            await pilot.press("enter")
            await settle(app, pilot)
            assert calls == [("storymap", "persona", persona.id)]

    asyncio.run(run())


def test_markup_in_story_and_persona_names_stays_literal(demo, settle):
    engine, workspace = demo
    with transaction(engine) as session:
        story_map = story_map_repo.list_story_maps(session, workspace.id)[0]
        task_id = story_map.activities[0].tasks[0].id
        story_map_repo.add_story(session, task_id, "[bold]pay[/bold] now")
        persona_repo.add_persona(session, workspace.id, "[red]Asha", goal="[link=x]fast")
    app = build_app(engine, workspace_id=workspace.id)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            provider = WorkbenchCommands(app.screen)
            await provider.startup()
            hits = [hit async for hit in provider.search("[red]Asha")]
            hit = next(h for h in hits if h.text == "Persona: [red]Asha")
            assert hit.match_display.plain == "Persona: [red]Asha"
            assert "[link=x]fast" in str(hit.help).replace("\\[", "[")
            hits = [hit async for hit in provider.search("pay now")]
            assert any(h.text == "Story: [bold]pay[/bold] now" for h in hits)

    asyncio.run(run())


def test_palette_without_an_open_workspace_offers_workspaces_only(demo, settle):
    engine, _ = demo
    app = build_app(engine)

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            provider = WorkbenchCommands(app.screen)
            await provider.startup()
            assert [text for text, _, _ in provider.entries()] == [
                "Open workspace: BharatMart"]

    asyncio.run(run())


def test_palette_lists_policies_and_reveals_one(demo_app, demo, settle):
    app, workspace = demo_app
    engine, _ = demo
    index = SearchService(Workbench(engine)).index(workspace.id)
    policies = [(e.title, e.detail) for e in index if e.kind == "policy"]
    assert policies == [("checkout", "error budget policy · Checkout"),
                        ("storefront", "error budget policy · Storefront")]
    storefront = next(e for e in index if e.kind == "policy" and e.title == "storefront")

    async def run():
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            provider = WorkbenchCommands(app.screen)
            await provider.startup()
            hits = [hit async for hit in provider.search("storefront")]
            next(h for h in hits if h.text == "Policy: storefront").command()
            await settle(app, pilot)
            assert app.screen.SECTION_ID == "policies"
            assert app.screen.selected_ref == "storefront"
            # already on the section: the palette selects another policy in place
            app.reveal("policies", "policy", next(e.id for e in index if e.title == "checkout"))
            await settle(app, pilot)
            assert app.screen.selected_ref == "checkout"
            assert storefront.id != next(e.id for e in index if e.title == "checkout")

    asyncio.run(run())


def test_a_large_practice_lists_the_best_matches_only(demo, settle, monkeypatch):
    """Hundreds of teams: the palette lists at most MAX_SHOWN entries, the best first, and
    still finds the one typed."""
    from workbench.store import repo
    from workbench.tui import palette

    engine, workspace = demo
    with transaction(engine) as session:
        for n in range(60):
            repo.add_team(session, workspace.id, f"Squad {n:03}")
    monkeypatch.setattr(palette, "MAX_SHOWN", 25)
    app = build_app(engine, workspace_id=workspace.id)
    calls: list[tuple] = []

    async def run():
        async with app.run_test(size=(160, 45)) as pilot:
            await settle(app, pilot)
            app.reveal = lambda *args: calls.append(args)
            await pilot.press("ctrl+p")
            await settle(app, pilot)
            options = app.screen.query_one("CommandList")
            ours = [i for i in range(options.option_count) if str(
                options.get_option_at_index(i).prompt).startswith(("Go to", "Team:", "Service:"))]
            assert len(ours) == 25  # of more than 70 teams and services
            app.screen.query_one("Input").value = "Team: Squad 042"
            await settle(app, pilot)
            assert options.option_count <= 25
            assert "Squad 042" in str(options.get_option_at_index(0).prompt)
            await pilot.press("enter")
            await settle(app, pilot)
    asyncio.run(run())
    with reading(engine) as session:
        wanted = repo.get_team(session, workspace.id, "Squad 042").id
    assert calls == [("teams", "team", wanted)]
