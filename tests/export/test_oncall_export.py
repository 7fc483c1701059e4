"""On-call agreement exports: the wiki page and postmortem template (golden files of the demo,
valid GFM with markdown-it and cmark-gfm, no raw HTML from user text), the native YAML round
trip and its FILE:LINE problems, the iCalendar file parsed back with ``icalendar`` and the
payroll CSV.

The .ics checks follow RFC 5545: every VEVENT has a UID (3.8.4.7) that stays the same for
the same shift across exports, a DTSTAMP in UTC (3.8.7.2), a SEQUENCE (3.8.7.4) raised only
when the shift changed, and every TZID used has a VTIMEZONE in the calendar (3.2.19, 3.6.5).

Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 pytest tests/export/test_oncall_export.py -q
then review the diff under tests/export/golden_oncall/.
"""

from __future__ import annotations

import csv
import io
import textwrap
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from workbench.domain.lifecycle import LifecycleState
from workbench.domain.oncall import Override, Rules, make_agreement
from workbench.domain.organisation import ArtifactStatus
from workbench.export import export_workspace
from workbench.export.oncall_csv import HEADER, hours_csv
from workbench.export.oncall_ics import calendar_text
from workbench.export.oncall_markdown import render_oncall, render_postmortem
from workbench.export.oncall_page import OnCallPage
from workbench.export.oncall_yaml import (
    KIND,
    OnCallFileError,
    oncall_document,
    read_oncall_file,
    read_oncall_path,
)
from workbench.service import Workbench
from workbench.store import oncall_repo
from workbench.store.db import reading
from workbench.store.demo_oncall import checkout, platform

GOLDEN = Path(__file__).parent / "golden_oncall"
DAY = date(2026, 11, 25)
STAMP = datetime(2026, 11, 25, 9, 0)
HEAD = f"kind: {KIND}\nversion: 1\n"
PAGE_TAGS = {"h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "table", "thead",
             "tbody", "tr", "th", "td", "input"}


class Stored:
    def __init__(self, agreement, last_saved=None):
        self.agreement = agreement
        self.state = LifecycleState(ArtifactStatus.DRAFT, 1, ())
        self.in_force_number = None
        self.revisions = 1
        self.last_saved = last_saved


def page_of(agreement, as_of=DAY, weeks=8, last_saved=STAMP) -> OnCallPage:
    return OnCallPage.build(Stored(agreement, last_saved), as_of, rules=Rules(), targets={},
                            weeks=weeks)


def problems_of(text: str, source: str = "oncall.yaml") -> list[str]:
    with pytest.raises(OnCallFileError) as caught:
        read_oncall_file(textwrap.dedent(text), source)
    return caught.value.lines()


def events(text: str) -> list:
    return Calendar.from_ical(text).walk("VEVENT")


def berlin() -> dict:
    return {"team": "Zahlung", "uid": "berlin-uid", "rotations": [{
        "name": "Zahlung 24x7", "members": ["Anna", "Ben", "Cem"], "shape": "rotating",
        "coverage": "24x7", "handover": {"day": "mon", "time": "09:00"},
        "zone": "Europe/Berlin", "start": "2027-03-08"}]}


# === Markdown ===================================================================================


def test_demo_export_matches_golden_files(demo, tmp_path, golden):
    engine, workspace = demo
    out = tmp_path / "out"
    paths = export_workspace(engine, workspace, out, {"md", "yaml", "csv"}, {"oncall"},
                             generated_at=STAMP)
    assert [p.relative_to(out / "bharatmart").as_posix() for p in paths] == [
        "oncall/checkout.md", "oncall/checkout-postmortem.md", "oncall/platform.md",
        "oncall/platform-postmortem.md", "oncall/checkout.yaml", "oncall/platform.yaml",
        "oncall/hours.csv"]
    golden(out, GOLDEN / "demo")


def test_demo_pages_are_valid_gfm_without_html(demo, tmp_path, tables, html_tokens,
                                               github_page, texts):
    engine, workspace = demo
    paths = export_workspace(engine, workspace, tmp_path, {"md"}, {"oncall"},
                             generated_at=STAMP)
    pages = {p.stem: p.read_text("utf-8") for p in paths}
    for markdown in pages.values():
        assert html_tokens(markdown) == []
        found = tables(markdown)
        assert all(len({len(row) for row in t}) == 1 for t in found), "ragged table"
        page = github_page(markdown)
        assert page.tags <= PAGE_TAGS, page.tags - PAGE_TAGS
        assert page.tables == found
    checkout_page = pages["checkout"]
    assert texts(checkout_page, "heading")[:4] == [
        "On-call agreement: Checkout", "Missing before it can be agreed",
        "Out-of-hours decision", "Rotations"]
    schedule = tables(checkout_page)[1]
    assert schedule[0] == ["Turn starts", "Main", "Backup", "Changes"]
    assert schedule[1][:3] == ["Mon 2026-11-23 10:00", "Lakshmi Menon", "Aditi Rao"]
    assert ["Mon 2026-12-07 10:00", "Sneha Pillai", "Farhan Ali",
            "backup: Neha Gupta unavailable"] in schedule
    assert "- **Status:** agreed on " in pages["platform"]
    assert "| P1 | Users cannot use the product at all |" in checkout_page
    postmortem = pages["checkout-postmortem"]
    assert "- **Priority:** _one of_ P1, P2, P3" in postmortem
    assert "- **Severity:** _one of_ critical, error, warning" in postmortem
    assert texts(postmortem, "heading")[1:] == [
        "Summary", "Who responded", "The quick fix", "How it was detected",
        "Impact on customers", "Causes found", "What restored the service",
        "Lasting improvement", "What we learned", "Action items", "What others can learn"]


def test_the_service_view_renders_the_same_page_as_the_export(demo, tmp_path):
    engine, workspace = demo
    [path] = [p for p in export_workspace(engine, workspace, tmp_path, {"md"}, {"oncall"},
                                          generated_at=STAMP, today=DAY)
              if p.name == "checkout.md"]
    view = Workbench(engine, today=DAY).oncall.view(workspace.id, "Checkout", as_of=DAY)
    assert render_oncall(view, workspace_name="BharatMart", generated_at=STAMP) == \
        path.read_text("utf-8")


def test_hostile_text_shows_as_typed(tables, html_tokens):
    values = checkout(DAY)
    values["team"] = "Zahlung | <b>x</b>"
    values["rotations"][0]["members"][0] = "<img src=x onerror=alert(1)>"
    values["rotations"][0]["name"] = "a|b `c`"
    values["escalations"][0]["levels"][0]["rotation"] = "a|b `c`"
    values["priorities"] = [{"name": "P|1", "criteria": "*all* <down>"}]
    page = page_of(make_agreement(values))
    for markdown in (render_oncall(page, workspace_name="W <i>"),
                     render_postmortem(page, workspace_name="W <i>")):
        assert html_tokens(markdown) == []
    found = tables(render_oncall(page, workspace_name="W"))
    fairness = next(t for t in found if t[0][0] == "Person")
    assert fairness[1][0] == "<img src=x onerror=alert(1)>"


# === YAML =======================================================================================


def test_demo_agreements_round_trip(demo, tmp_path):
    engine, workspace = demo
    paths = export_workspace(engine, workspace, tmp_path, {"yaml"}, {"oncall"},
                             generated_at=STAMP)
    with reading(engine) as session:
        stored = {s.agreement.team: s.agreement
                  for s in oncall_repo.list_agreements(session, workspace.id)}
    assert sorted(stored) == ["Checkout", "Platform"]
    for path in paths:
        imported = read_oncall_path(path)
        assert imported == replace(stored[imported.team], version=0)
        assert oncall_document(imported, generated_at=STAMP) == path.read_text("utf-8")


def test_custom_windows_and_every_part_round_trip():
    values = platform(DAY)
    values["rotations"][0].update({"coverage": "custom", "windows": [
        {"days": ["mon", "wed"], "from": "08:00", "to": "24:00"}]})
    values["parties"] = [{"role": "operations"}, {"role": "po", "name": "R"}]
    agreement = make_agreement(values)
    assert read_oncall_file(oncall_document(agreement), "a.yaml") == agreement


def test_every_problem_is_reported_with_its_line():
    assert problems_of(HEAD + textwrap.dedent("""\
        team: Checkout
        colour: blue
        rotations:
        - name: R
          shape: triangle
          handover: {day: someday, time: '25:00'}
          zone: Mars/Olympus
        escalations:
        - name: E
          levels:
          - {delay: 5}
          repeats: 12
        """)) == [
        "oncall.yaml:4: colour: is not a known key; use one of: team, uid, decisions, "
        "rotations, escalations, rings, priorities, severities, postmortem, compensation, "
        "working_time, parties",
        "oncall.yaml:7: rotations[0].shape: 'triangle' is not one of: fixed, rotating, "
        "main-backup, main-two-backups",
        "oncall.yaml:8: rotations[0].handover.day: 'someday' is not a weekday; use one of: "
        "mon, tue, wed, thu, fri, sat, sun",
        "oncall.yaml:8: rotations[0].handover.time: '25:00' is not a time of day; write "
        "HH:MM on a 24-hour clock, e.g. 09:00",
        "oncall.yaml:9: rotations[0].zone: 'Mars/Olympus' is not a known time zone; use an "
        "IANA name, e.g. Europe/Berlin or Asia/Kolkata",
        "oncall.yaml:13: escalations[0].levels[0]: names nobody to page; write rotation: "
        "NAME (with role: main or backup), person: NAME or role: NAME",
        "oncall.yaml:14: escalations[0].repeats: 12 is out of range; use 0 to 9",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("kind: workbench/team-charter\nversion: 1\nteam: x\n",
     ["oncall.yaml:1: kind: is 'workbench/team-charter'; an on-call agreement has kind: "
      "workbench/oncall-agreement"]),
    (HEAD + "team: x\nteam: y\n", ["oncall.yaml:4: team: appears twice; keep one"]),
    (HEAD + "team: x\nrotations: [{name: R, windows: [{days: [[[x]]]}]}]\n",
     ["oncall.yaml:4: rotations[0].windows[0].days[0]: is nested more than 6 levels deep; "
      "flatten it"]),
])
def test_each_kind_of_file_problem(text, expected):
    assert problems_of(text) == expected


def test_an_oversized_file_is_refused_before_parsing():
    text = HEAD + "team: x\n" + "#" * (1024 * 1024)
    [line] = problems_of(text)
    assert line.startswith("oncall.yaml: (document): is ") and "an on-call agreement" in line


# === iCalendar ==================================================================================


def test_the_ics_parses_back_with_a_vtimezone_for_every_tzid():
    page = page_of(make_agreement(checkout(DAY)))
    text = calendar_text(page)
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    calendar = Calendar.from_ical(text)
    found = calendar.walk("VEVENT")
    assert len(found) == 16  # 8 weekly turns, main and backup, 24x7
    assert calendar.get_missing_tzids() == set()
    assert [str(z["TZID"]) for z in calendar.walk("VTIMEZONE")] == ["Asia/Kolkata"]
    first = found[0]
    assert str(first["SUMMARY"]) == "Checkout 24x7: main — Lakshmi Menon"
    assert first["DTSTART"].params["TZID"] == "Asia/Kolkata"
    assert first.decoded("DTSTART").astimezone(UTC) == datetime(2026, 11, 23, 4, 30,
                                                                tzinfo=UTC)
    assert first.decoded("DTSTAMP") == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert {int(e["SEQUENCE"]) for e in found} == {0}
    assert len({str(e["UID"]) for e in found}) == 16


def test_uids_are_stable_across_exports_and_horizons(demo, tmp_path):
    engine, workspace = demo
    first = export_workspace(engine, workspace, tmp_path / "a", {"ics"}, {"oncall"},
                             today=DAY)
    second = export_workspace(engine, workspace, tmp_path / "b", {"ics"}, {"oncall"},
                              today=DAY, generated_at=datetime(2026, 12, 1, 8))
    assert [p.name for p in first] == ["checkout.ics", "platform.ics"]
    for a, b in zip(first, second, strict=True):
        uids = [str(e["UID"]) for e in events(a.read_text("utf-8"))]
        assert uids == [str(e["UID"]) for e in events(b.read_text("utf-8"))]
        assert len(uids) == len(set(uids))
    assert first[0].read_text("utf-8") == export_workspace(
        engine, workspace, tmp_path / "c", {"ics"}, {"oncall"}, today=DAY)[0].read_text("utf-8")
    agreement = make_agreement(checkout(DAY))
    now = {str(e["UID"]): e for e in events(calendar_text(page_of(agreement)))}
    later = {str(e["UID"]): e for e in events(calendar_text(page_of(
        agreement, as_of=DAY + timedelta(weeks=3))))}
    shared = set(now) & set(later)
    assert len(shared) == 10  # five weekly turns in both horizons, two roles
    for uid in shared:
        assert now[uid].decoded("DTSTART") == later[uid].decoded("DTSTART")


def test_sequence_rises_only_for_the_shift_that_changed():
    base = make_agreement(checkout(DAY))
    rotation = base.rotations[0]
    moved = base.with_changes(rotations=(rotation.with_changes(overrides=(
        *rotation.overrides, Override(date(2026, 11, 30), "main", "Manish Joshi", "swap")),),))
    once = {str(e["SUMMARY"]): int(e["SEQUENCE"])
            for e in events(calendar_text(page_of(moved), history=[base]))}
    assert once.pop("Checkout 24x7: main — Manish Joshi") == 1
    assert set(once.values()) == {0}
    back = {str(e["SUMMARY"]): int(e["SEQUENCE"])
            for e in events(calendar_text(page_of(base), history=[base, moved]))}
    assert back.pop("Checkout 24x7: main — Rahul Verma") == 2
    assert set(back.values()) == {0}


def test_a_berlin_turn_across_the_spring_change_keeps_its_local_handover():
    page = page_of(make_agreement(berlin()), as_of=date(2027, 3, 22), weeks=2)
    calendar = Calendar.from_ical(calendar_text(page))
    assert calendar.get_missing_tzids() == set()
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    first, second = calendar.walk("VEVENT")
    start, end = first.decoded("DTSTART"), first.decoded("DTEND")
    assert (start.hour, end.hour) == (9, 9)
    assert start.astimezone(UTC) == datetime(2027, 3, 22, 8, 0, tzinfo=UTC)
    assert end.astimezone(UTC) == datetime(2027, 3, 29, 7, 0, tzinfo=UTC)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=167)
    assert second.decoded("DTSTART").astimezone(UTC) == datetime(2027, 3, 29, 7, 0,
                                                                 tzinfo=UTC)
    assert "DTSTART;TZID=Europe/Berlin:20270322T090000" in calendar_text(page)


def test_names_cannot_inject_properties():
    values = berlin()
    values["rotations"][0]["members"] = ["Anna", "Ben", "Cem"]
    agreement = make_agreement(values)
    x = agreement.rotations[0]
    evil = "Eve\r\nATTENDEE:mailto:all@example.com\u2028X"
    agreement = agreement.with_changes(rotations=(x.with_changes(members=(evil, "Ben")),))
    text = calendar_text(page_of(agreement, as_of=date(2027, 3, 22), weeks=2))
    assert not any(line.startswith("ATTENDEE") for line in text.split("\r\n"))
    summaries = [str(e["SUMMARY"]) for e in events(text)]
    assert "Zahlung 24x7: main — Eve ATTENDEE:mailto:all@example.com X" in summaries


# === CSV ========================================================================================


def test_the_payroll_csv_splits_months_and_defuses_formulas():
    values = checkout(DAY)
    values["rotations"][0]["members"][3] = "=HYPERLINK(\"http://x\")"
    rows = list(csv.reader(io.StringIO(hours_csv([
        page_of(make_agreement(values), weeks=4), page_of(make_agreement(platform(DAY)))]))))
    assert tuple(rows[0]) == HEADER
    assert ["Checkout", "Checkout 24x7", "Vikram Singh", "2026-11", "14", "7", "840",
            "420"] in rows
    assert ["Checkout", "Checkout 24x7", "Vikram Singh", "2026-12", "154", "121", "9240",
            "7260"] in rows
    assert any(r[2] == "'=HYPERLINK(\"http://x\")" for r in rows)
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)
    platform_rows = [r for r in rows if r[1] == "Platform business hours"]
    assert platform_rows and all(r[5] == "0" for r in platform_rows)  # business hours only
