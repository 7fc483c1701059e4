"""A policy's burn-rate conditions as an slo-generator ``error_budget_policies`` document, so
a team already running slo-generator (github.com/google/slo-generator) can reuse them.

The document holds one policy (named like ours) whose ``steps`` slo-generator evaluates for
every SLO whose ``spec.error_budget_policy`` names it::

    error_budget_policies:
      checkout:
        steps:
        - name: fast-burn              # the condition's key (unique in the policy)
          burn_rate_threshold: 14.4    # a number
          alert: true                  # see below
          message_alert: ...           # what the policy says to do
          message_ok: ...
          window: 3600                 # seconds

Decisions (slo-generator's rules as read from its source; see the test oracle):
- A ``burn-rate`` condition becomes one step: its window in whole seconds and its burn rate
  as the threshold.
- A ``consumed-within`` condition (X% of the period's budget within a window W) becomes a
  step too when the SLOs in scope share one period length P: spending X% of the budget in
  W is a burn rate of X/100 x P/W over W when events arrive at an even rate. It is written
  only when that burn rate is an exact decimal (at most six decimals), and a comment says so.
- Every other trigger (budget consumed since the period started, exhausted, projected to run
  out, one dependency's share) depends on more than one window's burn rate, so it is left
  out, and a comment line names each condition left out and why.
- slo-generator alerts when the burn rate over the window, rounded to one decimal, is
  strictly above ``burn_rate_threshold``; the policy fires at the threshold itself. A
  comment line says so rather than shifting the threshold.
- ``alert`` (slo-generator's "page someone" flag) is true for windows of up to 24 hours
  (fast burns need someone now) and false for longer ones (slow burns are planning work), as
  in slo-generator's own sample configuration.
- Steps are ordered by window, shortest first, then by threshold, highest first.
- slo-generator replaces ``${NAME}`` anywhere in the file with an environment variable
  before it reads the YAML (and stops when the variable is unset), so no ``${`` may appear:
  in values it is written as the escape ``\\x24{`` inside double quotes (read back as
  ``${``), and comment lines never hold it.
"""

from __future__ import annotations

import textwrap
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import yaml

from workbench.domain.plain_values import MAX_DECIMALS
from workbench.domain.policy import Condition, Policy, Trigger, duration_text

ALERT_UP_TO = timedelta(hours=24)
STEP_KEYS = ("name", "burn_rate_threshold", "alert", "message_alert", "message_ok", "window")

LEFT_OUT_WHY = {
    Trigger.CONSUMED: "counts the budget spent since the period began, not over one window",
    Trigger.EXHAUSTED: "counts the budget spent since the period began, not over one window",
    Trigger.PROJECTED: "depends on the budget already spent as well as the burn rate",
    Trigger.DEPENDENCY: "slo-generator has no figures per dependency",
}


@dataclass(frozen=True)
class Step:
    name: str
    burn_rate: Decimal
    window: timedelta
    alert: bool
    message_alert: str
    message_ok: str
    converted: bool = False
    """From a consumed-within condition (X% of the budget in W)."""

    def values(self) -> dict[str, Any]:
        return {"name": self.name, "burn_rate_threshold": _number(self.burn_rate),
                "alert": self.alert, "message_alert": self.message_alert,
                "message_ok": self.message_ok,
                "window": self.window.days * 86_400 + self.window.seconds}


@dataclass(frozen=True)
class LeftOut:
    condition: str
    trigger: Trigger
    why: str


def _number(value: Decimal) -> int | float:
    """An int when whole, else a float whose shortest form is the decimal itself (at most
    six decimals and 13 digits: well within a double's 15)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def exact_decimal(value: Fraction, places: int = MAX_DECIMALS) -> Decimal | None:
    """``value`` as a Decimal when it has at most ``places`` decimals, else None."""
    scaled = value * 10**places
    if scaled.denominator != 1:
        return None
    return Decimal(scaled.numerator).scaleb(-places).normalize()


def consumed_within_rate(percent: Decimal, window: timedelta,
                         period: timedelta) -> Decimal | None:
    """The burn rate over ``window`` that spends ``percent``% of a ``period``'s budget in it
    (events at an even rate), or None when it is not an exact decimal."""
    rate = Fraction(percent) / 100 * Fraction(_seconds(period), _seconds(window))
    return exact_decimal(rate)


def _seconds(span: timedelta) -> int:
    return span.days * 86_400 + span.seconds


def _message(policy: Policy, cond: Condition) -> str:
    done = "; ".join(c.describe() for c in cond.consequences) or "no consequence written yet"
    return _one_line(f"Policy {policy.name}, condition {cond.key} ({cond.describe()}): "
                     f"{done}")


def steps(policy: Policy, period: timedelta | None) -> tuple[list[Step], list[LeftOut]]:
    """The steps the policy's conditions map to, and the conditions left out. ``period`` is
    the period length every SLO in scope shares (None: they differ, or none is known)."""
    found: list[Step] = []
    left: list[LeftOut] = []
    for cond in policy.conditions:
        window = cond.window
        if cond.trigger is Trigger.BURN_RATE and window is not None and cond.burn_rate is not None:
            rate, converted = cond.burn_rate, False
        elif cond.trigger is Trigger.CONSUMED_WITHIN and window is not None \
                and cond.percent is not None:
            if period is None:
                left.append(LeftOut(cond.key, cond.trigger, "the SLOs in scope do not share "
                                    "one period length, so its burn rate is not one number"))
                continue
            exact = consumed_within_rate(cond.percent, window, period)
            if exact is None:
                left.append(LeftOut(cond.key, cond.trigger, f"its burn rate {cond.percent}/100 "
                                    f"x {duration_text(period)}/{duration_text(window)} has "
                                    "no exact decimal"))
                continue
            rate, converted = exact, True
        else:
            left.append(LeftOut(cond.key, cond.trigger, LEFT_OUT_WHY.get(
                cond.trigger, "has no window to turn into a step")))
            continue
        found.append(Step(
            name=cond.key, burn_rate=rate, window=window, alert=window <= ALERT_UP_TO,
            message_alert=_message(policy, cond),
            message_ok=_one_line(f"On track over the last {duration_text(window)} for "
                                 f"condition {cond.key} of policy {policy.name}"),
            converted=converted))
    found.sort(key=lambda s: (s.window, -s.burn_rate))
    return found, left


# --- writing --------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Every text holding ``$`` in double quotes, where ``$`` can be written as ``\\x24``."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if "$" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _comment_text(text: str) -> str:
    """User text made safe inside a comment line: one line, no ``${``."""
    kept = "".join(" " if unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch == "\x85"
                   else ch for ch in text)
    return _one_line(kept).replace("${", "$ {")


def _comments(lines: Iterable[str]) -> str:
    """Comment lines of at most about 90 characters (list items indented when wrapped)."""
    out = []
    for line in lines:
        text = _comment_text(line)
        indent = "  " if text.startswith("- ") else ""
        for part in textwrap.wrap(text, 88, subsequent_indent=indent, break_long_words=False,
                                  break_on_hyphens=False) or [""]:
            out.append(f"# {part}".rstrip() + "\n")
    return "".join(out)


def slo_generator_document(policy: Policy, *, period: timedelta | None,
                           slos: Iterable[str] = (), revision: str = "",
                           generated_at: datetime | None = None) -> str:
    """The document: comment lines (where it came from, how to use it, what was left out
    and why), then ``error_budget_policies``. ``slos`` names the SLOs in scope (for the
    comment), ``revision`` which text of the policy this is ("agreed revision 3")."""
    found, left = steps(policy, period)
    where = f": {revision}" if revision else ""
    head = [f"slo-generator error_budget_policies written by SRE Workbench from the error "
            f"budget policy {policy.name}{where}."]
    if generated_at is not None:
        head.append(f"Generated {generated_at.isoformat(timespec='seconds')}.")
    head += [
        "Merge the error_budget_policies key into slo-generator's shared configuration and "
        f"set spec.error_budget_policy to {policy.name} in the SLO configurations it covers.",
    ]
    names = list(slos)
    if names:
        head.append("SLOs in scope: " + ", ".join(names) + ".")
    head += [
        "slo-generator alerts when the burn rate over a step's window, rounded to one "
        "decimal, is strictly above burn_rate_threshold; the policy fires at the threshold.",
    ]
    head.append(f"alert is true for windows of up to {duration_text(ALERT_UP_TO)} (fast burns "
                "page someone) and false for longer ones.")
    converted = [s for s in found if s.converted]
    if converted and period is not None:
        head.append(f"From X% of the {duration_text(period)} budget consumed within a window W "
                    f"(burn rate X/100 x {duration_text(period)}/W, exact for events at an "
                    "even rate): " + ", ".join(s.name for s in converted) + ".")
    if left:
        head.append("Left out (no burn-rate step can express them):")
        head += [f"- {item.condition} ({item.trigger.value}): {item.why}." for item in left]
    if not found:
        head.append("No condition of this policy maps to a step, so steps is empty.")
    body = {"error_budget_policies": {policy.name: {"steps": [s.values() for s in found]}}}
    text = yaml.dump(body, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=1_000_000)
    # Only double-quoted scalars hold "$" (see _represent_str), where \x24 is an escape.
    return _comments(head) + text.replace("${", "\\x24{")


__all__ = ["ALERT_UP_TO", "STEP_KEYS", "LeftOut", "Step", "consumed_within_rate",
           "exact_decimal", "slo_generator_document", "steps"]
