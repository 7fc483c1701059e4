"""The policy model: reading plain values (every problem at once, with its part), the inverse
``policy_values``, required parts and parties, windows."""

from __future__ import annotations

from copy import deepcopy
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from workbench.domain.lifecycle import Party
from workbench.domain.policy import (
    DEFAULT_POLICY_PARTIES,
    Action,
    Code,
    Condition,
    Consequence,
    Contact,
    Ends,
    MissingPart,
    Policy,
    PolicyProblems,
    Trigger,
    duration_text,
    make_policy,
    missing_parts,
    parse_window,
    policy_values,
    read_policy,
    starter_policy,
)
from workbench.domain.policy.model import MAX_CONDITIONS, MAX_PURPOSE, MAX_TITLE

ARABIC_12 = "\u0661\u0662"   # twelve in Arabic-Indic digits: digits, but not ASCII ones
ARABIC_2 = "\u0662"


def full_values() -> dict:
    """A policy using every field (the YAML shape)."""
    return {
        "name": "checkout",
        "title": "Checkout error budget policy",
        "team": "Checkout",
        "scope": {"services": ["payments"], "slos": ["upi-payments", "card-payments"]},
        "purpose": "Keep checkout reliable while shipping.\nSecond line.",
        "conditions": [
            {"key": "budget-70", "trigger": "consumed", "percent": "70",
             "description": "most of the budget is gone",
             "consequences": [{"action": "conduct", "activity": "postmortem",
                               "detail": "look at the top causes", "ends": "when-cleared"},
                              {"action": "declare", "code": "yellow"}]},
            {"key": "fast-burn", "trigger": "consumed-within", "percent": "30.5",
             "window": "24h",
             "consequences": [{"action": "assign", "share": "50", "ends": "when-decided"}]},
            {"key": "page", "trigger": "burn-rate", "burn_rate": "14.4", "window": "1h",
             "consequences": [{"action": "assign", "people": 2}]},
            {"key": "runs-out", "trigger": "projected-exhaustion", "window": "6h",
             "consequences": [{"action": "conduct", "activity": "load test"}]},
            {"key": "bank", "trigger": "dependency-share", "percent": 50, "dependency": "bank",
             "consequences": [{"action": "conduct",
                               "activity": "engage the dependency's owner"}]},
            {"key": "any-dependency", "trigger": "dependency-share", "percent": "60",
             "consequences": [{"action": "conduct", "activity": "chaos experiment"}]},
            {"key": "exhausted", "trigger": "exhausted",
             "consequences": [{"action": "stop", "activity": "feature releases",
                               "allowed": ["security fixes", "reliability fixes"],
                               "ends": "next-period"},
                              {"action": "declare", "code": "red"}]},
        ],
        "escalation": {"tiebreaker": "head of engineering",
                       "procedure": "The parties meet within a day.",
                       "contacts": [{"name": "Vikram Singh", "role": "head of operations",
                                     "how": "#ops-escalation"},
                                    {"name": "Asha"}]},
        "parties": [{"role": "operations"}, {"role": "product owner", "name": "Rahul"}],
        "review": {"next": "2027-02-24", "after_major_outage": True},
        "uid": "4f0c6a2e",
    }


def problems_of(values) -> dict[str, str]:
    _policy, problems = read_policy(values)
    return {p.part: p.message for p in problems}


def with_condition(condition: dict) -> dict:
    values = full_values()
    values["conditions"] = [condition]
    return values


# --- reading a good policy -----------------------------------------------------------------


def test_full_policy_reads_without_problems():
    policy, problems = read_policy(full_values())
    assert problems == []
    assert policy.name == "checkout"
    assert policy.team == "Checkout"
    assert policy.services == ("payments",)
    assert policy.slos == ("upi-payments", "card-payments")
    assert policy.purpose == "Keep checkout reliable while shipping.\nSecond line."
    assert [c.trigger for c in policy.conditions] == [
        Trigger.CONSUMED, Trigger.CONSUMED_WITHIN, Trigger.BURN_RATE, Trigger.PROJECTED,
        Trigger.DEPENDENCY, Trigger.DEPENDENCY, Trigger.EXHAUSTED]
    fast = policy.condition("fast-burn")
    assert fast is not None
    assert fast.percent == Decimal("30.5")
    assert fast.window == timedelta(hours=24)
    assert fast.consequences == (Consequence(Action.ASSIGN, share=Decimal(50),
                                             ends=Ends.DECIDED),)
    page = policy.condition("page")
    assert page is not None and page.burn_rate == Decimal("14.4")
    assert page.consequences[0].people == 2
    bank = policy.condition("bank")
    assert bank is not None and bank.dependency == "bank" and bank.percent == 50
    exhausted = policy.condition("exhausted")
    assert exhausted is not None
    assert exhausted.freezes == (Consequence(
        Action.STOP, activity="feature releases", allowed=("security fixes", "reliability fixes"),
        ends=Ends.NEXT_PERIOD),)
    assert exhausted.consequences[1].code is Code.RED
    assert policy.tiebreaker == "head of engineering"
    assert policy.escalation == "The parties meet within a day."
    assert policy.contacts == (Contact("Vikram Singh", "head of operations", "#ops-escalation"),
                               Contact("Asha"))
    assert policy.parties == (Party("operations"), Party("product owner", "Rahul"))
    assert policy.next_review == date(2027, 2, 24)
    assert policy.review_after_major_outage is True
    assert policy.uid == "4f0c6a2e"
    assert policy.condition("nothing") is None


def test_lenient_spellings_are_read():
    values = with_condition({"trigger": "Consumed Within", "percent": " 30% ", "window": " 7D ",
                             "consequences": [{"action": "STOP", "activity": "  feature   "
                                               "releases ", "allowed": "security fixes",
                                               "ends": "next_period"}]})
    values["escalation"]["contacts"] = ["Asha"]
    values["parties"] = ["operations"]
    values["review"]["next"] = date(2027, 2, 24)
    policy, problems = read_policy(values)
    assert problems == []
    cond = policy.conditions[0]
    # no key: the trigger names the condition
    assert cond.key == "consumed-within"
    assert cond.percent == Decimal(30)
    assert cond.window == timedelta(days=7)
    assert cond.consequences[0].activity == "feature releases"
    assert cond.consequences[0].allowed == ("security fixes",)
    assert cond.consequences[0].ends is Ends.NEXT_PERIOD
    assert policy.contacts == (Contact("Asha"),)
    assert policy.parties == (Party("operations"),)
    assert policy.next_review == date(2027, 2, 24)


# --- every problem at once -----------------------------------------------------------------


def test_every_problem_is_found_at_once_with_its_part():
    values = full_values()
    values["name"] = "check\x00out"
    values["title"] = "t" * (MAX_TITLE + 1)
    values["owner"] = "someone"
    values["escalation"]["contacts"] = [{"role": "head of operations"}]
    values["review"] = {"next": "24.02.2027", "after_major_outage": "yes"}
    values["conditions"] = [
        {"key": "a", "trigger": "consumed-twice"},
        {"key": "b", "trigger": "consumed"},
        {"key": "c", "trigger": "consumed", "percent": "70", "window": "24h"},
        {"key": "d", "trigger": "consumed-within", "percent": 30.5, "window": "24h"},
        {"key": "e", "trigger": "consumed", "percent": "0"},
        {"key": "f", "trigger": "consumed", "percent": 101},
        {"key": "g", "trigger": "consumed", "percent": "70.1234567"},
        {"key": "h", "trigger": "consumed", "percent": ARABIC_12},
        {"key": "i", "trigger": "exhausted", "threshold": 5},
        {"key": "A", "trigger": "exhausted"},
        {"key": "k", "trigger": "exhausted", "consequences": [
            {"action": "stop", "activity": "feature releases", "ends": "when-decided"},
            {"action": "assign"},
        ]},
    ]
    policy, problems = read_policy(values)
    found = {p.part: p.message for p in problems}
    assert list(found) == [
        "owner",
        "name",
        "title",
        "conditions[0].trigger",
        "conditions[1].percent",
        "conditions[2].window",
        "conditions[3].percent",
        "conditions[4].percent",
        "conditions[5].percent",
        "conditions[6].percent",
        "conditions[7].percent",
        "conditions[8].threshold",
        "conditions[10].consequences[0].ends",
        "conditions[10].consequences[1].people",
        "conditions[9].key",
        "escalation.contacts[0].name",
        "review.next",
        "review.after_major_outage",
    ]
    assert len(problems) == len(found)
    assert found["owner"].startswith("is not a known key; use one of: name, title, team")
    assert found["name"] == "contains a control character; remove it"
    assert found["title"] == f"is {MAX_TITLE + 1} characters long; use at most {MAX_TITLE}"
    assert found["conditions[0].trigger"] == (
        "'consumed-twice' is not one of: consumed, consumed-within, burn-rate, "
        "projected-exhaustion, dependency-share, exhausted")
    assert found["conditions[1].percent"] == "a consumed condition needs it; e.g. 70"
    assert found["conditions[2].window"] == "a consumed condition has no window; remove it"
    assert "floats are not exact" in found["conditions[3].percent"]
    assert found["conditions[4].percent"] == "0 is out of range; use more than 0 and at most 100"
    assert found["conditions[5].percent"] == (
        "101 is out of range; use more than 0 and at most 100")
    assert found["conditions[6].percent"] == "70.1234567 has more than 6 decimal places"
    assert found["conditions[7].percent"] == f"'{ARABIC_12}' is not a number; e.g. 70"
    assert found["conditions[8].threshold"].startswith("is not a known key")
    assert found["conditions[9].key"] == ("'A' is used by another condition; give each "
                                          "condition its own key")
    assert found["conditions[10].consequences[0].ends"] == (
        "a freeze must end on the figures; use when-cleared or next-period")
    assert found["conditions[10].consequences[1].people"].startswith("say how many people")
    assert found["escalation.contacts[0].name"] == "is empty; write it out"
    assert found["review.next"] == ("'24.02.2027' is not a date; write YYYY-MM-DD, "
                                    "e.g. 2027-03-01")
    assert found["review.after_major_outage"] == "must be true or false"
    # the policy holds what could be read, bounded
    assert policy.title == "t" * MAX_TITLE
    assert len(policy.conditions) == 11
    assert policy.conditions[1].percent is None


def test_make_policy_raises_every_problem():
    values = full_values()
    values["name"] = ""
    values["conditions"][0]["percent"] = "seventy"
    with pytest.raises(PolicyProblems) as caught:
        make_policy(values)
    assert [p.part for p in caught.value.problems] == ["name", "conditions[0].percent"]
    assert str(caught.value) == ("name: is empty; write it out; conditions[0].percent: "
                                 "'seventy' is not a number; e.g. 70")
    assert make_policy(full_values()) == read_policy(full_values())[0]


def test_not_a_mapping():
    _policy, problems = read_policy(["name", "checkout"])  # type: ignore[arg-type]
    assert (problems[0].part, problems[0].message) == ("", "must be a mapping of keys to values")
    assert str(problems[0]) == "must be a mapping of keys to values"
    assert problems_of({"name": "x", "conditions": {"key": "a"}})["conditions"] == (
        "must be a list")
    assert problems_of({"name": "x", "scope": ["payments"]})["scope"] == (
        "must be a mapping of keys to values")


@pytest.mark.parametrize(("condition", "part", "message"), [
    ({"trigger": "burn-rate", "window": "1h"}, "burn_rate", "a burn-rate condition needs it; "
                                                            "e.g. 14.4"),
    ({"trigger": "burn-rate", "burn_rate": "2"}, "window", "a burn-rate condition needs it; "
                                                           "e.g. 24h"),
    ({"trigger": "consumed-within", "percent": "30"}, "window",
     "a consumed-within condition needs it; e.g. 24h"),
    ({"trigger": "exhausted", "window": "1h"}, "window",
     "an exhausted condition has no window; remove it"),
    ({"trigger": "dependency-share", "percent": "50", "window": "1h"}, "window",
     "a dependency-share condition has no window; remove it"),
    ({"trigger": "exhausted", "percent": "100"}, "percent",
     "an exhausted condition has no percent; remove it"),
    ({"trigger": "projected-exhaustion", "percent": "100"}, "percent",
     "a projected-exhaustion condition has no percent; remove it"),
    ({"trigger": "consumed", "percent": "70", "burn_rate": "2"}, "burn_rate",
     "a consumed condition has no burn_rate; remove it"),
    ({"trigger": "consumed", "percent": "70", "dependency": "bank"}, "dependency",
     "only a dependency-share condition names a dependency"),
    ({"trigger": "burn-rate", "burn_rate": "0", "window": "1h"}, "burn_rate",
     "0 is out of range; use more than 0 and at most 1000000"),
    ({"trigger": "burn-rate", "burn_rate": "1000001", "window": "1h"}, "burn_rate",
     "1000001 is out of range; use more than 0 and at most 1000000"),
    ({"trigger": "burn-rate", "burn_rate": True, "window": "1h"}, "burn_rate",
     "True must be written as text or a whole number, e.g. '14.4' (floats are not exact)"),
    ({"trigger": "consumed", "percent": "NaN"}, "percent", "'NaN' is not a number; e.g. 70"),
    ({"trigger": "consumed", "percent": "Infinity"}, "percent",
     "'Infinity' is not a number; e.g. 70"),
    ({"trigger": "consumed", "percent": "7" * 31}, "percent",
     f"'{'7' * 31}' is not a number; e.g. 70"),
    ({"trigger": "consumed-within", "percent": "30", "window": "0m"}, "window",
     "0m is out of range; use from 1m to 35d"),
    ({"trigger": "consumed-within", "percent": "30", "window": "36d"}, "window",
     "36d is out of range; use from 1m to 35d"),
    ({"trigger": "consumed-within", "percent": "30", "window": "1.5h"}, "window",
     "'1.5h' is not a window; use a whole number with w, d, h or m, e.g. 24h or 7d"),
    ({"trigger": "consumed-within", "percent": "30", "window": f"{ARABIC_12}h"}, "window",
     f"'{ARABIC_12}h' is not a window; use a whole number with w, d, h or m, e.g. 24h or 7d"),
    ({"key": "k" * 41, "trigger": "exhausted"}, "key",
     "is 41 characters long; use at most 40"),
    ({"trigger": "exhausted", "description": "x\x1b[31m"}, "description",
     "contains a control character; remove it"),
])
def test_condition_problems(condition, part, message):
    assert problems_of(with_condition(condition)) == {f"conditions[0].{part}": message}


def test_percent_bounds_are_kept():
    # just inside the range: 0.000001 (six decimals) and 100
    for percent in ("0.000001", "100", 100, "100%"):
        _policy, problems = read_policy(with_condition({"trigger": "consumed",
                                                        "percent": percent}))
        assert problems == [], percent
    assert read_policy(with_condition({"trigger": "consumed", "percent": "0.000001"})
                       )[0].conditions[0].percent == Decimal("0.000001")
    assert problems_of(with_condition({"trigger": "consumed", "percent": "100.000001"})) == {
        "conditions[0].percent": "100.000001 is out of range; use more than 0 and at most 100"}


def test_window_bounds_are_kept():
    for text, window in (("1m", timedelta(minutes=1)), ("35d", timedelta(days=35)),
                         ("5w", timedelta(days=35))):
        policy, problems = read_policy(with_condition({"trigger": "consumed-within",
                                                       "percent": "30", "window": text}))
        assert problems == []
        assert policy.conditions[0].window == window


@pytest.mark.parametrize(("consequence", "part", "message"), [
    ({"action": "halt"}, "action",
     "'halt' is not one of: assign, conduct, stop, declare"),
    ({"activity": "postmortem"}, "action",
     "is missing; use one of: assign, conduct, stop, declare"),
    ({"action": "conduct"}, "activity", "say which activity; e.g. postmortem"),
    ({"action": "stop"}, "activity", "say which activity; e.g. feature releases"),
    ({"action": "declare"}, "code", "say which code: yellow or red"),
    ({"action": "declare", "code": "orange"}, "code", "'orange' is not one of: yellow, red"),
    ({"action": "assign", "people": 2, "share": "50"}, "share", "give people or share, not both"),
    ({"action": "assign", "people": 0}, "people", "use from 1 to 1000 people"),
    ({"action": "assign", "people": 1001}, "people", "use from 1 to 1000 people"),
    ({"action": "assign", "people": "2.5"}, "people",
     "'2.5' is not a whole number of people; e.g. 2"),
    ({"action": "assign", "people": ARABIC_2}, "people",
     f"'{ARABIC_2}' is not a whole number of people; e.g. 2"),
    ({"action": "assign", "people": True}, "people",
     "True is not a whole number of people; e.g. 2"),
    ({"action": "assign", "share": "0"}, "share",
     "0 is out of range; use more than 0 and at most 100"),
    ({"action": "assign", "share": 0.5}, "share",
     "0.5 must be written as text or a whole number, e.g. '50' (floats are not exact)"),
    ({"action": "conduct", "activity": "postmortem", "allowed": ["security fixes"]}, "allowed",
     "only a freeze (action: stop) lists what stays allowed"),
    ({"action": "conduct", "activity": "postmortem", "ends": "someday"}, "ends",
     "'someday' is not one of: when-cleared, next-period, when-decided"),
    ({"action": "conduct", "activity": "a" * 81}, "activity",
     "is 81 characters long; use at most 80"),
    ({"action": "conduct", "activity": "postmortem", "detail": "d" * 501}, "detail",
     "is 501 characters long; use at most 500"),
    ({"action": "conduct", "activity": "postmortem", "detail": "bell\x07"}, "detail",
     "contains a control character; remove it"),
    ({"action": "conduct", "activity": "postmortem", "who": "me"}, "who",
     "is not a known key; use one of: action, activity, people, share, allowed, code, "
     "detail, ends"),
    # a figure the action does not use is refused rather than kept and ignored
    ({"action": "stop", "activity": "feature releases", "code": "red"}, "code",
     "only a declare consequence names a code; remove it"),
    ({"action": "declare", "code": "red", "people": 2}, "people",
     "only an assign consequence says people; remove it"),
    ({"action": "conduct", "activity": "postmortem", "share": "50"}, "share",
     "only an assign consequence says share; remove it"),
    ({"action": "assign", "people": 2, "activity": "on-call"}, "activity",
     "only a conduct or stop consequence names an activity; remove it"),
    ({"action": "declare", "code": "red", "activity": "incident"}, "activity",
     "only a conduct or stop consequence names an activity; remove it"),
])
def test_consequence_problems(consequence, part, message):
    values = with_condition({"trigger": "exhausted", "consequences": [consequence]})
    assert problems_of(values) == {f"conditions[0].consequences[0].{part}": message}


def test_allowed_listed_twice():
    values = with_condition({"trigger": "exhausted", "consequences": [
        {"action": "stop", "activity": "feature releases",
         "allowed": ["security fixes", "Security  Fixes"]}]})
    assert problems_of(values) == {"conditions[0].consequences[0].allowed[1]":
                                   "'Security Fixes' is listed twice; list it once"}


def test_a_freeze_may_end_on_the_figures():
    for ends in ("when-cleared", "next-period"):
        values = with_condition({"trigger": "exhausted", "consequences": [
            {"action": "stop", "activity": "feature releases", "ends": ends}]})
        assert problems_of(values) == {}


def test_duplicate_keys_ignore_case():
    values = with_condition({"key": "Fast-Burn", "trigger": "exhausted"})
    values["conditions"].append({"key": "fast-burn", "trigger": "consumed", "percent": "70"})
    values["conditions"].append({"trigger": "exhausted"})
    values["conditions"].append({"trigger": "exhausted"})
    assert problems_of(values) == {
        "conditions[1].key": "'fast-burn' is used by another condition; give each condition "
                             "its own key",
        "conditions[3].key": "'exhausted' is used by another condition; give each condition "
                             "its own key"}


def test_scope_entries_listed_twice_and_lists_bounded():
    values = full_values()
    values["scope"] = {"services": ["payments", "PAYMENTS"], "slos": [f"s{n}" for n in range(51)]}
    policy, problems = read_policy(values)
    assert {p.part: p.message for p in problems} == {
        "scope.services[1]": "'PAYMENTS' is listed twice; list it once",
        "scope.slos": "has 51 entries; use at most 50"}
    assert policy.services == ("payments",)
    assert len(policy.slos) == 50


def test_too_many_conditions_are_bounded():
    values = full_values()
    values["conditions"] = [{"key": f"c{n}", "trigger": "exhausted"}
                            for n in range(MAX_CONDITIONS + 1)]
    policy, problems = read_policy(values)
    assert [(p.part, p.message) for p in problems] == [
        ("conditions", f"has {MAX_CONDITIONS + 1} entries; use at most {MAX_CONDITIONS}")]
    assert len(policy.conditions) == MAX_CONDITIONS


def test_over_long_purpose_is_bounded():
    values = full_values()
    values["purpose"] = "p" * (MAX_PURPOSE + 5)
    policy, problems = read_policy(values)
    assert [p.part for p in problems] == ["purpose"]
    assert problems_of(values) == {
        "purpose": f"is {MAX_PURPOSE + 5} characters long; use at most {MAX_PURPOSE}"}
    assert len(policy.purpose) == MAX_PURPOSE


def test_text_is_tidied():
    values = full_values()
    values["title"] = "  Checkout\t error   budget policy "
    values["purpose"] = "\n  First line.   \n\tSecond line.  \n\n"
    policy, problems = read_policy(values)
    assert problems == []
    # one-line text: whitespace collapsed; multi-line text: lines kept, trailing space gone
    assert policy.title == "Checkout error budget policy"
    assert policy.purpose == "First line.\n\tSecond line."


def test_control_characters_are_refused_even_in_multi_line_text():
    values = full_values()
    values["purpose"] = "First line.\n\x00"
    values["escalation"]["procedure"] = "Call\x1b[2J"
    assert problems_of(values) == {
        "purpose": "contains a control character; remove it",
        "escalation.procedure": "contains a control character; remove it"}


def test_wrong_types_are_named():
    values = full_values()
    values["title"] = ["a list"]
    values["team"] = True
    assert problems_of(values) == {"title": "must be text, not list",
                                   "team": "must be text, not bool"}


def test_name_needs_a_letter_or_digit():
    values = full_values()
    values["name"] = "---"
    assert problems_of(values) == {"name": "needs at least one letter or digit"}


# --- policy_values is the inverse of read_policy -------------------------------------------


def test_starter_policy_round_trips():
    starter = starter_policy("checkout", team="Checkout", services=["payments"],
                             slos=["upi-payments"], today=date(2026, 11, 25))
    policy, problems = read_policy(policy_values(starter))
    assert problems == []
    assert policy == starter


def test_a_policy_using_every_field_round_trips():
    first = make_policy(full_values())
    values = policy_values(first)
    again, problems = read_policy(deepcopy(values))
    assert problems == []
    assert again == first
    assert policy_values(again) == values


def test_policy_values_shape():
    values = policy_values(make_policy(full_values()))
    assert values["scope"] == {"services": ["payments"], "slos": ["upi-payments",
                                                                  "card-payments"]}
    assert values["conditions"][1] == {
        "key": "fast-burn", "trigger": "consumed-within", "percent": "30.5", "window": "24h",
        "consequences": [{"action": "assign", "share": "50", "ends": "when-decided"}]}
    assert values["conditions"][2]["burn_rate"] == "14.4"
    assert values["conditions"][2]["consequences"] == [
        {"action": "assign", "people": 2, "ends": "when-cleared"}]
    assert values["escalation"]["contacts"] == [
        {"name": "Vikram Singh", "role": "head of operations", "how": "#ops-escalation"},
        {"name": "Asha"}]
    assert values["parties"] == [{"role": "operations"},
                                 {"role": "product owner", "name": "Rahul"}]
    assert values["review"] == {"next": "2027-02-24", "after_major_outage": True}
    assert values["uid"] == "4f0c6a2e"


def test_numbers_round_trip_exactly():
    cond = Condition("c", Trigger.CONSUMED, percent=Decimal("70.500"))
    burn = Condition("b", Trigger.BURN_RATE, burn_rate=Decimal("1E+3"),
                     window=timedelta(minutes=90))
    policy = Policy(name="p", conditions=(cond, burn))
    values = policy_values(policy)
    assert values["conditions"][0]["percent"] == "70.5"
    assert values["conditions"][1]["burn_rate"] == "1000"
    assert values["conditions"][1]["window"] == "90m"
    assert read_policy(values)[0] == policy


def test_an_empty_policy_round_trips():
    bare = Policy(name="bare")
    assert read_policy(policy_values(bare)) == (bare, [])


# --- missing parts, parties ----------------------------------------------------------------


def test_missing_parts_of_an_empty_policy_in_the_table_order():
    assert missing_parts(Policy(name="bare")) == (
        MissingPart("scope", "name the services or SLOs the policy covers"),
        MissingPart("purpose", "say what the policy is for"),
        MissingPart("conditions", "add at least one condition"),
        MissingPart("escalation.tiebreaker",
                    "name the role that decides when the parties disagree"),
        MissingPart("review", "set the next review date"),
    )


def test_missing_parts_of_the_starter_policy():
    starter = starter_policy("checkout", services=["payments"], today=date(2026, 11, 25))
    assert [m.part for m in missing_parts(starter)] == ["purpose", "escalation.tiebreaker"]
    assert starter.next_review == date(2027, 2, 24)   # 13 weeks on


def test_a_condition_without_consequences_is_missing_them():
    policy = make_policy(full_values()).with_changes(conditions=(
        Condition("quiet", Trigger.EXHAUSTED),))
    assert missing_parts(policy) == (MissingPart(
        "conditions[0].consequences", "condition quiet has no consequence; add one"),)


def test_a_complete_policy_misses_nothing():
    assert missing_parts(make_policy(full_values())) == ()
    # a review after every major outage is a review rule of its own
    policy = make_policy(full_values()).with_changes(next_review=None)
    assert missing_parts(policy) == ()


def test_required_parties_default_order():
    policy = Policy(name="p", contacts=(Contact("Vikram Singh", "head of operations"),
                                        Contact("Asha")))
    assert policy.required_parties() == (
        Party("operations"), Party("development"), Party("product owner"),
        Party("head of operations", "Vikram Singh"), Party("escalation", "Asha"))
    assert Policy(name="p").required_parties() == DEFAULT_POLICY_PARTIES


def test_required_parties_set_by_the_policy():
    policy = make_policy(full_values())
    assert policy.required_parties() == (Party("operations"), Party("product owner", "Rahul"))


# --- windows and descriptions --------------------------------------------------------------


@pytest.mark.parametrize(("window", "text"), [
    (timedelta(hours=24), "24h"),
    (timedelta(days=2), "2d"),
    (timedelta(days=7), "7d"),
    (timedelta(weeks=2), "14d"),
    (timedelta(hours=36), "36h"),
    (timedelta(hours=1), "1h"),
    (timedelta(minutes=90), "90m"),
    (timedelta(minutes=1), "1m"),
    (None, ""),
])
def test_duration_text(window, text):
    assert duration_text(window) == text


@pytest.mark.parametrize(("text", "window"), [
    ("24h", timedelta(hours=24)),
    (" 7D ", timedelta(days=7)),
    ("2w", timedelta(weeks=2)),
    ("90m", timedelta(minutes=90)),
    ("999999m", timedelta(minutes=999_999)),
    (timedelta(hours=3), timedelta(hours=3)),
    ("1.5h", None),
    ("24", None),
    ("h", None),
    ("", None),
    ("-5m", None),
    ("+5m", None),
    (f"{ARABIC_12}h", None),
    ("5s", None),
    ("1000000m", None),
    (24, None),
    (None, None),
])
def test_parse_window(text, window):
    assert parse_window(text) == window


def test_duration_text_reads_back():
    for text in ("24h", "2d", "7d", "36h", "90m", "1m", "35d"):
        window = parse_window(text)
        assert window is not None and duration_text(window) == text


def test_descriptions():
    policy = make_policy(full_values())
    assert [c.describe() for c in policy.conditions] == [
        "70% of the budget consumed",
        "30.5% of the budget consumed within 24h",
        "burn rate 14.4 or more over 1h",
        "budget projected to run out before the period ends (burn rate over 6h)",
        "bank caused 50% or more of the bad events",
        "one dependency caused 60% or more of the bad events",
        "budget exhausted",
    ]
    exhausted = policy.condition("exhausted")
    assert exhausted is not None
    assert [c.describe() for c in exhausted.consequences] == [
        "stop feature releases (still allowed: security fixes, reliability fixes)",
        "declare code red"]
    assert Consequence(Action.ASSIGN, people=1).describe() == "assign 1 person to reliability work"
    assert Consequence(Action.ASSIGN, people=3).describe() == (
        "assign 3 people to reliability work")
    assert Consequence(Action.ASSIGN, share=Decimal("50.0")).describe() == (
        "assign 50% of the team to reliability work")
    assert Trigger.DEPENDENCY.title == "one dependency's share"


def test_review_date_with_a_time_is_refused():
    # YAML reads "2027-02-24 10:00" as a timestamp; as a date it would not read back
    values = full_values()
    values["review"]["next"] = datetime(2027, 2, 24, 10, 0)
    assert problems_of(values) == {"review.next": "2027-02-24 10:00:00 has a time of day; "
                                                  "write the date alone, e.g. 2027-03-01"}
