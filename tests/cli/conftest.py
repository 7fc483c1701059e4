"""Fixtures of the CLI tests: a demo database built once per test session and copied for
each test that needs one (building the demo takes about a second)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

DEMO_DAY = "2026-11-25"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A closed SQLite file holding the demo workspace (counts ending on ``DEMO_DAY``)."""
    folder = tmp_path_factory.mktemp("demo-template")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WORKBENCH_HOME", str(folder / "home"))
        patch.setenv("WORKBENCH_TODAY", DEMO_DAY)
        patch.setenv("WORKBENCH_USER", "tester")
        from workbench.store.db import transaction
        from workbench.store.demo import create_demo
        from workbench.store.session import open_database

        db = open_database(f"sqlite:///{folder / 'demo.db'}", remember=False)
        try:
            with transaction(db.engine) as session:
                create_demo(session, date.fromisoformat(DEMO_DAY))
        finally:
            db.engine.dispose()  # the last connection closed: the WAL is checkpointed
    return folder / "demo.db"


@pytest.fixture
def demo_db_url(demo_template, tmp_path) -> str:
    """A fresh copy of the demo database for one test."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def demo_file(demo_template, db_url) -> str:
    """The demo database copied to ``db_url`` (the shared test database); returns the URL."""
    shutil.copyfile(demo_template, db_url.removeprefix("sqlite:///"))
    return db_url


@pytest.fixture
def demo(demo_file):
    """Like the shared ``demo`` fixture (an engine on the demo database and its workspace),
    from a copy of the template instead of seeding the demo again."""
    from workbench.store import repo
    from workbench.store.db import reading
    from workbench.store.session import open_database

    db_url = demo_file
    db = open_database(db_url, remember=False)
    with reading(db.engine) as session:
        [workspace] = repo.list_workspaces(session)
    yield db.engine, workspace
    db.engine.dispose()
