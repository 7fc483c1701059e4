"""Story maps in the database: release slices (add, rename, reorder, delete, assign), maps
(rename, delete), and stale writes refused (two sessions on one SQLite file)."""

from __future__ import annotations

import pytest

from workbench.errors import ConflictError, NotFoundError, UsageError, VersionConflict
from workbench.store import repo, slo_repo, story_map_repo
from workbench.store.db import make_engine, reading, transaction


@pytest.fixture
def board(engine):
    """A workspace with a map "Signup" (one activity, one task, three stories) and a
    second map "Billing" with one story; returns (engine, workspace, ids)."""
    with transaction(engine) as s:
        ws = repo.create_workspace(s, "Acme")
        repo.add_service(s, ws.id, "accounts")
        signup = story_map_repo.add_story_map(s, ws.id, "Signup")
        activity = story_map_repo.add_activity(s, signup.id, "Create account")
        task = story_map_repo.add_task(s, activity.id, "Fill in the form")
        stories = [story_map_repo.add_story(s, task.id, title).id
                   for title in ("Type an email", "Choose a password", "Accept the terms")]
        billing = story_map_repo.add_story_map(s, ws.id, "Billing")
        other_task = story_map_repo.add_task(
            s, story_map_repo.add_activity(s, billing.id, "Pay").id, "Enter card")
        other_story = story_map_repo.add_story(s, other_task.id, "Type the card number").id
    ids = {"signup": signup.id, "billing": billing.id, "task": task.id, "stories": stories,
           "other_task": other_task.id, "other_story": other_story}
    return engine, ws, ids


def get_map(engine, ws, title: str = "Signup"):
    with reading(engine) as s:
        return story_map_repo.get_story_map(s, ws.id, title)


def slice_names(engine, map_id: int) -> list[tuple[str, int]]:
    with reading(engine) as s:
        return [(r.name, count) for r, count in story_map_repo.list_slices(s, map_id)]


# --- release slices -----------------------------------------------------------------------


def test_add_slices_in_order_or_at_a_position_and_refuse_a_repeated_name(board):
    engine, _, ids = board
    with transaction(engine) as s:
        mvp = story_map_repo.add_release_slice(s, ids["signup"], "MVP")
        story_map_repo.add_release_slice(s, ids["signup"], "Later")
        first = story_map_repo.add_release_slice(s, ids["signup"], "Walking skeleton", 0)
    assert (mvp.position, first.position) == (0, 0)
    assert slice_names(engine, ids["signup"]) == [("Walking skeleton", 0), ("MVP", 0),
                                                  ("Later", 0)]
    with transaction(engine) as s, pytest.raises(ConflictError, match="'MVP' already"):
        story_map_repo.add_release_slice(s, ids["signup"], "  mvp ")
    with transaction(engine) as s:  # another map may use the name
        story_map_repo.add_release_slice(s, ids["billing"], "MVP")
    with transaction(engine) as s, pytest.raises(UsageError, match="empty"):
        story_map_repo.add_release_slice(s, ids["signup"], "   ")
    with transaction(engine) as s, pytest.raises(NotFoundError):
        story_map_repo.add_release_slice(s, 9999, "Ghost")


def test_rename_a_slice_checks_the_name_and_the_version(board):
    engine, ws, ids = board
    with transaction(engine) as s:
        mvp = story_map_repo.add_release_slice(s, ids["signup"], "MVP")
        story_map_repo.add_release_slice(s, ids["signup"], "Later")
    with transaction(engine) as s:
        renamed = story_map_repo.rename_slice(s, mvp.id, "First release",
                                              expected_version=mvp.version)
    assert (renamed.name, renamed.version) == ("First release", mvp.version + 1)
    with transaction(engine) as s, pytest.raises(ConflictError, match="'Later' already"):
        story_map_repo.rename_slice(s, mvp.id, "later")
    with transaction(engine) as s:  # the same name in other letters is fine
        story_map_repo.rename_slice(s, mvp.id, "FIRST release")
    with transaction(engine) as s, pytest.raises(VersionConflict,
                                                 match="release slice 'FIRST release'"):
        story_map_repo.rename_slice(s, mvp.id, "Stale", expected_version=mvp.version)
    # rename_card("slice") follows the same rules
    with transaction(engine) as s, pytest.raises(ConflictError):
        story_map_repo.rename_card(s, "slice", mvp.id, "Later")
    assert [x.name for x in get_map(engine, ws).slices] == ["FIRST release", "Later"]


def test_reorder_slices(board):
    engine, _, ids = board
    with transaction(engine) as s:
        a, b, c = (story_map_repo.add_release_slice(s, ids["signup"], n)
                   for n in ("A", "B", "C"))
    with transaction(engine) as s:
        assert story_map_repo.move_slice(s, c.id, -1) == 1
        assert story_map_repo.move_slice(s, a.id, -1) == 0  # already first: stays
        assert story_map_repo.move_slice(s, a.id, 5) == 2  # clamped to the end
    assert [n for n, _ in slice_names(engine, ids["signup"])] == ["C", "B", "A"]
    assert b.id  # untouched in between


def test_assign_stories_to_slices_of_their_own_map_only(board):
    engine, ws, ids = board
    first, second, _third = ids["stories"]
    with transaction(engine) as s:
        mvp = story_map_repo.add_release_slice(s, ids["signup"], "MVP")
        other = story_map_repo.add_release_slice(s, ids["billing"], "Card payments")
        story_map_repo.update_story(s, first, slice_id=mvp.id)
        story_map_repo.update_story(s, second, slice_id=mvp.id)
    with reading(engine) as s:
        assert story_map_repo.story_slice_ids(s, ws.id) == {
            first: mvp.id, second: mvp.id, ids["stories"][2]: None,
            ids["other_story"]: None}
    assert slice_names(engine, ids["signup"]) == [("MVP", 2)]
    with transaction(engine) as s, pytest.raises(UsageError, match="another story map"):
        story_map_repo.update_story(s, first, slice_id=other.id)
    with transaction(engine) as s, pytest.raises(UsageError, match="another story map"):
        story_map_repo.add_story(s, ids["task"], "New", slice_id=other.id)
    with transaction(engine) as s, pytest.raises(NotFoundError, match="release slice"):
        story_map_repo.update_story(s, first, slice_id=9999)
    with transaction(engine) as s:
        story_map_repo.update_story(s, first, slice_id=None)
    assert slice_names(engine, ids["signup"]) == [("MVP", 1)]
    # a story moved to another map leaves its slice behind
    with transaction(engine) as s:
        moved = story_map_repo.move_story(s, second, ids["other_task"], 0)
    assert moved.slice_name is None and moved.task_id == ids["other_task"]


def test_delete_a_slice_keeps_its_stories_in_no_slice_and_bumps_their_versions(board):
    engine, ws, ids = board
    first, second, third = ids["stories"]
    with transaction(engine) as s:
        mvp = story_map_repo.add_release_slice(s, ids["signup"], "MVP")
        later = story_map_repo.add_release_slice(s, ids["signup"], "Later")
        for story in (first, second):
            story_map_repo.update_story(s, story, slice_id=mvp.id)
        story_map_repo.update_story(s, third, slice_id=later.id)
    before = {st.id: st.version for st in get_map(engine, ws).stories()}
    with transaction(engine) as s, pytest.raises(VersionConflict):
        story_map_repo.remove_slice(s, mvp.id, expected_version=mvp.version + 5)
    with transaction(engine) as s:
        assert story_map_repo.remove_slice(s, mvp.id, expected_version=mvp.version) == 2
    found = get_map(engine, ws)
    assert [(x.name, x.position) for x in found.slices] == [("Later", 0)]
    stories = {st.id: st for st in found.stories()}
    assert [stories[i].slice_name for i in (first, second, third)] == [None, None, "Later"]
    assert stories[first].version == before[first] + 1
    assert stories[third].version == before[third]
    with transaction(engine) as s:  # remove_card("slice") does the same
        story_map_repo.remove_card(s, "slice", later.id)
    assert get_map(engine, ws).slices == ()
    assert all(st.slice_name is None for st in get_map(engine, ws).stories())


# --- maps ---------------------------------------------------------------------------------


def test_rename_a_map(board):
    engine, ws, _ = board
    opened = get_map(engine, ws)
    with transaction(engine) as s:
        renamed = story_map_repo.rename_story_map(s, ws.id, "signup", "Sign-up journey",
                                                  expected_version=opened.version)
    assert (renamed.title, renamed.version) == ("Sign-up journey", opened.version + 1)
    assert renamed.stories() == opened.stories()
    with transaction(engine) as s, pytest.raises(ConflictError, match="'Billing' already"):
        story_map_repo.rename_story_map(s, ws.id, "Sign-up journey", "billing")
    with transaction(engine) as s, pytest.raises(VersionConflict, match="story map"):
        story_map_repo.rename_story_map(s, ws.id, "Sign-up journey", "Other",
                                        expected_version=opened.version)
    with transaction(engine) as s, pytest.raises(NotFoundError):
        story_map_repo.rename_story_map(s, ws.id, "Signup", "Other")
    with transaction(engine) as s:  # only the letters' case changes: allowed
        story_map_repo.rename_story_map(s, ws.id, "Sign-up journey", "SIGN-UP journey")


def test_delete_a_map_removes_its_cards_and_keeps_its_slos_unlinked(board):
    engine, ws, ids = board
    first = ids["stories"][0]
    with transaction(engine) as s:
        story_map_repo.add_release_slice(s, ids["signup"], "MVP")
        endpoint = story_map_repo.add_endpoint(s, ws.id, "accounts", "POST", "/accounts")
        story_map_repo.link_endpoint(s, first, endpoint.id)
        slo_repo.create_slo(s, ws.id, "signup-availability", kind="availability",
                            target="99.5", service="accounts", story_id=first)
        slo_repo.create_slo(s, ws.id, "card-latency", kind="latency", target="95",
                            threshold_ms="300", story_id=ids["other_story"])
    opened = get_map(engine, ws)
    with reading(engine) as s:
        assert story_map_repo.linked_slo_count(s, ids["signup"]) == 1
    with transaction(engine) as s, pytest.raises(VersionConflict):
        story_map_repo.remove_story_map(s, ws.id, "Signup",
                                        expected_version=opened.version + 1)
    with transaction(engine) as s:
        removed = story_map_repo.remove_story_map(s, ws.id, "Signup",
                                                  expected_version=opened.version)
    assert removed.title == "Signup" and len(removed.stories()) == 3
    with reading(engine) as s:
        assert [m.title for m in story_map_repo.list_story_maps(s, ws.id)] == ["Billing"]
        kept = slo_repo.get_slo(s, ws.id, "signup-availability")
        assert kept.story_id is None and kept.service_name == "accounts"
        assert slo_repo.get_slo(s, ws.id, "card-latency").story_id == ids["other_story"]
        assert story_map_repo.story_slice_ids(s, ws.id) == {ids["other_story"]: None}
    with transaction(engine) as s, pytest.raises(NotFoundError):
        story_map_repo.remove_story_map(s, ws.id, "Signup")


# --- stale writes ---------------------------------------------------------------------------


def test_a_stale_story_edit_is_refused_two_sessions_one_file(db_url, board):
    _, ws, ids = board
    first, second = make_engine(db_url), make_engine(db_url)
    story_id = ids["stories"][0]
    try:
        with reading(first) as s:
            opened = next(x for x in story_map_repo.get_story_map(s, ws.id, "Signup").stories()
                          if x.id == story_id)
        with transaction(second) as s:
            story_map_repo.update_story(s, story_id, title="Type a work email",
                                        expected_version=opened.version)
        with pytest.raises(VersionConflict, match="story 'Type a work email' was changed"), \
                transaction(first) as s:
            story_map_repo.update_story(s, story_id, title="Type an email address",
                                        critical=True, expected_version=opened.version)
        with transaction(first) as s, pytest.raises(VersionConflict):
            story_map_repo.remove_card(s, "story", story_id, expected_version=opened.version)
        with reading(first) as s:
            kept = next(x for x in story_map_repo.get_story_map(s, ws.id, "Signup").stories()
                        if x.id == story_id)
        assert (kept.title, kept.critical) == ("Type a work email", False)
    finally:
        first.dispose()
        second.dispose()
