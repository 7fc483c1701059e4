"""What the chart points out: missing heads, powerful detractors without a next action,
unowned relationships, the buy-in funnel and who is stuck in it."""

from __future__ import annotations

import pytest

from workbench.domain.stakeholders import (
    ChartWarning,
    FunnelStep,
    Group,
    Level,
    Stage,
    Stakeholder,
    Stance,
    funnel,
    is_head,
    make_stakeholder,
    warnings,
)

H, L = Level.HIGH, Level.LOW
OPS, DEV, PROD = Group.OPERATIONS, Group.DEVELOPMENT, Group.PRODUCT

MISSING = {
    OPS: "No head of operations on the chart: add the person who leads operations (group "
         "operations, a role such as 'Head of operations')",
    DEV: "No head of development on the chart: add the person who leads development (group "
         "development, a role such as 'Head of development')",
    PROD: "No head of product management on the chart: add the person who leads product "
          "management (group product, a role such as 'Head of product management')",
}


def who(name, *, group=Group.OTHER, role="", power=H, stance=None, action="", owner="Coach",
        stage=None, uid=None):
    return Stakeholder(name, power, H, role=role, group=group, stance=stance,
                       next_action=action, owner=owner, stage=stage,
                       uid=name.lower() if uid is None else uid)


HEADS = [who("Olga", group=OPS, role="Head of Operations"),
         who("Dinesh", group=DEV, role="Head of Development"),
         who("Pooja", group=PROD, role="Head of Product Management")]


# --- the heads ------------------------------------------------------------------------------


def test_a_complete_owned_chart_has_no_warnings():
    assert warnings(HEADS) == []


@pytest.mark.parametrize("missing", [OPS, DEV, PROD])
def test_each_missing_head_is_one_warning(missing):
    people = [p for p in HEADS if p.group is not missing]
    assert warnings(people) == [ChartWarning("missing-head", MISSING[missing])]


def test_all_heads_missing_in_order_ops_dev_product():
    assert warnings([]) == [ChartWarning("missing-head", MISSING[g]) for g in (OPS, DEV, PROD)]
    staff = [who("Ivan", group=OPS, role="SRE"), who("Jo", group=DEV, role="Developer")]
    assert [w.message for w in warnings(staff)] == [MISSING[OPS], MISSING[DEV], MISSING[PROD]]


@pytest.mark.parametrize("role", [
    "Head of Operations", "head of ops", "Deputy Head, Platform", "Heads of Product (shared)",
    "Director of Engineering", "Managing Director", "VP Engineering", "vp", "SVP Platform",
    "EVP Technology", "Vice President, Product", "Chief Technology Officer",
    "Chief Product Officer", "CTO", "CIO", "COO", "CPO", "Engineering (CTO office)",
])
def test_roles_that_name_a_leader(role):
    assert is_head(who("X", group=OPS, role=role), OPS)


@pytest.mark.parametrize("role", [
    "", "Engineering manager", "Team lead", "Product owner", "SRE", "Ahead of plan",
    "Overhead analyst", "Directorate liaison", "Vice-chair", "Chiefly technical", "CTOs aide",
    "Developer advocate",
])
def test_roles_that_do_not(role):
    assert not is_head(who("X", group=OPS, role=role), OPS)


def test_the_group_decides_which_head_someone_is():
    ops_head = who("Olga", group=OPS, role="Head of Operations")
    assert is_head(ops_head, OPS)
    assert not is_head(ops_head, DEV)
    wrong_group = who("Olga", group=Group.OTHER, role="Head of Operations")
    assert not any(is_head(wrong_group, g) for g in Group if g is not Group.OTHER)
    chart = [wrong_group, *HEADS[1:]]
    assert warnings(chart) == [ChartWarning("missing-head", MISSING[OPS])]
    # A development leader filed under operations counts as the operations head.
    filed = [who("Dinesh", group=OPS, role="Head of Development"), HEADS[1], HEADS[2]]
    assert warnings(filed) == []


def test_executives_do_not_stand_in_for_the_three_heads():
    ceo = who("Ceo", group=Group.EXECUTIVE, role="Chief Executive Officer")
    assert [w.code for w in warnings([ceo])] == ["missing-head"] * 3


# --- powerful detractors --------------------------------------------------------------------


def test_powerful_detractor_without_next_action():
    people = [*HEADS, who("Legal", stance=Stance.DETRACTOR),
              who("Finance", stance=Stance.DETRACTOR, action="Budget talk"),
              who("Clerk", stance=Stance.DETRACTOR, power=L),
              who("Sales", stance=Stance.SUPPORTER),
              who("Audit", stance=Stance.DETRACTOR)]
    assert warnings(people) == [ChartWarning(
        "detractor-without-action",
        "Powerful detractor without a next action: Legal, Audit (plan the next conversation)",
        ("Legal", "Audit"))]


@pytest.mark.parametrize(("power", "stance", "action"), [
    (L, Stance.DETRACTOR, ""), (H, Stance.DETRACTOR, "Call"), (H, Stance.NEUTRAL, ""),
    (H, None, ""), (H, Stance.SUPPORTER, ""),
])
def test_no_detractor_warning(power, stance, action):
    assert warnings([*HEADS, who("X", power=power, stance=stance, action=action)]) == []


def test_informal_influence_does_not_make_a_detractor_powerful():
    quiet = make_stakeholder({"name": "X", "power": "low", "interest": "high",
                              "influence": "high", "stance": "detractor", "owner": "C"})
    assert warnings([*HEADS, quiet]) == []


# --- owners ---------------------------------------------------------------------------------


def test_nobody_owns_lists_the_names_in_chart_order():
    people = [who("Bea", owner=""), *HEADS, who("Al", owner=""),
              make_stakeholder({"name": "Cy", "power": "low", "interest": "low",
                                "owner": "   "})]
    assert warnings(people) == [ChartWarning(
        "no-owner", "Nobody owns the relationship with Bea, Al, Cy (name the coach who does)",
        ("Bea", "Al", "Cy"))]


def test_all_three_kinds_in_order():
    people = [who("Legal", stance=Stance.DETRACTOR, owner="")]
    assert [(w.code, w.names) for w in warnings(people)] == [
        ("missing-head", ()), ("missing-head", ()), ("missing-head", ()),
        ("detractor-without-action", ("Legal",)), ("no-owner", ("Legal",))]


# --- the funnel -----------------------------------------------------------------------------


def staged(name, stage, uid=None):
    return who(name, stage=stage, uid=uid)


def test_funnel_counts_every_stage_then_the_unstaged():
    people = [staged("A", Stage.INTEREST), staged("B", None), staged("C", Stage.INTEREST),
              staged("D", Stage.ENGAGEMENT), staged("E", Stage.AWARENESS), staged("F", None)]
    result = funnel(people)
    assert [(s.stage, s.count) for s in result.steps] == [
        (Stage.AWARENESS, 1), (Stage.INTEREST, 2), (Stage.UNDERSTANDING, 0),
        (Stage.AGREEMENT, 0), (Stage.ENGAGEMENT, 1), (None, 2)]
    assert [[p.name for p in s.people] for s in result.steps] == [
        ["E"], ["A", "C"], [], [], ["D"], ["B", "F"]]
    assert sum(s.count for s in result.steps) == len(people)
    assert (result.stuck, result.compared) == ((), False)


def test_empty_funnel():
    result = funnel([])
    assert result.steps == tuple(FunnelStep(s, ()) for s in [*Stage, None])
    assert (result.stuck, result.compared) == ((), False)
    assert funnel([], []).compared is True


def test_stuck_means_the_same_stage_as_the_baseline_and_not_engaged():
    baseline = [staged("Same", Stage.INTEREST), staged("Up", Stage.INTEREST),
                staged("Down", Stage.AGREEMENT), staged("Done", Stage.ENGAGEMENT),
                staged("Never", None), staged("Started", None), staged("Dropped", Stage.INTEREST),
                staged("Gone", Stage.AWARENESS)]
    now = [staged("New", Stage.AWARENESS), staged("Same", Stage.INTEREST),
           staged("Up", Stage.UNDERSTANDING), staged("Down", Stage.INTEREST),
           staged("Done", Stage.ENGAGEMENT), staged("Never", None),
           staged("Started", Stage.AWARENESS), staged("Dropped", None)]
    result = funnel(now, baseline)
    assert result.compared is True
    # "Never" has no stage either time: not in the funnel, so not stuck in it.
    assert [p.name for p in result.stuck] == ["Same"]


def test_nobody_is_stuck_without_a_baseline():
    now = [staged("Same", Stage.INTEREST)]
    assert funnel(now, None).stuck == ()
    assert funnel(now, None).compared is False
    assert funnel(now, []).stuck == ()


def test_stuck_matches_by_uid_across_a_rename():
    baseline = [staged("Asha Rao", Stage.UNDERSTANDING, uid="u1"),
                staged("Ben", Stage.AGREEMENT, uid="u2")]
    now = [staged("Asha Menon", Stage.UNDERSTANDING, uid="u1"),
           staged("Ben", Stage.INTEREST, uid="u2")]
    assert [p.name for p in funnel(now, baseline).stuck] == ["Asha Menon"]


def test_stuck_matches_by_name_when_uids_differ():
    baseline = [staged("Asha Rao", Stage.AGREEMENT, uid="old1"),
                staged("Ben", Stage.AWARENESS, uid="old2")]
    now = [staged("ASHA  rao", Stage.AGREEMENT, uid="new1"),
           staged("Ben", Stage.INTEREST, uid="new2")]
    assert [p.name for p in funnel(now, baseline).stuck] == ["ASHA  rao"]


def test_stuck_with_people_written_without_uids():
    baseline = [staged("A", Stage.INTEREST, uid=""), staged("B", Stage.AWARENESS, uid="")]
    now = [staged("A", Stage.INTEREST, uid=""), staged("B", Stage.AWARENESS, uid=""),
           staged("C", Stage.AWARENESS, uid="")]
    assert [p.name for p in funnel(now, baseline).stuck] == ["A", "B"]
    # an uid-less newcomer is not matched with someone else who had no uid
    assert funnel([staged("C", Stage.INTEREST, uid="")],
                  [staged("A", Stage.INTEREST, uid="")]).stuck == ()


def test_baseline_may_be_any_iterable():
    baseline = iter([staged("A", Stage.INTEREST), staged("B", Stage.AWARENESS)])
    now = [staged("A", Stage.INTEREST), staged("B", Stage.AWARENESS)]
    assert [p.name for p in funnel(now, baseline).stuck] == ["A", "B"]
