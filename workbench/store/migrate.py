"""Schema upgrades through Alembic, with a backup of the SQLite file taken first."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from workbench.errors import SchemaError, WorkbenchError
from workbench.store.db import display_url, one_line, sqlite_path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None
    head: str
    pending: list[str]
    known: bool

    @property
    def up_to_date(self) -> bool:
        return self.known and not self.pending


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def _script() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def status(engine: Engine) -> SchemaStatus:
    script = _script()
    head = script.get_current_head()
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    except (OperationalError, DatabaseError) as exc:
        raise WorkbenchError(
            f"cannot open database {display_url(str(engine.url))}: {one_line(exc.orig)}; "
            "check the path or URL"
        ) from None
    known_revisions = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known_revisions:
        return SchemaStatus(current=current, head=head, pending=[], known=False)
    pending = [
        rev.revision
        for rev in script.iterate_revisions(head, current)
    ]
    pending.reverse()
    return SchemaStatus(current=current, head=head, pending=pending, known=True)


def backup_sqlite(path: Path) -> Path:
    """Copy a live SQLite database (WAL included) to a timestamped file beside it."""
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.backup-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.backup-{stamp}-{counter}")
        counter += 1
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


def _has_user_tables(engine: Engine) -> bool:
    return bool(set(inspect(engine).get_table_names()) - {"alembic_version"})


def upgrade(engine: Engine) -> tuple[SchemaStatus, Path | None]:
    """Bring the database to head. Returns the status before and the backup path, if any.

    A database from a newer workbench is refused untouched.
    """
    before = status(engine)
    if not before.known:
        raise SchemaError(
            f"the database schema ({before.current}) is newer than this workbench knows "
            f"(head {before.head}); upgrade the workbench: pip install -U sre-workbench"
        )
    if not before.pending:
        return before, None
    backup = None
    path = sqlite_path(str(engine.url))
    if path is not None and path.exists() and _has_user_tables(engine):
        backup = backup_sqlite(path)
    command.upgrade(alembic_config(engine), "head")
    return before, backup


def ensure_current(engine: Engine) -> Path | None:
    """What the app does on start: upgrade when needed, refuse a newer schema."""
    _, backup = upgrade(engine)
    return backup
