"""``workbench slo adjust``: maintenance windows and corrections change the budget figures of
``slo status`` exactly as worked out by hand here, and bad input is refused with one line
per problem, no traceback and nothing saved.

The figures by hand (no workbench code): counts are kept per UTC day, so a window that
covers X minutes of a day takes ``events x X / 1440`` of that day's good events and of its
bad events, each rounded half up (1072.5 -> 1073). ``exclude`` takes them out of the valid
events; ``good`` turns the bad share into good events. ``tracking-availability`` is a
rolling 28-day SLO at 90%, so its budget is 10% of the window's valid events (rounded down
to whole events) and the consumption is bad / budget.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from math import floor
from typing import Any

import pytest

SLO = "tracking-availability"  # service delivery-tracking; rolling 28 days at 90%
WINDOW = (date(2026, 10, 29), date(2026, 11, 25))  # its 28 days up to the demo day


@pytest.fixture
def raw(demo_db_url) -> Iterator[Any]:
    """``raw(day)``: the recorded (good, bad) of the SLO on ``day``, read from the store."""
    from workbench.store import repo, slo_repo
    from workbench.store.db import reading
    from workbench.store.demo import DEMO_NAME
    from workbench.store.session import open_database

    db = open_database(demo_db_url, remember=False)
    with reading(db.engine) as session:
        ws = repo.find_workspace(session, DEMO_NAME)
        slo = slo_repo.get_slo(session, ws.id, SLO)
        counts = {c.day: (c.good, c.bad) for c in slo_repo.list_counts(session, slo.id)}
    db.engine.dispose()
    yield counts.__getitem__


def half_up(value: Fraction) -> int:
    return floor(value + Fraction(1, 2))


def share(events: int, minutes: int) -> int:
    return half_up(Fraction(events * minutes, 1440))


def six_places(value: Fraction) -> Decimal:
    """How --json writes a figure with more than 6 decimals: rounded half up to 6."""
    return Decimal(half_up(value * 10**6)) / Decimal(10**6)


def expect(status: dict[str, Any], total: int, bad: int) -> None:
    """The budget figures of a rolling 90% SLO with ``total`` valid and ``bad`` events."""
    assert (status["total"], status["bad"]) == (total, bad)
    assert status["allowed_bad"] == total // 10
    assert Decimal(status["consumed_percent"]) == six_places(Fraction(bad * 100, 1) /
                                                             Fraction(total, 10))
    assert Decimal(status["sli_percent"]) == six_places(Fraction((total - bad) * 100, total))


def status(cli) -> dict[str, Any]:
    return cli.json("slo", "status", SLO, "--date", "2026-11-25", "--json")


def window_total(raw) -> tuple[int, int]:
    days = [WINDOW[0] + timedelta(days=n) for n in range((WINDOW[1] - WINDOW[0]).days + 1)]
    return sum(sum(raw(d)) for d in days), sum(raw(d)[1] for d in days)


def test_a_window_takes_its_share_of_the_days_events(cli, raw):
    total, bad = window_total(raw)
    expect(status(cli), total, bad)  # the demo has no adjustment for this SLO
    # 48 minutes of 2026-11-10: 32175 x 48 / 1440 = 1072.5 good events -> 1073 (half up).
    good_day, bad_day = raw(date(2026, 11, 10))
    assert Fraction(good_day * 48, 1440) == Fraction(2145, 2)
    out = cli.ok("slo", "adjust", "maintenance", "--slo", SLO, "--start", "2026-11-10 02:00",
                 "--minutes", "48", "--reason", "carrier API upgrade")
    assert out.startswith(f"Recorded maintenance window 3 for SLO {SLO}: 2026-11-10 02:00 "
                          "Etc/UTC for 48 min (events left out of the budget)")
    removed_good, removed_bad = share(good_day, 48), share(bad_day, 48)
    assert (removed_good, removed_bad) == (1073, 28)
    expect(status(cli), total - removed_good - removed_bad, bad - removed_bad)


def test_a_weekly_window_keeps_its_local_time(cli, raw):
    """Sundays 00:30-01:30 Berlin time (CET, UTC+1 in November) are 23:30 UTC on Saturday
    to 00:30 UTC on Sunday: 30 minutes of each of the two UTC days."""
    total, bad = window_total(raw)
    data = cli.json("slo", "adjust", "maintenance", "--service", "delivery-tracking",
                    "--start", "2026-10-04 00:30", "--minutes", "60", "--zone",
                    "Europe/Berlin", "--rrule", "FREQ=WEEKLY;BYDAY=SU", "--reason",
                    "depot scanners restart", "--by", "Asha Rao", "--json")
    assert (data["kind"], data["scope"], data["rrule"], data["recorded_by"]) == (
        "maintenance", "service delivery-tracking", "FREQ=WEEKLY;BYDAY=SU", "Asha Rao")
    touched = [date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 7), date(2026, 11, 8),
               date(2026, 11, 14), date(2026, 11, 15), date(2026, 11, 21), date(2026, 11, 22)]
    removed_good = sum(share(raw(d)[0], 30) for d in touched)
    removed_bad = sum(share(raw(d)[1], 30) for d in touched)
    expect(status(cli), total - removed_good - removed_bad, bad - removed_bad)


def test_correction_counted_as_good_then_removed(cli, raw):
    total, bad = window_total(raw)
    before = status(cli)
    out = cli.ok("slo", "adjust", "correction", "--service", "delivery-tracking", "--from",
                 "2026-11-03", "--to", "2026-11-04", "--treatment", "good", "--reason",
                 "load test by the carrier, not real users")
    assert "correction 3 for service delivery-tracking: 2026-11-03 to 2026-11-04 (bad " \
           "events counted as good)" in out
    # Whole days: every bad event of both days becomes good; the valid events stay.
    turned = raw(date(2026, 11, 3))[1] + raw(date(2026, 11, 4))[1]
    expect(status(cli), total, bad - turned)
    listed = cli.json("slo", "adjust", "list", "--slo", SLO, "--json")
    assert [(a["id"], a["kind"], a["when"], a["treatment"], a["recorded_by"])
            for a in listed] == [(3, "correction", "2026-11-03 to 2026-11-04", "good",
                                  "tester")]
    out = cli.ok("slo", "adjust", "remove", "3", "--reason", "entered for the wrong week",
                 "--by", "Asha Rao")
    assert out.startswith("Removed correction 3")
    assert status(cli) == before
    assert cli.json("slo", "adjust", "list", "--slo", SLO, "--json") == []
    [gone] = [a for a in cli.json("slo", "adjust", "list", "--all", "--json") if a["id"] == 3]
    assert (gone["active"], gone["removed_by"], gone["removed_reason"]) == (
        False, "Asha Rao", "entered for the wrong week")
    table = cli.ok("slo", "adjust", "list", "--all")
    assert "by Asha Rao: entered for the wrong week" in table.splitlines()[2]


def test_list_the_demo_adjustments(cli):
    rows = cli.ok("slo", "adjust", "list").splitlines()
    assert rows[0].split()[:4] == ["ID", "KIND", "SCOPE", "WHEN"]
    assert rows[1].split()[:5] == ["1", "correction", "SLO", "upi-payment-availability",
                                   "2026-07-03"]
    assert "service orders" in rows[2] and "repeating FREQ=WEEKLY;BYDAY=SU" in rows[2]
    assert "Priya Sharma" in rows[1] and "REMOVED" not in rows[0]
    # An SLO's list holds its service's windows; a service's only the service's own.
    assert [a["id"] for a in cli.json("slo", "adjust", "list", "--slo",
                                      "checkout-latency", "--json")] == [2]
    assert [a["id"] for a in cli.json("slo", "adjust", "list", "--service", "payments",
                                      "--json")] == []


MAINTENANCE = ("slo", "adjust", "maintenance", "--start", "2026-11-10 02:00", "--minutes",
               "60", "--reason", "patching")


@pytest.mark.parametrize(("extra", "fragment"), [
    (("--slo", SLO, "--zone", "Mars/Olympus"), "--zone: 'Mars/Olympus' is not an IANA"),
    (("--slo", SLO, "--rrule", "FREQ=WEEKLY;BYDAY=XX"), "--rrule: 'FREQ=WEEKLY;BYDAY=XX' is "
                                                        "not an RFC 5545 rule"),
    (("--slo", SLO, "--rrule", "FREQ=MINUTELY"), "--rrule: FREQ must be one of"),
    (("--slo", SLO, "--minutes", "0"), "--minutes: '0' is not a length in minutes"),
    (("--slo", SLO, "--service", "delivery-tracking"), "--slo or --service, not both"),
    ((), "say what it is for: --slo NAME or --service NAME"),
    (("--slo", SLO, "--treatment", "ignore"), "--treatment: 'ignore' is not known"),
    (("--slo", SLO, "--by", " "), "say who records this (--by NAME)"),
])
def test_one_problem_one_line_nothing_saved(cli, one_line_error, extra, fragment):
    before = cli.json("slo", "adjust", "list", "--all", "--json")
    line = one_line_error(cli(*MAINTENANCE, *extra), 2)
    assert fragment in line
    assert cli.json("slo", "adjust", "list", "--all", "--json") == before


def test_every_problem_on_its_own_line(cli):
    before = cli.json("slo", "adjust", "list", "--all", "--json")
    result = cli("slo", "adjust", "maintenance", "--slo", SLO, "--service", "orders",
                 "--start", "2026-11-10 2am", "--minutes", "0", "--zone", "Mars/Olympus",
                 "--rrule", "FREQ=SOMETIMES", "--treatment", "ignore")
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert all(line.startswith("error: ") for line in lines)
    for fragment in ("--start: '2026-11-10 2am'", "--minutes: '0'", "--zone: 'Mars/Olympus'",
                     "--rrule: FREQ must be", "--treatment: 'ignore'", "--reason: missing",
                     "--slo or --service, not both"):
        assert sum(fragment in line for line in lines) == 1, (fragment, lines)
    assert lines[-1] == "error: 7 problems; nothing was saved"
    assert len(lines) == 8
    assert cli.json("slo", "adjust", "list", "--all", "--json") == before


def test_bad_corrections_and_removals(cli, one_line_error):
    result = cli("slo", "adjust", "correction", "--slo", SLO, "--from", "2026-11-10", "--to",
                 "2026-11-01")
    lines = result.stderr.splitlines()
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert lines == ["error: --to: 2026-11-01 is before first 2026-11-10 (swap them)",
                     "error: --reason: missing (say why, e.g. 'provider outage, not ours')",
                     "error: 2 problems; nothing was saved"]
    assert "--from: '2026-13-01' is not a day" in one_line_error(
        cli("slo", "adjust", "correction", "--slo", SLO, "--from", "2026-13-01", "--reason",
            "x"), 2)
    assert "no SLO named 'nope'" in one_line_error(
        cli("slo", "adjust", "correction", "--slo", "nope", "--from", "2026-11-01",
            "--reason", "x"), 1)
    assert "say why with --reason" in one_line_error(cli("slo", "adjust", "remove", "1"), 2)
    missing = one_line_error(cli("slo", "adjust", "remove", "99", "--reason", "x"), 1)
    assert "no maintenance window or correction 99" in missing
    assert missing.endswith("list them with: workbench slo adjust list")
    assert "not both" in one_line_error(
        cli("slo", "adjust", "list", "--slo", SLO, "--service", "orders"), 2)
    assert len(cli.json("slo", "adjust", "list", "--all", "--json")) == 2
