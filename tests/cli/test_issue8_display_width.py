"""Issue 8, section 5: tables are aligned by the columns a terminal draws, so Hindi and
Chinese team names line up in ``teams list`` (``print_table``).

The widths below are counted by hand, character by character, from the Unicode data
(general category and East Asian Width), not with the function under test:

- ``भुगतान टीम`` (10 code points): भ 1, ु (U+0941, Mn: a mark drawn on the letter) 0, ग 1,
  त 1, ा (U+093E, Mc: a spacing vowel sign) 1, न 1, space 1, ट 1, ी (U+0940, Mc) 1, म 1
  = 9 columns. ``rich.cells.cell_len`` says 7: it counts both Mc signs as 0, while tmux
  and other terminals draw each one column wide, so the row ended two columns short.
- ``支付团队``: four Wide characters = 8 columns.
- ``Checkout``: 8 columns.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from workbench.cli import app
from workbench.display_width import char_width, display_width, fit, pad_right, truncate

runner = CliRunner()
HINDI = "भुगतान टीम"
CHINESE = "支付团队"


@pytest.mark.parametrize(("text", "columns"), [
    ("", 0),
    ("Checkout", 8),
    (HINDI, 9),
    (CHINESE, 8),
    ("भुगतान", 5),  # भ 1, ु 0, ग 1, त 1, ा 1, न 1
    ("e\u0301", 1),  # e + combining acute (Mn)
    ("\u20dd", 0),  # combining enclosing circle (Me)
    ("a\u200db", 2),  # zero-width joiner (Cf)
    ("\u00ad", 0),  # soft hyphen (Cf)
    ("\uff21\uff22", 4),  # fullwidth A B (F)
    ("\uff71", 1),  # halfwidth katakana (H)
    ("한국", 4),  # Hangul syllables (W)
    ("é", 1),
    ("…", 1),  # East Asian Ambiguous: one column
])
def test_display_width_counted_by_hand(text, columns):
    assert display_width(text) == columns


def test_the_spacing_vowel_signs_take_one_column():
    assert [char_width(c) for c in HINDI] == [1, 0, 1, 1, 1, 1, 1, 1, 1, 1]


def test_pad_truncate_and_fit():
    assert pad_right(HINDI, 12) == HINDI + "   "  # 9 + 3
    assert pad_right(CHINESE, 12) == CHINESE + "    "  # 8 + 4
    assert pad_right(CHINESE, 3) == CHINESE  # never cut by padding
    assert truncate(CHINESE, 8) == CHINESE
    assert truncate(CHINESE, 7) == "支付团…"  # 6 + 1 (a fourth character: 8 + 1 = 9)
    assert truncate(CHINESE, 6) == "支付…"  # 4 + 1 (a third character: 6 + 1 = 7)
    assert fit(CHINESE, 6) == "支付… "
    assert truncate(HINDI, 6) == "भुगतान…"  # भ ु ग त ा न = 5 columns, then … = 6
    assert truncate(HINDI, 5) == "भुगता…"  # भ ु ग त ा = 4 columns, then … = 5
    assert truncate("ab", 0) == "" and truncate("abc", 1) == "…"
    assert fit("Checkout", 10) == "Checkout  "


class Acme:
    """``workbench --db URL ARGS...`` on a workspace of its own; ``ok`` is its output."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url

    def ok(self, *args: str) -> str:
        result = runner.invoke(app, ["--db", self.db_url, *args])
        assert result.exit_code == 0, result.output
        return result.stdout


@pytest.fixture
def acme(db_url):
    cli = Acme(db_url)
    cli.ok("init", "Acme")
    cli.ok("teams", "add", "Checkout", "--description", "web shop")
    cli.ok("teams", "add", HINDI, "--description", "payments")
    cli.ok("teams", "add", CHINESE, "--description", "pay")
    cli.ok("services", "add", "upi", "--team", HINDI, "--description", "UPI")
    return cli


def test_teams_list_lines_up_hindi_and_chinese_names(acme):
    lines = acme.ok("teams", "list").splitlines()
    # TEAM is as wide as its widest name: 9 columns (the Hindi one), then two spaces, so
    # SERVICES starts in column 11 on every row; SERVICES is 8 wide, then two spaces, so
    # DESCRIPTION starts in column 21.
    assert lines[0] == "TEAM" + " " * 7 + "SERVICES" + " " * 2 + "DESCRIPTION"
    assert sorted(lines[1:]) == sorted([
        "Checkout" + " " * 3 + "0" + " " * 9 + "web shop",  # 8 + 3 = 11
        HINDI + " " * 2 + "1" + " " * 9 + "payments",  # 9 + 2 = 11
        CHINESE + " " * 3 + "0" + " " * 9 + "pay",  # 8 + 3 = 11
    ])


def test_services_list_lines_up_an_owner_in_hindi(acme):
    acme.ok("services", "add", "订单", "--team", CHINESE, "--description", "orders")
    # 订单: 2 Wide characters, 4 columns
    lines = acme.ok("services", "list").splitlines()
    header = lines[0].split()
    assert header[:2] == ["SERVICE", "TEAM"]
    # SERVICE is 7 wide (the heading; "upi" 3, "订单" 4), then two spaces: the owner
    # starts in column 9; TEAM is 9 wide (the Hindi name), so DESCRIPTION starts at 20.
    row = {line.split()[0]: line for line in lines[1:]}
    assert row["upi"] == "upi" + " " * 6 + HINDI + " " * 2 + "UPI"  # 3+6, 9+2
    assert row["订单"] == "订单" + " " * 5 + CHINESE + " " * 3 + "orders"  # 4+5, 8+3
