"""Shared fixtures. Every test gets its own data folder and database, so a developer's own
workspace or config can never leak into a test (or be touched by one)."""

from __future__ import annotations

from datetime import date

import pytest

DEMO_DAY = date(2026, 11, 25)
"""The day tests run on: the demo's counts end on it and every clock is fixed to it."""


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    # The CLI's one clock (and so the demo's counts) stops on this day, so exports and
    # outputs stay identical from day to day.
    monkeypatch.setenv("WORKBENCH_TODAY", DEMO_DAY.isoformat())
    return home


@pytest.fixture
def db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def engine(db_url):
    from workbench.store.session import open_database

    db = open_database(db_url, remember=False)
    yield db.engine
    db.engine.dispose()


@pytest.fixture
def demo(engine):
    """An engine holding the demo workspace; returns (engine, workspace)."""
    from workbench.store.db import transaction
    from workbench.store.demo import create_demo

    with transaction(engine) as session:
        workspace, _ = create_demo(session, DEMO_DAY)
    return engine, workspace
