"""File-name safety: slugs from hostile user text, and paths that cannot leave the folder."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.errors import UsageError
from workbench.export.names import (
    MAX_SLUG_LENGTH,
    WINDOWS_RESERVED,
    is_clean_file_part,
    safe_path,
    slugify,
    unique_slugs,
)

SLUG_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("BharatMart", "bharatmart"),
        ("Zahlungsverkehr Über", "zahlungsverkehr-uber"),
        ("Straße & Brücke", "strasse-brucke"),
        ("Café  au   lait", "cafe-au-lait"),
        ("ﬁle Ⅻ", "file-xii"),  # NFKD compatibility forms
        ("../../etc/passwd", "etc-passwd"),
        ("..", "untitled"),
        ("...", "untitled"),
        ("a/b", "a-b"),
        ("a\\b", "a-b"),
        ("C:\\Windows", "c-windows"),
        ("nul\0byte", "nul-byte"),
        ("\0", "untitled"),
        ("🚀🔥", "untitled"),
        ("🚀 Launch", "launch"),
        ("", "untitled"),
        (None, "untitled"),
        ("   ", "untitled"),
        ("--a--b--", "a-b"),
        ("CON", "con-0"),
        ("con", "con-0"),
        ("Lpt1", "lpt1-0"),
        ("console", "console"),
        ("支付", "zhifu"),
        ("Оплата заказа", "oplata-zakaza"),
        ("🚀 Launch ✨", "launch"),
    ],
)
def test_slugify(raw, expected):
    assert slugify(raw) == expected


def test_slugify_bounds_length_without_trailing_hyphen():
    slug = slugify("word " * 100)
    assert len(slug) <= MAX_SLUG_LENGTH
    assert not slug.endswith("-")
    assert len(slugify("x" * 1000, max_length=12)) == 12


def test_long_slugs_end_in_a_stable_hash_of_the_whole_name():
    first, second = slugify("a" * 70 + "one"), slugify("a" * 70 + "two")
    assert len(first) == len(second) == MAX_SLUG_LENGTH and first != second
    assert first[:55] == "a" * 55 and first[55] == "-"
    assert slugify("a" * 70 + "one") == first  # same name, same slug, in every run
    assert slugify("a" * MAX_SLUG_LENGTH) == "a" * MAX_SLUG_LENGTH  # at the limit: no hash


def test_slugify_fallback_and_limits_are_checked():
    assert slugify("🙂", fallback="workspace") == "workspace"
    with pytest.raises(ValueError):
        slugify("x", fallback="../bad")
    with pytest.raises(ValueError):
        slugify("x", max_length=2)


@given(st.text())
def test_slugify_always_gives_a_portable_name(text):
    slug = slugify(text)
    assert slug
    assert set(slug) <= SLUG_CHARS
    assert len(slug) <= MAX_SLUG_LENGTH
    assert not slug.startswith("-") and not slug.endswith("-")
    assert slug not in WINDOWS_RESERVED
    assert is_clean_file_part(slug)


def test_unique_slugs_disambiguates_in_order():
    assert unique_slugs(["A b", "a-b", "A B", "c", "🙂", "✨"]) == [
        "a-b", "a-b-2", "a-b-3", "c", "untitled", "untitled-2"
    ]
    long = unique_slugs(["x" * 200, "x" * 300, "x" * 200], max_length=20)
    assert [s[:12] for s in long] == ["x" * 11 + "-"] * 3
    assert len(set(long)) == 3 and long[2] == long[0][:18] + "-2"


@pytest.mark.parametrize(
    "part", ["teams.md", "slos", "a-b.c.yaml", "x_1"]
)
def test_clean_file_parts(part):
    assert is_clean_file_part(part)


@pytest.mark.parametrize(
    "part", ["", ".", "..", ".hidden", "A.md", "a b", "a/b", "con", "con.md", "x.", "é"]
)
def test_unclean_file_parts(part):
    assert not is_clean_file_part(part)


def test_safe_path_inside(tmp_path):
    assert safe_path(tmp_path, "a", "b.md") == (tmp_path / "a" / "b.md").resolve()
    assert safe_path(tmp_path, "a/../b.md") == (tmp_path / "b.md").resolve()


@pytest.mark.parametrize(
    "parts",
    [
        ("../../etc/passwd",),
        ("..",),
        (".",),
        ("a", "..", ".."),
        ("/etc/passwd",),
        ("a", "/etc/passwd"),
        ("C:\\evil",),
        ("nul\0byte",),
        ("",),
        ("  ",),
        (),
    ],
)
def test_safe_path_refuses_escapes(tmp_path, parts):
    with pytest.raises(UsageError) as info:
        safe_path(tmp_path / "out", *parts)
    assert "\n" not in str(info.value)


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_safe_path_refuses_symlink_escape(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (out / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UsageError, match="outside"):
        safe_path(out, "link", "file.md")


def test_slugify_turkish_dotless_i():
    assert slugify("Ödeme S\u0131ra") == "odeme-sira"
