"""``workbench slo history``: an SLO's past compliance periods on the demo (2026-11-25).

Expected figures are worked out here from the raw daily counts the store holds
(``slo_repo.list_counts``), for periods no maintenance window or correction touches: the
sums of valid and bad events, the allowed bad events (the budget share of the valid events,
rounded down), the SLI and the budget consumed (exact fractions, which --json writes rounded
half up to 6 decimals), and the worst day (most bad events, the earliest of equal days).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from math import floor
from typing import Any

import pytest


@pytest.fixture
def raw(demo_db_url) -> Iterator[Any]:
    """``raw(slo, first, last)``: the recorded counts of an SLO from ``first`` to ``last``."""
    from workbench.store import repo, slo_repo
    from workbench.store.db import reading
    from workbench.store.demo import DEMO_NAME
    from workbench.store.session import open_database

    db = open_database(demo_db_url, remember=False)

    def counts(name: str, first: date, last: date) -> list[Any]:
        with reading(db.engine) as session:
            ws = repo.find_workspace(session, DEMO_NAME)
            slo = slo_repo.get_slo(session, ws.id, name)
            return slo_repo.list_counts(session, slo.id, first, last)

    yield counts
    db.engine.dispose()


def six_places(value: Fraction) -> Decimal:
    return Decimal(floor(value * 10**6 + Fraction(1, 2))) / Decimal(10**6)


def no_floats(value: Any) -> bool:
    if isinstance(value, float):
        return False
    if isinstance(value, dict):
        return all(no_floats(v) for v in value.values())
    if isinstance(value, list):
        return all(no_floats(v) for v in value)
    return True


def history(cli, name: str, *args: str) -> list[dict[str, Any]]:
    return cli.json("slo", "history", name, "--date", "2026-11-25", "--json", *args)


def test_periods_oldest_first_with_exact_figures(cli, raw):
    periods = history(cli, "checkout-latency")
    assert no_floats(periods)
    assert [p["period"] for p in periods] == ["2025 P13"] + [f"2026 P{n:02d}"
                                                             for n in range(1, 13)]
    for before, after in pairwise(periods):
        assert date.fromisoformat(after["start"]) == date.fromisoformat(
            before["end"]) + timedelta(days=1)
    p02 = next(p for p in periods if p["period"] == "2026 P02")
    assert (p02["start"], p02["end"], p02["verdict"], p02["met"], p02["running"]) == (
        "2026-01-26", "2026-02-22", "missed", False, False)
    # The only adjustment of its service starts on 2026-11-29: P02 has none.
    assert [a["start"] for a in cli.json("slo", "adjust", "list", "--slo",
                                         "checkout-latency", "--json")] == ["2026-11-29 01:00"]
    days = raw("checkout-latency", date(2026, 1, 26), date(2026, 2, 22))
    assert len(days) == 28
    total, bad = sum(d.total for d in days), sum(d.bad for d in days)
    worst = max(days, key=lambda d: (d.bad, -d.day.toordinal()))
    budget = Fraction(total * 5, 100)  # a 95% target leaves 5% of the events
    assert (p02["total"], p02["bad"], p02["allowed_bad"]) == (total, bad, floor(budget))
    assert bad > p02["allowed_bad"]  # missed, by hand
    assert Decimal(p02["sli_percent"]) == six_places(Fraction((total - bad) * 100, total))
    assert Decimal(p02["consumed_percent"]) == six_places(bad * 100 / budget)
    assert (p02["worst_day"], p02["worst_day_bad"]) == (worst.day.isoformat(), worst.bad)
    last = periods[-1]
    assert (last["period"], last["verdict"], last["running"], last["met"]) == (
        "2026 P12", "running", True, None)
    assert last["end"] == "2026-11-29"
    # The running period holds the counts up to the day asked for.
    so_far = raw("checkout-latency", date(2026, 11, 2), date(2026, 11, 25))
    assert last["total"] == sum(d.total for d in so_far)


def test_every_finished_period_of_upi_payments_missed(cli, raw):
    periods = history(cli, "upi-payment-availability")
    assert len(periods) == 13
    assert {p["verdict"] for p in periods[:-1]} == {"missed"}
    assert periods[-1]["verdict"] == "running"


def test_a_correction_is_left_out_and_removing_it_brings_the_day_back(cli, raw):
    """The demo excludes 2026-07-03 from upi-payment-availability (a provider outage)."""
    first, last = date(2026, 6, 15), date(2026, 7, 12)
    days = raw("upi-payment-availability", first, last)
    [outage] = [d for d in days if d.day == date(2026, 7, 3)]
    p07 = next(p for p in history(cli, "upi-payment-availability") if p["period"] == "2026 P07")
    assert (p07["start"], p07["end"]) == (first.isoformat(), last.isoformat())
    assert p07["total"] == sum(d.total for d in days) - outage.total
    assert p07["bad"] == sum(d.bad for d in days) - outage.bad
    cli.ok("slo", "adjust", "remove", "1", "--reason", "the test takes it back")
    p07 = next(p for p in history(cli, "upi-payment-availability") if p["period"] == "2026 P07")
    assert (p07["total"], p07["bad"]) == (sum(d.total for d in days), sum(d.bad for d in days))


def test_table(cli):
    lines = cli.ok("slo", "history", "checkout-latency", "--periods", "3").splitlines()
    assert lines[0] == ("checkout-latency: 95% within 800 ms over 4w; 3 periods up to "
                        "2026-11-25")
    assert lines[1].split() == ["PERIOD", "DAYS", "VALID", "BAD", "SLI", "CONSUMED",
                                "VERDICT", "WORST", "DAY"]
    assert len(lines) == 5
    assert lines[2].startswith("2026 P10  2026-09-07..2026-10-04  3,801,600")
    assert " met " in lines[2] and lines[4].startswith("2026 P12")
    assert " running " in lines[4] and "2026-11-04 (26,880 bad)" in lines[4]
    p02 = cli.ok("slo", "history", "checkout-latency", "--date", "2026-02-22", "-n", "1")
    row = p02.splitlines()[2]
    assert row.split()[:2] == ["2026", "P02"] and " missed " in row and "105.68%" in row
    rolling = cli.ok("slo", "history", "tracking-availability", "-n", "2").splitlines()
    assert rolling[3].startswith("28 days to 2026-11-25  2026-10-29..2026-11-25")


def test_today_is_the_default_day_and_empty_periods_have_no_data(cli):
    assert cli.json("slo", "history", "checkout-latency", "--json") == history(
        cli, "checkout-latency")
    periods = history(cli, "checkout-latency", "--periods", "130")
    assert len(periods) == 130
    empty = periods[0]
    assert (empty["verdict"], empty["total"], empty["sli_percent"], empty["worst_day"],
            empty["met"]) == ("no data", 0, None, None, None)
    assert "no data" in cli.ok("slo", "history", "checkout-latency", "--date", "2020-01-01",
                               "-n", "1")


@pytest.mark.parametrize("count", ["0", "131", "-1"])
def test_periods_out_of_range(cli, one_line_error, count):
    line = one_line_error(cli("slo", "history", "checkout-latency", "--periods", count), 2)
    assert line == f"error: --periods must be from 1 to 130, not {count}"


def test_unknown_slo_and_bad_date(cli, one_line_error):
    assert "no SLO named 'nope'" in one_line_error(cli("slo", "history", "nope"), 1)
    assert "--date" in one_line_error(cli("slo", "history", "checkout-latency", "--date",
                                          "2026-02-30"), 2)
