"""The same store code on PostgreSQL. Runs when WORKBENCH_TEST_POSTGRES_URL points at an empty
database you may wipe (e.g. postgresql+psycopg://coach:coach@127.0.0.1/workbench_test)."""

from __future__ import annotations

import os

import pytest

PG_URL = os.environ.get("WORKBENCH_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not PG_URL, reason="set WORKBENCH_TEST_POSTGRES_URL to run")


@pytest.fixture
def pg_engine():
    from sqlmodel import SQLModel

    from workbench.store.db import make_engine
    from workbench.store.session import open_database

    wipe = make_engine(PG_URL)
    with wipe.begin() as conn:
        SQLModel.metadata.drop_all(conn)
        conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    wipe.dispose()
    db = open_database(PG_URL, remember=False)
    yield db.engine
    db.engine.dispose()


def test_postgres_migrates_and_round_trips(pg_engine):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    from workbench.errors import ConflictError
    from workbench.store import repo
    from workbench.store.db import reading, transaction
    from workbench.store.demo import DEMO_TEAMS, create_demo

    with pg_engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), SQLModel.metadata) == []
    with transaction(pg_engine) as session:
        ws, created = create_demo(session)
    assert created
    with pytest.raises(ConflictError), transaction(pg_engine) as session:
        repo.add_team(session, ws.id, "checkout")
    with transaction(pg_engine) as session:
        repo.remove_team(session, ws.id, "Checkout")
    with reading(pg_engine) as session:
        assert len(repo.list_teams(session, ws.id)) == len(DEMO_TEAMS) - 1
        unowned = [s.name for s in repo.list_services(session, ws.id) if s.team_id is None]
    assert unowned == ["cart", "orders", "payments"]
