"""On-call hours per rotation, person and month, as a CSV file for payroll.

Columns: team, rotation, person, month (YYYY-MM, local to the rotation), hours,
out_of_hours_hours, minutes, out_of_hours_minutes. Hours are ``fairness.hours_text`` of the
minutes (exact when two places hold them, else rounded half up); minutes are exact, so
payroll can use either. Rows come per page in the pages' order, then by rotation, person
and month (``fairness.monthly_hours``), over each page's horizon.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
leading apostrophe, so a spreadsheet shows a name like ``=HYPERLINK(...)`` as text instead
of running it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from workbench.domain.oncall.fairness import hours_text, monthly_hours
from workbench.export.oncall_page import OnCallPage

HEADER = ("team", "rotation", "person", "month", "hours", "out_of_hours_hours", "minutes",
          "out_of_hours_minutes")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def hours_csv(pages: Iterable[OnCallPage]) -> str:
    """The CSV text (header first, ``\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for page in pages:
        rows = monthly_hours([p.schedule for p in page.plans], page.rules)
        for row in rows:
            writer.writerow((safe_cell(page.agreement.team), safe_cell(row.rotation),
                             safe_cell(row.person), row.month, hours_text(row.minutes),
                             hours_text(row.out_of_hours), row.minutes, row.out_of_hours))
    return out.getvalue()


__all__ = ["FORMULA_STARTS", "HEADER", "hours_csv", "safe_cell"]
