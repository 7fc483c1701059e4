"""Personas, story maps, SLOs and counts in the database (slo_repo)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from workbench.domain.slo.records import DailyCount, Need, SloKind, SloState
from workbench.errors import ConflictError, NotFoundError, UsageError
from workbench.store import persona_repo, repo, slo_repo, story_map_repo
from workbench.store.db import reading, transaction
from workbench.store.demo import create_demo
from workbench.store.demo_slo import DEMO_DAYS, demo_uid


@pytest.fixture
def ws(engine):
    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Acme")
        repo.add_team(session, workspace.id, "Checkout")
        repo.add_service(session, workspace.id, "orders", "Checkout")
        repo.add_service(session, workspace.id, "search")
    return engine, workspace


def test_persona_crud(ws):
    engine, workspace = ws
    with transaction(engine) as s:
        p = persona_repo.add_persona(s, workspace.id, "Priya", team="Checkout", goal="buy",
                                 needs="Correctness")
        assert p.needs is Need.CORRECTNESS and p.team_name == "Checkout"
        with pytest.raises(ConflictError):
            persona_repo.add_persona(s, workspace.id, "priya")
        with pytest.raises(UsageError, match="not a need"):
            persona_repo.add_persona(s, workspace.id, "Other", needs="speed")
        p = persona_repo.update_persona(s, workspace.id, "Priya", new_name="Priya S", team="",
                                    complaints="slow pages")
        assert (p.name, p.team_name, p.complaints, p.goal) == ("Priya S", None, "slow pages",
                                                               "buy")
    with reading(engine) as s:
        assert [x.name for x in persona_repo.list_personas(s, workspace.id)] == ["Priya S"]
        assert persona_repo.list_personas(s, workspace.id, team="Checkout") == []
    with transaction(engine) as s:
        persona_repo.remove_persona(s, workspace.id, "priya s")
        with pytest.raises(NotFoundError):
            persona_repo.remove_persona(s, workspace.id, "priya s")


def _map(engine, workspace):
    with transaction(engine) as s:
        m = story_map_repo.add_story_map(s, workspace.id, "Checkout journey", team="Checkout")
        find = story_map_repo.add_activity(s, m.id, "Find")
        pay = story_map_repo.add_activity(s, m.id, "Pay")
        search = story_map_repo.add_task(s, find.id, "Search")
        order = story_map_repo.add_task(s, pay.id, "Order")
        ids = [story_map_repo.add_story(s, search.id, t).id for t in ("a", "b", "c")]
        story_map_repo.add_story(s, order.id, "x", critical=True)
    return m.id, search.id, order.id, ids


def titles(engine, workspace):
    with reading(engine) as s:
        m = story_map_repo.get_story_map(s, workspace.id, "checkout journey")
    return [[(t.title, [(st.title, st.position) for st in t.stories]) for t in a.tasks]
            for a in m.activities]


def test_story_map_tree_and_reordering(ws):
    engine, workspace = ws
    _, _, order, (a, b, c) = _map(engine, workspace)
    assert titles(engine, workspace) == [[("Search", [("a", 0), ("b", 1), ("c", 2)])],
                                         [("Order", [("x", 0)])]]
    with transaction(engine) as s:
        assert story_map_repo.move_card(s, "story", c, -1) == 1
        assert story_map_repo.move_card(s, "story", a, -1) == 0  # already first: stays
    assert titles(engine, workspace)[0] == [("Search", [("a", 0), ("c", 1), ("b", 2)])]
    with transaction(engine) as s:
        moved = story_map_repo.move_story(s, a, order, position=0)
        assert moved.task_id == order and moved.position == 0
    assert titles(engine, workspace) == [[("Search", [("c", 0), ("b", 1)])],
                                         [("Order", [("a", 0), ("x", 1)])]]
    with transaction(engine) as s:
        story_map_repo.remove_card(s, "story", c)
        story_map_repo.update_story(s, b, title="b2", critical=True)
        with pytest.raises(UsageError):
            story_map_repo.move_card(s, "epic", b, 1)
    assert titles(engine, workspace)[0] == [("Search", [("b2", 0)])]
    with reading(engine) as s:
        m = story_map_repo.get_story_map(s, workspace.id, "Checkout journey")
        assert sorted(st.title for st in m.critical_stories()) == ["b2", "x"]


def test_activities_swap_and_cascade(ws):
    engine, workspace = ws
    _, _, _, (a, _, _) = _map(engine, workspace)
    with transaction(engine) as s:
        pay = story_map_repo.get_story_map(s, workspace.id, "Checkout journey").activities[1]
        story_map_repo.move_card(s, "activity", pay.id, -1)
        endpoint = story_map_repo.add_endpoint(s, workspace.id, "orders", "post", "/orders")
        assert endpoint.label == "orders POST /orders"
        assert story_map_repo.add_endpoint(s, workspace.id, "orders", "POST", "/orders") == endpoint
        story_map_repo.link_endpoint(s, a, endpoint.id)
        story_map_repo.link_endpoint(s, a, endpoint.id)  # idempotent
    with reading(engine) as s:
        m = story_map_repo.get_story_map(s, workspace.id, "Checkout journey")
        assert [x.title for x in m.activities] == ["Pay", "Find"]
        story = next(st for st in m.stories() if st.id == a)
        assert [e.label for e in story.endpoints] == ["orders POST /orders"]
    with transaction(engine) as s:
        slo_repo.save_slo(s, workspace.id, "orders-avail", target="99", story_id=a)
        story_map_repo.remove_story_map(s, workspace.id, "Checkout journey")
    with reading(engine) as s:
        assert story_map_repo.list_story_maps(s, workspace.id) == []
        slo = slo_repo.get_slo(s, workspace.id, "orders-avail")
        assert slo.story_id is None  # the SLO stays; its story link is cleared


def test_save_slo_exact_target_revisions_and_warnings(ws):
    engine, workspace = ws
    with transaction(engine) as s:
        slo, warnings = slo_repo.save_slo(s, workspace.id, "orders-latency", kind="latency",
                                          target="99.95", threshold_ms="800",
                                          historical_attainment="99.9", service="orders")
        assert slo.target == Decimal("99.95") and slo.threshold_ms == Decimal(800)
        assert slo.kind is SloKind.LATENCY and slo.status is SloState.DRAFT
        assert len(warnings) == 1 and "tighter" in warnings[0]
        slo2, warnings = slo_repo.save_slo(s, workspace.id, "Orders-Latency", kind="latency",
                                           target="99.5", threshold_ms=800,
                                           historical_attainment="99.9", service="orders")
        assert slo2.id == slo.id and warnings == [] and slo2.status is SloState.DRAFT
        assert (slo.version, slo2.version) == (1, 2) and slo2.uid == slo.uid != ""
        history = repo.history(s, workspace.id, "slo", str(slo.id))
        assert [h.summary for h in history] == ["added", "updated"]
        assert history[-1].snapshot["target"] == "99.5"
        with pytest.raises(UsageError, match="target"):
            slo_repo.save_slo(s, workspace.id, "x", target="100")
        with pytest.raises(UsageError, match="threshold"):
            slo_repo.save_slo(s, workspace.id, "x", kind="latency", target="99")
        with pytest.raises(NotFoundError):
            slo_repo.save_slo(s, workspace.id, "x", target="99", service="nope")
    with reading(engine) as s:
        assert [x.name for x in slo_repo.list_slos(s, workspace.id, team="Checkout")] == [
            "Orders-Latency"]
        assert slo_repo.list_slos(s, workspace.id, service="search") == []
        with pytest.raises(NotFoundError, match="known: Orders-Latency"):
            slo_repo.get_slo(s, workspace.id, "missing")


def test_counts_upsert_and_status(ws):
    engine, workspace = ws
    today = date(2026, 11, 25)
    with transaction(engine) as s:
        slo, _ = slo_repo.save_slo(s, workspace.id, "a", target="99")
        days = [DailyCount(today - timedelta(days=i), 990, 10) for i in range(3)]
        assert slo_repo.upsert_counts(s, slo.id, days) == 3
        slo_repo.upsert_counts(s, slo.id, [DailyCount(today, 1000, 0)])
    with reading(engine) as s:
        counts = slo_repo.list_counts(s, slo.id)
        assert [c.good for c in counts] == [990, 990, 1000]
        budget = slo_repo.slo_status(s, workspace.id, "a", today)
        assert budget.status.total == 3000 and budget.status.bad == 20
        assert len(budget.burn_down) == 3


CSV = "date,good,bad\n2026-11-01,100,1\n2026-11-02,200,0\n"


def test_csv_import_validates_all_rows_first(ws):
    engine, workspace = ws
    with transaction(engine) as s:
        slo, _ = slo_repo.save_slo(s, workspace.id, "a", target="99")
    bad = ("date,good,bad\n2026-11-01,100,1\n2026-02-30,1,1\n2026-11-03,-5,x\n"
           "2026-11-01,1,1\n2026-11-04,1\n\n2026-11-05,1.5,0\n")
    with pytest.raises(UsageError) as caught, transaction(engine) as s:
        slo_repo.import_counts_csv(s, workspace.id, "a", bad, "c.csv")
    message = str(caught.value)
    assert message.startswith("c.csv: 6 problems, nothing imported")
    for fragment in ("line 3: date '2026-02-30'", "line 4: good -5 is negative",
                     "line 4: bad 'x' is not a whole number", "line 5: 2026-11-01 is already "
                     "on line 2", "line 6: needs 3 fields", "line 8: good '1.5'"):
        assert fragment in message
    assert "\n" not in message
    with reading(engine) as s:
        assert slo_repo.list_counts(s, slo.id) == []
    with pytest.raises(UsageError, match="header"):
        slo_repo.parse_counts_csv("2026-11-01,1,1\n")
    with transaction(engine) as s:
        assert slo_repo.import_counts_csv(s, workspace.id, "a", "\ufeff" + CSV) == 2


def test_deleting_an_slo_deletes_its_counts(ws):
    engine, workspace = ws
    with transaction(engine) as s:
        slo, _ = slo_repo.save_slo(s, workspace.id, "a", target="99")
        slo_repo.upsert_counts(s, slo.id, [DailyCount(date(2026, 1, 1), 1, 0)])
        slo_repo.remove_slo(s, workspace.id, "a")
    with reading(engine) as s:
        assert slo_repo.list_counts(s, slo.id) == []


def test_demo_has_slos_and_is_idempotent(engine):
    with transaction(engine) as s:
        workspace, _ = create_demo(s, date(2026, 11, 25))
    with transaction(engine) as s:
        create_demo(s, date(2026, 11, 25))
    with reading(engine) as s:
        slos = slo_repo.list_slos(s, workspace.id)
        assert len(slos) == 6
        assert len(persona_repo.list_personas(s, workspace.id)) == 3
        [story_map] = story_map_repo.list_story_maps(s, workspace.id)
        assert [a.title for a in story_map.activities] == [
            "Find product", "Build basket", "Pay", "Track delivery"]
        assert len(story_map.slices) == 2 and story_map.critical_stories()
        statuses = {x.name: slo_repo.slo_status(s, workspace.id, x.name, date(2026, 11, 25))
                    for x in slos}
        burning = [n for n, b in statuses.items() if b.status.projected_exhaustion]
        assert burning == ["upi-payment-availability"]
        assert len(slo_repo.list_counts(s, slos[0].id)) == DEMO_DAYS
        # fixed uids, so the demo exports the same in every database
        assert {x.uid for x in slos} == {demo_uid(x.name) for x in slos}
        assert sum(1 for x in slos if x.kind is SloKind.LATENCY and
                   x.service_name == "orders") == 2


def test_rename_cards_and_list_budgets(ws):
    engine, workspace = ws
    map_id, _, _, (a, _, _) = _map(engine, workspace)
    with transaction(engine) as s:
        release = story_map_repo.add_release_slice(s, map_id, "MVP")
        story_map_repo.rename_card(s, "slice", release.id, "First release")
        story_map_repo.rename_card(s, "story", a, "a renamed")
        story_map_repo.update_story(s, a, slice_id=release.id)
        with pytest.raises(UsageError):
            story_map_repo.rename_card(s, "task", a, "   ")
        slo, _ = slo_repo.save_slo(s, workspace.id, "o", target="99", service="orders")
        slo_repo.upsert_counts(s, slo.id, [DailyCount(date(2026, 11, 24), 99, 1)])
        slo_repo.save_slo(s, workspace.id, "s", target="99", service="search")
    with reading(engine) as s:
        m = story_map_repo.get_story_map(s, workspace.id, "Checkout journey")
        story = next(st for st in m.stories() if st.id == a)
        assert (story.title, story.slice_name) == ("a renamed", "First release")
        budgets = slo_repo.list_budgets(s, workspace.id, date(2026, 11, 25))
        assert [(b.slo.name, b.status is not None) for b in budgets] == [("o", True),
                                                                         ("s", False)]
        assert [b.slo.name for b in slo_repo.list_budgets(
            s, workspace.id, date(2026, 11, 25), team="Checkout")] == ["o"]


def test_find_story_by_title_or_map_and_title(ws):
    engine, workspace = ws
    _map(engine, workspace)
    with transaction(engine) as s:
        other = story_map_repo.add_story_map(s, workspace.id, "Returns")
        act = story_map_repo.add_activity(s, other.id, "Return")
        task = story_map_repo.add_task(s, act.id, "Send back")
        story_map_repo.add_story(s, task.id, "X")
    with reading(engine) as s:
        assert story_map_repo.find_story(s, workspace.id, "a").title == "a"
        with pytest.raises(UsageError, match="write MAP/STORY"):
            story_map_repo.find_story(s, workspace.id, "x")
        assert story_map_repo.find_story(s, workspace.id, "returns/x").title == "X"
        with pytest.raises(NotFoundError):
            story_map_repo.find_story(s, workspace.id, "returns/a")


def test_rename_keeps_uid_counts_history_and_signoffs(ws):
    from workbench.domain.lifecycle import make_signoff

    engine, workspace = ws
    day = date(2026, 11, 25)
    with transaction(engine) as s:
        slo, _ = slo_repo.save_slo(s, workspace.id, "orders", target="99.9", service="orders",
                                   description="kept")
        slo_repo.upsert_counts(s, slo.id, [DailyCount(day, 999, 1)])
        slo_repo.agree_slo(s, workspace.id, "orders", [
            make_signoff("Asha", "operations", day)])
    with transaction(engine) as s:
        current = slo_repo.get_slo(s, workspace.id, "orders")
        renamed, _ = slo_repo.update_slo(s, workspace.id, current.uid, {"target": "99.5"},
                                         new_name="orders-availability",
                                         expected_version=current.version)
    assert (renamed.id, renamed.uid, renamed.description) == (slo.id, slo.uid, "kept")
    assert renamed.target == Decimal("99.5") and renamed.service_name == "orders"
    with reading(engine) as s:
        assert slo_repo.find_slo(s, workspace.id, "orders") is None
        assert slo_repo.find_slo(s, workspace.id, slo.uid).name == "orders-availability"
        assert slo_repo.list_counts(s, slo.id) == [DailyCount(day, 999, 1)]
        history = repo.history(s, workspace.id, "slo", str(slo.id))
        assert [h.summary for h in history] == ["added", "renamed from orders"]
        states = slo_repo.lifecycle_states(s, workspace.id)
        signed = states[slo.id]
    # the sign-off was for the version before the rename: it stays in the record, and the
    # renamed SLO is a new draft waiting for every party
    assert signed.version == renamed.version and signed.signoffs == ()
    with transaction(engine) as s:
        slo_repo.save_slo(s, workspace.id, "other", target="99")
        with pytest.raises(ConflictError, match="already exists"):
            slo_repo.rename_slo(s, workspace.id, "other", "Orders-Availability")


def test_a_given_uid_is_kept_unless_it_is_taken(ws):
    engine, workspace = ws
    wanted = "3f2a9c1e7b4d4e0f8a6b5c4d3e2f1a0b"
    with transaction(engine) as s:
        first, _ = slo_repo.create_slo(s, workspace.id, "a", target="99", uid=wanted.upper())
        other = repo.create_workspace(s, "Other")
        copy, _ = slo_repo.create_slo(s, other.id, "a", target="99", uid=wanted)
        plain, _ = slo_repo.create_slo(s, workspace.id, "b", target="99")
        with pytest.raises(UsageError, match="not an SLO id"):
            slo_repo.create_slo(s, workspace.id, "c", target="99", uid="no spaces please")
    assert first.uid == wanted  # stored in lowercase
    assert copy.uid != wanted and len(copy.uid) == 32
    assert len(plain.uid) == 32 and plain.uid != copy.uid
    with reading(engine) as s:
        assert slo_repo.get_slo(s, workspace.id, wanted.upper()).name == "a"


def test_lifecycle_states_of_every_slo(ws):
    from workbench.domain.lifecycle import make_signoff
    from workbench.domain.organisation import ArtifactStatus

    engine, workspace = ws
    day = date(2026, 11, 25)
    with transaction(engine) as s:
        a, _ = slo_repo.save_slo(s, workspace.id, "a", target="99")
        b, _ = slo_repo.save_slo(s, workspace.id, "b", target="99")
        slo_repo.agree_slo(s, workspace.id, "a", [
            make_signoff("Asha", "operations", day), make_signoff("Ben", "development", day),
            make_signoff("Cleo", "product owner", day)])
        slo_repo.agree_slo(s, workspace.id, "b", [make_signoff("Asha", "operations", day)])
        slo_repo.update_slo(s, workspace.id, "a", {"target": "99.5"})
    with reading(engine) as s:
        states = slo_repo.lifecycle_states(s, workspace.id)
    assert states[a.id].status is ArtifactStatus.DRAFT and states[a.id].in_force == 2
    assert states[b.id].in_force is None
    assert [p.role for p in states[b.id].missing] == ["development", "product owner"]
