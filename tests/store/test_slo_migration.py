"""Migration 0002 (personas, story maps, SLOs): upgrades a 0001 database with data in it,
and its downgrade removes exactly its tables."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from workbench.store import migrate
from workbench.store.db import make_engine

SLO_TABLES = {"persona", "story_map", "release_slice", "story_activity", "story_task",
              "story", "endpoint", "story_endpoint", "slo", "slo_count"}


def test_upgrade_from_0001_keeps_data_and_adds_tables(db_url):
    engine = make_engine(db_url)
    config = migrate.alembic_config(engine)
    command.upgrade(config, "0001")
    assert not SLO_TABLES & set(inspect(engine).get_table_names())
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO workspace (name, name_key, description, created_at) "
            "VALUES ('Acme', 'acme', '', '2026-01-01 00:00:00')")
    command.upgrade(config, "0002")
    assert set(inspect(engine).get_table_names()) >= SLO_TABLES
    # raw SQL: today's models describe the newest schema, not 0002's
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO slo (workspace_id, name, name_key, description, kind, target, "
            "bad_status, period, status) VALUES (1, 'a', 'a', '', 'availability', '99.9', "
            "'5xx', '4w', 'draft')")
    command.downgrade(config, "0001")
    assert not SLO_TABLES & set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM workspace").fetchall() == [("Acme",)]
    engine.dispose()
