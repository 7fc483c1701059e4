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


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """A closed SQLite file holding the demo workspace, built once per test process: copying
    it is much faster than seeding the demo again for every test."""
    from workbench.store.db import transaction
    from workbench.store.demo import create_demo
    from workbench.store.session import open_database

    folder = tmp_path_factory.mktemp("demo-file")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKBENCH_HOME", str(folder / "home"))
        patch.setenv("WORKBENCH_USER", "tester")
        db = open_database(f"sqlite:///{folder / 'demo.db'}", remember=False)
        try:
            with transaction(db.engine) as session:
                create_demo(session, DEMO_DAY)
        finally:
            db.engine.dispose()  # the last connection closed: the WAL is checkpointed
    return folder / "demo.db"


@pytest.fixture
def demo(engine, db_url, demo_file):
    """An engine holding the demo workspace; returns (engine, workspace)."""
    import shutil

    from workbench.store import repo
    from workbench.store.db import reading, sqlite_path
    from workbench.store.demo import DEMO_NAME

    path = sqlite_path(db_url)
    engine.dispose()  # no connection may hold the file while it is replaced
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        extra.unlink(missing_ok=True)
    shutil.copyfile(demo_file, path)
    with reading(engine) as session:
        workspace = repo.find_workspace(session, DEMO_NAME)
    return engine, workspace
