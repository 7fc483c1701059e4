"""Comparing two revisions of a chart: who joined, left, was renamed, moved quadrant (and
which way), and whose funnel stage or stance changed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from workbench.domain.stakeholders import (
    ChartComparison,
    Level,
    Quadrant,
    QuadrantMove,
    Rename,
    Stage,
    StageMove,
    Stakeholder,
    Stance,
    StanceChange,
    compare,
)

H, L = Level.HIGH, Level.LOW
EF, KS, KI, MO = (Quadrant.ENGAGE_FULLY, Quadrant.KEEP_SATISFIED, Quadrant.KEEP_INFORMED,
                  Quadrant.MONITOR)
AXES = {EF: (H, H), KS: (H, L), KI: (L, H), MO: (L, L)}
NO_CHANGES = ["no changes to people, quadrants, stages or stances"]


def who(name, quadrant=EF, *, uid=None, stage=None, stance=None, **extra):
    power, interest = AXES[quadrant]
    return Stakeholder(name, power, interest, stage=stage, stance=stance,
                       uid=name.lower().replace(" ", "-") if uid is None else uid, **extra)


CHART = [who("Olga", EF), who("Dinesh", EF), who("Legal", KS), who("Procurement", MO)]


def test_the_same_chart_is_unchanged():
    result = compare(CHART, list(CHART))
    assert result == ChartComparison()
    assert result.unchanged is True
    assert result.lines() == NO_CHANGES
    assert compare([], []).unchanged is True


def test_other_fields_are_not_reported():
    after = [replace(p, notes="new notes", owner="Coach", role="Head", next_action="Call")
             for p in CHART]
    after[0] = replace(after[0], influence=H, last_contact=None)
    assert compare(CHART, after).unchanged is True


def test_order_does_not_matter():
    assert compare(CHART, list(reversed(CHART))).unchanged is True


def test_joined_and_left_in_chart_order():
    after = [who("Zed", KI), CHART[0], who("Amy", MO), CHART[3]]
    result = compare(CHART, after)
    assert result.joined == ("Zed", "Amy")
    assert result.left == ("Dinesh", "Legal")
    assert (result.renamed, result.moved, result.stages, result.stances) == ((), (), (), ())
    assert result.unchanged is False
    assert result.lines() == ["joined: Zed", "joined: Amy", "left: Dinesh", "left: Legal"]


def test_everyone_joins_an_empty_chart_and_leaves_it():
    assert compare([], CHART).joined == ("Olga", "Dinesh", "Legal", "Procurement")
    assert compare(CHART, []).left == ("Olga", "Dinesh", "Legal", "Procurement")


def test_rename_keeps_the_uid():
    after = [replace(CHART[0], name="Olga Petrova"), *CHART[1:]]
    result = compare(CHART, after)
    assert result == ChartComparison(renamed=(Rename("Olga", "Olga Petrova"),))
    assert result.lines() == ["renamed: Olga -> Olga Petrova"]


def test_a_new_uid_with_the_same_name_is_the_same_person():
    after = [replace(p, uid=f"new-{i}") for i, p in enumerate(CHART)]
    assert compare(CHART, after).unchanged is True
    # and a change of case or spacing is reported as a rename
    spaced = [replace(CHART[0], name="OLGA", uid="x"), *CHART[1:]]
    assert compare(CHART, spaced).renamed == (Rename("Olga", "OLGA"),)


def test_uid_matches_win_over_name_matches():
    # "Olga" was renamed "Olga P" (same uid); a different person now called "Olga" joined.
    before = [who("Olga", uid="u1")]
    after = [who("Olga", uid="u9", stage=Stage.AWARENESS),
             who("Olga P", uid="u1")]
    result = compare(before, after)
    assert result.joined == ("Olga",)
    assert result.left == ()
    assert result.renamed == (Rename("Olga", "Olga P"),)
    assert result.stages == ()


def test_swapped_names_follow_the_uids():
    before = [who("Ann", EF, uid="a"), who("Ben", MO, uid="b")]
    after = [who("Ben", EF, uid="a"), who("Ann", MO, uid="b")]
    result = compare(before, after)
    assert result.renamed == (Rename("Ann", "Ben"), Rename("Ben", "Ann"))
    assert (result.joined, result.left, result.moved) == ((), (), ())


def test_people_without_uids_are_matched_by_name():
    before = [who("Ann", EF, uid=""), who("Ben", MO, uid="")]
    after = [who("ben", KS, uid=""), who("Cem", MO, uid="")]
    result = compare(before, after)
    assert result.joined == ("Cem",)
    assert result.left == ("Ann",)
    assert result.renamed == (Rename("Ben", "ben"),)
    assert result.moved == (QuadrantMove("ben", MO, KS, "up", None),)


MOVES = {
    (KS, EF): "interest up", (KS, MO): "power down", (KS, KI): "power down, interest up",
    (EF, KS): "interest down", (EF, MO): "power down, interest down", (EF, KI): "power down",
    (MO, KS): "power up", (MO, EF): "power up, interest up", (MO, KI): "interest up",
    (KI, KS): "power up, interest down", (KI, EF): "power up", (KI, MO): "interest down",
}


@pytest.mark.parametrize(("start", "end"), list(MOVES))
def test_every_quadrant_move_and_its_direction(start, end):
    result = compare([who("Asha", start)], [who("Asha", end)])
    (move,) = result.moved
    assert (move.name, move.before, move.after) == ("Asha", start, end)
    assert move.direction == MOVES[(start, end)]
    words = MOVES[(start, end)].split(", ")
    expected = {axis: way for axis, way in (w.split(" ") for w in words)}
    assert (move.power, move.interest) == (expected.get("power"), expected.get("interest"))
    assert result.lines() == [
        f"moved: Asha: {start.title} -> {end.title} ({MOVES[(start, end)]})"]


def test_all_twelve_moves_are_covered():
    assert len(MOVES) == 12
    assert all(a is not b for a, b in MOVES)


def test_a_move_is_reported_under_the_new_name():
    after = [replace(CHART[2], name="Legal & Compliance", power=H, interest=H), *CHART[:2]]
    result = compare(CHART, after)
    assert result.renamed == (Rename("Legal", "Legal & Compliance"),)
    assert result.moved == (QuadrantMove("Legal & Compliance", KS, EF, None, "up"),)
    assert result.left == ("Procurement",)


STAGE_MOVES = [
    (None, Stage.AWARENESS, True), (Stage.AWARENESS, Stage.INTEREST, True),
    (Stage.INTEREST, Stage.ENGAGEMENT, True), (None, Stage.ENGAGEMENT, True),
    (Stage.AGREEMENT, Stage.INTEREST, False), (Stage.ENGAGEMENT, None, False),
    (Stage.AWARENESS, None, False), (Stage.UNDERSTANDING, Stage.AWARENESS, False),
]


@pytest.mark.parametrize(("before", "after", "advanced"), STAGE_MOVES)
def test_stage_moves(before, after, advanced):
    result = compare([who("Asha", stage=before)], [who("Asha", stage=after)])
    assert result.stages == (StageMove("Asha", before, after),)
    assert result.stages[0].advanced is advanced
    assert result.advanced == (result.stages if advanced else ())
    assert result.fell_back == (() if advanced else result.stages)
    word = "advanced" if advanced else "fell back"
    shown = [s.value if s else "no stage" for s in (before, after)]
    assert result.lines() == [f"{word}: Asha: {shown[0]} -> {shown[1]}"]


def test_same_stage_is_no_move():
    same = [who("Asha", stage=Stage.AGREEMENT)]
    assert compare(same, [who("Asha", stage=Stage.AGREEMENT)]).stages == ()


@pytest.mark.parametrize(("before", "after", "line"), [
    (None, Stance.SUPPORTER, "stance: Asha: no stance -> supporter"),
    (Stance.DETRACTOR, Stance.NEUTRAL, "stance: Asha: detractor -> neutral"),
    (Stance.SUPPORTER, None, "stance: Asha: supporter -> no stance"),
    (Stance.NEUTRAL, Stance.DETRACTOR, "stance: Asha: neutral -> detractor"),
])
def test_stance_changes(before, after, line):
    result = compare([who("Asha", stance=before)], [who("Asha", stance=after)])
    assert result.stances == (StanceChange("Asha", before, after),)
    assert result.lines() == [line]


def test_lines_for_a_revision_with_everything():
    before = [
        who("Olga", EF, stage=Stage.UNDERSTANDING, stance=Stance.NEUTRAL),
        who("Dinesh", KS, stage=Stage.AGREEMENT),
        who("Legal", KS),
        who("Partners", KI, uid="p1", stance=Stance.DETRACTOR),
        who("Procurement", MO),
    ]
    after = [
        who("Procurement", MO),
        who("Olga", EF, stage=Stage.AGREEMENT, stance=Stance.SUPPORTER),
        who("Dinesh", EF, stage=Stage.INTEREST),
        who("Partner management", MO, uid="p1", stance=Stance.DETRACTOR),
        who("Marketing", KS),
        who("Sales", KS),
    ]
    result = compare(before, after)
    assert result.lines() == [
        "joined: Marketing",
        "joined: Sales",
        "left: Legal",
        "renamed: Partners -> Partner management",
        "moved: Dinesh: Keep satisfied -> Engage fully (interest up)",
        "moved: Partner management: Keep informed -> Monitor (interest down)",
        "advanced: Olga: understanding -> agreement",
        "fell back: Dinesh: agreement -> interest",
        "stance: Olga: neutral -> supporter",
    ]
    assert [m.name for m in result.advanced] == ["Olga"]
    assert [m.name for m in result.fell_back] == ["Dinesh"]
    assert result.unchanged is False


def test_lines_render_user_text_as_given():
    result = compare([], [who("Ana -> Bo: x", uid="q")])
    assert result.lines() == ["joined: Ana -> Bo: x"]


def test_a_stage_move_to_the_same_stage_is_not_an_advance():
    assert StageMove("x", Stage.INTEREST, Stage.INTEREST).advanced is False
    assert StageMove("x", None, None).advanced is False
