"""Team charter exports: the native YAML round trips (the demo's charters, hostile text, any
charter the domain accepts), every problem of a file is reported with file, line and key
path, the wiki page (golden files of the demo and of a hostile charter, valid GFM tables,
user text shown as typed and never as HTML, status lines, figures), and the exporter's
choices (files, the day of the figures, one read of the counts per export).

Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 pytest tests/export/test_charter_export.py -q
then review the diff under tests/export/golden_charters/.
"""

from __future__ import annotations

import textwrap
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.domain.charter import (
    Cadence,
    Charter,
    MetricFigures,
    make_charter,
    missing_parts,
)
from workbench.domain.lifecycle import LifecycleState, Party, SignOff
from workbench.domain.organisation import ArtifactStatus
from workbench.errors import UsageError
from workbench.export import export_workspace, exporter_names
from workbench.export.charter_markdown import NO_COUNTS, CharterPage, render_charter
from workbench.export.charter_yaml import (
    KIND,
    MAX_BYTES,
    CharterFileError,
    charter_document,
    read_charter_file,
    read_charter_path,
)
from workbench.export.exporters import charters as charter_exporter
from workbench.export.registry import ExportContext
from workbench.export.templates import TemplateProblem
from workbench.service import Workbench
from workbench.store import charter_repo, policy_repo, repo
from workbench.store.db import reading, transaction

GOLDEN = Path(__file__).parent / "golden_charters"
DAY = date(2026, 11, 25)
STAMP = datetime(2026, 11, 25, 9, 0)
HEAD = f"kind: {KIND}\nversion: 1\n"
ODD = 'a|b `x` *y* _z_ <b>bold</b> [l](u) ~s~ $m$ &amp; \\ #h ${HOME}'


def problems_of(text: str, source: str = "charter.yaml") -> list[str]:
    with pytest.raises(CharterFileError) as caught:
        read_charter_file(textwrap.dedent(text), source)
    return caught.value.lines()


def hostile_charter() -> Charter:
    """Every text field full of what YAML and Markdown treat specially."""
    return make_charter({
        "team": "Zahlung | <b>Über</b> 支付", "uid": "hostile",
        "mission": "# Not a heading | `code` <script>alert(1)</script>\n\nSecond paragraph\n"
                   "1. not a list\n- nor this\n  indented: yes",
        "responsibilities": ["- dash first", "1. numbered", "> quote", ODD, "No", "2026",
                             "null", "~", "'quoted'", "a\u2028b"],
        "scope": {"in": ["# in | <i>", "yes: no"], "out": ["~~out~~", "[x]: y"]},
        "metrics": [{"name": "m | <b>", "target": "< 5 | min", "slo": "slo | *one*"},
                    {"name": "no figures", "slo": "other <slo>"}, {"name": "plain"}],
        "interactions": [{"team": "विक्रम | टीम", "purpose": "p | <x>", "how": "#chan | `x`"}],
        "communication": {
            "channels": [{"name": "#a|b", "purpose": "<img src=x onerror=alert(1)>"}],
            "meetings": [{"name": "m *x*", "cadence": "fortnightly", "attendees": "[a](b)"}],
            "escalation": ["1. first", "<second>", "third | x"]},
        "review": {"cadence": "half-yearly", "next": "2026-11-01"},
        "parties": [{"role": "team | <b>"}, {"role": "po", "name": "R *R*"}],
    })


def hostile_page() -> CharterPage:
    charter = hostile_charter()
    figures = {"slo | *one*": MetricFigures("slo | *one*", Decimal("99.9"),
                                            Fraction(9995, 100), Fraction(50))}
    state = LifecycleState(ArtifactStatus.DRAFT, 3, (Party("team | <b>"), Party("po", "R *R*")),
                           (SignOff("Asha | *R*", "team | <b>", DAY, "ok `x` <b>"),),
                           in_force=2)
    return CharterPage(charter=charter, state=state, as_of=DAY, in_force_number=2,
                       revisions=3, last_saved=STAMP, missing=missing_parts(charter),
                       problems=("metrics[1].slo: 'other <slo>' is not an SLO of x",),
                       figures=figures)


# --- Markdown ----------------------------------------------------------------------------
# (renderer, tables, html_tokens, texts and github_page are fixtures of conftest.py)

PAGE_TAGS = {"h1", "h2", "h3", "p", "ul", "ol", "li", "strong", "em", "table", "thead",
             "tbody", "tr", "th", "td"}


def export_md(engine, workspace, out, **kwargs) -> dict[str, str]:
    paths = export_workspace(engine, workspace, out, {"md"}, {"charters"}, **kwargs)
    return {p.stem: p.read_text("utf-8") for p in paths}


# === YAML round trips ===========================================================================


def test_demo_charters_round_trip(demo, tmp_path):
    engine, workspace = demo
    paths = export_workspace(engine, workspace, tmp_path, {"yaml"}, {"charters"},
                             generated_at=STAMP)
    assert [p.relative_to(tmp_path / "bharatmart").as_posix() for p in paths] == [
        "charters/checkout.yaml", "charters/sre.yaml"]
    with reading(engine) as session:
        stored = {s.charter.team: s.charter
                  for s in charter_repo.list_charters(session, workspace.id)}
    for path in paths:
        imported = read_charter_path(path)
        assert imported == replace(stored[imported.team], version=0)
        assert charter_document(imported, generated_at=STAMP) == path.read_text("utf-8")
    text = paths[0].read_text("utf-8")
    assert text.startswith(f"kind: {KIND}\nversion: 1\ngenerated_at: '2026-11-25T09:00:00'\n"
                           "team: Checkout\nuid: ")


def test_hostile_text_round_trips():
    charter = hostile_charter()
    text = charter_document(charter)
    assert read_charter_file(text, "h.yaml") == charter
    data = yaml.safe_load(text)
    # Text that YAML reads as another type is quoted, and read back as text.
    assert data["responsibilities"][4:9] == ["No", "2026", "null", "~", "'quoted'"]
    assert data["mission"].startswith("# Not a heading | ")
    assert data["mission"].count("\n") == 5
    assert data["team"] == "Zahlung | <b>Über</b> 支付"


def test_the_domain_reads_yaml_line_breaks_once_and_for_all():
    """A line or paragraph separator ends a line of the mission and joins the words of a
    one-line item; the charter read is what is written and read back."""
    charter = make_charter({"team": "T", "mission": "one\u2028two\u2029three",
                            "responsibilities": ["a\u2028b"]})
    assert charter.mission == "one\ntwo\nthree" and charter.responsibilities == ("a b",)
    assert read_charter_file(charter_document(charter), "c") == charter


def test_a_next_line_character_is_refused_with_its_line():
    # NEL (U+0085) is a control character: the domain refuses it everywhere, so a file that
    # holds one (written as the YAML escape \N) names the line instead of changing the text.
    assert problems_of(HEAD + 'team: T\nmission: "a\\Nb"\n') == [
        "charter.yaml:4: mission: contains a control character; remove it"]
    assert problems_of(HEAD + 'team: "T\\N"\n') == [
        "charter.yaml:3: team: contains a control character; remove it"]


WORD = st.lists(st.sampled_from([*"abcXYZ019 -_:#'\"`|<>[]{}%&*!?,.\\/~^$@", "é", "🚀", "ह",
                                 "\u00a0", "\u200d"]), min_size=1, max_size=16
                ).map("".join).filter(lambda t: t.strip())
TEXT = st.lists(st.one_of(WORD, st.sampled_from(["\n", "\n\n", "  \n"])), min_size=1,
                max_size=6).map("".join)


@st.composite
def charters(draw):
    items = st.lists(WORD, max_size=3, unique_by=lambda t: " ".join(t.split()).casefold())
    return make_charter({
        "team": draw(WORD), "mission": draw(TEXT),
        "responsibilities": draw(items), "scope": {"in": draw(items), "out": draw(items)},
        "metrics": [{"name": n, "target": draw(WORD)[:60], "slo": draw(WORD)[:60]}
                    for n in draw(items)],
        "interactions": [{"team": t[:60], "purpose": draw(WORD)} for t in draw(items)],
        "communication": {
            "channels": [{"name": n[:60], "purpose": draw(WORD)} for n in draw(items)],
            "meetings": [{"name": n[:60], "cadence": draw(st.sampled_from(list(Cadence)))}
                         for n in draw(items)],
            "escalation": draw(items)},
        "review": {"cadence": draw(st.sampled_from(["monthly", "yearly", None])),
                   "next": draw(st.sampled_from(["2027-02-28", None]))},
    })


@settings(max_examples=40, deadline=None)
@given(charters())
def test_any_charter_round_trips(charter):
    assert read_charter_file(charter_document(charter), "g.yaml") == charter


def test_a_minimal_hand_written_file_reads_values_as_typed():
    charter = read_charter_file(HEAD + textwrap.dedent("""\
        team: 2026
        mission: No
        responsibilities: yes
        metrics: [Mean time to detect, {name: Uptime, target: 99.9, slo: api}]
        interactions: [{team: Checkout, purpose: on call}]
        communication:
          meetings: [{name: Sync, cadence: Fortnightly}, {name: Ad hoc}]
          escalation: On call
        review: {cadence: Half Yearly, next: 2027-02-24}
        parties: [team, {role: management, name: Anita}]
        """), "hand.yaml")
    assert (charter.team, charter.mission, charter.responsibilities) == ("2026", "No", ("yes",))
    assert [(m.name, m.target, m.slo) for m in charter.metrics] == [
        ("Mean time to detect", "", None), ("Uptime", "99.9", "api")]
    assert [i.team for i in charter.interactions] == ["Checkout"]
    assert [m.cadence for m in charter.meetings] == [Cadence.FORTNIGHTLY, Cadence.AS_NEEDED]
    assert charter.escalation == ("On call",)
    assert charter.review_cadence is Cadence.HALF_YEARLY
    assert charter.next_review == date(2027, 2, 24)
    assert charter.parties == (Party("team"), Party("management", "Anita"))
    assert charter.version == 0


def test_a_cadence_is_read_as_written():
    charter = read_charter_file(HEAD + "team: T\ncommunication:\n  meetings:\n"
                                "  - {name: Sync, cadence: fortnightly}\n", "c.yaml")
    assert charter.meetings[0].cadence is Cadence.FORTNIGHTLY


# === problems: one line each, with file, line and key path =======================================


def test_every_problem_is_reported_in_line_order():
    text = textwrap.dedent("""\
        kind: workbench/team-charter
        version: 1
        team: ''
        colour: blue
        scope: {in: Cart, out: {a: 1}, sideways: [x]}
        metrics:
        - name: ''
          slo: checkout
        - {name: Uptime, owner: me}
        interactions:
        - team: Checkout
        - [x]
        communication:
          meetings:
          - {name: Sync, cadence: biweekly}
          escalation: [a, A]
        review: {cadence: weekly, next: 2027-02-30}
        """)
    assert problems_of(text) == [
        "charter.yaml:3: team: is empty; write it out",
        "charter.yaml:4: colour: is not a known key; use one of: team, mission, "
        "responsibilities, scope, metrics, interactions, communication, review, parties, uid",
        "charter.yaml:5: scope.sideways: is not a known key; use one of: in, out",
        "charter.yaml:5: scope.out: must be a list",
        "charter.yaml:7: metrics[0].name: is empty; write it out",
        "charter.yaml:9: metrics[1].owner: is not a known key; use one of: name, target, slo",
        "charter.yaml:11: interactions[0].purpose: is empty; write it out",
        "charter.yaml:12: interactions[1]: must be a mapping of keys to values",
        "charter.yaml:15: communication.meetings[0].cadence: 'biweekly' is not one of: daily, "
        "weekly, fortnightly, monthly, quarterly, half-yearly, yearly, as-needed",
        "charter.yaml:16: communication.escalation[1]: 'A' is listed twice; list it once",
        "charter.yaml:17: review.cadence: weekly is too often or not a cadence for a review; "
        "use one of: monthly, quarterly, half-yearly, yearly",
        "charter.yaml:17: review.next: '2027-02-30' is not a date; write YYYY-MM-DD, e.g. "
        "2027-03-01",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("", ["charter.yaml: (document): must be a mapping that starts with kind: "
          "workbench/team-charter and version: 1"]),
    ("- a\n", ["charter.yaml:1: (document): must be a mapping that starts with kind: "
               "workbench/team-charter and version: 1"]),
    ("version: 1\nteam: x\n", ["charter.yaml:1: kind: is required; add kind: "
                               "workbench/team-charter"]),
    ("kind: workbench/team-charter\nteam: x\n",
     ["charter.yaml:1: version: is required; add version: 1"]),
    ("kind: workbench/error-budget-policy\nversion: 1\nteam: x\n",
     ["charter.yaml:1: kind: is 'workbench/error-budget-policy'; a team charter has "
      "kind: workbench/team-charter"]),
    (HEAD.replace("1", "2") + "team: x\n",
     ["charter.yaml:2: version: 2 is not supported (use version: 1)"]),
    # the team is required: without it the charter belongs to nobody
    (HEAD + "mission: x\n", ["charter.yaml:1: team: is empty; write it out"]),
    (HEAD + "team: x\nteam: y\n", ["charter.yaml:4: team: appears twice; keep one"]),
    (HEAD + "team: [x]\n", ["charter.yaml:3: team: must be text, not list"]),
    (HEAD + "team: " + "t" * 61 + "\n",
     ["charter.yaml:3: team: is 61 characters long; use at most 60"]),
    (HEAD + "team: x\nmetrics: {a: 1}\n", ["charter.yaml:4: metrics: must be a list"]),
    (HEAD + "team: x\nreview: quarterly\n",
     ["charter.yaml:4: review: must be a mapping of keys to values"]),
    (HEAD + "team: x\nmission: !!python/object:os.system x\n",
     ["charter.yaml:4: mission: has the YAML tag 'tag:yaml.org,2002:python/object:os.system', "
      "which this format does not use; remove the tag"]),
    (HEAD + "team: &t x\nmission: *t\n",
     ["charter.yaml:4: mission: uses the YAML alias *t; write the value out in full (aliases "
      "are not read)"]),
    (HEAD + "team: x\n---\nteam: y\n",
     ["charter.yaml:4: (document): the file holds more than one YAML document (a line '---' "
      "starts another); keep one"]),
    (HEAD + "team: x\nmetrics: [[[[[[x]]]]]]\n",
     ["charter.yaml:4: metrics[0][0][0][0][0]: is nested more than 6 levels deep; flatten "
      "it"]),
    (HEAD + "team: x\nreview: {cadence: sometimes}\n",
     ["charter.yaml:4: review.cadence: 'sometimes' is not one of: daily, weekly, fortnightly, "
      "monthly, quarterly, half-yearly, yearly, as-needed"]),
    (HEAD + "team: x\nreview: {next: 2027-03-01 10:00}\n",
     ["charter.yaml:4: review.next: '2027-03-01 10:00' is not a date; write YYYY-MM-DD, e.g. "
      "2027-03-01"]),
])
def test_each_kind_of_problem(text, expected):
    assert problems_of(text) == expected


def test_a_wrong_meeting_cadence_names_its_line():
    text = HEAD + textwrap.dedent("""\
        team: SRE
        communication:
          meetings:
          - name: SLO review
            cadence: weekly
          - name: Postmortem review
            cadence: every other week
        """)
    assert problems_of(text) == [
        "charter.yaml:9: communication.meetings[1].cadence: 'every other week' is not one of: "
        "daily, weekly, fortnightly, monthly, quarterly, half-yearly, yearly, as-needed"]


def test_an_oversized_file_is_refused_before_parsing(tmp_path):
    text = HEAD + "team: x\n" + "#" * MAX_BYTES
    assert problems_of(text) == [
        f"charter.yaml: (document): is {len(text)} characters long (at most {MAX_BYTES}); "
        "check that this is a team charter"]
    path = tmp_path / "big.yaml"
    path.write_text("x" * (MAX_BYTES + 1), encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        read_charter_path(path)
    assert str(caught.value) == (f"{path}: is larger than 1 MiB; that is more than a team "
                                 "charter YAML file holds, check that this is the right file")


def test_countless_values_and_an_alias_bomb_are_refused():
    [line] = problems_of(HEAD + "team: x\nresponsibilities:\n" + "- x\n" * 6_000)
    assert "holds more than 5000 values" in line
    bomb = [HEAD + "team: x\na0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 20):
        bomb.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    found = problems_of("\n".join(bomb) + "\n")
    assert found[0] == ("charter.yaml:5: a1[0]: uses the YAML alias *a0; write the value out "
                        "in full (aliases are not read)")


def test_the_largest_charter_fits():
    item = "ह" * 299 + "{}"
    charter = make_charter({
        "team": "t" * 60, "mission": "m" * 1000,
        "responsibilities": [f"{i}{item}"[:300] for i in range(30)],
        "scope": {"in": [f"{i}{item}"[:300] for i in range(30)],
                  "out": [f"{i}{item}"[:300] for i in range(30)]},
        "metrics": [{"name": f"{i}{item}"[:300], "target": "<" * 60, "slo": "s" * 60}
                    for i in range(30)],
        "interactions": [{"team": f"{i}" * 10, "purpose": item[:300], "how": item[:300]}
                         for i in range(30)],
        "communication": {
            "channels": [{"name": f"#{i}", "purpose": item[:300]} for i in range(30)],
            "meetings": [{"name": f"m{i}", "cadence": "weekly", "attendees": item[:300]}
                         for i in range(30)],
            "escalation": [f"{i}{item}"[:300] for i in range(30)]},
        "review": {"cadence": "yearly", "next": "2027-01-01"},
        "parties": [{"role": f"r{i}" * 10, "name": "n" * 60} for i in range(15)],
    })
    text = charter_document(charter)
    assert len(text) < MAX_BYTES
    assert read_charter_file(text, "big.yaml") == charter


def test_the_error_is_a_usage_error_with_a_one_line_message(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(HEAD + "team: ''\ncolour: x\nsize: y\nshape: z\n", encoding="utf-8")
    with pytest.raises(CharterFileError) as caught:
        read_charter_path(path)
    error = caught.value
    assert isinstance(error, UsageError) and error.exit_code == 2 and error.topic == "charter"
    assert len(error.lines()) == 4
    assert error.lines()[0] == f"{path}:3: team: is empty; write it out"
    message = str(error)
    assert "\n" not in message and message.startswith(f"4 problems: {path}:3: team:")
    assert message.endswith(" | and 1 more")
    with pytest.raises(UsageError, match="no such file"):
        read_charter_path(tmp_path / "nope.yaml")


# === the page ===================================================================================


def test_hostile_text_shows_as_typed_and_never_as_html(tables, html_tokens, texts):
    markdown = render_charter(hostile_page(), workspace_name="Acme | <b>")
    assert html_tokens(markdown) == []
    found = tables(markdown)
    assert [len(t[0]) for t in found] == [4, 3, 2, 3, 4]
    assert all(len({len(row) for row in table}) == 1 for table in found), "ragged table"
    metrics, interactions, channels, meetings, signed = found
    assert metrics[1:] == [
        ["m | <b>", "< 5 | min", "slo | *one*", "99.95% good against 99.9% (budget left 50.0%)"],
        ["no figures", "—", "other <slo>", NO_COUNTS],
        ["plain", "—", "—", "—"]]
    assert interactions[1] == ["विक्रम | टीम", "p | <x>", "#chan | `x`"]
    assert channels[1] == ["#a|b", "<img src=x onerror=alert(1)>"]
    assert meetings[1] == ["m *x*", "every two weeks", "[a](b)"]
    assert signed[1] == ["Asha | *R*", "team | <b>", "2026-11-25", "ok `x` <b>"]
    headings = texts(markdown, "heading")
    assert headings[0] == "Team charter: Zahlung \\| \\<b\\>Über\\</b\\> 支付"
    assert headings[1:] == [
        "Problems in this workspace", "Mission",
        "Responsibilities", "Scope", "Success metrics", "Interactions with other teams",
        "Communication", "Channels", "Meetings", "Escalation path", "Review", "Agreement"]
    items = texts(markdown, "list_item")
    first = items.index("\\- dash first")
    assert items[first:first + 3] == ["\\- dash first", "1\\. numbered", "\\> quote"]
    assert "1\\. first" in items and "\\<second\\>" in items


def test_the_page_renders_the_same_with_cmark_gfm(tables, github_page):
    markdown = render_charter(hostile_page(), workspace_name="Acme | <b>")
    page = github_page(markdown)
    assert page.tags <= PAGE_TAGS, page.tags - PAGE_TAGS
    assert page.tables == tables(markdown)


def test_the_mission_keeps_its_paragraphs_and_nothing_else(renderer):
    markdown = render_charter(hostile_page(), workspace_name="W")
    assert ("\\# Not a heading \\| \\`code\\` \\<script\\>alert(1)\\</script\\>\n\n"
            "Second paragraph 1. not a list - nor this indented: yes\n") in markdown
    tokens = renderer().parse(markdown)
    start = next(i for i, t in enumerate(tokens) if t.content == "Mission")
    end = next(i for i, t in enumerate(tokens) if i > start and t.type == "heading_open")
    assert [t.type for t in tokens[start + 2:end]] == ["paragraph_open", "inline",
                                                       "paragraph_close"] * 2


def test_status_agreement_review_and_missing_parts_of_a_hostile_draft():
    lines = render_charter(hostile_page(), workspace_name="Acme | <b>").splitlines()
    for line in (
        "- **Status:** draft, with the agreed revision 2 still in force · waiting for "
        "R \\*R\\* (po) (revision 3, saved 2026-11-25)",
        "- **Team:** Zahlung \\| \\<b\\>Über\\</b\\> 支付 · **Workspace:** Acme \\| \\<b\\>",
        "- **Cadence:** every six months",
        "- **Next review:** 2026-11-01 (**review due**)",
        "- **Must agree:** team \\| \\<b\\>, R \\*R\\* (po)",
        "- **In force:** agreed revision 2",
        "- **Waiting for:** R \\*R\\* (po)",
        "Signed so far:",
        "- metrics\\[1\\].slo: 'other \\<slo\\>' is not an SLO of x",
        "Figures of the named SLOs as of 2026-11-25, for their current period so far.",
    ):
        assert line in lines, line


def test_an_empty_charter_says_what_is_missing(tables):
    charter = Charter(team="T")
    state = LifecycleState(ArtifactStatus.DRAFT, 1, (Party("team"), Party("management")))
    page = CharterPage(charter=charter, state=state, as_of=DAY, revisions=1,
                       last_saved=STAMP, missing=missing_parts(charter))
    markdown = render_charter(page, workspace_name="W", generated_at=STAMP)
    section = markdown.split("## Missing before it can be agreed\n\n", 1)[1].split("\n\n")[0]
    assert section.splitlines() == [
        "- **Mission:** say what the team exists to achieve",
        "- **Responsibilities:** list at least one responsibility",
        "- **Scope:** name at least one thing in scope",
        "- **Success metrics:** add at least one success metric",
        "- **Review:** choose how often the charter is reviewed",
        "- **Review:** set the next review date"]
    for text in ("_Generated 2026-11-25T09:00:00._",
                 "- **Status:** draft · waiting for team, management (revision 1, saved "
                 "2026-11-25)", "_No mission written yet._", "_No responsibilities listed yet._",
                 "_Nothing named yet._", "_Nothing named._", "_No success metrics yet._",
                 "_No interactions named._", "_No channels named._", "_No meetings named._",
                 "_No escalation path written._", "- **Cadence:** not chosen yet",
                 "- **Next review:** no date set",
                 "- **In force:** nothing yet; no revision has been agreed",
                 "_Nobody has signed this version yet._"):
        assert text in markdown, text
    assert tables(markdown) == []
    assert "Figures of the named SLOs" not in markdown


# === the demo: golden files, status lines, figures ==============================================


def test_demo_export_matches_golden_files(demo, tmp_path, golden):
    engine, workspace = demo
    out = tmp_path / "out"
    paths = export_workspace(engine, workspace, out, {"md", "yaml"}, {"charters"},
                             generated_at=STAMP)
    assert [p.relative_to(out / "bharatmart").as_posix() for p in paths] == [
        "charters/checkout.md", "charters/sre.md", "charters/checkout.yaml",
        "charters/sre.yaml"]
    golden(out, GOLDEN / "demo")


def test_hostile_charter_matches_golden_files(tmp_path, golden):
    page = hostile_page()
    out = tmp_path / "out"
    out.mkdir()
    (out / "charter.md").write_text(render_charter(page, workspace_name="Acme | <b>",
                                                   generated_at=STAMP), "utf-8")
    (out / "charter.yaml").write_text(charter_document(page.charter, generated_at=STAMP),
                                      "utf-8")
    golden(out, GOLDEN / "hostile")


def test_demo_pages_show_who_agreed_and_the_figures(demo, tmp_path, tables, html_tokens):
    engine, workspace = demo
    pages = export_md(engine, workspace, tmp_path, generated_at=STAMP)
    sre, checkout = pages["sre"], pages["checkout"]
    for page in pages.values():
        assert html_tokens(page) == []
    assert "- **Status:** agreed on 2026-10-26 by Rohan Das (team), Anita Desai (management) " \
           "(revision 2, saved 2026-10-26)" in sre
    assert "- **Next review:** 2027-01-26\n" in sre
    assert "\n1. SRE on call\n2. SRE team lead\n3. Head of operations\n" in sre
    assert "- **Status:** draft · waiting for team, management (revision 1, saved " \
           "2026-11-22)" in checkout
    assert "- **Review:** set the next review date" in checkout
    metrics = tables(checkout)[0]
    assert metrics == [
        ["Metric", "Target", "SLO", "Current figures"],
        ["Checkout available to shoppers", "—", "checkout-availability",
         "99.94% good against 99.9% (budget left 54.1%)"],
        ["UPI payments succeed", "—", "upi-payment-availability",
         "99.02% good against 99.5% (budget left -67.8%)"],
        ["Features delivered per quarter", "as planned", "—", "—"]]
    assert [len(t[0]) for t in tables(sre)] == [4, 3, 2, 3, 4]
    assert [len(t) for t in tables(sre)] == [5, 4, 3, 3, 3]


def test_the_service_view_renders_the_same_page_as_the_export(demo, tmp_path):
    engine, workspace = demo
    pages = export_md(engine, workspace, tmp_path, generated_at=STAMP)
    wb = Workbench(engine, today=DAY)
    for team in ("Checkout", "SRE"):
        view = wb.charters.view(workspace.id, team)
        assert render_charter(view, workspace_name="BharatMart",
                              generated_at=STAMP) + "" == pages[team.lower()]


def test_a_draft_edited_after_agreement_keeps_the_agreed_revision_in_force(demo, tmp_path):
    engine, workspace = demo
    with transaction(engine) as session:
        stored = charter_repo.load(session, workspace.id, "SRE")
        charter_repo.save(session, workspace.id, "SRE",
                          stored.charter.with_changes(mission="A new mission."), "edited",
                          expected_version=stored.charter.version)
    sre = export_md(engine, workspace, tmp_path, generated_at=STAMP)["sre"]
    assert "- **Status:** draft, with the agreed revision 2 still in force · waiting for team, " \
           "management (revision 3, saved " in sre
    assert "\nA new mission.\n" in sre
    assert "- **In force:** agreed revision 2" in sre
    assert "_Nobody has signed this version yet._" in sre


def test_figures_are_of_the_export_day_and_missing_counts_say_so(demo, tmp_path, tables):
    engine, workspace = demo
    later = export_md(engine, workspace, tmp_path / "later", today=date(2027, 6, 1))
    checkout = later["checkout"]
    assert "Figures of the named SLOs as of 2027-06-01" in checkout
    assert [row[3] for row in tables(checkout)[0][1:]] == [NO_COUNTS, NO_COUNTS, "—"]
    # the SRE charter's next review (2027-01-26) has come by then
    assert "- **Next review:** 2027-01-26 (**review due**)" in later["sre"]
    assert "review due" not in export_md(engine, workspace, tmp_path / "now",
                                         generated_at=STAMP)["sre"]


def test_without_a_date_the_figures_are_of_the_last_day_of_counts(demo, tmp_path):
    engine, workspace = demo
    first = export_md(engine, workspace, tmp_path / "a")
    assert "as of 2026-11-25" in first["checkout"] and "_Generated" not in first["checkout"]
    assert export_md(engine, workspace, tmp_path / "b") == first


def test_export_day_is_the_context_day_then_generated_at_then_counts_then_the_last_save():
    class Saved:
        def __init__(self, day):
            self.last_saved = datetime(day.year, day.month, day.day, 12) if day else None

    stored = [Saved(date(2026, 11, 4)), Saved(date(2026, 11, 20)), Saved(None)]
    counts = date(2026, 11, 25)
    blank = ExportContext(session=None, workspace=None)  # type: ignore[arg-type]
    assert charter_exporter.export_day(blank, stored, counts) == counts
    assert charter_exporter.export_day(blank, stored, None) == date(2026, 11, 20)
    stamped = ExportContext(session=None, workspace=None,  # type: ignore[arg-type]
                            generated_at=STAMP, today=date(2026, 1, 2))
    assert charter_exporter.export_day(stamped, stored, counts) == date(2026, 1, 2)


def test_the_counts_are_read_once_per_export(demo, tmp_path, monkeypatch):
    engine, workspace = demo
    with transaction(engine) as session:
        charter_repo.create(session, workspace.id, make_charter({
            "team": "Storefront", "metrics": [{"name": "Search", "slo": "search-latency"}]}))
    made = []
    real = policy_repo.Budgets

    def counting(*args, **kwargs):
        made.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(policy_repo, "Budgets", counting)
    pages = export_md(engine, workspace, tmp_path, generated_at=STAMP)
    assert sorted(pages) == ["checkout", "sre", "storefront"]
    assert made == [DAY]
    assert "| Search | — | search-latency | " in pages["storefront"]
    assert NO_COUNTS not in pages["storefront"]


def test_a_workspace_without_charters_exports_no_charter_files(engine, tmp_path):
    with transaction(engine) as session:
        workspace = repo.create_workspace(session, "Empty")
        repo.add_team(session, workspace.id, "Solo")
    paths = export_workspace(engine, workspace, tmp_path, {"md", "yaml"}, generated_at=STAMP)
    assert not any("charters" in p.parts for p in paths)


def test_similar_team_names_get_their_own_files(demo, tmp_path):
    engine, workspace = demo
    with transaction(engine) as session:
        repo.add_team(session, workspace.id, "S.R.E")
        charter_repo.create(session, workspace.id, make_charter({"team": "S.R.E"}))
    paths = export_workspace(engine, workspace, tmp_path, {"md", "yaml"}, {"charters"},
                             generated_at=STAMP)
    assert [p.name for p in paths] == ["checkout.md", "s-r-e.md", "sre.md", "checkout.yaml",
                                       "s-r-e.yaml", "sre.yaml"]


def test_the_exporter_is_registered_after_the_policies():
    names = exporter_names()
    assert names.index("policies") < names.index("charters") < names.index("organisation")


def test_a_broken_template_override_is_one_line_and_writes_nothing(demo, tmp_path, override):
    engine, workspace = demo
    path = override(workspace.name, "team-charter.md.j2",
                    "# {{ team | md }}\n\n{{ agreement.missionx }}\n")
    with pytest.raises(TemplateProblem) as caught:
        export_workspace(engine, workspace, tmp_path / "out", {"md", "yaml"})
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:3: template team-charter.md.j2: ")
    assert "'agreement' has no attribute 'missionx'" in message
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.*"))
    path.write_text("Charter of {{ team | md }}\n", encoding="utf-8")
    pages = export_md(engine, workspace, tmp_path / "again")
    assert pages["sre"] == "Charter of SRE\n"
