"""Schema upgrades through Alembic, with a backup of the SQLite file taken first.

Alembic is imported only when the cheap check (one query of ``alembic_version``) finds the
database not at ``HEAD_REVISION``: importing it and walking the scripts costs more than most
commands do."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError, OperationalError

from workbench.errors import SchemaError, WorkbenchError
from workbench.store.db import display_url, one_line, sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# The newest migration in ``migrations/versions``; a test checks it is Alembic's head, so a
# new migration cannot be forgotten here.
HEAD_REVISION = "0011"


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
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def _script() -> ScriptDirectory:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return ScriptDirectory.from_config(config)


def status(engine: Engine) -> SchemaStatus:
    from alembic.runtime.migration import MigrationContext

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
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
    return before, backup


def stored_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, by one query; None when it cannot be read
    (a new or unreadable database: the full check then says what is wrong)."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except (OperationalError, DatabaseError):
        return None
    return rows[0][0] if len(rows) == 1 else None


def ensure_current(engine: Engine) -> Path | None:
    """What the app does on start: upgrade when needed, refuse a newer schema."""
    if stored_revision(engine) == HEAD_REVISION:
        return None
    _, backup = upgrade(engine)
    return backup
