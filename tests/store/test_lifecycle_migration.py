"""Migration 0004 (record versions, sign-offs, required parties, SLO uid) upgrades a 0003
database with data in it: every row starts at version 1, every SLO gets its own uid, and
today's code works on the result. Its downgrade removes exactly what it added."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from workbench.store import migrate, slo_repo
from workbench.store.db import make_engine, reading, transaction


def test_0004_upgrades_existing_data_and_downgrades(db_url):
    engine = make_engine(db_url)
    config = migrate.alembic_config(engine)
    command.upgrade(config, "0003")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO workspace (name, name_key, description, created_at) "
                             "VALUES ('Acme', 'acme', '', '2026-01-01 00:00:00')")
        for name in ("a", "b"):
            conn.exec_driver_sql(
                "INSERT INTO slo (workspace_id, name, name_key, description, kind, target, "
                f"bad_status, period, status) VALUES (1, '{name}', '{name}', '', "
                "'availability', '99.9', '5xx', '4w', 'agreed')")
    command.upgrade(config, "0004")
    tables = set(inspect(engine).get_table_names())
    assert {"sign_off", "required_party"} <= tables
    with engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT uid, version FROM slo ORDER BY id").fetchall()
    assert [v for _, v in rows] == [1, 1]
    uids = [u for u, _ in rows]
    assert all(len(u) == 32 for u in uids) and len(set(uids)) == 2
    with transaction(engine) as session:
        slo, _ = slo_repo.save_slo(session, 1, "a", target="99.5")
    assert slo.version == 2
    with reading(engine) as session:
        assert slo_repo.get_slo(session, 1, "a").uid == uids[0]
    command.downgrade(config, "0003")
    assert not {"sign_off", "required_party"} & set(inspect(engine).get_table_names())
    columns = {c["name"] for c in inspect(engine).get_columns("slo")}
    assert "uid" not in columns and "version" not in columns
    engine.dispose()
