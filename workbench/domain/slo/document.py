"""The native SLO document (``kind: workbench/slos``, ``version: 1``): build it for export,
and read it back with every problem reported at once.

Reading parses with PyYAML's *safe* composer and builds plain values itself, so that every
key path keeps its line number and numbers such as ``99.9`` become exact ``Decimal`` values
instead of floats. Validation never stops at the first problem: the caller gets all of them,
each as ``file:line: key.path: problem; fix``, and can refuse the whole file.

Shape::

    kind: workbench/slos
    version: 1
    personas: [{name, team, goal, time_available, environment, needs, complaints}]
    story_maps:
      - title, team, description, release_slices: [name, ...]
        activities: [{title, tasks: [{title, stories: [{title, critical, release_slice,
                       persona, endpoints: ["service METHOD /path", ...]}]}]}]
    slos:
      - name, uid, service, story: {map, title}, kind, target, threshold_ms, bad_status,
        period, historical_attainment, status, description,
        counts: ["YYYY-MM-DD,good,bad", ...]

``uid`` is the SLO's stable id: it stays when the SLO is renamed, so an import finds the SLO
by it first and renames it when only the name differs. It is optional (a hand-written file
leaves it out and SLOs are matched by name).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from workbench.domain.names import lookup_key
from workbench.domain.slo.counts import parse_count_line
from workbench.domain.slo.records import (
    DEFAULT_BAD_STATUS,
    DailyCount,
    Need,
    Persona,
    SloDefinition,
    SloKind,
    SloState,
    StoryMap,
    check_slo_fields,
    parse_percent,
    parse_uid,
)
from workbench.domain.slo.sli import parse_threshold_ms
from workbench.domain.slo.target import parse_target
from workbench.domain.yaml_doc import Checker, DocProblem, LineTree, compose_safely
from workbench.errors import UsageError

KIND = "workbench/slos"
VERSION = 1
HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


class SloDocumentError(UsageError):
    """The document has problems; ``problems`` holds every one, ``str()`` is one line."""

    def __init__(self, problems: Sequence[DocProblem], source: str) -> None:
        self.problems = tuple(problems)
        self.source = source
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''}, nothing imported: "
        super().__init__(head + " | ".join(p.render(source) for p in self.problems))

    def lines(self) -> list[str]:
        return [p.render(self.source) for p in self.problems]


# --- building (export) ----------------------------------------------------------------------


def _num(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def count_line(count: DailyCount) -> str:
    return f"{count.day.isoformat()},{count.good},{count.bad}"


def build_document(personas: Sequence[Persona], maps: Sequence[StoryMap],
                   slos: Sequence[SloDefinition],
                   counts: dict[int, Sequence[DailyCount]]) -> dict[str, Any]:
    """The document body (without ``kind``/``version``) in a stable order."""
    map_body = []
    for story_map in maps:
        activities = []
        for activity in story_map.activities:
            tasks = []
            for task in activity.tasks:
                stories = [
                    {"title": s.title, "critical": s.critical, "release_slice": s.slice_name,
                     "persona": s.persona_name, "endpoints": [e.label for e in s.endpoints]}
                    for s in task.stories
                ]
                tasks.append({"title": task.title, "stories": stories})
            activities.append({"title": activity.title, "tasks": tasks})
        map_body.append({
            "title": story_map.title, "team": story_map.team_name,
            "description": story_map.description,
            "release_slices": [s.name for s in story_map.slices],
            "activities": activities,
        })
    return {
        "personas": [
            {"name": p.name, "team": p.team_name, "goal": p.goal,
             "time_available": p.time_available, "environment": p.environment,
             "needs": str(p.needs), "complaints": p.complaints}
            for p in personas
        ],
        "story_maps": map_body,
        "slos": [
            {"name": s.name, **({"uid": s.uid} if s.uid else {}), "service": s.service_name,
             "story": ({"map": s.map_title, "title": s.story_title}
                       if s.story_title is not None else None),
             "kind": str(s.kind), "target": _num(s.target),
             "threshold_ms": _num(s.threshold_ms), "bad_status": s.bad_status,
             "period": s.period, "historical_attainment": _num(s.historical_attainment),
             "status": str(s.status), "description": s.description,
             "counts": [count_line(c) for c in counts.get(s.id, ())]}
            for s in slos
        ],
    }


# --- reading (import) -----------------------------------------------------------------------


def parse_endpoint(text: str) -> tuple[str, str, str]:
    """``"orders POST /orders"`` -> (service, method, path); the method may be left out."""
    parts = text.split()
    if len(parts) == 3 and parts[1].upper() in HTTP_METHODS:
        return parts[0], parts[1].upper(), parts[2]
    if len(parts) == 2:
        return parts[0], "", parts[1]
    raise ValueError(f"{text!r} is not an endpoint; write 'service METHOD /path', "
                     "e.g. 'orders POST /orders'")


PERSONA_KEYS = ("name", "team", "goal", "time_available", "environment", "needs",
                "complaints")
MAP_KEYS = ("title", "team", "description", "release_slices", "activities")
SLO_KEYS = ("name", "uid", "service", "story", "kind", "target", "threshold_ms", "bad_status",
            "period", "historical_attainment", "status", "description", "counts")


def read_document(text: str, source: str) -> dict[str, Any]:
    """Validate a whole document; return it normalised, or raise ``SloDocumentError``.

    The result has ``personas``, ``story_maps`` and ``slos`` lists of plain dicts with
    cleaned values (``Decimal`` targets, ``DailyCount`` lists, endpoint triples).
    """
    node, problems = compose_safely(text)
    if problems:
        raise SloDocumentError(problems, source)
    tree = LineTree()
    data = tree.build(node, "") if node is not None else None
    check = Checker(tree)
    top = check.mapping(data, "", ("kind", "version", "generated_at", "personas",
                                    "story_maps", "slos"), ("kind", "version"))
    if top.get("kind") not in (None, KIND):
        check.add("kind", f"is {top.get('kind')!r}; an SLO document has kind: {KIND}")
    if top.get("version") not in (None, VERSION):
        check.add("version", f"version {top.get('version')!r} is not supported; use {VERSION}")

    personas, persona_keys = [], set()
    for i, raw in enumerate(check.seq(top.get("personas"), "personas")):
        path = f"personas[{i}]"
        item = check.mapping(raw, path, PERSONA_KEYS, ("name",))
        name = check.text(item.get("name"), f"{path}.name", name="Persona")
        if name and lookup_key(name) in persona_keys:
            check.add(f"{path}.name", f"persona {name!r} is listed twice; rename one")
        persona_keys.add(lookup_key(name))
        needs = item.get("needs") or "availability"
        if needs not in {n.value for n in Need}:
            check.add(f"{path}.needs", f"{needs!r} is not a need; use correctness, "
                                       "throughput or availability")
        personas.append({
            "name": name, "team": check.text(item.get("team"), f"{path}.team", name="Team"),
            **{k: check.text(item.get(k), f"{path}.{k}", optional=False) or ""
               for k in ("goal", "time_available", "environment", "complaints")},
            "needs": needs,
        })

    maps, map_keys, stories_by_map = [], set(), {}
    for i, raw in enumerate(check.seq(top.get("story_maps"), "story_maps")):
        path = f"story_maps[{i}]"
        item = check.mapping(raw, path, MAP_KEYS, ("title",))
        title = check.text(item.get("title"), f"{path}.title", name="Story map title")
        if title and lookup_key(title) in map_keys:
            check.add(f"{path}.title", f"story map {title!r} is listed twice; rename one")
        map_keys.add(lookup_key(title))
        slices = [check.text(s, f"{path}.release_slices[{j}]", name="Release slice")
                  for j, s in enumerate(check.seq(item.get("release_slices"),
                                                  f"{path}.release_slices"))]
        seen_slices: set[str] = set()
        for j, name in enumerate(slices):
            if name and lookup_key(name) in seen_slices:
                check.add(f"{path}.release_slices[{j}]",
                          f"release slice {name!r} is listed twice in this map; rename one")
            seen_slices.add(lookup_key(name or ""))
        story_titles: set[str] = set()
        activities = []
        for a, raw_a in enumerate(check.seq(item.get("activities"), f"{path}.activities")):
            a_path = f"{path}.activities[{a}]"
            act = check.mapping(raw_a, a_path, ("title", "tasks"), ("title",))
            tasks = []
            for t, raw_t in enumerate(check.seq(act.get("tasks"), f"{a_path}.tasks")):
                t_path = f"{a_path}.tasks[{t}]"
                task = check.mapping(raw_t, t_path, ("title", "stories"), ("title",))
                stories = []
                for s, raw_s in enumerate(check.seq(task.get("stories"), f"{t_path}.stories")):
                    s_path = f"{t_path}.stories[{s}]"
                    story = check.mapping(raw_s, s_path, ("title", "critical", "release_slice",
                                                          "persona", "endpoints"), ("title",))
                    s_title = check.text(story.get("title"), f"{s_path}.title", name="Story")
                    if s_title and lookup_key(s_title) in story_titles:
                        check.add(f"{s_path}.title", f"story {s_title!r} appears twice in this "
                                                     "map; give each story its own title")
                    story_titles.add(lookup_key(s_title))
                    critical = story.get("critical", False)
                    if not isinstance(critical, bool):
                        check.add(f"{s_path}.critical", "must be true or false")
                    slice_name = check.text(story.get("release_slice"),
                                            f"{s_path}.release_slice")
                    if slice_name is not None and slice_name not in slices:
                        check.add(f"{s_path}.release_slice",
                                  f"{slice_name!r} is not one of this map's release_slices; "
                                  "add it there or fix the name")
                    persona = check.text(story.get("persona"), f"{s_path}.persona")
                    if persona is not None and lookup_key(persona) not in persona_keys:
                        check.add(f"{s_path}.persona", f"no persona named {persona!r} in "
                                                       "this file; add it under personas")
                    endpoints = []
                    for e, raw_e in enumerate(check.seq(story.get("endpoints"),
                                                        f"{s_path}.endpoints")):
                        try:
                            endpoints.append(parse_endpoint(str(raw_e)))
                        except ValueError as exc:
                            check.add(f"{s_path}.endpoints[{e}]", str(exc))
                    stories.append({"title": s_title, "critical": critical is True,
                                    "release_slice": slice_name, "persona": persona,
                                    "endpoints": endpoints})
                tasks.append({"title": check.text(task.get("title"), f"{t_path}.title",
                                                  optional=False), "stories": stories})
            activities.append({"title": check.text(act.get("title"), f"{a_path}.title",
                                                   optional=False), "tasks": tasks})
        stories_by_map[lookup_key(title)] = story_titles
        maps.append({"title": title, "team": check.text(item.get("team"), f"{path}.team",
                                                        name="Team"),
                     "description": check.text(item.get("description"),
                                               f"{path}.description") or "",
                     "release_slices": slices, "activities": activities})

    slos, slo_keys, uids = [], set(), set()
    for i, raw in enumerate(check.seq(top.get("slos"), "slos")):
        path = f"slos[{i}]"
        item = check.mapping(raw, path, SLO_KEYS, ("name", "target"))
        name = check.text(item.get("name"), f"{path}.name", name="SLO")
        if name and lookup_key(name) in slo_keys:
            check.add(f"{path}.name", f"SLO {name!r} is listed twice; rename one")
        slo_keys.add(lookup_key(name))
        uid = None
        if item.get("uid") is not None:
            try:
                uid = parse_uid(item["uid"])
            except ValueError as exc:
                check.add(f"{path}.uid", str(exc))
            else:
                if uid in uids:
                    check.add(f"{path}.uid", f"{uid} is the id of another SLO in this file; "
                                             "give each SLO its own id or leave it out")
                uids.add(uid)
        kind = str(item.get("kind") or "availability")
        target, threshold = item.get("target"), item.get("threshold_ms")
        bad_status = str(item.get("bad_status") or DEFAULT_BAD_STATUS)
        period = str(item.get("period") or "4w")
        historical = item.get("historical_attainment")
        if isinstance(target, float):  # cannot happen via compose; kept for direct callers
            target = str(target)
        if target is not None:
            for field, message in check_slo_fields(kind, target, threshold, bad_status,
                                                   period, historical):
                check.add(f"{path}.{field}", message)
        status = str(item.get("status") or "draft")
        if status not in {s.value for s in SloState}:
            check.add(f"{path}.status", f"{status!r} is not a status; use draft, agreed or "
                                        "superseded")
        story_ref = item.get("story")
        story = None
        if story_ref is not None:
            ref = check.mapping(story_ref, f"{path}.story", ("map", "title"), ("map", "title"))
            map_title, story_title = ref.get("map"), ref.get("title")
            if map_title is not None and story_title is not None:
                if lookup_key(str(map_title)) not in stories_by_map:
                    check.add(f"{path}.story.map", f"no story map titled {map_title!r} in "
                                                   "this file; add it under story_maps")
                elif lookup_key(str(story_title)) not in stories_by_map[lookup_key(str(map_title))]:
                    check.add(f"{path}.story.title", f"no story {story_title!r} in map "
                                                     f"{map_title!r}; fix the title")
                story = (str(map_title), str(story_title))
        counts, days = [], set()
        for c, raw_c in enumerate(check.seq(item.get("counts"), f"{path}.counts")):
            try:
                count = parse_count_line(raw_c)
            except ValueError as exc:
                check.add(f"{path}.counts[{c}]", str(exc))
                continue
            if count.day in days:
                check.add(f"{path}.counts[{c}]", f"{count.day} is listed twice; keep one")
            days.add(count.day)
            counts.append(count)
        ok = not any(p.path.startswith(path + ".") or p.path == path for p in check.problems)
        slos.append({
            "name": name, "uid": uid, "service": check.text(item.get("service"), f"{path}.service",
                                                name="Service"),
            "story": story, "kind": kind, "bad_status": bad_status, "period": period,
            "target": parse_target(str(target)) if ok else None,
            "threshold_ms": parse_threshold_ms(str(threshold)) if ok and threshold is not None
            else None,
            "historical_attainment": parse_percent(historical) if ok and historical is not None
            else None,
            "status": status,
            "description": check.text(item.get("description"), f"{path}.description") or "",
            "counts": counts,
        })
    if check.problems:
        raise SloDocumentError(check.problems, source)
    return {"personas": personas, "story_maps": maps, "slos": slos}


__all__ = ["KIND", "VERSION", "DocProblem", "SloDocumentError", "SloKind", "build_document",
           "parse_count_line", "parse_endpoint", "read_document"]
