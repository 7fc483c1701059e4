"""Reading plain values (parsed YAML, editor fields) into typed documents, every problem at
once, each naming where it is (``conditions[2].window``).

Shared by the documents' readers (error budget policy, team charter, organisation decision):
text is trimmed and bounded, control characters refused, numbers exact (``Decimal``, never a
float), dates ISO only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from workbench.domain.lifecycle import Party

MAX_DECIMALS = 6
MAX_PARTIES = 15
MAX_PARTY_TEXT = 60


class PartError(ValueError):
    """One problem in a document's values: ``part`` names where."""

    def __init__(self, part: str, message: str) -> None:
        super().__init__(f"{part}: {message}" if part else message)
        self.part = part
        self.message = message


class PartProblems(ValueError):
    """Every problem found in a document's values (``make_*`` raises it)."""

    def __init__(self, problems: Sequence[PartError]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class MissingPart:
    """A part a document needs before it can be agreed, and what to write there."""

    part: str
    message: str


def number_text(value: Decimal | None) -> str:
    if value is None:
        return "?"
    text = format(value.normalize(), "f")
    return text


class ValueReader:
    """Reads plain values (what a YAML file or an editor holds), collecting every problem
    instead of stopping at the first, each as ``error(part, message)``."""

    def __init__(self, error: type[PartError] = PartError) -> None:
        self.problems: list[PartError] = []
        self._error = error

    def fail(self, part: str, message: str) -> None:
        self.problems.append(self._error(part, message))

    def text(self, values: Mapping[str, Any], key: str, part: str, limit: int, *,
             required: bool = False, multiline: bool = False) -> str:
        raw = values.get(key)
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            if isinstance(raw, bool) or not isinstance(raw, int | Decimal):
                self.fail(part, f"must be text, not {type(raw).__name__}")
                return ""
            raw = str(raw)
        if any(unicodedata.category(ch) == "Cc" and ch not in ("\n\t" if multiline else "\t")
               for ch in raw):
            self.fail(part, "contains a control character; remove it")
            return ""
        text = raw.strip() if multiline else " ".join(raw.split())
        if multiline:
            text = "\n".join(line.rstrip() for line in text.splitlines())
        if required and not text:
            self.fail(part, "is empty; write it out")
        if len(text) > limit:
            self.fail(part, f"is {len(text)} characters long; use at most {limit}")
            return text[:limit]
        return text

    def texts(self, values: Mapping[str, Any], key: str, part: str, limit: int,
              most: int) -> tuple[str, ...]:
        raw = values.get(key)
        if raw is None:
            return ()
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list | tuple):
            self.fail(part, "must be a list")
            return ()
        if len(raw) > most:
            self.fail(part, f"has {len(raw)} entries; use at most {most}")
            raw = raw[:most]
        items: list[str] = []
        for index, item in enumerate(raw):
            text = self.text({"v": item}, "v", f"{part}[{index}]", limit, required=True)
            if text and text.casefold() in {i.casefold() for i in items}:
                self.fail(f"{part}[{index}]", f"{text!r} is listed twice; list it once")
            elif text:
                items.append(text)
        return tuple(items)

    def number(self, values: Mapping[str, Any], key: str, part: str, *, low: Decimal,
               high: Decimal, low_open: bool = True, example: str) -> Decimal | None:
        raw = values.get(key)
        if raw is None:
            return None
        if isinstance(raw, bool | float):
            self.fail(part, f"{raw!r} must be written as text or a whole number, e.g. "
                            f"'{example}' (floats are not exact)")
            return None
        text = str(raw).strip().removesuffix("%").strip() if isinstance(raw, str | int
                                                                        | Decimal) else None
        if text is None or not text or len(text) > 30 or not all(
                ch.isascii() for ch in text):
            self.fail(part, f"{raw!r} is not a number; e.g. {example}")
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            self.fail(part, f"{raw!r} is not a number; e.g. {example}")
            return None
        if not number.is_finite():
            self.fail(part, f"{raw!r} is not a number; e.g. {example}")
            return None
        low_ok = number > low if low_open else number >= low
        if not low_ok or number > high:
            above = "more than" if low_open else "at least"
            self.fail(part, f"{text} is out of range; use {above} {number_text(low)} and at "
                            f"most {number_text(high)}")
            return None
        if -number.as_tuple().exponent > MAX_DECIMALS:  # type: ignore[operator]
            self.fail(part, f"{text} has more than {MAX_DECIMALS} decimal places")
            return None
        return number

    def choice(self, values: Mapping[str, Any], key: str, part: str, enum: type[StrEnum],
               default: Any = None) -> Any:
        raw = values.get(key)
        if raw is None or raw == "":
            if default is None:
                self.fail(part, f"is missing; use one of: {', '.join(e.value for e in enum)}")
            return default
        text = " ".join(str(raw).split()).casefold().replace(" ", "-").replace("_", "-")
        for member in enum:
            if text == member.value:
                return member
        self.fail(part, f"{raw!r} is not one of: {', '.join(e.value for e in enum)}")
        return default

    def mapping(self, raw: Any, part: str) -> Mapping[str, Any]:
        if raw is None:
            return {}
        if not isinstance(raw, Mapping):
            self.fail(part, "must be a mapping of keys to values")
            return {}
        return raw

    def unknown(self, values: Mapping[str, Any], known: Sequence[str], part: str) -> None:
        for key in values:
            if key not in known:
                where = f"{part}.{key}" if part else str(key)
                self.fail(where, f"is not a known key; use one of: {', '.join(known)}")

    def whole(self, values: Mapping[str, Any], key: str, part: str, *, low: int, high: int,
              default: int | None, digits: bool = False) -> int | None:
        """A whole number from ``low`` to ``high``; ``default`` when missing or wrong. With
        ``digits``, text of digits counts too (values typed into a form or ``--set``)."""
        raw = values.get(key)
        if raw is None or raw == "":
            return default
        if digits and isinstance(raw, str) and raw.strip().isascii() and raw.strip().isdigit() \
                and len(raw.strip()) < 10:
            raw = int(raw.strip())
        if isinstance(raw, bool) or not isinstance(raw, int):
            self.fail(part, f"{raw!r} is not a whole number; use {low} to {high}")
            return default
        if not low <= raw <= high:
            self.fail(part, f"{raw} is out of range; use {low} to {high}")
            return default
        return raw

    def records(self, values: Mapping[str, Any], key: str, part: str, keys: Sequence[str],
                first: str, most: int) -> list[tuple[str, Mapping[str, Any]]]:
        """The entries of a list of mappings as (where, mapping), unknown keys reported; a
        bare string stands for the value of ``first`` (``- Checkout`` = ``- team: Checkout``)."""
        found = []
        for index, item in enumerate(self.items(values, key, part, most)):
            where = f"{part}[{index}]"
            item = self.mapping({first: item} if isinstance(item, str) else item, where)
            self.unknown(item, keys, where)
            found.append((where, item))
        return found

    def items(self, values: Mapping[str, Any], key: str, part: str, most: int) -> list[Any]:
        raw = values.get(key)
        if raw is None:
            return []
        if not isinstance(raw, list | tuple):
            self.fail(part, "must be a list")
            return []
        if len(raw) > most:
            self.fail(part, f"has {len(raw)} entries; use at most {most}")
            return list(raw[:most])
        return list(raw)


def read_date(r: ValueReader, raw: Any, part: str) -> date | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, datetime):
        # a YAML timestamp: keeping it would not read back from its own text
        r.fail(part, f"{raw.isoformat(' ')} has a time of day; write the date alone, "
                     "e.g. 2027-03-01")
        return None
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        if len(text) == 10 and text.isascii():
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
    r.fail(part, f"{raw!r} is not a date; write YYYY-MM-DD, e.g. 2027-03-01")
    return None




def read_parties(r: ValueReader, values: Mapping[str, Any]) -> tuple[Party, ...]:
    """``parties``: who must agree, each a role (``operations``) or a mapping with a role
    and optionally a person's name."""
    parties = []
    for index, raw in enumerate(r.items(values, "parties", "parties", MAX_PARTIES)):
        part = f"parties[{index}]"
        item = r.mapping({"role": raw} if isinstance(raw, str) else raw, part)
        r.unknown(item, ("role", "name"), part)
        role = r.text(item, "role", f"{part}.role", MAX_PARTY_TEXT, required=True)
        who = r.text(item, "name", f"{part}.name", MAX_PARTY_TEXT) or None
        if role:
            parties.append(Party(role=role, name=who))
    return tuple(parties)


def party_values(parties: Sequence[Party]) -> list[dict[str, str]]:
    """The plain values ``read_parties`` reads back."""
    return [{"role": p.role, **({"name": p.name} if p.name else {})} for p in parties]
