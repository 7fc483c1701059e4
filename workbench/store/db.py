"""Engine and transactions. SQLite gets WAL and foreign keys; PostgreSQL uses the same code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, create_engine

from workbench.errors import UsageError, VersionConflict

SUPPORTED_SCHEMES = ("sqlite", "postgresql", "postgresql+psycopg")
WRITE_OPTION = "workbench_write"
MAX_LISTED_IDS = 2000
"""Most ids a bulk read lists in one ``IN (...)``; beyond, it selects by workspace (or kind)
and keeps the rows asked for. A screen's page has fewer; SQLite refuses more than 32,766
parameters in a statement."""


def sqlite_path(url: str) -> Path | None:
    """The database file behind a SQLite URL, or None for other databases and memory."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def display_url(url: str) -> str:
    """The URL as it may be shown or logged: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def one_line(error: BaseException) -> str:
    """Driver messages (psycopg's especially) span lines; a CLI error must not."""
    return " ".join(str(error).split())


def _set_sqlite_pragmas(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin: the module's
    # own handling commits DDL implicitly, which would make a failed migration half-applied.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # NORMAL would survive a killed process but may drop the last commits on power loss;
    # coaching notes are worth the extra fsync per transaction.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _begin_sqlite(conn) -> None:
    # Writers take the write lock when they start: a deferred transaction that read a row and
    # then tries to write after another writer committed fails at once ("database is
    # locked"), while an immediate one waits its turn (busy_timeout) and reads fresh rows.
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UsageError(
            f"database URL {url!r} is not a valid URL; use sqlite:///path/to/file.db "
            "or postgresql+psycopg://user@host/dbname"
        ) from None
    if parsed.drivername not in SUPPORTED_SCHEMES:
        raise UsageError(
            f"database URL scheme {parsed.drivername!r} is not supported; use one of "
            + ", ".join(f"{s}://" for s in SUPPORTED_SCHEMES)
        )
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    path = sqlite_path(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot create folder {path.parent}: {exc.strerror}") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"check_same_thread": False})
            event.listen(engine, "connect", _set_sqlite_pragmas)
            event.listen(engine, "begin", _begin_sqlite)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ModuleNotFoundError):
        raise UsageError(
            "PostgreSQL support is not installed; run: pip install 'sre-workbench[postgres]'"
        ) from None
    return engine


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """One unit of work: commits on success, rolls back on any error.

    A row whose version changed after this transaction read it (another writer won) makes
    the flush fail; that becomes a ``VersionConflict`` and nothing is written."""
    try:
        with Session(engine.execution_options(**{WRITE_OPTION: True}),
                     expire_on_commit=False) as session, session.begin():
            yield session
    except StaleDataError:
        raise VersionConflict("this record") from None


@contextmanager
def reading(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session
