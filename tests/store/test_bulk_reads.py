"""Lists read in a fixed number of queries, whatever the number of rows (issue 16), and give
exactly what the one-row reads give."""

from __future__ import annotations

import contextlib

from sqlalchemy import event
from sqlmodel import select

from workbench.store import lifecycle, slo_repo
from workbench.store.db import reading, transaction


@contextlib.contextmanager
def statements(engine):
    seen: list[str] = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_bulk_lifecycle_states_equal_one_by_one_for_every_document_kind(demo):
    engine, workspace = demo
    compared = 0
    with reading(engine) as session:
        for doc in lifecycle.document_types():
            rows = session.exec(select(doc.table)
                                .where(doc.table.workspace_id == workspace.id)).all()
            bulk = lifecycle.states(session, doc, rows)
            for row in rows:
                assert bulk[str(row.id)] == lifecycle.state(session, doc, row), (doc.kind, row)
                compared += 1
    assert compared > 20


def test_bulk_states_see_agreed_superseded_and_named_parties(demo):
    from datetime import date

    from workbench.domain.lifecycle import Party, SignOff

    engine, workspace = demo
    with transaction(engine) as session:
        row = slo_repo.slo_row(session, workspace.id, "search-latency")
        if row.status != "draft":
            slo_repo.reopen_slo(session, workspace.id, "search-latency", "test")
        lifecycle.set_required_parties(session, slo_repo.SLO_DOCUMENT,
                                       slo_repo.slo_row(session, workspace.id, "search-latency"),
                                       [Party("operations", "Priya Sharma")])
        slo_repo.agree_slo(session, workspace.id, "search-latency",
                           [SignOff("Priya Sharma", "operations", date(2026, 11, 25))])
        slo_repo.update_slo(session, workspace.id, "search-latency",
                            {"description": "redrafted"})
    with reading(engine) as session:
        row = slo_repo.slo_row(session, workspace.id, "search-latency")
        one = lifecycle.state(session, slo_repo.SLO_DOCUMENT, row)
        bulk = slo_repo.lifecycle_states(session, workspace.id)[row.id]
    assert bulk == one
    assert one.in_force is not None and one.required == (Party("operations", "Priya Sharma"),)


def _add_slos(engine, workspace, count):
    with transaction(engine) as session:
        for n in range(count):
            slo_repo.create_slo(session, workspace.id, f"extra-{n}", target="99.5",
                                service="orders")


def test_listing_slos_with_their_states_takes_the_same_queries_for_more_slos(demo):
    engine, workspace = demo
    with reading(engine) as session, statements(engine) as before:
        small = slo_repo.list_slos(session, workspace.id)
        slo_repo.lifecycle_states(session, workspace.id)
    _add_slos(engine, workspace, 25)
    with reading(engine) as session, statements(engine) as after:
        large = slo_repo.list_slos(session, workspace.id)
        slo_repo.lifecycle_states(session, workspace.id)
    assert len(large) == len(small) + 25
    assert len(after) == len(before) <= 6, after  # BEGIN, SLOs, SLO states, 3 lifecycle


def test_listed_slos_equal_the_ones_read_one_by_one(demo):
    engine, workspace = demo
    _add_slos(engine, workspace, 1)  # no story, so the outer joins must keep it
    with reading(engine) as session:
        listed = slo_repo.list_slos(session, workspace.id)
        assert any(s.story_title and s.map_title for s in listed)
        assert any(s.story_title is None and s.service_name for s in listed)
        for slo in listed:
            assert slo_repo.get_slo(session, workspace.id, slo.name) == slo


def test_scored_runs_equal_the_runs_scored_one_by_one(demo):
    from workbench.store import assessment_repo as ar

    engine, workspace = demo
    with reading(engine) as session:
        scored = ar.scored_runs(session, workspace.id)
        assert any(item.respondents for item in scored)
        for item in scored:
            assert item.score == ar.run_score(session, item.run.id)
            assert item.state == ar.run_state(session, item.run.id)
            assert item.respondents == len(ar.list_respondents(session, item.run.id))
        team = scored[0].run.team
        assert [i.run.id for i in ar.scored_runs(session, workspace.id, team)] == [
            i.run.id for i in scored if i.run.team == team]


def test_scoring_every_run_takes_the_same_queries_for_more_runs(demo):
    from datetime import date

    from workbench.store import assessment_repo as ar

    engine, workspace = demo
    with reading(engine) as session, statements(engine) as before:
        small = ar.scored_runs(session, workspace.id)
    with transaction(engine) as session:
        for month in range(1, 6):
            run = ar.create_run(session, workspace.id, "Checkout", small[0].run.model_id,
                                None, date(2025, month, 1))
            ar.set_answer(session, run.id, small[0].model.criterion_ids[0], 1)
    with reading(engine) as session, statements(engine) as after:
        large = ar.scored_runs(session, workspace.id)
    assert len(large) == len(small) + 5
    assert len(after) == len(before) <= 9, after


def test_story_maps_read_whole_equal_the_cards_read_one_by_one(demo):
    from workbench.store import story_map_repo

    engine, workspace = demo
    with reading(engine) as session:
        maps = story_map_repo.list_story_maps(session, workspace.id)
        cards = [s for m in maps for a in m.activities for t in a.tasks for s in t.stories]
        assert any(c.endpoints for c in cards) and any(c.persona_name for c in cards)
        assert any(m.slices for m in maps)
        for story_map in maps:
            assert story_map_repo.get_story_map(session, workspace.id,
                                                story_map.title) == story_map
        for card in cards:
            row = session.get(story_map_repo.StoryRow, card.id)
            assert story_map_repo._story(session, row) == card


def test_listing_story_maps_takes_the_same_queries_for_more_maps(demo):
    from workbench.store import story_map_repo

    engine, workspace = demo
    with reading(engine) as session, statements(engine) as before:
        small = story_map_repo.list_story_maps(session, workspace.id)
    with transaction(engine) as session:
        for n in range(4):
            story_map = story_map_repo.add_story_map(session, workspace.id, f"Extra {n}")
            activity = story_map_repo.add_activity(session, story_map.id, "Browse")
            task = story_map_repo.add_task(session, activity.id, "Search")
            story_map_repo.add_story(session, task.id, "Finds a product")
    with reading(engine) as session, statements(engine) as after:
        large = story_map_repo.list_story_maps(session, workspace.id)
    assert len(large) == len(small) + 4
    assert len(after) == len(before) <= 9, after


def test_personas_listed_in_one_query_equal_the_ones_read_one_by_one(demo):
    from workbench.store import persona_repo

    engine, workspace = demo
    with reading(engine) as session, statements(engine) as seen:
        listed = persona_repo.list_personas(session, workspace.id)
    assert len([s for s in seen if "SELECT" in s]) == 1
    assert any(p.team_name for p in listed)
    with reading(engine) as session:
        for persona in listed:
            row = persona_repo.persona_row(session, workspace.id, persona.name)
            assert persona_repo._persona(session, row) == persona


def test_bulk_states_by_kind_beyond_the_listed_keys(demo, monkeypatch):
    from workbench.store import db

    monkeypatch.setattr(db, "MAX_LISTED_IDS", 0)
    test_bulk_lifecycle_states_equal_one_by_one_for_every_document_kind(demo)


def test_the_run_book_gives_what_the_one_run_functions_give(demo):
    from workbench.store import assessment_repo as ar

    engine, workspace = demo
    with reading(engine) as session:
        book = ar.RunBook(session, workspace.id)
        assert [r.id for r in book.runs] == [r.id for r in ar.list_runs(session, workspace.id)]
        compared = 0
        for run in book.runs:
            assert book.result(run.id) == ar.run_result(session, run.id)
            assert book.score(run.id) == ar.run_score(session, run.id)
            assert book.respondents(run.id) == ar.list_respondents(session, run.id)
            assert book.aggregation(run.id) == ar.aggregation(session, run.id)
            previous = book.previous(run.id)
            assert previous == ar.previous_run(session, run.id)
            if previous is not None:
                assert book.compare(previous.id, run.id) == ar.compare_runs(
                    session, previous.id, run.id)
                compared += 1
        assert compared >= 2
        deltas = 0
        for stored in ar.list_hypotheses(session, workspace.id):
            delta = book.hypothesis_delta(stored)
            assert delta == ar.hypothesis_delta(session, stored.id)
            deltas += delta is not None
        assert deltas >= 1


def test_counts_are_upserted_in_two_statements_whatever_the_days(demo):
    from datetime import timedelta

    from workbench.domain.slo.records import DailyCount

    engine, workspace = demo
    with reading(engine) as session:
        slo = slo_repo.list_slos(session, workspace.id)[0]
        before = slo_repo.list_counts(session, slo.id)
    last = before[-1].day
    days = [DailyCount(last - timedelta(days=1), 7, 1), DailyCount(last, 8, 2),
            *(DailyCount(last + timedelta(days=n), 100 + n, n) for n in range(1, 31)),
            DailyCount(last, 9, 3)]  # a day given twice: the last one wins
    with transaction(engine) as session, statements(engine) as seen:
        assert slo_repo.upsert_counts(session, slo.id, days) == 32
    writes = [s for s in seen if s.lstrip().startswith(("INSERT", "UPDATE"))]
    assert len(writes) == 2, writes
    with reading(engine) as session:
        after = {c.day: c for c in slo_repo.list_counts(session, slo.id)}
    assert after[last] == DailyCount(last, 9, 3)
    assert after[last - timedelta(days=1)] == DailyCount(last - timedelta(days=1), 7, 1)
    assert after[last + timedelta(days=30)] == DailyCount(last + timedelta(days=30), 130, 30)
    assert len(after) == len(before) + 30


def test_service_counts_of_every_team_in_one_query(demo):
    from workbench.store import repo

    engine, workspace = demo
    with reading(engine) as session, statements(engine) as seen:
        counts = repo.service_counts(session, workspace.id)
    assert len([s for s in seen if "SELECT" in s]) == 1
    with reading(engine) as session:
        for team in repo.list_teams(session, workspace.id):
            assert counts.get(team.id, 0) == repo.count_services_of_team(session, team.id)
    assert sum(counts.values()) > 5
