"""The stakeholder chart as YAML (``kind: workbench/stakeholder-chart``, ``version: 1``):
write it, and read it back with every problem of the file reported at once.

Shape::

    kind: workbench/stakeholder-chart
    version: 1
    generated_at: 2026-11-25T09:00:00      # optional, ignored on import
    plan:                                  # optional; a quadrant left out keeps its default
      engage-fully: {every_days: 7, contact: One-to-one meeting ...}
      keep-satisfied: ...
      keep-informed: ...
      monitor: ...
    stakeholders:                          # required (an empty chart: [])
    - name: Vikram Singh                   # required
      uid: demo-vikram                     # optional: kept so renames stay renames
      role: Head of operations
      group: operations                    # development, operations, product, executive, other
      power: high                          # required: high or low
      interest: high                       # required: high or low
      quadrant: engage-fully               # optional, information: see below
      stance: supporter                    # supporter, neutral, detractor or null
      influence: null                      # high, low or null
      stage: agreement                     # awareness ... engagement, or null
      owner: Meera Nair
      last_contact: 2026-11-20
      next_action: ''
      next_action_due: null
      notes: ''

Decisions:
- The export writes every field, and ``quadrant`` too, so the file reads on its own. The
  quadrant is never *read*: it follows from power and interest. An import accepts it only
  when it agrees with them and reports it otherwise, because someone who edited the quadrant
  expected the person to move and would be surprised if that was silently ignored.
- Every scalar of a stakeholder is read as the text it was written with (``name: No``,
  ``role: 2026`` and ``last_contact: 2026-02-30`` reach the domain's checks as typed), so
  the domain's rules and messages (``stakeholder_problems``, ``plan_problems``,
  ``check_people``) decide what is valid, the same as for the CLI and the TUI.
- Problems are listed in line order, each as ``FILE:LINE: key.path: what is wrong (fix)``;
  the importer returns nothing unless the whole file is valid.
- The file may be at most 8 MiB (the largest chart the domain allows, 500 people with every
  text field full of four-byte characters, takes about 5.5 MiB), a regular file, one YAML
  document, without aliases, nested at most 8 levels (the format needs 3) and holding at
  most 50,000 values (a full chart has about 16,000).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from workbench.domain.stakeholders import (
    LIST_ORDER,
    MAX_STAKEHOLDERS,
    Chart,
    Stakeholder,
    check_people,
    default_plan,
    find_quadrant,
    make_plan,
    make_stakeholder,
    plan_problems,
    stakeholder_problems,
)
from workbench.domain.yaml_doc import MISSING, Checker, DocProblem, LineTree
from workbench.export.file_problems import FileProblems, parse_document
from workbench.files import read_text_file

KIND = "workbench/stakeholder-chart"
VERSION = 1
YAML_FILE = "stakeholders.yaml"
MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 8
# Values (keys, scalars, lists, mappings) a file may hold: a full chart has about 16,000.
MAX_NODES = 50_000
TOP_KEYS = ("kind", "version", "generated_at", "plan", "stakeholders")
PERSON_KEYS: tuple[str, ...] = (
    "name", "uid", "role", "group", "power", "interest", "quadrant", "stance", "influence",
    "stage", "owner", "last_contact", "next_action", "next_action_due", "notes",
)


# --- writing --------------------------------------------------------------------------------


def person_entry(person: Stakeholder) -> dict[str, Any]:
    """One stakeholder as written: every field, in ``PERSON_KEYS`` order."""
    def choice(value: Any) -> str | None:
        return value.value if value is not None else None

    return {
        "name": person.name, "uid": person.uid, "role": person.role,
        "group": person.group.value, "power": person.power.value,
        "interest": person.interest.value, "quadrant": person.quadrant.value,
        "stance": choice(person.stance), "influence": choice(person.influence),
        "stage": choice(person.stage), "owner": person.owner,
        "last_contact": person.last_contact, "next_action": person.next_action,
        "next_action_due": person.next_action_due, "notes": person.notes,
    }


def chart_body(chart: Chart) -> dict[str, Any]:
    """The document body (without ``kind``/``version``): the plan, then every person in the
    chart's order."""
    plan = chart.plan or default_plan()
    return {
        "plan": {q.value: {"every_days": plan.for_quadrant(q).every_days,
                           "contact": plan.for_quadrant(q).contact} for q in LIST_ORDER},
        "stakeholders": [person_entry(p) for p in chart.people],
    }


def render_yaml(chart: Chart, *, generated_at: datetime | None = None) -> str:
    """The whole file, exactly as the registry exporter writes it."""
    from workbench.export.registry import ExportContext

    return ExportContext(session=None, workspace=None,  # type: ignore[arg-type]
                         generated_at=generated_at).yaml(KIND, chart_body(chart))


# --- reading --------------------------------------------------------------------------------


class ChartImportError(FileProblems):
    """The file cannot be imported (see ``FileProblems``)."""

    outcome = ", nothing imported"

    def __init__(self, problems: Sequence[DocProblem], source: str) -> None:
        super().__init__(problems, source, topic="stakeholder")


def _check_quadrant(check: Checker, path: str, raw: Any, person: Stakeholder) -> None:
    names = ", ".join(q.value for q in LIST_ORDER)
    if raw is None:
        return
    found = find_quadrant(raw) if isinstance(raw, str) else None
    if found is None:
        check.add(path, f"{raw!r} is not a quadrant (use one of: {names}; or leave it out, "
                  "it follows from power and interest)")
        return
    if found is not person.quadrant:
        check.add(path, f"is {found.value}, but power {person.power.value} and interest "
                  f"{person.interest.value} place them in {person.quadrant.value} (change "
                  "power or interest to move them, or leave quadrant out)")


def _as_written(tree: LineTree, path: str, value: Any) -> Any:
    written = tree.written(path)
    return value if written is MISSING else written


def _plan_values(tree: LineTree, raw: Any) -> Any:
    """The plan with every contact read as written, and every_days as written unless it
    is a whole number."""
    if not isinstance(raw, dict):
        return raw
    values: dict[str, Any] = {}
    for key, entry in raw.items():
        if not isinstance(entry, dict):
            values[key] = entry
            continue
        fields = {}
        for name, value in entry.items():
            if name != "every_days" or not isinstance(value, int):
                value = _as_written(tree, f"plan.{key}.{name}", value)
            fields[name] = value
        values[key] = fields
    return values


def read_chart_text(text: str, source: str) -> Chart:
    """The chart in ``text`` (``source`` names it in messages), or ``ChartImportError`` with
    every problem. The chart's ``version`` is 0: it is not stored yet."""
    data, tree = parse_document(text, source, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH,
                                max_nodes=MAX_NODES, error=ChartImportError,
                                advice="split the chart")
    check = Checker(tree)
    # A path the reader already found wrong (an unknown tag, a key given twice) gets no
    # second problem from the domain's checks of the value left there.
    flagged = {problem.path for problem in tree.problems}
    top = check.mapping(data, "", TOP_KEYS, ("kind", "version", "stakeholders"))
    if top.get("kind") is not None and top.get("kind") != KIND:
        check.add("kind", f"is {top.get('kind')!r}; a stakeholder chart has kind: {KIND}")
    version = top.get("version")
    if version is not None and (isinstance(version, bool) or version != VERSION):
        check.add("version", f"{version!r} is not supported (use version: {VERSION})")

    raw_plan = top.get("plan")
    plan_errors = plan_problems(_plan_values(tree, raw_plan))
    for error in plan_errors:
        if error.field not in flagged:
            check.add(error.field, error.message)
    plan = make_plan(_plan_values(tree, raw_plan)) if not plan_errors else None

    items = check.seq(top.get("stakeholders"), "stakeholders")
    if len(items) > MAX_STAKEHOLDERS:
        check.add("stakeholders", f"lists {len(items)} people (at most {MAX_STAKEHOLDERS}); "
                  "split the chart")
    people: list[Stakeholder] = []
    names: dict[str, int] = {}
    uids: dict[str, int] = {}
    for index, raw in enumerate(items):
        path = f"stakeholders[{index}]"
        if not isinstance(raw, dict):
            check.add(path, "must be a mapping with keys name, power, interest and the "
                      "other fields of a stakeholder")
            continue
        values = {key: _as_written(tree, f"{path}.{key}", value)
                  for key, value in raw.items() if key != "quadrant"}
        errors = stakeholder_problems(values)
        for error in errors:
            if f"{path}.{error.field}" not in flagged:
                check.add(f"{path}.{error.field}", error.message)
        if errors:
            continue
        person = make_stakeholder(values)
        _check_quadrant(check, f"{path}.quadrant",
                        _as_written(tree, f"{path}.quadrant", raw.get("quadrant")), person)
        if person.key in names:
            check.add(f"{path}.name", f"{person.name!r} is already on the chart as "
                      f"stakeholders[{names[person.key]}] (names must differ, ignoring case "
                      "and spacing)")
        names.setdefault(person.key, index)
        if person.uid in uids:
            check.add(f"{path}.uid", f"{person.uid!r} is already the uid of "
                      f"stakeholders[{uids[person.uid]}] (give each person their own uid, "
                      "or leave it out)")
        uids.setdefault(person.uid, index)
        people.append(person)
    if not check.problems:
        # The domain has the last word on the list as a whole.
        for message in check_people(people):
            check.add("stakeholders", message)
    if check.problems:
        ordered = sorted(check.problems, key=lambda p: p.line or 0)
        raise ChartImportError(ordered, source)
    return Chart(people=tuple(people), plan=plan, version=0)


def read_chart_file(path: Path | str) -> Chart:
    """The chart in the YAML file at ``path`` (see ``read_chart_text``)."""
    text = read_text_file(path, max_bytes=MAX_BYTES, what="a stakeholder chart YAML file")
    return read_chart_text(text, str(path).strip())


__all__ = ["KIND", "MAX_BYTES", "VERSION", "YAML_FILE", "ChartImportError", "chart_body",
           "person_entry", "read_chart_file", "read_chart_text",
           "render_yaml"]
