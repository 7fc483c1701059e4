"""``workbench respond`` (a respondent's walk of one run) and the coach's side of it,
``workbench assess progress`` and ``assess reveal``.

The respondent's app is never shown: the success path replaces ``build_respondent_app`` by
a recorder, and the failures (which come from the app's start-up worker: the run is unknown
or agreed) run the real app headless, with a guard that ends it if it did not end itself.
"""

from __future__ import annotations

import asyncio
import re
from datetime import date
from types import SimpleNamespace

import pytest
from textual.app import App
from typer.testing import CliRunner

from workbench.cli import app
from workbench.store import assessment_repo as ar
from workbench.store.db import transaction
from workbench.store.model_files import get_model
from workbench.store.session import open_database

MODEL = "sre-maturity"
AGREED_RUN = 1  # the demo's first Checkout run: agreed
REVEALED_RUN = 2  # the demo's draft Checkout run: three respondents, already revealed


class Recorder:
    """Stands in for ``build_respondent_app``: records what it was given, and its app ends
    at once as if the person had joined as ``label`` (None: the app never joined)."""

    def __init__(self, label: str | None = None, error: Exception | None = None) -> None:
        self.calls: list[tuple] = []
        self.runs = 0
        self.label = label
        self.error = error

    def __call__(self, db_url, run_id, name, *, today=None, settings=None):
        self.calls.append((db_url, run_id, name, today))
        recorder = self

        class FakeApp:
            startup_error = recorder.error
            joined = (None if recorder.label is None
                      else SimpleNamespace(respondent=SimpleNamespace(label=recorder.label)))

            def run(self):
                recorder.runs += 1

        return FakeApp()


@pytest.fixture
def recorder(monkeypatch):
    import workbench.tui.respondent_app as respondent_app

    def install(label: str | None = None, error: Exception | None = None) -> Recorder:
        fake = Recorder(label, error)
        monkeypatch.setattr(respondent_app, "build_respondent_app", fake)
        return fake

    return install


@pytest.fixture
def headless(monkeypatch):
    """The real respondent app, headless; it must end by itself (a start-up error) within
    20 s, else the guard ends it and the test sees it succeed."""
    from workbench.tui.respondent_app import RespondentApp

    async def guard(pilot) -> None:
        for _ in range(400):
            if pilot.app.startup_error is not None:
                return  # the app is ending by itself
            await asyncio.sleep(0.05)
        pilot.app.exit()

    def run(self, **kwargs):
        return App.run(self, headless=True, auto_pilot=guard, **kwargs)

    monkeypatch.setattr(RespondentApp, "run", run)


def started_run(cli, on: str = "2026-11-20") -> int:
    out = cli.ok("assess", "start", "-m", MODEL, "--team", "Checkout", "--date", on)
    return int(re.match(r"Started run (\d+):", out).group(1))


# --- respond: the choice of name ------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    ([], "error: say who answers: --as NAME, or --anonymous"),
    (["--as", "Asha", "--anonymous"], "error: give --as NAME or --anonymous, not both"),
    (["--as", ""], "error: --as needs a name (or answer with --anonymous)"),
    (["--as", "   "], "error: --as needs a name (or answer with --anonymous)"),
    (["--as", "x" * 81], "error: --as: the name has 81 characters; at most 80"),
    (["--as", "Asha\x1b[2J"], "error: --as: the name has control characters; type it plainly"),
    (["--as", "Asha\x07"], "error: --as: the name has control characters; type it plainly"),
])
def test_respond_refuses_a_bad_choice_of_name(cli, one_line_error, recorder, args, message):
    fake = recorder("never")
    line = one_line_error(cli("respond", str(REVEALED_RUN), *args), 2)
    assert line == message
    assert fake.calls == []  # refused before any app is built


def test_respond_refuses_a_run_id_below_one(cli, recorder):
    fake = recorder("never")
    result = cli("respond", "0", "--as", "Asha")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "run_id" in result.stderr
    assert fake.calls == []


def test_respond_opens_the_run_for_that_name(cli, recorder):
    fake = recorder("Ravi O'Neil")
    out = cli.ok("respond", str(REVEALED_RUN), "--as", "  Ravi   O'Neil ")
    # the name as typed, its spaces collapsed; the database of --db; the fixed day
    assert fake.calls == [(cli.db_url, REVEALED_RUN, "Ravi O'Neil", date(2026, 11, 25))]
    assert fake.runs == 1
    assert out == (f"Your answers to run {REVEALED_RUN} are saved as Ravi O'Neil. To carry "
                   f"on: workbench respond {REVEALED_RUN} --as 'Ravi O'\"'\"'Neil'\n")


def test_respond_anonymously_and_a_name_of_eighty_characters(cli, recorder):
    fake = recorder("anonymous 2")
    out = cli.ok("respond", str(REVEALED_RUN), "--anonymous")
    assert fake.calls[0][1:3] == (REVEALED_RUN, None)
    assert out.endswith(f"workbench respond {REVEALED_RUN} --as 'anonymous 2'\n")
    longest = "é" * 80
    cli.ok("respond", str(REVEALED_RUN), "--as", longest)
    assert fake.calls[1][2] == longest


def test_respond_takes_the_database_from_workbench_db(cli, recorder, monkeypatch):
    fake = recorder(None)  # the app ended before joining: nothing to say
    monkeypatch.setenv("WORKBENCH_DB", cli.db_url)
    result = CliRunner().invoke(app, ["respond", "3", "--as", "Asha"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert fake.calls == [(cli.db_url, 3, "Asha", date(2026, 11, 25))]


def test_respond_reports_the_apps_start_up_error(cli, one_line_error, recorder):
    from workbench.errors import NotFoundError

    recorder(error=NotFoundError("no assessment run 42", topic="run"))
    line = one_line_error(cli("respond", "42", "--as", "Asha"), 1)
    assert line.startswith("error: no assessment run 42")


def test_respond_to_an_unknown_run_is_one_line(cli, one_line_error, headless):
    from workbench.paths import read_state

    line = one_line_error(cli("respond", "999", "--as", "Asha"), 1)
    assert line == "error: no assessment run 999; list runs with: workbench assess list"
    assert "last_db" not in read_state()  # a respondent does not change the coach's start


def test_respond_to_an_agreed_run_is_refused(cli, one_line_error, headless):
    line = one_line_error(cli("respond", str(AGREED_RUN), "--anonymous"), 1)
    assert line == (f"error: assessment run {AGREED_RUN} is agreed; the coach reopens it as "
                    "a draft before anyone can answer")
    assert cli.json("assess", "progress", str(AGREED_RUN), "--json")["respondents"] == []


def test_respond_with_a_pseudonym_nobody_has(cli, one_line_error, headless):
    line = one_line_error(cli("respond", str(REVEALED_RUN), "--as", "anonymous 7"), 1)
    assert line.startswith(f"error: nobody answers run {REVEALED_RUN} as 'anonymous 7'")


# --- assess progress and reveal -------------------------------------------------------------


@pytest.fixture
def answered(cli):
    """A new draft run: Zoë answered every criterion (two "not assessed"), Asha three, an
    anonymous respondent none; the coach's own answer is nobody's progress."""
    run_id = started_run(cli)
    criteria = list(get_model(MODEL).model.criterion_ids)
    db = open_database(cli.db_url, remember=False)
    try:
        with transaction(db.engine) as session:
            zoe = ar.join_run(session, run_id, "Zoë")[1]
            asha = ar.join_run(session, run_id, "Asha")[1]
            ar.join_run(session, run_id, None)
            for i, cid in enumerate(criteria):
                ar.set_answer(session, run_id, cid, None if i < 2 else 1, respondent_id=zoe.id)
            for cid in criteria[:3]:
                ar.set_answer(session, run_id, cid, 2, respondent_id=asha.id)
            ar.set_answer(session, run_id, criteria[5], 0)
    finally:
        db.engine.dispose()
    return run_id, len(criteria)


def test_progress_counts_each_respondent(cli, answered):
    run_id, total = answered
    assert total == 28
    lines = cli.ok("assess", "progress", str(run_id)).splitlines()
    assert [line.split("  ")[0] for line in lines] == [
        "RESPONDENT", "Zoë", "Asha", "anonymous 1",
        f"Answers hidden from the respondents until `workbench assess reveal {run_id}`."]
    assert lines[1].split() == ["Zoë", "28/28", "finished"]
    assert lines[2].split() == ["Asha", "3/28", "part", "way"]
    assert lines[3].split() == ["anonymous", "1", "0/28", "not", "started"]
    assert cli.json("assess", "progress", str(run_id), "--json") == {
        "run": run_id, "revealed": False,
        "respondents": [
            {"respondent": "Zoë", "answered": 28, "total": 28, "stage": "finished"},
            {"respondent": "Asha", "answered": 3, "total": 28, "stage": "part way"},
            {"respondent": "anonymous 1", "answered": 0, "total": 28,
             "stage": "not started"},
        ]}


def test_progress_of_a_run_nobody_answered(cli):
    run_id = started_run(cli)
    assert cli.ok("assess", "progress", str(run_id)) == (
        f"Nobody answered run {run_id} yet: `workbench respond {run_id} --as NAME` or "
        "`workbench assess blank` for offline forms.\n"
        f"Answers hidden from the respondents until `workbench assess reveal {run_id}`.\n")


def test_reveal_once_then_already_revealed(cli, answered):
    run_id, _ = answered
    assert cli.ok("assess", "reveal", str(run_id)) == (
        f"Revealed the answers of 3 respondents to run {run_id}.\n")
    assert cli.json("assess", "progress", str(run_id), "--json")["revealed"] is True
    assert cli.ok("assess", "progress", str(run_id)).endswith(
        "\nAnswers revealed to the respondents.\n")
    assert cli.ok("assess", "reveal", str(run_id)) == (
        f"The answers of run {run_id} were already revealed.\n")


def test_reveal_counts_one_respondent_and_none(cli):
    empty = started_run(cli)
    assert cli.ok("assess", "reveal", str(empty)) == (
        f"Revealed the answers of 0 respondents to run {empty}.\n")
    one = started_run(cli, "2026-11-21")
    db = open_database(cli.db_url, remember=False)
    try:
        with transaction(db.engine) as session:
            ar.join_run(session, one, "Asha")
    finally:
        db.engine.dispose()
    assert cli.ok("assess", "reveal", str(one)) == (
        f"Revealed the answers of 1 respondent to run {one}.\n")


def test_the_demo_run_is_already_revealed(cli):
    assert cli.ok("assess", "reveal", str(REVEALED_RUN)) == (
        f"The answers of run {REVEALED_RUN} were already revealed.\n")


@pytest.mark.parametrize("command", ["reveal", "progress"])
def test_unknown_run_is_one_line(cli, one_line_error, command):
    line = one_line_error(cli("assess", command, "999"), 1)
    assert line == "error: no assessment run 999; list runs with: workbench assess list"


def test_reveal_stays_in_its_workspace(cli, one_line_error, answered):
    run_id, _ = answered
    cli.ok("init", "Acme")
    line = one_line_error(cli("assess", "reveal", str(run_id), "--workspace", "Acme"), 1)
    assert line.startswith(f"error: no assessment run {run_id}")
    data = cli.json("assess", "progress", str(run_id), "--json", "--workspace", "BharatMart")
    assert data["revealed"] is False
