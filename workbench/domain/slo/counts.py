"""Daily good/bad counts as users give them: one ``date,good,bad`` row per day, in a CSV file
or as one line of the native SLO document. One parser for both."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date

from workbench.domain.formats import parse_iso_date, parse_whole
from workbench.domain.slo.records import DailyCount
from workbench.errors import UsageError

HEADER = ["date", "good", "bad"]


class CountsImportError(UsageError):
    """Every problem of a counts file, one per line (``problems``)."""

    def __init__(self, problems: list[str], source: str) -> None:
        self.problems = problems
        self.source = source
        super().__init__(f"{source}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"
                         f", nothing imported: " + " | ".join(problems))


def parse_count_fields(fields: Sequence[str]) -> tuple[DailyCount | None, list[str]]:
    """One ``date, good, bad`` row -> (count or None, every problem found in it)."""
    if len(fields) != 3:
        return None, [f"needs 3 fields date,good,bad, found {len(fields)}"]
    raw_day, raw_good, raw_bad = (f.strip() for f in fields)
    problems = []
    day = good = bad = None
    try:
        day = parse_iso_date(raw_day)
    except ValueError as exc:
        problems.append(f"date {exc}")
    try:
        good = parse_whole(raw_good, "good")
    except ValueError as exc:
        problems.append(str(exc))
    try:
        bad = parse_whole(raw_bad, "bad")
    except ValueError as exc:
        problems.append(str(exc))
    if problems:
        return None, problems
    return DailyCount(day, good, bad), []


def parse_count_line(text: object) -> DailyCount:
    """``2026-11-02,99870,130`` -> DailyCount; ValueError names every problem."""
    if not isinstance(text, str):
        raise ValueError("must be text 'YYYY-MM-DD,good,bad', e.g. '2026-11-02,99870,130'")
    count, problems = parse_count_fields(text.split(","))
    if count is None:
        raise ValueError(f"{text!r}: " + "; ".join(problems))
    return count


def parse_counts_csv(text: str, source: str = "counts.csv") -> list[DailyCount]:
    """Rows of ``date,good,bad`` under a header line; every problem at once."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows or [c.strip().lower() for c in rows[0]] != HEADER:
        raise CountsImportError(["line 1: the header must be 'date,good,bad'; add it as the "
                                 "first line"], source)
    problems: list[str] = []
    counts: list[DailyCount] = []
    seen: dict[date, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not row or all(not c.strip() for c in row):
            continue
        count, found = parse_count_fields(row)
        if count is not None and count.day in seen:
            found = [f"{count.day} is already on line {seen[count.day]}; keep one row per day"]
        if found:
            problems.extend(f"line {number}: {p}" for p in found)
            continue
        seen[count.day] = number
        counts.append(count)
    if problems:
        raise CountsImportError(problems, source)
    return counts
