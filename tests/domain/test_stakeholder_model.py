"""The stakeholder model: the quadrant rule (book ch. 5, tables 5.2 and 5.3), validation of
every field, the plain-values round trip, whole-chart checks and the list orders."""

from __future__ import annotations

import dataclasses
import itertools
import re
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.stakeholders import (
    FIELDS,
    GRID,
    LIST_ORDER,
    MAX_STAKEHOLDERS,
    SORT_KEYS,
    Chart,
    Group,
    Level,
    Quadrant,
    Stage,
    Stakeholder,
    StakeholderError,
    Stance,
    check_people,
    make_stakeholder,
    quadrant_of,
    sorted_people,
    stakeholder_problems,
    stakeholder_values,
)
from workbench.domain.stakeholders.model import (
    MAX_ACTION,
    MAX_NAME,
    MAX_NOTES,
    MAX_OWNER,
    MAX_ROLE,
)

H, L = Level.HIGH, Level.LOW

# Table 5.2 of the book, written out: (formal power, interest) -> category.
BOOK_TABLE = {
    ("high", "low"): "Keep satisfied",
    ("high", "high"): "Engage fully",
    ("low", "low"): "Monitor",
    ("low", "high"): "Keep informed",
}

# Table 5.3: the example chart, by (power, interest).
BOOK_EXAMPLE = {
    ("high", "low"): ["Head of legal", "Head of regulatory affairs", "Head of finance",
                      "Head of marketing", "Head of sales",
                      "Head of product delivery organization"],
    ("high", "high"): ["Head of operations", "Head of development",
                       "Head of product management"],
    ("low", "low"): ["Head of procurement", "Head of portfolio management"],
    ("low", "high"): ["Head of partner management",
                      "Other product delivery organizations in the company"],
}


def person(name="Asha Rao", power="high", interest="high", **extra) -> Stakeholder:
    return make_stakeholder({"name": name, "power": power, "interest": interest, **extra})


def error_of(values) -> StakeholderError:
    with pytest.raises(StakeholderError) as info:
        make_stakeholder(values)
    return info.value


BASE = {"name": "Asha Rao", "power": "high", "interest": "low"}


# --- the quadrant ---------------------------------------------------------------------------


@pytest.mark.parametrize(("power", "interest"), list(BOOK_TABLE))
def test_quadrant_of_follows_table_5_2(power, interest):
    expected = BOOK_TABLE[(power, interest)]
    assert quadrant_of(power, interest).title == expected
    assert quadrant_of(Level(power), Level(interest)).title == expected


def test_quadrant_values_and_titles_are_exact():
    assert [(q.value, q.title) for q in Quadrant] == [
        ("keep-satisfied", "Keep satisfied"), ("engage-fully", "Engage fully"),
        ("monitor", "Monitor"), ("keep-informed", "Keep informed")]
    assert {quadrant_of(p, i) for p, i in itertools.product(Level, Level)} == set(Quadrant)


def test_quadrant_of_refuses_other_levels():
    with pytest.raises(ValueError):
        quadrant_of("medium", "high")
    with pytest.raises(ValueError):
        quadrant_of("high", "HIGH")  # the raw rule takes exact values; input is read earlier


def test_the_book_example_chart_lands_in_its_quadrants():
    people = [person(name, p, i) for (p, i), names in BOOK_EXAMPLE.items() for name in names]
    chart = Chart(tuple(people))
    by_title = {q.title: [p.name for p in members] for q, members in chart.by_quadrant().items()}
    assert by_title == {BOOK_TABLE[key]: names for key, names in BOOK_EXAMPLE.items()}
    assert list(chart.by_quadrant()) == list(Quadrant)


OPTIONAL = list(itertools.product(
    [None, *Stance], [None, *Level], [None, *Stage], list(Group)))


@pytest.mark.parametrize(("power", "interest"), list(itertools.product(Level, Level)))
def test_optional_fields_never_change_the_quadrant(power, interest):
    expected = BOOK_TABLE[(power.value, interest.value)]
    assert len(OPTIONAL) == 4 * 3 * 6 * 5
    for stance, influence, stage, group in OPTIONAL:
        direct = Stakeholder("X", power, interest, group=group, stance=stance,
                             influence=influence, stage=stage, next_action="call",
                             owner="Coach")
        read = make_stakeholder({
            "name": "X", "power": power.value.upper(), "interest": interest.value.title(),
            "group": group.value, "stance": stance.value if stance else None,
            "influence": influence.value if influence else "",
            "stage": stage.value if stage else None})
        assert direct.quadrant.title == expected, (stance, influence, stage, group)
        assert read.quadrant.title == expected, (stance, influence, stage, group)
        assert (read.stance, read.influence, read.stage, read.group) == (
            stance, influence, stage, group)


def test_grid_is_drawn_as_in_table_5_2():
    # rows: high formal power on top; columns: low interest left, high interest right
    assert [[q.title for q in row] for row in GRID] == [
        ["Keep satisfied", "Engage fully"], ["Monitor", "Keep informed"]]
    for row, power in zip(GRID, (H, L), strict=True):
        for quadrant, interest in zip(row, (L, H), strict=True):
            assert (quadrant.power, quadrant.interest) == (power, interest)


def test_list_order_starts_with_the_most_attention():
    assert LIST_ORDER == (Quadrant.ENGAGE_FULLY, Quadrant.KEEP_SATISFIED,
                          Quadrant.KEEP_INFORMED, Quadrant.MONITOR)


@pytest.mark.parametrize("quadrant", list(Quadrant))
def test_quadrant_power_and_interest_invert_quadrant_of(quadrant):
    assert quadrant_of(quadrant.power, quadrant.interest) is quadrant
    assert BOOK_TABLE[(quadrant.power.value, quadrant.interest.value)] == quadrant.title


FLIPS = {
    (Quadrant.KEEP_SATISFIED, "power"): Quadrant.MONITOR,
    (Quadrant.KEEP_SATISFIED, "interest"): Quadrant.ENGAGE_FULLY,
    (Quadrant.ENGAGE_FULLY, "power"): Quadrant.KEEP_INFORMED,
    (Quadrant.ENGAGE_FULLY, "interest"): Quadrant.KEEP_SATISFIED,
    (Quadrant.MONITOR, "power"): Quadrant.KEEP_SATISFIED,
    (Quadrant.MONITOR, "interest"): Quadrant.KEEP_INFORMED,
    (Quadrant.KEEP_INFORMED, "power"): Quadrant.ENGAGE_FULLY,
    (Quadrant.KEEP_INFORMED, "interest"): Quadrant.MONITOR,
}


@pytest.mark.parametrize(("start", "axis"), list(FLIPS))
def test_flipped_moves_to_the_neighbouring_quadrant(start, axis):
    before = person(power=start.power, interest=start.interest, stance="detractor",
                    stage="interest", notes="n", uid="u-1")
    after = before.flipped(axis)
    assert after.quadrant is FLIPS[(start, axis)]
    assert after.flipped(axis) == before
    unchanged = {f: getattr(before, f) for f in FIELDS if f != axis}
    assert {f: getattr(after, f) for f in FIELDS if f != axis} == unchanged


def test_flipped_refuses_another_axis():
    with pytest.raises(StakeholderError) as info:
        person().flipped("stance")
    assert info.value.field == "axis"
    assert str(info.value) == "axis: 'stance' is not an axis; use power or interest"


def test_level_flipped_and_stage_rank():
    assert (H.flipped, L.flipped) == (L, H)
    assert [(s.value, s.rank) for s in Stage] == [
        ("awareness", 0), ("interest", 1), ("understanding", 2), ("agreement", 3),
        ("engagement", 4)]


# --- validation -----------------------------------------------------------------------------

TEXT_LIMITS = [("name", MAX_NAME), ("role", MAX_ROLE), ("owner", MAX_OWNER),
               ("next_action", MAX_ACTION), ("notes", MAX_NOTES)]


def test_limits_are_the_documented_ones():
    assert dict(TEXT_LIMITS) == {"name": 80, "role": 80, "owner": 80, "next_action": 200,
                                 "notes": 2000}
    assert MAX_STAKEHOLDERS == 500


@pytest.mark.parametrize(("field", "limit"), TEXT_LIMITS)
def test_text_at_the_limit_passes_and_one_over_fails(field, limit):
    at_limit = make_stakeholder({**BASE, field: "  " + "x" * limit + "  "})
    assert getattr(at_limit, field) == "x" * limit
    problem = error_of({**BASE, field: "x" * (limit + 1)})
    assert problem.field == field
    assert problem.message == f"is {limit + 1} characters long (use at most {limit})"
    assert str(problem) == f"{field}: is {limit + 1} characters long (use at most {limit})"


def test_length_is_counted_after_folding_spaces():
    folded = make_stakeholder({**BASE, "name": "a" + " \t\n " * 50 + "b" * 78})
    assert folded.name == "a " + "b" * 78
    assert len(folded.name) == MAX_NAME


@pytest.mark.parametrize(("field", "limit"), TEXT_LIMITS)
@pytest.mark.parametrize("ch", ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\ud800"])
def test_control_characters_are_refused_in_every_text_field(field, limit, ch):
    problem = error_of({**BASE, field: f"ab{ch}cd"})
    assert problem.field == field
    if ch == "\ud800":
        assert problem.message == "contains an invisible control character (U+D800); delete it"
    else:
        assert problem.message == (f"contains an invisible control character "
                                   f"(U+{ord(ch):04X}); delete it")


def test_tabs_and_line_breaks_fold_but_notes_keep_lines():
    p = make_stakeholder({**BASE, "name": " Asha\tRao\r\n", "role": "Head\nof ops",
                          "notes": "  first   line \r\n\n second\tline  \n"})
    assert (p.name, p.role) == ("Asha Rao", "Head of ops")
    assert p.notes == "first line\n\nsecond line"


@pytest.mark.parametrize("blank", [None, "", "   ", "\t\n"])
def test_name_is_required(blank):
    values = {**BASE, "name": blank}
    assert str(error_of(values)) == "name: is empty (write it out)"
    assert str(error_of({k: v for k, v in BASE.items() if k != "name"})) == \
        "name: is empty (write it out)"


@pytest.mark.parametrize(("field", "raw", "kind"), [
    ("name", 42, "int"), ("name", True, "bool"), ("role", 3.5, "float"),
    ("owner", ["Coach"], "list"), ("notes", {"a": 1}, "dict"), ("next_action", b"x", "bytes"),
])
def test_wrong_types_for_text(field, raw, kind):
    problem = error_of({**BASE, field: raw})
    assert (problem.field, problem.message) == (field, f"is {kind}, not text (write it as text)")


@pytest.mark.parametrize(("field", "choices"), [
    ("power", "high, low"), ("interest", "high, low"), ("influence", "high, low"),
    ("stance", "supporter, neutral, detractor"),
    ("stage", "awareness, interest, understanding, agreement, engagement"),
    ("group", "development, operations, product, executive, other"),
])
def test_choices_refuse_bools_numbers_and_unknown_words(field, choices):
    assert str(error_of({**BASE, field: True})) == f"{field}: is True (use one of: {choices})"
    assert str(error_of({**BASE, field: 1})) == f"{field}: is 1 (use one of: {choices})"
    assert str(error_of({**BASE, field: " medium "})) == (
        f"{field}: 'medium' is not allowed (use one of: {choices})")


@pytest.mark.parametrize("field", ["power", "interest"])
@pytest.mark.parametrize("blank", [None, "", "  "])
def test_power_and_interest_are_required(field, blank):
    assert str(error_of({**BASE, field: blank})) == \
        f"{field}: is missing (use one of: high, low)"


@pytest.mark.parametrize(("raw", "expected"), [
    ("High", H), (" HIGH ", H), ("low", L), ("Low\t", L),
])
def test_levels_ignore_case_and_spaces(raw, expected):
    assert make_stakeholder({**BASE, "power": raw, "influence": raw}).power is expected
    assert make_stakeholder({**BASE, "influence": raw}).influence is expected


def test_other_choices_ignore_case():
    p = make_stakeholder({**BASE, "stance": "Detractor", "stage": " UNDERSTANDING",
                          "group": "Operations"})
    assert (p.stance, p.stage, p.group) == (Stance.DETRACTOR, Stage.UNDERSTANDING,
                                            Group.OPERATIONS)
    # Only spelling variants of a word are read; a word that is not a value is refused.
    assert error_of({**BASE, "stage": "under standing"}).field == "stage"
    assert error_of({**BASE, "group": "ops"}).field == "group"


def test_unset_optional_choices_and_group_default():
    p = make_stakeholder({**BASE, "group": "", "stance": None, "influence": " ",
                          "stage": ""})
    assert (p.group, p.stance, p.influence, p.stage) == (Group.OTHER, None, None, None)
    assert make_stakeholder(BASE).group is Group.OTHER


@pytest.mark.parametrize("field", ["last_contact", "next_action_due"])
@pytest.mark.parametrize(("raw", "message"), [
    ("2026-02-30", "'2026-02-30' is not a day of the calendar; use YYYY-MM-DD, e.g. 2026-11-02"),
    ("2027-02-29", "'2027-02-29' is not a day of the calendar; use YYYY-MM-DD, e.g. 2026-11-02"),
    ("20261102", "'20261102' is not a date; use YYYY-MM-DD, e.g. 2026-11-02"),
    ("2026-W48-1", "'2026-W48-1' is not a date; use YYYY-MM-DD, e.g. 2026-11-02"),
    ("2026-1-2", "'2026-1-2' is not a date; use YYYY-MM-DD, e.g. 2026-11-02"),
    ("02/11/2026", "'02/11/2026' is not a date; use YYYY-MM-DD, e.g. 2026-11-02"),
    (20261102, "is 20261102, not a date (use YYYY-MM-DD)"),
    (True, "is True, not a date (use YYYY-MM-DD)"),
    (datetime(2026, 11, 2, 9, 30),
     "is a date and time (2026-11-02T09:30:00); use the day alone, YYYY-MM-DD"),
])
def test_bad_dates(field, raw, message):
    problem = error_of({**BASE, field: raw})
    assert (problem.field, problem.message) == (field, message)


@pytest.mark.parametrize("field", ["last_contact", "next_action_due"])
def test_good_dates(field):
    assert getattr(make_stakeholder({**BASE, field: "2028-02-29"}), field) == date(2028, 2, 29)
    assert getattr(make_stakeholder({**BASE, field: " 2026-12-31 "}), field) == \
        date(2026, 12, 31)
    assert getattr(make_stakeholder({**BASE, field: date(2026, 1, 1)}), field) == \
        date(2026, 1, 1)
    for blank in (None, "", "  "):
        assert getattr(make_stakeholder({**BASE, field: blank}), field) is None


def test_unknown_keys_are_refused_even_the_derived_quadrant():
    problem = error_of({**BASE, "quadrant": "monitor"})
    assert problem.field == "quadrant"
    assert problem.message == ("is not a field of a stakeholder (use: name, role, group, "
                               "power, interest, stance, influence, stage, owner, "
                               "last_contact, next_action, next_action_due, notes, uid)")
    assert error_of({**BASE, "Name": "x"}).field == "Name"


def test_every_problem_is_listed_unknown_keys_first_then_in_field_order():
    problems = stakeholder_problems({
        "stage": "done", "name": "", "colour": "red", "power": "x", "uid": "a b",
        "last_contact": "2026-13-01", "notes": "ok"})
    assert [p.field for p in problems] == ["colour", "name", "power", "interest", "stage",
                                           "last_contact", "uid"]
    assert stakeholder_problems(BASE) == []
    assert str(error_of({"name": "", "power": "x"})) == "name: is empty (write it out)"


def test_fields_match_the_dataclass():
    assert sorted(FIELDS) == sorted(f.name for f in dataclasses.fields(Stakeholder))
    assert FIELDS[:5] == ("name", "role", "group", "power", "interest")
    assert len(set(FIELDS)) == len(FIELDS) == 14


# --- uid ------------------------------------------------------------------------------------


@pytest.mark.parametrize("uid", ["a", "x" * 40, "A-b_9", "0123456789ab"])
def test_good_uids_are_kept(uid):
    assert make_stakeholder({**BASE, "uid": uid}).uid == uid


@pytest.mark.parametrize(("uid", "shown"), [
    ("x" * 41, repr("x" * 41)), ("a b", "'a b'"), (" a", "' a'"), ("é1", "'é1'"),
    ("a/b", "'a/b'"), ("a.b", "'a.b'"), (12, "12"), (True, "True"),
    ("\uff11\uff12", "'\uff11\uff12'"),  # full-width digits
])
def test_bad_uids_are_refused(uid, shown):
    problem = error_of({**BASE, "uid": uid})
    assert problem.field == "uid"
    assert problem.message == (f"{shown} is not an id (use up to 40 letters, digits, '-' or "
                               "'_'; or leave it out)")


def test_missing_uid_gets_a_fresh_one():
    uids = {make_stakeholder({**BASE, "uid": blank}).uid for blank in (None, "")}
    uids |= {make_stakeholder(BASE).uid for _ in range(20)}
    assert len(uids) == 22
    assert all(re.fullmatch(r"[0-9a-f]{12}", uid) for uid in uids)


# --- plain values round trip ----------------------------------------------------------------


def test_stakeholder_values_exact():
    p = make_stakeholder({
        "name": "Asha Rao", "role": "Head of Operations", "group": "operations",
        "power": "High", "interest": "low", "stance": "supporter", "influence": "high",
        "stage": "agreement", "owner": "Priya", "last_contact": "2026-11-02",
        "next_action": "Coffee", "next_action_due": date(2026, 12, 1), "notes": "a\nb",
        "uid": "u1"})
    assert stakeholder_values(p) == {
        "name": "Asha Rao", "role": "Head of Operations", "group": "operations",
        "power": "high", "interest": "low", "stance": "supporter", "influence": "high",
        "stage": "agreement", "owner": "Priya", "last_contact": "2026-11-02",
        "next_action": "Coffee", "next_action_due": "2026-12-01", "notes": "a\nb",
        "uid": "u1"}
    assert list(stakeholder_values(p)) == list(FIELDS)
    bare = stakeholder_values(make_stakeholder({**BASE, "uid": "u2"}))
    assert bare == {"name": "Asha Rao", "role": "", "group": "other", "power": "high",
                    "interest": "low", "stance": None, "influence": None, "stage": None,
                    "owner": "", "last_contact": None, "next_action": "",
                    "next_action_due": None, "notes": "", "uid": "u2"}


def _text(limit: int, *, min_size: int = 0):
    return st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=min_size,
                   max_size=limit)


def _choice(enum, *, optional: bool = True):
    words = [m.value for m in enum]
    spelled = st.sampled_from(words).flatmap(
        lambda w: st.sampled_from([w, w.upper(), w.title(), f" {w} "]))
    return st.one_of(st.none(), st.just(""), spelled) if optional else spelled


_days = st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2100, 12, 31)).flatmap(
    lambda d: st.sampled_from([d, d.isoformat()])))

people_values = st.fixed_dictionaries({
    "name": _text(MAX_NAME, min_size=1).filter(lambda s: s.split()),
    "power": _choice(Level, optional=False), "interest": _choice(Level, optional=False),
}, optional={
    "role": _text(MAX_ROLE), "owner": _text(MAX_OWNER), "next_action": _text(MAX_ACTION),
    "notes": _text(300), "group": _choice(Group), "stance": _choice(Stance),
    "influence": _choice(Level), "stage": _choice(Stage), "last_contact": _days,
    "next_action_due": _days,
    "uid": st.text("abcXYZ019-_", min_size=1, max_size=40),
})


@settings(max_examples=150, deadline=None)
@given(people_values)
def test_values_round_trip(values):
    made = make_stakeholder(values)
    plain = stakeholder_values(made)
    assert all(v is None or isinstance(v, str) for v in plain.values())
    again = make_stakeholder(plain)
    assert again == made
    assert stakeholder_values(again) == plain
    assert again.quadrant.title == BOOK_TABLE[(made.power.value, made.interest.value)]
    assert made.name == " ".join(values["name"].split())
    if "uid" in values:
        assert made.uid == values["uid"]


# --- the whole list -------------------------------------------------------------------------


def test_check_people_finds_duplicate_names_ignoring_case_and_spaces():
    people = [Stakeholder("Asha Rao", H, H, uid="1"), Stakeholder("asha  RAO", L, L, uid="2"),
              Stakeholder("Ben", H, L, uid="3")]
    assert check_people(people) == [
        "'asha  RAO' is on the chart twice (names must differ, ignoring case)"]


def test_check_people_finds_duplicate_uids():
    people = [Stakeholder("Asha", H, H, uid="u"), Stakeholder("Ben", H, H, uid="u")]
    assert check_people(people) == ["'Ben' has the same uid as 'Asha' (remove one uid)"]


def test_check_people_ignores_missing_uids():
    people = [Stakeholder("Asha", H, H), Stakeholder("Ben", H, H), Stakeholder("Cem", L, L)]
    assert check_people(people) == []


def test_check_people_counts_the_limit():
    many = [Stakeholder(f"P{i}", H, H, uid=f"u{i}") for i in range(MAX_STAKEHOLDERS + 1)]
    assert check_people(many[:MAX_STAKEHOLDERS]) == []
    assert check_people(iter(many)) == ["the chart has 501 people (at most 500)"]


def test_check_people_reports_everything():
    people = [Stakeholder("A", H, H, uid="u"), Stakeholder("a", H, H, uid="u"),
              *(Stakeholder(f"P{i}", H, H, uid=f"p{i}") for i in range(MAX_STAKEHOLDERS))]
    assert check_people(people) == [
        "'a' is on the chart twice (names must differ, ignoring case)",
        "'a' has the same uid as 'A' (remove one uid)",
        "the chart has 502 people (at most 500)"]


# --- the chart and its list orders ----------------------------------------------------------


def test_chart_find_and_quadrants():
    a = Stakeholder("Asha Rao", H, H, uid="a")
    b = Stakeholder("Ben", L, H, uid="b")
    c = Stakeholder("Cem", L, H, uid="c")
    chart = Chart((a, b, c))
    assert chart.find("  ASHA   rao ") is a
    assert chart.find("Asha") is None
    assert chart.find("") is None
    assert chart.in_quadrant(Quadrant.KEEP_INFORMED) == (b, c)
    assert chart.in_quadrant(Quadrant.MONITOR) == ()
    assert chart.by_quadrant() == {Quadrant.KEEP_SATISFIED: (), Quadrant.ENGAGE_FULLY: (a,),
                                   Quadrant.MONITOR: (), Quadrant.KEEP_INFORMED: (b, c)}
    assert (Chart().people, Chart().plan, Chart().version) == ((), None, 0)


SORTABLE = [
    Stakeholder("dana", L, L, stance=Stance.SUPPORTER, stage=Stage.ENGAGEMENT,
                next_action_due=date(2026, 12, 1)),
    Stakeholder("Cem", H, L, stance=None, stage=None),
    Stakeholder("ben", H, H, stance=Stance.DETRACTOR, stage=Stage.AWARENESS,
                next_action_due=date(2026, 11, 30)),
    Stakeholder("Ann", L, H, stance=Stance.NEUTRAL, stage=Stage.AWARENESS,
                next_action_due=date(2026, 12, 1)),
    Stakeholder("Eve", H, H, stance=Stance.DETRACTOR, stage=Stage.AGREEMENT),
    Stakeholder("abe", L, L, stance=Stance.SUPPORTER, stage=None,
                next_action_due=date(2026, 11, 30)),
]

SORTED = {
    "quadrant": ["ben", "Eve", "Cem", "Ann", "abe", "dana"],
    "stance": ["ben", "Eve", "Ann", "abe", "dana", "Cem"],
    "stage": ["abe", "Cem", "Ann", "ben", "Eve", "dana"],
    "due": ["abe", "ben", "Ann", "dana", "Cem", "Eve"],
    "name": ["abe", "Ann", "ben", "Cem", "dana", "Eve"],
}


@pytest.mark.parametrize("by", SORT_KEYS)
def test_sorted_people_for_every_key(by):
    assert [p.name for p in sorted_people(SORTABLE, by)] == SORTED[by]
    assert [p.name for p in sorted_people(reversed(SORTABLE), by)] == SORTED[by]


def test_sort_keys_and_default():
    assert SORT_KEYS == ("quadrant", "stance", "stage", "due", "name")
    assert set(SORTED) == set(SORT_KEYS)
    assert sorted_people(SORTABLE) == sorted_people(SORTABLE, "quadrant")
    assert sorted_people([]) == []


def test_sorted_people_refuses_unknown_key():
    with pytest.raises(ValueError) as info:
        sorted_people(SORTABLE, "power")
    assert str(info.value) == ("cannot sort by 'power'; use one of: name, quadrant, stance, "
                               "stage, due")
