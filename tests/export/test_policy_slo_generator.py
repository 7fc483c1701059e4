"""The policy's burn-rate conditions as an slo-generator ``error_budget_policies`` document,
checked against an oracle of slo-generator's own rules.

The oracle below restates, in our words and as checks, what slo-generator does with the
document. It was written from google/slo-generator, read at commit
967f1242db204a01c4a53bdf999edc96ee2481d8:

- ``README.md`` ("Shared configuration"): ``error_budget_policies`` maps a policy name to
  ``steps``, a list of steps with ``name``, ``burn_rate_threshold``, ``alert``,
  ``message_alert``, ``message_ok`` and ``window``; an SLO configuration picks a policy
  with ``spec.error_budget_policy`` (``default`` when left out), and its spec keys are
  ``description``, ``goal``, ``backend``, ``method``, ``service_level_indicator``,
  ``error_budget_policy`` and ``exporters``.
- ``samples/config.yaml`` and ``samples/test/config.yaml``: windows in seconds as integers
  (3600, 43200, 604800, 2419200), thresholds as numbers, steps from the shortest window to
  the longest, ``alert: true`` on the short windows only.
- ``slo_generator/utils.py``: ``parse_config`` replaces every ``${NAME}`` (``NAME`` of word
  characters) in the raw text of the file with that environment variable, failing when it
  is unset, before ``yaml.safe_load``; ``get_error_budget_policy`` looks the SLO's policy up
  by name in ``error_budget_policies``.
- ``slo_generator/compute.py``: one report per entry of the policy's ``steps``.
- ``slo_generator/report.py``: ``SLOReport.__init__`` passes the SLO spec and the step as
  keyword arguments of one call (a step key that is also a spec key is an error), reads
  ``step["name"]`` and ``float(step["burn_rate_threshold"])``; ``build`` uses ``window`` as
  seconds, computes the burn rate as (1 - SLI) / (1 - goal) rounded to one decimal, alerts
  when it is strictly above the threshold, and shows ``message_alert`` when alerting,
  ``message_ok`` when the burn rate is at most 1, a fixed text otherwise.
- ``slo_generator/exporters/base.py``: every exported metric is labelled with
  ``error_budget_policy_step_name``, so two steps of one policy with the same name would
  write the same series.
- ``slo_generator/migrations/migrator.py``: the v1 step fields and their v2 names (the same
  six keys).

No code was copied; the checks cover what our writer produces and refuse anything else.
"""

from __future__ import annotations

import math
import re
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

import pytest
import yaml

from workbench.domain.policy import (
    Action,
    Condition,
    Consequence,
    Policy,
    SloFigures,
    Trigger,
    WindowFigures,
    check_condition,
    make_policy,
    starter_policy,
)
from workbench.domain.policy.evaluate import Outcome
from workbench.export import export_workspace
from workbench.export.slo_generator import (
    STEP_KEYS,
    consumed_within_rate,
    exact_decimal,
    slo_generator_document,
    steps,
)

PERIOD = timedelta(days=28)

# === the oracle =================================================================================

ORACLE_STEP_KEYS = {"name", "burn_rate_threshold", "alert", "message_alert", "message_ok",
                    "window"}
SLO_SPEC_KEYS = {"description", "goal", "backend", "method", "service_level_indicator",
                 "error_budget_policy", "exporters"}
SHARED_CONFIG_KEYS = {"backends", "exporters", "error_budget_policies", "default_exporters"}
ENV_VARIABLE = re.compile(r"\$\{(\w+)\}")


class SloGeneratorError(AssertionError):
    pass


def check_document(text: str) -> dict:
    """The policies in ``text`` as slo-generator would load them, or ``SloGeneratorError``."""
    used = ENV_VARIABLE.findall(text)
    if used:
        raise SloGeneratorError(f"slo-generator would replace ${{{used[0]}}} from the "
                                "environment (and stop if it is unset)")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or not set(data) <= SHARED_CONFIG_KEYS:
        raise SloGeneratorError(f"not a shared configuration: {data!r:.80}")
    policies = data.get("error_budget_policies")
    if not isinstance(policies, dict) or not policies:
        raise SloGeneratorError("error_budget_policies must map policy names to policies")
    for name, policy in policies.items():
        if not isinstance(name, str) or not name:
            raise SloGeneratorError(f"policy name {name!r} is not text")
        if not isinstance(policy, dict) or set(policy) != {"steps"}:
            raise SloGeneratorError(f"policy {name}: must hold steps only")
        if not isinstance(policy["steps"], list):
            raise SloGeneratorError(f"policy {name}: steps must be a list")
        names: set[str] = set()
        windows = []
        for step in policy["steps"]:
            check_step(step)
            if step["name"] in names:
                raise SloGeneratorError(f"two steps named {step['name']!r}")
            names.add(step["name"])
            windows.append(step["window"])
        if windows != sorted(windows):
            raise SloGeneratorError(f"steps not ordered by window: {windows}")
    return policies


def check_step(step: object) -> None:
    if not isinstance(step, dict) or set(step) != ORACLE_STEP_KEYS:
        raise SloGeneratorError(f"a step needs exactly {sorted(ORACLE_STEP_KEYS)}: {step!r}")
    if set(step) & SLO_SPEC_KEYS:
        raise SloGeneratorError("a step key clashes with an SLO spec key")
    threshold = step["burn_rate_threshold"]
    if isinstance(threshold, bool) or not isinstance(threshold, int | float) \
            or not math.isfinite(float(threshold)) or threshold < 0:
        raise SloGeneratorError(f"burn_rate_threshold {threshold!r} is not a number >= 0")
    window = step["window"]
    if isinstance(window, bool) or not isinstance(window, int) or window <= 0:
        raise SloGeneratorError(f"window {window!r} is not a whole number of seconds")
    if not isinstance(step["alert"], bool):
        raise SloGeneratorError("alert must be true or false")
    for key in ("name", "message_alert", "message_ok"):
        if not isinstance(step[key], str) or not step[key].strip():
            raise SloGeneratorError(f"{key} must be text")


def report(step: dict, goal: Fraction, good: int, bad: int) -> tuple[bool, str]:
    """What slo-generator reports for one step: (alert, consequence message)."""
    error = Fraction(bad, good + bad)
    burn = round(float(error / (1 - goal)), 1)
    alert = burn > float(step["burn_rate_threshold"])
    if alert:
        return True, step["message_alert"]
    if burn <= 1:
        return False, step["message_ok"]
    return False, "Missed for this measurement window, but not enough to alert"


def test_the_oracle_accepts_slo_generators_sample_and_refuses_broken_steps():
    sample = """\
error_budget_policies:
  default:
    steps:
    - {name: 1 hour, burn_rate_threshold: 9, alert: true, message_alert: Page,
       message_ok: Fine, window: 3600}
    - {name: 7 days, burn_rate_threshold: 1.5, alert: false, message_alert: Plan,
       message_ok: Fine, window: 604800}
"""
    assert list(check_document(sample)["default"]["steps"][1]) == [
        "name", "burn_rate_threshold", "alert", "message_alert", "message_ok", "window"]
    broken = [
        sample.replace("window: 3600", "window: '3600'"),
        sample.replace("window: 3600", "window: 1h"),
        sample.replace("window: 604800", "window: 60"),          # out of order
        sample.replace("7 days", "1 hour"),                      # same name twice
        sample.replace("alert: true", "alert: 'yes'"),
        sample.replace("burn_rate_threshold: 9", "burn_rate_threshold: '9'"),
        sample.replace("burn_rate_threshold: 9", "burn_rate_threshold: .nan"),
        sample.replace("message_ok: Fine, window: 3600", "window: 3600"),
        sample.replace("message_ok: Fine, window: 3600",
                       "message_ok: Fine, window: 3600, description: x"),
        sample.replace("Page", "Page ${USER}"),
        "error_budget_policies: {}\n",
    ]
    for text in broken:
        with pytest.raises(SloGeneratorError):
            check_document(text)
    step = check_document(sample)["default"]["steps"][0]
    assert report(step, Fraction(999, 1000), 99_080, 920) == (True, "Page")   # 9.2 > 9
    assert report(step, Fraction(999, 1000), 99_100, 900) == (False, "Missed for this "
                                                               "measurement window, but not "
                                                               "enough to alert")  # 9.0
    assert report(step, Fraction(999, 1000), 99_900, 100) == (False, "Fine")


# === the documents ==============================================================================


def test_our_step_keys_are_slo_generators():
    assert set(STEP_KEYS) == ORACLE_STEP_KEYS


def test_demo_documents_pass_the_oracle(demo, tmp_path):
    engine, workspace = demo
    paths = export_workspace(engine, workspace, tmp_path, {"yaml"}, {"policies"})
    documents = {p.stem: p.read_text("utf-8") for p in paths if p.parent.name == "slo-generator"}
    assert sorted(documents) == ["checkout", "storefront"]
    checkout = check_document(documents["checkout"])["checkout"]["steps"]
    # 30% of a 28-day budget in 24h is a burn rate of 0.3 x 28 = 8.4; 50% in 7d is 2.
    assert [(s["name"], s["burn_rate_threshold"], s["window"], s["alert"])
            for s in checkout] == [("fast-burn", 8.4, 86_400, True),
                                   ("slow-burn", 2, 604_800, False)]
    assert checkout[0]["message_alert"] == (
        "Policy checkout, condition fast-burn (30% of the budget consumed within 24h): "
        "conduct postmortem")
    comments = [line for line in documents["checkout"].splitlines() if line.startswith("#")]
    text = " ".join(line[2:] for line in comments)
    for left_out in ("budget-70 (consumed)", "provider (dependency-share)",
                     "exhausted (exhausted)"):
        assert left_out in text
    assert "strictly above burn_rate_threshold" in text
    storefront = check_document(documents["storefront"])["storefront"]["steps"]
    assert [(s["name"], s["burn_rate_threshold"], s["window"]) for s in storefront] == [
        ("fast-burn", 14.4, 3600), ("weekly-burn", 2, 604_800)]
    assert "projected (projected-exhaustion)" in documents["storefront"]


def test_hostile_text_passes_the_oracle_and_reads_back():
    policy = make_policy({
        "name": "pay ${HOME} | \"x\"", "conditions": [
            {"key": "${X}", "trigger": "burn-rate", "burn_rate": "14.4", "window": "1h",
             "consequences": [{"action": "conduct", "activity": "page ${USER} \\${Y}"}]},
            {"key": "a: b # c", "trigger": "burn-rate", "burn_rate": "1", "window": "28d",
             "consequences": [{"action": "stop", "activity": "'releases'\u2028now",
                               "allowed": ["$"], "ends": "next-period"}]},
            {"key": "${Z}\u2029next", "trigger": "exhausted", "consequences": [
                {"action": "declare", "code": "red"}]},
        ]})
    text = slo_generator_document(policy, period=PERIOD, slos=["${S}\nnew: line"],
                                  revision="draft ${R}")
    policies = check_document(text)
    [(name, body)] = policies.items()
    assert name == 'pay ${HOME} | "x"'
    first, second = body["steps"]
    assert first["name"] == "${X}"
    assert first["message_alert"].endswith("conduct page ${USER} \\${Y}")
    assert second["name"] == "a: b # c"
    assert "'releases' now" in second["message_alert"]
    # Comment lines hold no line break: the whole text is comments, then the one key.
    assert next(line for line in text.splitlines() if not line.startswith("#")) == \
        "error_budget_policies:"
    assert all(line.startswith(("#", " ", "error_budget_policies:"))
               for line in text.splitlines())


def test_a_policy_without_burn_rate_steps_has_empty_steps():
    policy = starter_policy("p")
    text = slo_generator_document(policy, period=None)
    assert check_document(text)["p"]["steps"] == []
    assert "fast-burn (consumed-within): the SLOs in scope do not share one period" in \
        " ".join(line[2:] for line in text.splitlines() if line.startswith("#"))
    assert "steps is empty" in text


def test_consumed_within_becomes_a_step_only_when_exact():
    assert consumed_within_rate(Decimal(30), timedelta(hours=24), PERIOD) == Decimal("8.4")
    assert consumed_within_rate(Decimal(2), timedelta(hours=1), PERIOD) == Decimal("13.44")
    assert consumed_within_rate(Decimal(50), timedelta(days=3), PERIOD) is None  # 4.666...
    assert consumed_within_rate(Decimal(5), timedelta(hours=6), timedelta(days=30)) == \
        Decimal(6)
    assert exact_decimal(Fraction(1, 8)) == Decimal("0.125")
    assert exact_decimal(Fraction(1, 3)) is None
    policy = Policy("p", conditions=(
        Condition("thirds", Trigger.CONSUMED_WITHIN, percent=Decimal(50),
                  window=timedelta(days=3),
                  consequences=(Consequence(Action.CONDUCT, activity="x"),)),))
    found, left = steps(policy, PERIOD)
    assert found == [] and [item.condition for item in left] == ["thirds"]
    assert "no exact decimal" in left[0].why


def test_thresholds_are_written_exactly():
    policy = Policy("p", conditions=tuple(
        Condition(f"c{i}", Trigger.BURN_RATE, window=timedelta(minutes=w),
                  burn_rate=Decimal(rate),
                  consequences=(Consequence(Action.CONDUCT, activity="x"),))
        for i, (w, rate) in enumerate([(1, "0.000001"), (5, "999999.999999"), (60, "14.4"),
                                       (90, "0"), (120, "1000000")])))
    [body] = check_document(slo_generator_document(policy, period=PERIOD)).values()
    written = [Decimal(str(s["burn_rate_threshold"])) for s in body["steps"]]
    assert written == [Decimal("0.000001"), Decimal("999999.999999"), Decimal("14.4"),
                       Decimal(0), Decimal(1_000_000)]
    assert [s["window"] for s in body["steps"]] == [60, 300, 3600, 5400, 7200]
    assert [type(s["burn_rate_threshold"]) for s in body["steps"]][-2:] == [int, int]


def test_steps_are_ordered_by_window_then_threshold():
    policy = Policy("p", conditions=tuple(
        Condition(key, Trigger.BURN_RATE, window=window, burn_rate=Decimal(rate),
                  consequences=(Consequence(Action.CONDUCT, activity="x"),))
        for key, window, rate in [("slow", timedelta(days=7), "2"),
                                  ("page-low", timedelta(hours=1), "6"),
                                  ("page-high", timedelta(hours=1), "14.4")]))
    found, _left = steps(policy, PERIOD)
    assert [s.name for s in found] == ["page-high", "page-low", "slow"]
    assert [s.alert for s in found] == [True, True, False]


@pytest.mark.parametrize(("bad", "ours", "theirs"), [
    (1440, Outcome.FIRES, False),   # exactly 14.4: the policy fires, slo-generator does not
    (1450, Outcome.FIRES, True),    # 14.5
    (1300, Outcome.CLOSE, False),   # 13.0: close to 14.4 (>= 90%)
    (100, Outcome.CLEAR, False),    # 1.0
])
def test_a_burn_rate_step_alerts_as_the_condition_fires_but_at_the_threshold(bad, ours,
                                                                           theirs):
    cond = Condition("fast", Trigger.BURN_RATE, window=timedelta(hours=1),
                     burn_rate=Decimal("14.4"),
                     consequences=(Consequence(Action.CONDUCT, activity="postmortem"),))
    [step] = check_document(slo_generator_document(Policy("p", conditions=(cond,)),
                                                   period=PERIOD))["p"]["steps"]
    figures = SloFigures("s", Decimal("99.9"), 1_000_000, 10_000, PERIOD, timedelta(days=10),
                         windows=(WindowFigures(timedelta(hours=1), 100_000, bad),))
    assert check_condition(cond, figures).outcome is ours
    assert report(step, Fraction(999, 1000), 100_000 - bad, bad)[0] is theirs


def test_a_converted_step_alerts_when_the_share_of_the_budget_is_spent():
    """30% of a 28-day budget in 24h, with events at an even rate (100,000 a day at 99.9%:
    a budget of 2,800 bad events, so 840 in one day): slo-generator alerts above 8.4."""
    cond = Condition("fast", Trigger.CONSUMED_WITHIN, percent=Decimal(30),
                     window=timedelta(hours=24),
                     consequences=(Consequence(Action.CONDUCT, activity="postmortem"),))
    [step] = check_document(slo_generator_document(Policy("p", conditions=(cond,)),
                                                   period=PERIOD))["p"]["steps"]
    assert (step["burn_rate_threshold"], step["window"]) == (8.4, 86_400)
    for bad, ours, theirs in [(840, Outcome.FIRES, False), (850, Outcome.FIRES, True),
                              (700, Outcome.CLEAR, False)]:
        figures = SloFigures("s", Decimal("99.9"), 2_800_000, 2000, PERIOD, PERIOD,
                             windows=(WindowFigures(timedelta(hours=24), 100_000, bad),))
        assert check_condition(cond, figures).outcome is ours
        assert report(step, Fraction(999, 1000), 100_000 - bad, bad)[0] is theirs
