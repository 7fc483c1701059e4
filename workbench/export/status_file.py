"""The budget status file the reliability gate reads (``workbench gate --status FILE``): the
figures of the SLOs a policy covers, written by a monitoring job, in JSON or YAML.

Shape (YAML; the same keys in JSON)::

    generated_at: 2026-11-25T06:00:00Z    # required: ISO 8601 with a zone (Z or +05:30);
                                          # the gate's --max-age compares it with the clock
    fired_this_period: [exhausted]        # optional: keys of conditions that fired earlier
                                          # in the current period (their consequences that
                                          # end at the next period stay in force)
    slos:                                 # required (may be empty)
    - name: upi-payment-availability      # required: the SLO's name as in the policy scope
      service: payments                   # optional; needed when the policy scopes by service
      target: "99.5"                      # required: percent, above 0 and below 100
      period: {length: 28d, elapsed: 24d} # required: whole minutes (w, d, h or m);
                                          # 0 < elapsed <= length
      total: 2000000                      # required: valid events of the period so far
      bad: 9000                           # required: bad events of the period so far
      expected_total: 2300000             # optional: valid events expected in the whole
                                          # period (else total x length / elapsed)
      windows:                            # optional: the last WINDOW up to generated_at
      - {window: 1h, total: 90000, bad: 120}
      dependencies:                       # optional: bad events of the period caused by
      - {name: npci-upi-switch, bad: 5000}  # each dependency ([] = none caused any;
                                          # left out = not known)

Rules:
- Counts (``total``, ``bad``, ``expected_total``, a window's and a dependency's figures) are
  whole numbers written with the digits 0-9, from 0 to 9223372036854775807 (2**63 - 1):
  no decimals (``1.0``), exponents (``1e6``), signs, leading zeros, ``_`` separators,
  booleans or other scripts' digits. ``"2000000"`` in quotes is read like ``2000000``.
- ``bad`` is at most ``total`` (also per window); ``expected_total`` is at least ``total``;
  a dependency's ``bad`` is at most the SLO's ``bad``, and so is the sum over dependencies.
- SLO names are unique (ignoring case and spacing), and so are the windows of an SLO
  (``24h`` and ``1d`` are the same window) and the dependencies' names.
- A window is from 1m to 35d, as in a policy's conditions.
- JSON is read as the YAML it is, so a problem's line is the line in the JSON file; a file
  that starts with ``{`` or ``[`` must also be valid JSON (its syntax errors are JSON's).
- The file may be at most 4 MiB, nested at most 6 levels (the shape needs 5), hold at most
  200,000 values and 1,000 SLOs (20 windows and 100 dependencies each). Every problem is
  reported at once as ``FILE:LINE: key.path: what is wrong (fix)``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from workbench.domain.formats import is_ascii_digits
from workbench.domain.names import unusable_character
from workbench.domain.policy import SloFigures, WindowFigures, parse_window
from workbench.domain.policy.model import MAX_NAME, MAX_WINDOW, MIN_WINDOW, duration_text
from workbench.domain.slo.target import TargetError, parse_target
from workbench.domain.yaml_doc import Checker, DocProblem
from workbench.export.file_problems import FileProblems, parse_document
from workbench.export.policy_yaml import as_written
from workbench.files import read_text_file

MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 6
MAX_NODES = 200_000
MAX_SLOS = 1000
MAX_WINDOWS = 20
MAX_DEPENDENCIES = 100
MAX_COUNT = 2**63 - 1
MAX_PERIOD = timedelta(days=366)
MAX_KEY = 40
TOP_KEYS = ("generated_at", "fired_this_period", "slos")
SLO_KEYS = ("name", "service", "target", "period", "total", "bad", "expected_total",
            "windows", "dependencies")
PERIOD_KEYS = ("length", "elapsed")
WINDOW_KEYS = ("window", "total", "bad")
DEPENDENCY_KEYS = ("name", "bad")
EXAMPLE_TIME = "2026-11-25T06:00:00Z"


class StatusFileError(FileProblems):
    """The status file cannot be used (see ``FileProblems``)."""

    def __init__(self, problems: Sequence[DocProblem], source: str) -> None:
        super().__init__(problems, source, topic="policy")


@dataclass(frozen=True)
class StatusData:
    generated_at: datetime
    """When the figures were computed (timezone-aware)."""
    figures: tuple[SloFigures, ...]
    fired_earlier: tuple[str, ...] = ()
    """Condition keys that fired earlier in the current period."""


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


class _Reader:
    def __init__(self, check: Checker) -> None:
        self.check = check

    def fail(self, path: str, message: str) -> None:
        self.check.add(path, message)

    def mapping(self, raw: Any, path: str, keys: tuple[str, ...],
                required: tuple[str, ...] = ()) -> dict[str, Any] | None:
        if not isinstance(raw, dict):
            self.fail(path, f"must be a mapping with keys {', '.join(keys)}")
            return None
        for key in raw:
            if key not in keys:
                self.fail(f"{path}.{key}" if path else key,
                          f"unknown key; use one of {', '.join(keys)}")
        for key in required:
            if raw.get(key) is None:
                self.fail(f"{path}.{key}" if path else key, "is required; add it")
        return raw

    def items(self, raw: Any, path: str, most: int, noun: str) -> list[Any]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.fail(path, "must be a list (items starting with '- ')")
            return []
        if len(raw) > most:
            self.fail(path, f"lists {len(raw)} {noun}; at most {most} are read, split the "
                            "file")
            return []
        return raw

    def text(self, raw: Any, path: str, limit: int, *, required: bool = True) -> str | None:
        """Text of one line; None when left out (a required key left out is reported by
        ``mapping``), and an empty text is a problem when ``required``."""
        if raw is None:
            return None
        if not isinstance(raw, str):
            self.fail(path, "must be text; write it as a string")
            return None
        problem = unusable_character(raw)
        if problem:
            self.fail(path, problem.replace(" and type the name again", ""))
            return None
        text = " ".join(raw.split())
        if not text:
            if required:
                self.fail(path, "is empty; write it out")
            return None
        if len(text) > limit:
            self.fail(path, f"is {len(text)} characters long; use at most {limit}")
            return None
        return text

    def count(self, raw: Any, path: str, *, required: bool = True) -> int | None:
        """A whole number of events written with ASCII digits (see the module docstring)."""
        if raw is None:
            if required:
                self.fail(path, "is required; add a whole number of events, e.g. 2000000")
            return None
        text = raw.strip() if isinstance(raw, str) else ""
        if not isinstance(raw, str) or not text:
            self.fail(path, "must be a whole number of events, e.g. 2000000")
            return None
        if text in ("true", "false", "True", "False", "TRUE", "FALSE", "yes", "no", "on",
                    "off"):
            self.fail(path, f"is {text}, not a number; write a whole number of events, "
                            "e.g. 2000000")
            return None
        if text.startswith("-") and is_ascii_digits(text[1:]):
            self.fail(path, f"{text} is negative; use 0 or more")
            return None
        if not is_ascii_digits(text):
            if re.fullmatch(r"[0-9]*\.[0-9]*|[0-9.]+[eE][-+]?[0-9]+", text):
                why = "is not a whole number"
            elif any(ch.isdigit() for ch in text) and not text.isascii():
                why = "uses digits other than 0-9"
            else:
                why = "is not a whole number"
            self.fail(path, f"{text!r} {why}; write the count with the digits 0-9, e.g. "
                            "2000000")
            return None
        if len(text) > 1 and text.startswith("0"):
            self.fail(path, f"{text} starts with 0; write it without leading zeros "
                            f"({int(text[:19])})")
            return None
        if len(text) > 19 or int(text) > MAX_COUNT:
            self.fail(path, f"{text[:30]}{'...' if len(text) > 30 else ''} is too large; "
                            f"use at most {MAX_COUNT}")
            return None
        return int(text)

    def duration(self, raw: Any, path: str, low: timedelta,
                 high: timedelta) -> timedelta | None:
        if raw is None:
            self.fail(path, "is required; add a duration such as 28d, 24h or 90m")
            return None
        span = parse_window(raw) if isinstance(raw, str) else None
        if span is None:
            self.fail(path, f"{raw!r} is not a duration; use a whole number with w, d, h or "
                            "m, e.g. 28d or 24h")
            return None
        if not low <= span <= high:
            lowest = "more than 0" if low <= timedelta(minutes=1) and path.endswith(
                (".length", ".elapsed")) else f"at least {duration_text(low)}"
            self.fail(path, f"{raw.strip()} is out of range; use {lowest} and at most "
                            f"{duration_text(high)}")
            return None
        return span

    def timestamp(self, raw: Any, path: str) -> datetime | None:
        if raw is None:
            self.fail(path, f"is required; say when the figures were computed, e.g. "
                            f"{EXAMPLE_TIME}")
            return None
        text = raw.strip() if isinstance(raw, str) else ""
        if not text or not text.isascii() or len(text) > 40 or not re.match(
                r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}", text):
            self.fail(path, f"{raw!r} is not a date and time; write ISO 8601 with a zone, "
                            f"e.g. {EXAMPLE_TIME}")
            return None
        try:
            stamp = datetime.fromisoformat(text)
        except ValueError:
            self.fail(path, f"{text!r} is not a time of the calendar; write ISO 8601 with a "
                            f"zone, e.g. {EXAMPLE_TIME}")
            return None
        if stamp.tzinfo is None or stamp.utcoffset() is None:
            self.fail(path, f"{text!r} has no time zone; add Z (UTC) or an offset such as "
                            "+05:30")
            return None
        return stamp


# --- reading --------------------------------------------------------------------------------

_JSON_START = re.compile(r"\s*[\[{]")
# A JSON escaped surrogate pair ("\ud83d\ude80"), not preceded by an odd number of
# backslashes: JSON reads it as one character, PyYAML refuses it.
_SURROGATES = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})",
                         re.IGNORECASE)


def _pair(match: re.Match[str]) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    char = chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    return match.group(1) + char


def _json_as_yaml(text: str, source: str) -> str:
    """A JSON text checked as JSON, made ready for the YAML reader (same lines)."""
    try:
        json.loads(text, parse_constant=lambda name: name)
    except RecursionError:
        raise StatusFileError([DocProblem("", f"is nested more than {MAX_DEPTH} levels "
                                          "deep; flatten it")], source) from None
    except json.JSONDecodeError as exc:
        raise StatusFileError([DocProblem(
            "", f"not valid JSON: {exc.msg} (column {exc.colno}); fix the syntax",
            exc.lineno)], source) from None
    # In valid JSON a tab can only stand between tokens, where YAML wants spaces.
    return _SURROGATES.sub(_pair, text.replace("\t", " "))


def read_status_file(text: str, source: str) -> StatusData:
    """The status in ``text`` (JSON or YAML; ``source`` names the file in messages), or
    ``StatusFileError`` with every problem."""
    if len(text) <= MAX_BYTES and _JSON_START.match(text):
        text = _json_as_yaml(text, source)
    data, tree = parse_document(text, source, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH,
                                max_nodes=MAX_NODES, error=StatusFileError,
                                advice="check that this is a budget status file")
    check = Checker(tree)
    values = as_written(tree, data, typed=frozenset()) if data is not None else None
    r = _Reader(check)
    top = r.mapping(values, "", TOP_KEYS, ("generated_at", "slos")) or {}
    stamp = r.timestamp(top.get("generated_at"), "generated_at") if top.get(
        "generated_at") is not None else None
    fired: list[str] = []
    for index, raw in enumerate(r.items(top.get("fired_this_period"), "fired_this_period",
                                        50, "conditions")):
        path = f"fired_this_period[{index}]"
        key = r.text("" if raw is None else raw, path, MAX_KEY)
        if key is None:
            continue
        if _key(key) in {_key(k) for k in fired}:
            r.fail(path, f"{key!r} is listed twice; keep one")
            continue
        fired.append(key)
    figures: list[SloFigures] = []
    names: dict[str, int] = {}
    listed = top.get("slos")
    if listed is not None and not isinstance(listed, list):
        r.fail("slos", "must be a list (items starting with '- '); write slos: [] when there "
                       "are none")
        listed = None
    for index, raw in enumerate(r.items(listed, "slos", MAX_SLOS, "SLOs")):
        path = f"slos[{index}]"
        name, figure = _slo(r, raw, path)
        if name is None:
            continue
        key = _key(name)
        if key in names:
            r.fail(f"{path}.name", f"{name!r} is already listed as slos[{names[key]}]; give "
                                   "each SLO once")
            continue
        names[key] = index
        if figure is not None:
            figures.append(figure)
    if check.problems:
        ordered = sorted(check.problems, key=lambda p: p.line or 0)
        raise StatusFileError(ordered, source)
    assert stamp is not None
    return StatusData(generated_at=stamp, figures=tuple(figures), fired_earlier=tuple(fired))


def _slo(r: _Reader, raw: Any, path: str) -> tuple[str | None, SloFigures | None]:
    """The entry's name (None when it has none) and its figures (None when invalid)."""
    values = r.mapping(raw, path, SLO_KEYS, ("name", "target", "period", "total", "bad"))
    if values is None:
        return None, None
    before = len(r.check.problems)
    name = r.text(values.get("name"), f"{path}.name", MAX_NAME)
    service = r.text(values.get("service"), f"{path}.service", MAX_NAME, required=False)
    target: Decimal | None = None
    if values.get("target") is not None:
        try:
            target = parse_target(values["target"])
        except TargetError as exc:
            r.fail(f"{path}.target", str(exc))
    length = elapsed = None
    period = values.get("period")
    if period is not None:
        span = r.mapping(period, f"{path}.period", PERIOD_KEYS, PERIOD_KEYS)
        if span is not None:
            if span.get("length") is not None:
                length = r.duration(span["length"], f"{path}.period.length",
                                    timedelta(minutes=1), MAX_PERIOD)
            if span.get("elapsed") is not None:
                elapsed = r.duration(span["elapsed"], f"{path}.period.elapsed",
                                     timedelta(minutes=1), MAX_PERIOD)
            if length is not None and elapsed is not None and elapsed > length:
                r.fail(f"{path}.period.elapsed", f"{duration_text(elapsed)} is longer than "
                       f"the period ({duration_text(length)}); use at most the length")
                elapsed = None
    total = r.count(values.get("total"), f"{path}.total", required=False)
    bad = r.count(values.get("bad"), f"{path}.bad", required=False)
    if total is not None and bad is not None and bad > total:
        r.fail(f"{path}.bad", f"{bad} bad events are more than the {total} valid events; "
                              "bad events are part of total")
    expected = r.count(values.get("expected_total"), f"{path}.expected_total",
                       required=False)
    if expected is not None and total is not None and expected < total:
        r.fail(f"{path}.expected_total", f"{expected} is less than the {total} valid events "
                                         "counted so far; use at least total, or leave it out")
    windows = _windows(r, values.get("windows"), f"{path}.windows")
    dependencies = _dependencies(r, values.get("dependencies"), f"{path}.dependencies", bad)
    if len(r.check.problems) > before or None in (name, target, length, elapsed, total, bad):
        return name, None
    assert name and target is not None and length and elapsed
    assert total is not None and bad is not None
    return name, SloFigures(slo=name, target=target, total=total, bad=bad, length=length,
                            elapsed=elapsed, service=service, expected_total=expected,
                            windows=windows, dependencies=dependencies)


def _windows(r: _Reader, raw: Any, path: str) -> tuple[WindowFigures, ...]:
    found: list[WindowFigures] = []
    seen: dict[timedelta, int] = {}
    for index, item in enumerate(r.items(raw, path, MAX_WINDOWS, "windows")):
        where = f"{path}[{index}]"
        values = r.mapping(item, where, WINDOW_KEYS, WINDOW_KEYS)
        if values is None:
            continue
        span = r.duration(values.get("window"), f"{where}.window", MIN_WINDOW,
                          MAX_WINDOW) if values.get("window") is not None else None
        total = r.count(values.get("total"), f"{where}.total", required=False)
        bad = r.count(values.get("bad"), f"{where}.bad", required=False)
        if total is not None and bad is not None and bad > total:
            r.fail(f"{where}.bad", f"{bad} bad events are more than the {total} valid "
                                   "events of the window")
            continue
        if span is None or total is None or bad is None:
            continue
        if span in seen:
            r.fail(f"{where}.window", f"{duration_text(span)} is the same window as "
                                      f"{path}[{seen[span]}]; give each window once")
            continue
        seen[span] = index
        found.append(WindowFigures(span, total, bad))
    return tuple(found)


def _dependencies(r: _Reader, raw: Any, path: str,
                  bad: int | None) -> tuple[tuple[str, int], ...] | None:
    if raw is None:
        return None
    found: list[tuple[str, int]] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(r.items(raw, path, MAX_DEPENDENCIES, "dependencies")):
        where = f"{path}[{index}]"
        values = r.mapping(item, where, DEPENDENCY_KEYS, DEPENDENCY_KEYS)
        if values is None:
            continue
        name = r.text(values.get("name"), f"{where}.name", MAX_NAME)
        caused = r.count(values.get("bad"), f"{where}.bad", required=False)
        if caused is not None and bad is not None and caused > bad:
            r.fail(f"{where}.bad", f"{caused} is more than the SLO's {bad} bad events")
            continue
        if name is None or caused is None:
            continue
        if _key(name) in seen:
            r.fail(f"{where}.name", f"{name!r} is already listed as {path}[{seen[_key(name)]}]"
                                    "; give each dependency once")
            continue
        seen[_key(name)] = index
        found.append((name, caused))
    total = sum(caused for _name, caused in found)
    if bad is not None and total > bad:
        r.fail(path, f"the dependencies caused {total} bad events together, more than the "
                     f"SLO's {bad}; each bad event has at most one cause")
    return tuple(found)


def read_status_path(path: Path | str) -> StatusData:
    """The status in the file at ``path`` (see ``read_status_file``)."""
    text = read_text_file(path, max_bytes=MAX_BYTES, what="a budget status file")
    return read_status_file(text, str(path).strip())


__all__ = ["MAX_BYTES", "MAX_COUNT", "StatusData", "StatusFileError", "read_status_file",
           "read_status_path"]
