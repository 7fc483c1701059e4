"""Issue 8, section 5: "not assessed" (the coach decided a criterion cannot be judged) and
"unanswered" (nobody has said anything yet) are shown apart by ``assess show``, ``assess
list --json`` and the run's Markdown page, as the TUI's summary does; ``unassessed`` stays
in the JSON as their sum.

The run: a new Storefront run of ``sre-maturity`` v1, whose 28 criteria are 4 of
Organisation, 4 of People, 6 of Technology, 6 of Culture and 8 of Process (the model
file). One criterion answered (``org-structure`` = 2), one marked not assessed
(``tech-logging``), 26 unanswered. By hand, per dimension (assessed, not assessed,
unanswered): Organisation (1, 0, 3), People (0, 0, 4), Technology (0, 1, 5), Culture
(0, 0, 6), Process (0, 0, 8); the run (1, 1, 26), unassessed 27.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

EXPECTED = {"organisation": (1, 0, 3), "people": (0, 0, 4), "technology": (0, 1, 5),
            "culture": (0, 0, 6), "process": (0, 0, 8)}


@pytest.fixture
def run_id(cli) -> int:
    started = cli.ok("assess", "start", "-m", "sre-maturity", "-t", "Storefront", "--date",
                     "2026-11-25")
    run = int(re.match(r"Started run (\d+):", started).group(1))
    cli.ok("assess", "answer", str(run), "org-structure", "2")
    assert cli.ok("assess", "answer", str(run), "tech-logging", "none") == \
        f"Run {run}: tech-logging = not assessed\n"
    return run


def test_show_tells_not_assessed_from_unanswered(cli, run_id):
    lines = cli.ok("assess", "show", str(run_id)).splitlines()

    def row(first: str) -> list[str]:
        return re.split(r"\s{2,}", next(line for line in lines if line.startswith(first)))

    assert row("Structure")[:3] == ["Structure", "Organisation", "2"]
    assert row("Logging")[:3] == ["Logging", "Technology", "not assessed"]
    assert row("Monitoring")[:3] == ["Monitoring", "Technology", "unanswered"]
    head = next(line for line in lines if line.startswith("DIMENSION"))
    assert re.split(r"\s{2,}", head) == ["DIMENSION", "LEVEL", "%", "ASSESSED",
                                         "NOT ASSESSED", "UNANSWERED", "TYPE"]
    # the counts sit under their headings (a table aligned by columns)
    at = {title: head.index(title) for title in ("ASSESSED", "NOT ASSESSED", "UNANSWERED")}
    for name, counts in [("Technology", EXPECTED["technology"]), ("Overall", (1, 1, 26))]:
        line = next(line for line in lines if line.startswith(name + " "))
        assert [line[at[t]:].split()[0] for t in at] == [str(n) for n in counts]
    assert "27" not in row("Overall")  # no longer one count of both


def test_show_json_counts_them_apart_and_keeps_the_sum(cli, run_id):
    data = cli.json("assess", "show", str(run_id), "--json")
    for d in data["dimensions"]:
        assessed, not_assessed, unanswered = EXPECTED[d["dimension_id"]]
        assert (d["assessed"], d["not_assessed"], d["unanswered"]) == \
            (assessed, not_assessed, unanswered)
        assert d["unassessed"] == not_assessed + unanswered
    assert (data["assessed"], data["not_assessed"], data["unanswered"],
            data["unassessed"]) == (1, 1, 26, 27)
    flags = {c["criterion_id"]: (c["level"], c["not_assessed"], c["unanswered"])
             for c in data["criteria"]}
    assert flags["org-structure"] == (2, False, False)
    assert flags["tech-logging"] == (None, True, False)
    assert flags["tech-monitoring"] == (None, False, True)
    assert sum(1 for _, na, un in flags.values() if un) == 26


def test_list_json_counts_them_apart_and_keeps_the_sum(cli, run_id):
    [run] = [r for r in cli.json("assess", "list", "--json") if r["id"] == run_id]
    assert (run["assessed"], run["not_assessed"], run["unanswered"], run["unassessed"]) == \
        (1, 1, 26, 27)
    # every run of the demo keeps unassessed = not assessed + unanswered
    for other in cli.json("assess", "list", "--json"):
        assert other["unassessed"] == other["not_assessed"] + other["unanswered"]


def test_the_help_says_unassessed_is_the_sum(cli):
    for command in ("show", "list"):
        text = " ".join(cli.ok("assess", command, "--help").split())
        assert "not_assessed" in text and "unanswered" in text
        assert "unassessed" in text and "sum" in text
        assert "kept for scripts written before they were apart" in text


def test_the_markdown_page_tells_them_apart(cli, run_id, tmp_path):
    out = Path(cli.ok("assess", "export", "--run", str(run_id), "-f", "md", "-o",
                      str(tmp_path)).strip())
    text = out.read_text(encoding="utf-8")
    assert "| Dimension | Level | % | Assessed | Not assessed | Unanswered |" in text
    assert "| Technology | — | — | 0 | 1 | 5 |" in text
    assert "| **Overall** | **2.00** | **100.0** | 1 | 1 | 26 |" in text
    assert "| Logging | — | _not assessed_ | — |" in text
    assert "| Monitoring | — | _unanswered_ | — |" in text
    assert text.count("_unanswered_") == 26 and text.count("_not assessed_") == 1
