"""Shared fixtures. Every test gets its own data folder and database, so a developer's own
workspace or config can never leak into a test (or be touched by one)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("WORKBENCH_HOME", str(home))
    monkeypatch.delenv("WORKBENCH_DB", raising=False)
    monkeypatch.setenv("WORKBENCH_USER", "tester")
    # The demo's SLO counts end on this day instead of today, so exports stay identical.
    monkeypatch.setenv("WORKBENCH_DEMO_DATE", "2026-11-25")
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
        workspace, _ = create_demo(session)
    return engine, workspace
