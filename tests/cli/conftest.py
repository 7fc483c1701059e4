"""Fixtures of the CLI tests: copies of the demo database the shared ``demo_file`` fixture
builds once per test process (building the demo takes about a second)."""

from __future__ import annotations

import shutil

import pytest


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
