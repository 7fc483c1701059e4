"""Migration 0003 adds the assessment tables to a 0002 database and can be undone."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from workbench.store import migrate
from workbench.store.db import make_engine

TABLES = {"assessment_run", "assessment_respondent", "assessment_answer", "hypothesis",
          "hypothesis_criterion"}


def test_0003_upgrades_and_downgrades(db_url):
    engine = make_engine(db_url)
    config = migrate.alembic_config(engine)
    command.upgrade(config, "0002")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO workspace (name, name_key, description, created_at) "
                             "VALUES ('Acme', 'acme', '', '2026-01-01 00:00:00')")
    assert not TABLES & set(inspect(engine).get_table_names())
    command.upgrade(config, "0003")
    assert set(inspect(engine).get_table_names()) >= TABLES
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO assessment_run (workspace_id, model_id, model_version, run_date, "
            "title, notes, status, created_at) VALUES (1, 'sre-maturity', 1, '2026-01-01', '', "
            "'', 'draft', '2026-01-01 00:00:00')")
    command.downgrade(config, "0002")
    assert not TABLES & set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT name FROM workspace").fetchall() == [("Acme",)]
    engine.dispose()
