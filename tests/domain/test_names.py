"""Names users give to workspaces, teams, services and people: one rule, in one place."""

from __future__ import annotations

import pytest

from workbench.domain.names import (
    MAX_NAME_LENGTH,
    clean_name,
    lookup_key,
    name_key,
    unusable_character,
)


@pytest.mark.parametrize(("raw", "expected"), [
    ("Checkout", "Checkout"),
    ("  Site   Reliability ", "Site Reliability"),
    ("Site\tReliability\r\n", "Site Reliability"),
    ("चेकआउट", "चेकआउट"),
    ("结账", "结账"),
    ("Zoë's café", "Zoë's café"),
])
def test_clean_names_are_trimmed_and_kept(raw, expected):
    assert clean_name(raw, "Team") == expected


@pytest.mark.parametrize(("raw", "code"), [
    ("a\x7fb", "U+007F"),      # DEL
    ("a\x00b", "U+0000"),      # C0
    ("esc\x1b[31m", "U+001B"),
    ("a\x1cb", "U+001C"),      # a C0 control Python counts as whitespace
    ("a\x0bb", "U+000B"),
    ("c1\x85x", "U+0085"),     # C1 (NEL)
    ("c1\x9bx", "U+009B"),
])
def test_control_characters_are_refused_with_a_way_to_fix_it(raw, code):
    with pytest.raises(ValueError) as caught:
        clean_name(raw, "Team")
    message = str(caught.value)
    assert message.startswith("Team name contains an invisible control character")
    assert code in message and "delete it and type the name again" in message


@pytest.mark.parametrize("raw", ["bad\udcffname", "\ud800x"])
def test_lone_surrogates_are_refused(raw):
    with pytest.raises(ValueError, match=r"not valid UTF-8 text .* type the name again"):
        clean_name(raw, "Service")
    # the message itself can be printed and stored
    assert unusable_character(raw).encode("utf-8")


def test_position_of_the_bad_character_is_named():
    assert "position 4" in unusable_character("abc\x7f")
    assert unusable_character("fine name") is None


def test_empty_and_long_names():
    with pytest.raises(ValueError, match="name is empty"):
        clean_name(" \t ", "Team")
    with pytest.raises(ValueError, match=f"use at most {MAX_NAME_LENGTH}"):
        clean_name("x" * (MAX_NAME_LENGTH + 1), "Team")
    assert clean_name("x" * MAX_NAME_LENGTH, "Team") == "x" * MAX_NAME_LENGTH


def test_lookups_never_raise_and_keys_ignore_case():
    assert lookup_key("a\x7fb") == "a\x7fb"
    assert lookup_key(None) == ""
    assert name_key(" Check  Out ") == "check out"
    with pytest.raises(ValueError):
        name_key("a\x7fb")
