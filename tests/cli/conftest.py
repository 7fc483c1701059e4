"""Fixtures of the CLI tests: copies of the demo database the shared ``demo_file`` fixture
builds once per test process (building the demo takes about a second), the command line on
such a copy (``cli``), the checks every test makes of what a command did (``ok``,
``as_json``, ``one_line_error``, ``fits``) and an ``$EDITOR`` that changes the file it is
given (``editor``)."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from workbench.cli import app

NOW = "2026-11-25T09:00:00Z"
"""The moment the CLI tests run at: 09:00 UTC on the demo day."""

runner = CliRunner()


def succeeded(result: Result) -> str:
    """The output of a command that must succeed (exit 0, no traceback)."""
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.stdout


def parsed(result: Result) -> Any:
    """The JSON a command that must succeed printed."""
    return json.loads(succeeded(result))


def refused(result: Result, code: int) -> str:
    """The one ``error:`` line of a command that must fail with exit ``code`` (no
    traceback)."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


class Cli:
    """``workbench --db URL ARGS...``: ``cli("charter", "list")`` is what the command did;
    ``cli.ok(...)`` its output once it succeeded, ``cli.json(...)`` the JSON it printed."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url

    def __call__(self, *args: str) -> Result:
        return runner.invoke(app, ["--db", self.db_url, *args])

    def ok(self, *args: str) -> str:
        return succeeded(self(*args))

    def json(self, *args: str) -> Any:
        return parsed(self(*args))


@pytest.fixture
def demo_db_url(demo_file, tmp_path) -> str:
    """A fresh copy of the demo database for one test."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_file, path)
    return f"sqlite:///{path}"


@pytest.fixture
def demo_at_db_url(demo_file, db_url) -> str:
    """The demo database copied to ``db_url`` (the test's own database); returns the URL."""
    shutil.copyfile(demo_file, db_url.removeprefix("sqlite:///"))
    return db_url


@pytest.fixture
def cli(demo_db_url, monkeypatch) -> Cli:
    """The command line on a fresh copy of the demo, on the demo day at 09:00 UTC."""
    monkeypatch.setenv("WORKBENCH_NOW", NOW)
    return Cli(demo_db_url)


@pytest.fixture
def ok() -> Callable[[Result], str]:
    return succeeded


@pytest.fixture
def as_json() -> Callable[[Result], Any]:
    return parsed


@pytest.fixture
def one_line_error() -> Callable[[Result, int], str]:
    return refused


@pytest.fixture
def fits() -> Callable[[str], None]:
    """``fits(text)``: every line of ``text`` is at most 80 columns."""

    def check(text: str) -> None:
        assert max(len(line) for line in text.splitlines()) <= 80

    return check


@pytest.fixture
def editor(tmp_path: Path) -> Callable[[str, str], str]:
    """``editor(old, new)``: an ``$EDITOR`` command that replaces the first ``old`` with
    ``new`` in the file it is given."""

    def command(old: str, new: str) -> str:
        script = tmp_path / "editor.py"
        script.write_text(
            "import sys\n"
            "from pathlib import Path\n"
            "path = Path(sys.argv[1])\n"
            f"path.write_text(path.read_text(encoding='utf-8').replace({old!r}, {new!r}, 1), "
            "encoding='utf-8')\n", encoding="utf-8")
        return f"{sys.executable} {script}"

    return command
