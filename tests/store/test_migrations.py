"""Alembic owns the schema: models and migrations must agree, upgrades back up first, and a
database from a newer workbench is refused untouched."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import workbench.store.schema  # noqa: F401
from workbench.errors import SchemaError
from workbench.store import migrate, repo
from workbench.store.db import make_engine, transaction
from workbench.store.session import open_database


def as_schema_0010(path: Path, runs_created: tuple[str, ...] = ()) -> None:
    """Turn the SQLite database at ``path`` (at head, empty) back into what the release
    before respondent mode (revision 0010) left, with workspace 1 and one draft run made at
    each of ``runs_created``."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '0010'")
    conn.execute("ALTER TABLE assessment_run DROP COLUMN revealed_at")
    conn.execute("ALTER TABLE assessment_respondent DROP COLUMN cursor")
    conn.execute("INSERT INTO workspace (name, name_key, description, created_at, version)"
                 " VALUES ('W', 'w', '', '2026-01-01 00:00:00', 1)")
    for created in runs_created:
        conn.execute("INSERT INTO assessment_run (workspace_id, model_id, model_version, "
                     "run_date, title, notes, status, created_at, version) VALUES "
                     "(1, 'sre-maturity', 1, '2026-01-02', '', '', 'draft', ?, 1)",
                     (created,))
    conn.commit()
    conn.close()


def test_upgrading_an_empty_database_reaches_head(db_url):
    engine = make_engine(db_url)
    before = migrate.status(engine)
    assert before.current is None
    assert before.pending == ["0001"] or before.pending[0] == "0001"
    _, backup = migrate.upgrade(engine)
    assert backup is None  # nothing worth backing up in an empty file
    after = migrate.status(engine)
    assert after.current == after.head
    assert after.up_to_date


def test_models_and_migrations_agree(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == [], f"models differ from migrations; add a migration: {diff}"


NEXT_MIGRATION = """
import sqlalchemy as sa
from alembic import op

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("workspace", recreate="always") as batch:
        batch.add_column(sa.Column("motto", sa.String(), nullable=True))


def downgrade():
    with op.batch_alter_table("workspace") as batch:
        batch.drop_column("motto")
"""


def test_pending_migration_takes_a_backup_and_keeps_child_rows(
    tmp_path, db_url, engine, monkeypatch
):
    with transaction(engine) as session:
        ws = repo.create_workspace(session, "Acme")
        repo.add_team(session, ws.id, "Checkout")
    head = migrate.status(engine).head
    engine.dispose()
    # A later release ships one more migration that rebuilds the parent table.
    newer = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, newer)
    (newer / "versions" / "0099_motto.py").write_text(NEXT_MIGRATION.format(head=head))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", newer)
    monkeypatch.setattr(migrate, "HEAD_REVISION", "0099")

    db = open_database(db_url, remember=False)

    path = tmp_path / "test.db"
    assert db.backup is not None and db.backup.parent == path.parent
    with sqlite3.connect(db.backup) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head,)]
        assert conn.execute("SELECT name FROM team").fetchall() == [("Checkout",)]
    assert migrate.status(db.engine).current == "0099"
    # Rebuilding workspace must not cascade-delete its teams.
    with transaction(db.engine) as session:
        assert [t.name for t in repo.list_teams(session, ws.id)] == ["Checkout"]


def test_newer_schema_is_refused_and_left_untouched(tmp_path, db_url, engine):
    engine.dispose()
    path = tmp_path / "test.db"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = path.read_bytes()
    with pytest.raises(SchemaError, match="newer than this workbench"):
        open_database(db_url, remember=False)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("test.db.backup-*"))


def test_head_revision_is_alembics_head():
    assert migrate.status(make_engine("sqlite://")).head == migrate.HEAD_REVISION


def test_a_current_database_opens_without_importing_alembic(tmp_path, db_url, engine):
    import subprocess
    import sys

    engine.dispose()
    code = ("import sys; from workbench.store.session import open_database; "
            f"db = open_database({db_url!r}, remember=False); "
            "print(db.backup, sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["None", "[]"]


def test_a_database_behind_head_is_still_upgraded(tmp_path, db_url, engine):
    engine.dispose()
    as_schema_0010(tmp_path / "test.db", ("2026-01-02 09:00:00",))
    db = open_database(db_url, remember=False)
    assert db.backup is not None
    assert migrate.status(db.engine).up_to_date
    with sqlite3.connect(tmp_path / "test.db") as conn:
        revealed = conn.execute("SELECT revealed_at FROM assessment_run").fetchall()
        columns = {r[1] for r in conn.execute("PRAGMA table_info(assessment_respondent)")}
    # runs from before the rule were never hidden: they count as revealed when made
    assert revealed == [("2026-01-02 09:00:00",)]
    assert "cursor" in columns


def test_sqlite_runs_in_wal_mode_with_foreign_keys(engine):
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_file_that_is_not_a_database_gets_a_clear_error(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my meeting notes, not a database\n" * 50)
    from workbench.errors import WorkbenchError

    with pytest.raises(WorkbenchError, match="cannot open database"):
        open_database(f"sqlite:///{bogus}", remember=False)
    assert bogus.read_text().startswith("these are my meeting notes")
