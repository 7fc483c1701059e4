"""Alembic environment: the engine comes from the caller (``config.attributes['engine']``)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import workbench.store.schema  # noqa: F401  (registers every table on SQLModel.metadata)

target_metadata = SQLModel.metadata
config = context.config


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        from workbench.paths import resolve_db_url
        from workbench.store.db import make_engine

        engine = make_engine(resolve_db_url())
    with engine.connect() as connection:
        is_sqlite = connection.dialect.name == "sqlite"
        raw = connection.connection.driver_connection if is_sqlite else None
        if raw is not None:
            # Batch migrations rebuild tables; with foreign keys on that would cascade-delete
            # child rows. The pragma only works outside a transaction, so it goes straight to
            # the driver before Alembic begins; integrity is checked afterwards.
            raw.execute("PRAGMA foreign_keys=OFF")
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=is_sqlite,
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        if raw is not None:
            problems = raw.execute("PRAGMA foreign_key_check").fetchall()
            raw.execute("PRAGMA foreign_keys=ON")
            if problems:
                raise RuntimeError(f"foreign key check failed after migration: {problems[:5]}")


run_migrations_online()
