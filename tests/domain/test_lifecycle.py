"""The shared document lifecycle: who counts as having signed, when a document is agreed,
which revision is in force or superseded, and field-by-field diffs."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.domain.lifecycle import (
    DEFAULT_PARTIES,
    FieldChange,
    LifecycleError,
    LifecycleState,
    Party,
    SignOff,
    diff_snapshots,
    in_force,
    is_new_signoff,
    missing_parties,
    parse_party,
    parse_signoff,
    shown_statuses,
    status_after_signing,
    unique_parties,
)
from workbench.domain.organisation import ArtifactStatus

D = ArtifactStatus.DRAFT
A = ArtifactStatus.AGREED
S = ArtifactStatus.SUPERSEDED
DAY = date(2026, 11, 25)


def sign(name: str, role: str) -> SignOff:
    return SignOff(name, role, DAY)


def test_parse_party_and_signoff():
    assert parse_party("operations") == Party("operations")
    assert parse_party("  Product   Owner ") == Party("Product Owner")
    assert parse_party("Asha Rao:operations") == Party("operations", "Asha Rao")
    # the last colon separates: names may hold one, roles never do
    assert parse_party("Dr: Who:coach") == Party("coach", "Dr: Who")
    assert parse_signoff("Asha Rao:operations", DAY, "fine") == SignOff(
        "Asha Rao", "operations", DAY, "fine")
    for bad in ("Asha", ":operations", "Asha:", "  :  "):
        with pytest.raises(LifecycleError, match="NAME:ROLE"):
            parse_signoff(bad, DAY)
    with pytest.raises(LifecycleError, match="control character"):
        parse_signoff("As\x1bha:operations", DAY)
    with pytest.raises(LifecycleError, match="at most 80"):
        parse_signoff("A" * 81 + ":operations", DAY)
    with pytest.raises(LifecycleError, match="role is empty"):
        parse_party(" ")


def test_role_parties_take_anyone_in_the_role_named_parties_only_that_person():
    ops, asha = Party("operations"), Party("operations", "Asha")
    assert ops.satisfied_by(sign("Ravi", "Operations"))
    assert not asha.satisfied_by(sign("Ravi", "operations"))
    assert asha.satisfied_by(sign("asha", " OPERATIONS "))
    assert not asha.satisfied_by(sign("Asha", "development"))
    assert asha.label == "Asha (operations)" and ops.label == "operations"


def test_agreed_only_when_every_required_party_signed():
    required = DEFAULT_PARTIES["slo"]
    assert [p.role for p in required] == ["operations", "development", "product owner"]
    given = [sign("Priya", "operations"), sign("Arjun", "development")]
    assert missing_parties(required, given) == (Party("product owner"),)
    assert status_after_signing(required, given) is D
    given.append(sign("Kavya", "Product Owner"))
    assert missing_parties(required, given) == ()
    assert status_after_signing(required, given) is A
    # one sign-off satisfies a role party and a named party in that role
    both = (Party("operations"), Party("operations", "Priya"))
    assert missing_parties(both, [sign("Priya", "operations")]) == ()
    with pytest.raises(LifecycleError, match="nobody is required"):
        status_after_signing((), given)


def test_duplicates_are_recognised():
    existing = [sign("Priya", "operations")]
    assert not is_new_signoff(sign(" priya ", "Operations"), existing)
    assert is_new_signoff(sign("Priya", "development"), existing)
    assert unique_parties([Party("ops"), Party("OPS"), Party("ops", "A"), Party("ops", "a")]) \
        == (Party("ops"), Party("ops", "A"))


def test_older_agreed_revisions_are_shown_superseded_and_the_newest_is_in_force():
    stored = [D, D, A, D, A, D]
    assert shown_statuses(stored) == [D, D, S, D, A, D]
    assert in_force([1, 2, 3, 4, 5, 6], stored) == 5
    assert in_force([1, 2], [D, D]) is None
    assert shown_statuses([]) == []
    # a removal recorded as superseded stays so
    assert shown_statuses([D, A, S]) == [D, A, S]


def test_state_describes_what_is_pending():
    state = LifecycleState(D, 4, DEFAULT_PARTIES["slo"], (sign("Priya", "operations"),), 3)
    assert state.missing == (Party("development"), Party("product owner"))
    assert state.describe() == ("draft · agreed revision 3 in force · waiting for "
                                "development, product owner")
    assert state.editable
    agreed = LifecycleState(A, 5, DEFAULT_PARTIES["slo"], (), 5)
    assert agreed.describe() == "agreed" and not agreed.editable


def test_diff_field_by_field():
    before = {"name": "a", "target": "99.9", "service": None,
              "answers": {"org-structure": {"level": 1}, "tech-testing": {"level": 0}},
              "respondents": ["Asha"]}
    after = {"name": "a", "target": "99.5", "service": "orders",
             "answers": {"org-structure": {"level": 2, "note": "new teams"},
                         "tech-testing": {"level": 0}},
             "respondents": ["Asha", "Ravi"], "description": "x"}
    assert diff_snapshots(before, after) == [
        FieldChange("answers.org-structure.level", 1, 2),
        FieldChange("answers.org-structure.note", None, "new teams"),
        FieldChange("description", None, "x"),
        FieldChange("respondents", ["Asha"], ["Asha", "Ravi"]),
        FieldChange("service", None, "orders"),
        FieldChange("target", "99.9", "99.5"),
    ]
    kinds = [c.kind for c in diff_snapshots(before, after)]
    assert kinds == ["changed", "added", "added", "changed", "added", "changed"]
    assert diff_snapshots(after, after) == []
    items = diff_snapshots({"rows": [{"a": 1}, {"a": 2}]}, {"rows": [{"a": 1}, {"a": 3}]})
    assert items == [FieldChange("rows[1].a", 2, 3)]
