"""Availability and latency SLIs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workbench.domain.slo import (
    AvailabilitySlo,
    EventClass,
    LatencySlo,
    StatusCodeError,
    StatusPolicy,
    availability_sli,
    classify_status,
    latency_sli,
    latency_sli_from_histogram,
    parse_status_spec,
)
from workbench.domain.slo.slo import achieved
from workbench.domain.slo.target import CountError


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (200, EventClass.GOOD),
        (204, EventClass.GOOD),
        (301, EventClass.GOOD),
        (400, EventClass.GOOD),
        (404, EventClass.GOOD),
        (429, EventClass.GOOD),
        (500, EventClass.BAD),
        (503, EventClass.BAD),
        (599, EventClass.BAD),
    ],
)
def test_default_policy_counts_only_5xx_as_bad(code, expected):
    assert classify_status(code) is expected


def test_429_can_be_configured_as_bad():
    policy = StatusPolicy.from_spec("5xx,429")
    assert classify_status(429, policy) is EventClass.BAD
    assert classify_status(404, policy) is EventClass.GOOD
    assert classify_status(502, policy) is EventClass.BAD


def test_excluded_codes_are_not_valid_events():
    policy = StatusPolicy.from_spec(bad="5xx", excluded="401,403")
    assert classify_status(401, policy) is EventClass.EXCLUDED
    result = availability_sli({200: 90, 401: 50, 500: 10}, policy)
    assert (result.good, result.valid, result.bad) == (90, 100, 10)
    assert result.percent == 90


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("429", {429}),
        ("500-502, 429", {500, 501, 502, 429}),
        ("", set()),
        ("5xx", set(range(500, 600))),
        ("4XX", set(range(400, 500))),
    ],
)
def test_parse_status_spec(spec, expected):
    assert parse_status_spec(spec) == frozenset(expected)


@pytest.mark.parametrize(
    ("spec", "fragment"),
    [
        ("abc", "not a status code"),
        ("600", "outside 100-599"),
        ("99", "outside 100-599"),
        ("6xx", "1xx to 5xx"),
        ("503-500", "backwards"),
    ],
)
def test_bad_status_specs_are_rejected(spec, fragment):
    with pytest.raises(StatusCodeError, match=fragment):
        parse_status_spec(spec)


def test_a_code_cannot_be_both_bad_and_excluded():
    with pytest.raises(StatusCodeError, match="both bad and excluded"):
        StatusPolicy.from_spec(bad="5xx", excluded="503")


def test_classify_rejects_impossible_codes():
    with pytest.raises(StatusCodeError):
        classify_status(700)
    with pytest.raises(StatusCodeError):
        classify_status(True)


def test_availability_sli_from_counts_by_status():
    counts = {200: 9_000, 404: 500, 429: 300, 500: 150, 503: 50}
    default = availability_sli(counts)
    assert (default.good, default.valid, default.bad) == (9_800, 10_000, 200)
    assert default.percent == Decimal("98")
    strict = availability_sli(counts, StatusPolicy.from_spec("5xx,429"))
    assert (strict.good, strict.bad) == (9_500, 500)
    assert strict.percent == Decimal("95")


def test_availability_sli_without_events_is_undefined():
    result = availability_sli({})
    assert result.valid == 0
    assert result.percent is None


def test_availability_sli_rejects_negative_counts():
    with pytest.raises(CountError):
        availability_sli({200: -1})


def test_latency_sli_counts_the_threshold_itself_as_within():
    durations = [120, 400, 401, 399, Decimal("400.0"), 1_000]
    result = latency_sli(durations, 400)
    assert (result.good, result.valid) == (4, 6)


def test_latency_sli_rejects_floats_and_negative_durations():
    with pytest.raises(CountError):
        latency_sli([1.5], 400)
    with pytest.raises(CountError):
        latency_sli([-1], 400)
    with pytest.raises(ValueError):
        latency_sli([1], 0)
    with pytest.raises(ValueError):
        latency_sli([1], 400.0)


def test_latency_sli_from_histogram_is_conservative_between_bounds():
    buckets = {100: 50, 250: 30, 500: 15, 1_000: 5}
    assert latency_sli_from_histogram(buckets, 250).good == 80
    # 300 ms falls inside the 250-500 bucket, which is then counted as too slow.
    assert latency_sli_from_histogram(buckets, 300).good == 80
    assert latency_sli_from_histogram(buckets, 500).good == 95


def test_an_endpoint_can_have_several_latency_slos_with_separate_budgets():
    # book-establishing-sre-foundations.txt lines 1481-1482: 400 ms for 95% and 250 ms for 90%
    # of requests; each SLO gets its own budget.
    fast = LatencySlo(250, "90")
    slow = LatencySlo(400, "95")
    durations = [100] * 850 + [300] * 110 + [900] * 40  # 1000 requests
    fast_status = fast.budget(durations)
    slow_status = slow.budget(durations)
    assert fast.describe() == "90% within 250 ms"
    assert (fast_status.bad, fast_status.allowed_bad) == (150, 100)
    assert fast_status.consumed_percent == 150
    assert (slow_status.bad, slow_status.allowed_bad) == (40, 50)
    assert slow_status.consumed_percent == 80
    assert slow_status.remaining_percent == 20


def test_default_slos_from_the_book():
    # book lines 3741-3742: 90% availability; 1,000 ms latency in 80% of the cases.
    availability = AvailabilitySlo("90")
    latency = LatencySlo(1_000, "80")
    assert availability.describe() == "90% available"
    assert latency.describe() == "80% within 1000 ms"
    status = availability.budget({200: 900, 500: 100})
    assert status.allowed_bad == 100
    assert status.consumed_percent == 100
    assert status.remaining_percent == 0
    assert status.meets_slo
    counts = latency.budget_from_counts(valid=1_000, within=790)
    assert counts.bad == 210
    assert not counts.meets_slo


def test_achieved():
    assert achieved(availability_sli({200: 999, 500: 1}), "99.9") is True
    assert achieved(availability_sli({200: 998, 500: 2}), "99.9") is False
    assert achieved(availability_sli({}), "99.9") is None
