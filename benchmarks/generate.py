"""Build a large workspace in bulk, for the scale benchmark: run by hand, not as a test.

    python benchmarks/generate.py --teams 300 [--db PATH_OR_URL] [--seed 16] [--today 2026-11-25]

Each team gets 10 services with 3 SLOs each (availability and latency, 4w or 28d periods,
about half of them agreed), 42 days of daily good/bad counts per SLO ending on ``--today``,
3 personas, one story map with 30 story cards (5 activities x 2 tasks x 3 stories, two
release slices, endpoints of its services), and two maturity runs of the ``sre-maturity``
model six months apart with answers and sign-offs.

The database is a normal workbench database: it is opened (and migrated to the newest
schema) by ``workbench.store.session.open_database`` and the workspace is created by
``repo.create_workspace``, as ``workbench init`` does; the state file (``WORKBENCH_HOME``)
then points at both, so plain ``workbench`` commands use it. Everything else is written with
SQLAlchemy Core ``insert()`` executemany in one transaction, row for row what the
repositories would write (record versions, revisions with their snapshots, sign-offs, uids,
name keys). ``--check`` proves that: it builds 2 teams both ways, in bulk and through the
repository API, and compares every table.

The data depends only on ``--seed``, ``--today`` and the team's number (team 7 is the same in
a 30- and a 300-team workspace); the revisions' author is ``WORKBENCH_USER`` (or the login
name), as the repositories have it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

DEFAULT_TODAY = date(2026, 11, 25)
DEFAULT_SEED = 16
DAYS = 42
SERVICES_PER_TEAM = 10
PERSONAS_PER_TEAM = 3
MODEL_ID = "sre-maturity"
CHUNK = 25  # teams whose rows are built and inserted together (progress is shown per chunk)

AREAS = ["Payments", "Search", "Catalogue", "Checkout", "Delivery", "Identity", "Pricing",
         "Inventory", "Messaging", "Reporting", "Loyalty", "Returns", "Onboarding", "Billing",
         "Support", "Marketplace", "Ads", "Logistics", "Recommendations", "Platform"]
PARTS = ["api", "web", "worker", "db", "cache", "events", "auth", "reports", "gateway", "jobs"]
FIRST_NAMES = ["Asha", "Vikram", "Meera", "Rohan", "Kavya", "Arjun", "Priya", "Sanjay",
               "Anita", "Rahul", "Divya", "Karan", "Neha", "Amit", "Ishaan", "Leela"]
PERSONA_ROLES = [("shopper on the move", "availability"), ("small seller", "correctness"),
                 ("warehouse shift lead", "throughput"), ("support agent", "availability"),
                 ("finance analyst", "correctness"), ("partner integrator", "throughput")]
ACTIVITIES = [
    ("Discover", [("Search", ["Search by name", "Filter the results", "Sort by price"]),
                  ("Browse", ["Open a category", "See what is new", "Compare two items"])]),
    ("Decide", [("Read details", ["See price and stock", "Read reviews", "See delivery date"]),
                ("Save", ["Add to a wish list", "Share with a friend", "Get a price alert"])]),
    ("Buy", [("Fill the basket", ["Add an item", "Change the quantity", "Apply a voucher"]),
             ("Pay", ["Pay by UPI", "Pay by card", "Pay cash on delivery"])]),
    ("Receive", [("Track", ["See where the parcel is", "Get a delivery message",
                            "Change the delivery slot"]),
                 ("Collect", ["Pick up at a locker", "Confirm receipt", "Rate the delivery"])]),
    ("Resolve", [("Return", ["Start a return", "Print a label", "Get the refund"]),
                 ("Ask for help", ["Chat with support", "Report a wrong item",
                                   "Cancel an order"])]),
]
SLICES = ["First release", "Later"]
METHODS = ["GET", "POST", "GET", "PUT", "GET", "POST", "GET", "DELETE", "GET", "POST"]
AVAILABILITY_TARGETS = ["99.9", "99.5", "99.95", "99", "99.9", "99.5"]
LATENCY = [("95", "300"), ("99", "2000"), ("90", "500"), ("95", "800"), ("99.5", "1000")]
NOTES = [("Only operations is paged; developers are called in by phone.", ""),
         ("Releases are manual since the pipeline outage.", "Incident review INC-2291"),
         ("Dashboards exist but nobody looks at them between incidents.", ""),
         ("Developers joined the on-call rotation this quarter.", "Rotation 'primary'")]


# --- the plan: what one team holds (shared by the bulk writer and the API seeder) ---------


@dataclass
class SloPlan:
    name: str
    service: int  # index into TeamPlan.services
    kind: str
    target: str
    threshold_ms: str | None
    bad_status: str
    period: str
    historical: str | None
    description: str
    uid: str
    story: int | None  # index into TeamPlan.stories
    counts: list[tuple[date, int, int]]
    agreed_on: date | None
    signers: list[tuple[str, str]]


@dataclass
class RunPlan:
    day: date
    title: str
    answers: list[tuple[str, int, str, str]]  # criterion, level, note, evidence
    asked: tuple[str, ...]
    agreed: bool
    signers: list[tuple[str, str]]


@dataclass
class StoryPlan:
    title: str
    activity: int
    task: int
    position: int
    critical: bool
    slice: int | None
    persona: int | None
    endpoint: int | None  # index into TeamPlan.endpoints


@dataclass
class TeamPlan:
    number: int
    name: str
    description: str
    services: list[tuple[str, str]]
    personas: list[dict[str, str]]
    map_title: str
    map_description: str
    activities: list[tuple[str, list[str]]]  # title, task titles
    stories: list[StoryPlan]
    endpoints: list[tuple[int, str, str]]  # service index, method, path
    slos: list[SloPlan]
    runs: list[RunPlan] = field(default_factory=list)


def add_months(day: date, months: int) -> date:
    from workbench.domain.maturity import add_months as domain_add_months

    return domain_add_months(day, months)


def _counts(rng: random.Random, target: str, today: date) -> list[tuple[date, int, int]]:
    """42 days of counts: weekends busier, a bad-event rate around the budget (some SLOs burn
    it faster than they can afford), and now and then an incident day."""
    base = rng.choice([2_000, 15_000, 60_000, 120_000, 400_000])
    budget_per_million = int((100 - Decimal(target)) * 10_000)
    rate = max(1, budget_per_million * rng.choice([2, 4, 6, 9, 13, 20]) // 10)
    incidents = {rng.randrange(DAYS) for _ in range(rng.choice([0, 0, 1, 2]))}
    first = today - timedelta(days=DAYS - 1)
    counts = []
    for i in range(DAYS):
        day = first + timedelta(days=i)
        total = base + base * (day.weekday() >= 5) // 4 + (i % 7) * base // 50
        bad = total * rate // 1_000_000
        if i in incidents:
            bad = min(total, bad * 12 + 1)
        counts.append((day, total - bad, bad))
    return counts


def plan_team(seed: int, number: int, today: date, criteria: list[str]) -> TeamPlan:
    rng = random.Random(f"workbench-scale:{seed}:{number}")
    area = AREAS[(number - 1) % len(AREAS)]
    name = f"{area} {number:04d}"
    slug = f"{area.lower()}-{number:04d}"
    people = rng.sample(FIRST_NAMES, 6)
    services = [(f"{slug}-{part}", f"The {part} of the {area.lower()} product, team {number}.")
                for part in PARTS[:SERVICES_PER_TEAM]]
    personas = []
    for first, (role, needs) in zip(people[:PERSONAS_PER_TEAM],
                                    rng.sample(PERSONA_ROLES, PERSONAS_PER_TEAM), strict=True):
        personas.append({
            "name": f"{first}, {role} ({name})", "goal": f"Gets things done with {area}.",
            "time_available": rng.choice(["Five minutes", "An hour in the evening",
                                          "A twelve-hour shift"]),
            "environment": rng.choice(["A budget phone on a train", "An old laptop",
                                       "A scanner in a warehouse"]),
            "needs": needs,
            "complaints": "Slow pages, failed payments and lost orders make them leave."})
    endpoints = [(i, METHODS[i], f"/{PARTS[i]}/{{id}}") for i in range(SERVICES_PER_TEAM)]
    activities = [(title, [task for task, _ in tasks]) for title, tasks in ACTIVITIES]
    stories = []
    for a, (_, tasks) in enumerate(ACTIVITIES):
        for t, (_, titles) in enumerate(tasks):
            for p, title in enumerate(titles):
                critical = p == 0
                stories.append(StoryPlan(
                    title=title, activity=a, task=t, position=p, critical=critical,
                    slice=None if rng.random() < 0.1 else (0 if critical else 1),
                    persona=None if rng.random() < 0.2 else rng.randrange(PERSONAS_PER_TEAM),
                    endpoint=(a * 2 + t) if critical else None))
    critical_stories = [i for i, s in enumerate(stories) if s.critical]
    slos = []
    for s, (service, _) in enumerate(services):
        kinds = ["availability", "latency", rng.choice(["availability", "latency"])]
        for k, kind in enumerate(kinds):
            suffix = "" if k < 2 else ("-writes" if kind == "availability" else "-p99")
            if kind == "availability":
                target, threshold = rng.choice(AVAILABILITY_TARGETS), None
            else:
                target, threshold = rng.choice(LATENCY)
            agreed = rng.random() < 0.5
            step = Decimal(rng.choice(["-0.2", "0.05", "0.1", "0.3"]))
            historical = None if rng.random() < 0.3 else format(
                min(Decimal("99.99"), Decimal(target) + step), "f")
            slos.append(SloPlan(
                name=f"{service}-{kind}{suffix}", service=s, kind=kind, target=target,
                threshold_ms=threshold, bad_status=rng.choice(["5xx", "5xx", "5xx,429"]),
                period="28d" if rng.random() < 0.2 else "4w", historical=historical,
                description=f"{kind.capitalize()} of {service} as its users see it.",
                uid=uuid.UUID(int=rng.getrandbits(128), version=4).hex,
                story=critical_stories[s % len(critical_stories)] if k == 0 else None,
                counts=_counts(rng, target, today),
                agreed_on=today - timedelta(days=rng.randrange(3, 40)) if agreed else None,
                signers=[(people[0], "operations"), (people[1], "development"),
                         (people[2], "product owner")]))
    latest = today - timedelta(days=rng.randrange(7, 30))
    runs = []
    for which, day in (("baseline", add_months(latest, -6)), ("latest", latest)):
        answers = []
        for criterion in criteria:
            if rng.random() < 0.08:
                continue  # not assessed
            level = rng.choice([0, 1, 1, 2] if which == "latest" else [0, 0, 1, 1, 2])
            note, evidence = rng.choice(NOTES) if rng.random() < 0.15 else ("", "")
            answers.append((criterion, level, note, evidence))
        runs.append(RunPlan(
            day=day, title="Baseline" if which == "baseline" else "Six-month reassessment",
            answers=answers, asked=(people[3], people[4]),
            agreed=which == "baseline" or rng.random() < 0.6,
            signers=[(people[5], "coach"), (people[3], "team")]))
    return TeamPlan(number=number, name=name,
                    description=f"Builds and runs the {area.lower()} product (team {number}).",
                    services=services, personas=personas, map_title=f"{name} journey",
                    map_description=f"How a user of {area.lower()} gets from first look to "
                                    "a solved problem.",
                    activities=activities, stories=stories, endpoints=endpoints, slos=slos,
                    runs=runs)


# --- bulk writer --------------------------------------------------------------------------


def _json(snapshot: dict[str, Any]) -> str:
    # as repo.record_revision stores snapshots
    return json.dumps(snapshot, sort_keys=True, default=str)


def _entry(level: int, note: str, evidence: str) -> dict[str, Any]:
    entry: dict[str, Any] = {"level": level}
    if note:
        entry["note"] = note
    if evidence:
        entry["evidence"] = evidence
    return entry


class BulkWriter:
    """Turns team plans into rows with ids of their own (taken after the largest id in each
    table), exactly as the repositories' calls in ``seed_through_api`` would leave them."""

    def __init__(self, conn, workspace_id: int, author: str, stamp: datetime) -> None:
        from sqlalchemy import func, select

        from workbench.store import schema  # noqa: F401  (every table in the metadata)
        from workbench.store.assessment_tables import AssessmentAnswerRow, AssessmentRunRow
        from workbench.store.slo_tables import (
            EndpointRow,
            PersonaRow,
            ReleaseSliceRow,
            SloCountRow,
            SloRow,
            StoryActivityRow,
            StoryEndpointRow,
            StoryMapRow,
            StoryRow,
            StoryTaskRow,
        )
        from workbench.store.tables import RevisionRow, ServiceRow, SignOffRow, TeamRow

        # Insert order follows the foreign keys.
        self.tables = {
            "team": TeamRow, "service": ServiceRow, "persona": PersonaRow,
            "story_map": StoryMapRow, "release_slice": ReleaseSliceRow,
            "story_activity": StoryActivityRow, "story_task": StoryTaskRow, "story": StoryRow,
            "endpoint": EndpointRow, "story_endpoint": StoryEndpointRow, "slo": SloRow,
            "slo_count": SloCountRow, "assessment_run": AssessmentRunRow,
            "assessment_answer": AssessmentAnswerRow, "revision": RevisionRow,
            "sign_off": SignOffRow,
        }
        self.next_id = {}
        for name, model in self.tables.items():
            if name == "story_endpoint":
                continue
            table = model.__table__
            self.next_id[name] = (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1
        self.ws = workspace_id
        self.author = author
        self.stamp = stamp
        self.rows_written = 0

    def _id(self, table: str) -> int:
        value = self.next_id[table]
        self.next_id[table] = value + 1
        return value

    def rows(self, plans: list[TeamPlan], model_version: int) -> dict[str, list[dict]]:
        rows: dict[str, list[dict]] = {name: [] for name in self.tables}
        for plan in plans:
            self._team(rows, plan, model_version)
        return rows

    def _revision(self, rows, kind: str, key: int, number: int, snapshot: dict, *,
                  summary: str, status: str = "draft", record_version: int | None = None,
                  at: datetime | None = None) -> None:
        rows["revision"].append({
            "id": self._id("revision"), "workspace_id": self.ws, "artifact_kind": kind,
            "artifact_key": str(key), "number": number, "status": status,
            "author": self.author, "created_at": at or self.stamp, "summary": summary,
            "snapshot": _json(snapshot), "record_version": record_version})

    def _signoffs(self, rows, kind: str, key: int, version: int,
                  signers: list[tuple[str, str]], on: date) -> str:
        for name, role in signers:
            rows["sign_off"].append({
                "id": self._id("sign_off"), "workspace_id": self.ws, "artifact_kind": kind,
                "artifact_key": str(key), "record_version": version, "name": name,
                "role": role, "signed_on": on, "comment": "", "created_at": self.stamp})
        return "agreed by " + ", ".join(f"{name} ({role})" for name, role in signers)

    def _team(self, rows, plan: TeamPlan, model_version: int) -> None:
        ws = self.ws
        team_id = self._id("team")
        rows["team"].append({"id": team_id, "version": 1, "workspace_id": ws,
                             "name": plan.name, "name_key": plan.name.casefold(),
                             "description": plan.description})
        self._revision(rows, "team", team_id, 1,
                       {"name": plan.name, "description": plan.description}, summary="added")
        service_ids = []
        for name, description in plan.services:
            service_id = self._id("service")
            service_ids.append(service_id)
            rows["service"].append({"id": service_id, "version": 1, "workspace_id": ws,
                                    "team_id": team_id, "name": name,
                                    "name_key": name.casefold(), "description": description})
            self._revision(rows, "service", service_id, 1,
                           {"name": name, "team": plan.name, "description": description},
                           summary="added")
        persona_ids = []
        for persona in plan.personas:
            persona_id = self._id("persona")
            persona_ids.append(persona_id)
            rows["persona"].append({"id": persona_id, "version": 1, "workspace_id": ws,
                                    "team_id": team_id, "name_key": persona["name"].casefold(),
                                    **persona})
        # story_map_repo._insert adds a card at position 0, then renumbers it into place:
        # every card after the first of its column was updated once (version 2).
        map_id = self._id("story_map")
        rows["story_map"].append({"id": map_id, "version": 1, "workspace_id": ws,
                                  "team_id": team_id, "title": plan.map_title,
                                  "title_key": plan.map_title.casefold(),
                                  "description": plan.map_description})
        slice_ids = []
        for position, name in enumerate(SLICES):
            slice_ids.append(self._id("release_slice"))
            rows["release_slice"].append({"id": slice_ids[-1], "version": 1 + (position > 0),
                                          "map_id": map_id, "position": position,
                                          "name": name})
        task_ids: dict[tuple[int, int], int] = {}
        for a, (title, tasks) in enumerate(plan.activities):
            activity_id = self._id("story_activity")
            rows["story_activity"].append({"id": activity_id, "version": 1 + (a > 0),
                                           "map_id": map_id, "position": a, "title": title})
            for t, task_title in enumerate(tasks):
                task_ids[(a, t)] = self._id("story_task")
                rows["story_task"].append({"id": task_ids[(a, t)], "version": 1 + (t > 0),
                                           "activity_id": activity_id, "position": t,
                                           "title": task_title})
        endpoint_ids = []
        for service, method, path in plan.endpoints:
            endpoint_ids.append(self._id("endpoint"))
            rows["endpoint"].append({"id": endpoint_ids[-1], "service_id": service_ids[service],
                                     "method": method, "path": path})
        story_ids = []
        for story in plan.stories:
            story_id = self._id("story")
            story_ids.append(story_id)
            rows["story"].append({
                "id": story_id, "version": 1 + (story.position > 0),
                "task_id": task_ids[(story.activity, story.task)],
                "slice_id": None if story.slice is None else slice_ids[story.slice],
                "persona_id": None if story.persona is None else persona_ids[story.persona],
                "position": story.position, "title": story.title, "critical": story.critical})
            if story.endpoint is not None:
                rows["story_endpoint"].append({"story_id": story_id,
                                               "endpoint_id": endpoint_ids[story.endpoint]})
        for slo in plan.slos:
            self._slo(rows, plan, slo, service_ids, story_ids)
        for run in plan.runs:
            self._run(rows, plan, run, team_id, model_version)

    def _slo(self, rows, plan: TeamPlan, slo: SloPlan, service_ids, story_ids) -> None:
        slo_id = self._id("slo")
        agreed = slo.agreed_on is not None
        rows["slo"].append({
            "id": slo_id, "version": 2 if agreed else 1, "workspace_id": self.ws,
            "service_id": service_ids[slo.service],
            "story_id": None if slo.story is None else story_ids[slo.story], "uid": slo.uid,
            "name": slo.name, "name_key": slo.name.casefold(), "description": slo.description,
            "kind": slo.kind, "target": slo.target, "threshold_ms": slo.threshold_ms,
            "bad_status": slo.bad_status, "period": slo.period,
            "historical_attainment": slo.historical,
            "status": "agreed" if agreed else "draft"})
        snapshot = {"name": slo.name, "kind": slo.kind, "target": slo.target,
                    "threshold_ms": slo.threshold_ms, "bad_status": slo.bad_status,
                    "period": slo.period, "service": plan.services[slo.service][0],
                    "story": None if slo.story is None else plan.stories[slo.story].title,
                    "description": slo.description, "historical_attainment": slo.historical}
        self._revision(rows, "slo", slo_id, 1, snapshot, summary="added", record_version=1)
        count_rows = rows["slo_count"]
        next_count = self.next_id["slo_count"]
        for offset, (day, good, bad) in enumerate(slo.counts):
            count_rows.append({"id": next_count + offset, "slo_id": slo_id, "day": day,
                               "good": good, "bad": bad})
        self.next_id["slo_count"] = next_count + len(slo.counts)
        if agreed:
            summary = self._signoffs(rows, "slo", slo_id, 1, slo.signers, slo.agreed_on)
            self._revision(rows, "slo", slo_id, 2, snapshot, summary=summary,
                           status="agreed", record_version=1)

    def _run(self, rows, plan: TeamPlan, run: RunPlan, team_id: int,
             model_version: int) -> None:
        run_id = self._id("assessment_run")
        at = datetime(run.day.year, run.day.month, run.day.day, 10, tzinfo=UTC)
        head = {"team": plan.name, "model_id": MODEL_ID, "model_version": model_version,
                "run_date": run.day.isoformat(), "title": run.title}
        self._revision(rows, "assessment_run", run_id, 1,
                       {**head, "notes": "", "answers": {}, "respondents": [],
                        "responses": {}}, summary="started", record_version=1, at=at)
        # assessment_repo.set_answer: one answer, the run's cursor, a new version and a
        # revision with the answers so far, per answer.
        answers: dict[str, Any] = {}
        asked = "\n".join(run.asked)
        for number, (criterion, level, note, evidence) in enumerate(run.answers, start=1):
            answers[criterion] = _entry(level, note, evidence)
            moment = at + timedelta(seconds=number)
            rows["assessment_answer"].append({
                "id": self._id("assessment_answer"), "version": 1, "run_id": run_id,
                "respondent_id": None, "criterion_id": criterion, "level": level,
                "note": note, "evidence": evidence, "asked": asked, "updated_at": moment})
            self._revision(rows, "assessment_run", run_id, number + 1,
                           {**head, "notes": "", "answers": dict(answers), "respondents": [],
                            "responses": {}}, summary=f"{criterion}: level {level}",
                           record_version=number + 1, at=moment)
        version = 1 + len(run.answers)
        if run.agreed:
            summary = self._signoffs(rows, "assessment_run", run_id, version, run.signers,
                                     run.day)
            self._revision(rows, "assessment_run", run_id, version + 1,
                           {**head, "notes": "", "answers": answers, "respondents": [],
                            "responses": {}}, summary=summary, status="agreed",
                           record_version=version, at=at + timedelta(hours=1))
            version += 1
        rows["assessment_run"].append({
            "id": run_id, "version": version, "workspace_id": self.ws, "team_id": team_id,
            "team_name": plan.name, "model_id": MODEL_ID, "model_version": model_version,
            "run_date": run.day, "title": run.title, "notes": "",
            "status": "agreed" if run.agreed else "draft",
            "cursor": run.answers[-1][0] if run.answers else None, "created_at": at})

    def insert(self, conn, rows: dict[str, list[dict]]) -> None:
        from sqlalchemy import insert

        for name, model in self.tables.items():
            if rows[name]:
                conn.execute(insert(model.__table__), rows[name])
                self.rows_written += len(rows[name])


# --- the workspace ------------------------------------------------------------------------


def db_url(value: str) -> str:
    return value if "://" in value else f"sqlite:///{Path(value).expanduser().resolve()}"


def default_db(teams: int) -> str:
    return db_url(str(Path(tempfile.gettempdir()) / "workbench-scale" / f"teams-{teams}.db"))


def remove_sqlite_file(url: str, force: bool) -> None:
    from workbench.store.db import sqlite_path

    path = sqlite_path(url)
    if path is None or not path.exists():
        return
    if not force:
        raise SystemExit(f"error: {path} exists; pass --force to replace it, or choose "
                         "another --db")
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def workspace_name(teams: int) -> str:
    return f"Scale practice {teams}"


def generate(url: str, teams: int, seed: int, today: date, *, remember: bool = True,
             quiet: bool = False) -> dict[str, Any]:
    """Create the database (migrated), the workspace and ``teams`` teams; returns figures."""
    started = time.perf_counter()
    from workbench.store import repo
    from workbench.store.assessment_repo import load_model
    from workbench.store.db import transaction
    from workbench.store.session import open_database, remember_workspace
    from workbench.store.tables import WorkspaceRow

    def say(text: str) -> None:
        if not quiet:
            print(text, file=sys.stderr, flush=True)

    db = open_database(url, remember=remember)
    stamp = datetime(today.year, today.month, today.day, 9, tzinfo=UTC)
    with transaction(db.engine) as session:
        workspace = repo.create_workspace(
            session, workspace_name(teams),
            f"A coaching practice of {teams} teams, generated for benchmarks (seed {seed}).")
    if remember:
        remember_workspace(workspace)
    model = load_model(MODEL_ID)
    criteria = list(model.criterion_ids)
    opened = time.perf_counter()
    say(f"database ready at schema head in {opened - started:.2f} s; writing {teams} teams")

    from sqlalchemy import update

    from workbench.store.db import WRITE_OPTION

    build_s = 0.0
    with db.engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
        conn.execute(update(WorkspaceRow.__table__)
                     .where(WorkspaceRow.__table__.c.id == workspace.id)
                     .values(created_at=stamp))
        writer = BulkWriter(conn, workspace.id, repo.current_author(), stamp)
        for first in range(1, teams + 1, CHUNK):
            numbers = range(first, min(teams, first + CHUNK - 1) + 1)
            t = time.perf_counter()
            rows = writer.rows([plan_team(seed, n, today, criteria) for n in numbers],
                               model.version)
            build_s += time.perf_counter() - t
            writer.insert(conn, rows)
            say(f"  teams {numbers[-1]:>5}/{teams}  {writer.rows_written:>9,} rows  "
                f"{time.perf_counter() - started:6.1f} s")
        say("  committing")
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.engine.dispose()
    total = time.perf_counter() - started
    return {"url": url, "workspace": workspace.name, "teams": teams,
            "rows": writer.rows_written, "seconds": total, "build_seconds": build_s}


# --- the same through the repositories (for --check) --------------------------------------


def seed_through_api(session, workspace, plans: list[TeamPlan]) -> None:
    """The plans written through the repositories, one call per record, as a coach's
    commands would (what the bulk writer must reproduce)."""
    from workbench.domain.lifecycle import make_signoff
    from workbench.domain.slo.records import DailyCount
    from workbench.store import assessment_repo, persona_repo, repo, slo_repo, story_map_repo

    ws = workspace.id
    model = assessment_repo.load_model(MODEL_ID)
    for plan in plans:
        repo.add_team(session, ws, plan.name, plan.description)
        for name, description in plan.services:
            repo.add_service(session, ws, name, plan.name, description)
        persona_ids = []
        for persona in plan.personas:
            fields = {k: v for k, v in persona.items() if k != "name"}
            persona_ids.append(persona_repo.add_persona(session, ws, persona["name"],
                                                        team=plan.name, **fields).id)
        story_map = story_map_repo.add_story_map(session, ws, plan.map_title, team=plan.name,
                                                 description=plan.map_description)
        slices = [story_map_repo.add_release_slice(session, story_map.id, n).id for n in SLICES]
        tasks = {}
        for a, (title, task_titles) in enumerate(plan.activities):
            activity = story_map_repo.add_activity(session, story_map.id, title)
            for t, task_title in enumerate(task_titles):
                tasks[(a, t)] = story_map_repo.add_task(session, activity.id, task_title).id
        endpoints = [story_map_repo.add_endpoint(session, ws, plan.services[s][0], method,
                                                 path).id
                     for s, method, path in plan.endpoints]
        story_ids = []
        for story in plan.stories:
            added = story_map_repo.add_story(
                session, tasks[(story.activity, story.task)], story.title,
                critical=story.critical,
                slice_id=None if story.slice is None else slices[story.slice],
                persona_id=None if story.persona is None else persona_ids[story.persona])
            story_ids.append(added.id)
            if story.endpoint is not None:
                story_map_repo.link_endpoint(session, added.id, endpoints[story.endpoint])
        for slo in plan.slos:
            saved, _ = slo_repo.save_slo(
                session, ws, slo.name, kind=slo.kind, target=slo.target,
                threshold_ms=slo.threshold_ms, bad_status=slo.bad_status, period=slo.period,
                historical_attainment=slo.historical, description=slo.description,
                service=plan.services[slo.service][0],
                story_id=None if slo.story is None else story_ids[slo.story], uid=slo.uid)
            slo_repo.upsert_counts(session, saved.id,
                                   [DailyCount(d, g, b) for d, g, b in slo.counts])
            if slo.agreed_on is not None:
                slo_repo.agree_slo(session, ws, slo.name,
                                   [make_signoff(n, r, slo.agreed_on) for n, r in slo.signers])
        for run in plan.runs:
            info = assessment_repo.create_run(session, ws, plan.name, MODEL_ID, model.version,
                                              run.day, title=run.title)
            for criterion, level, note, evidence in run.answers:
                assessment_repo.set_answer(session, info.id, criterion, level, note, evidence,
                                           asked=run.asked, model=model)
            if run.agreed:
                assessment_repo.agree_run(session, info.id,
                                          [make_signoff(n, r, run.day) for n, r in run.signers])


def _table_dump(url: str) -> dict[str, list[tuple]]:
    """Every table's rows, without the moments rows were written at; revisions and
    sign-offs (whose ids depend only on the order of writing) by their natural key."""
    from sqlalchemy import select
    from sqlmodel import SQLModel

    from workbench.store import schema  # noqa: F401
    from workbench.store.db import make_engine

    skip = {"created_at", "updated_at"}
    engine = make_engine(url)
    dump = {}
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in skip
                       and not (table.name in ("revision", "sign_off") and c.name == "id")]
            rows = [tuple(r) for r in conn.execute(select(*columns))]
            dump[table.name] = sorted(rows, key=repr)
    engine.dispose()
    return dump


def check(seed: int, today: date, teams: int = 2) -> int:
    """Build ``teams`` teams in bulk and through the repository API; compare every table."""
    from workbench.store import repo
    from workbench.store.assessment_repo import load_model
    from workbench.store.db import transaction
    from workbench.store.session import open_database

    with tempfile.TemporaryDirectory() as folder:
        bulk_url = f"sqlite:///{folder}/bulk.db"
        api_url = f"sqlite:///{folder}/api.db"
        generate(bulk_url, teams, seed, today, remember=False, quiet=True)
        db = open_database(api_url, remember=False)
        criteria = list(load_model(MODEL_ID).criterion_ids)
        plans = [plan_team(seed, n, today, criteria) for n in range(1, teams + 1)]
        started = time.perf_counter()
        with transaction(db.engine) as session:
            workspace = repo.create_workspace(
                session, workspace_name(teams),
                f"A coaching practice of {teams} teams, generated for benchmarks (seed {seed}).")
            seed_through_api(session, workspace, plans)
        api_s = time.perf_counter() - started
        db.engine.dispose()
        bulk, api = _table_dump(bulk_url), _table_dump(api_url)
    problems = []
    for table in api:
        if bulk[table] != api[table]:
            extra = [r for r in bulk[table] if r not in set(api[table])]
            missing = [r for r in api[table] if r not in set(bulk[table])]
            problems.append(f"{table}: {len(bulk[table])} rows in bulk, {len(api[table])} "
                            f"through the API; first difference: bulk {extra[:1]!r:.400} "
                            f"api {missing[:1]!r:.400}")
    total = sum(len(rows) for rows in api.values())
    print(f"seeding {teams} teams through the repository API took {api_s:.2f} s "
          f"({api_s / teams:.2f} s per team)")
    if problems:
        print("check FAILED: the bulk rows differ from the repositories' rows:")
        for line in problems:
            print("  " + line)
        return 1
    print(f"check passed: {total:,} rows in {len(api)} tables are the same in bulk and "
          "through the repository API (moments of writing aside)")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, help="number of teams (required unless --check)")
    parser.add_argument("--db", help="database file or URL (default: a file in "
                                     f"{Path(tempfile.gettempdir()) / 'workbench-scale'})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--today", type=date.fromisoformat, default=DEFAULT_TODAY,
                        help="the day the counts end on (YYYY-MM-DD, default 2026-11-25)")
    parser.add_argument("--force", action="store_true",
                        help="replace the SQLite file if it exists")
    parser.add_argument("--check", action="store_true",
                        help="only compare 2 teams written in bulk with the same written "
                             "through the repository API, then exit")
    args = parser.parse_args()
    if args.check:
        return check(args.seed, args.today)
    if args.teams is None or args.teams < 1:
        parser.error("--teams N is required, N 1 or more")
    url = db_url(args.db) if args.db else default_db(args.teams)
    remove_sqlite_file(url, args.force)
    result = generate(url, args.teams, args.seed, args.today)
    from workbench import paths

    print(f"{result['teams']} teams, {result['rows']:,} rows in {result['seconds']:.1f} s "
          f"(plans and rows built in {result['build_seconds']:.1f} s)")
    print(f"workspace {result['workspace']!r} in {url}")
    print(f"the state file {paths.state_file()} now points at it; try:")
    print(f"  WORKBENCH_TODAY={args.today} workbench teams list")
    print(f"  WORKBENCH_TODAY={args.today} workbench --db {url} slo list")
    print(f"  export WORKBENCH_DB={url}   # for every later command")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
