"""Alembic environment: migrate the connection the caller passes, or the configured database."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from supportgym.store.config import database_url
from supportgym.store.engine import make_engine
from supportgym.store.orm import Base


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite alters tables by copying them; batch mode writes migrations that way.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _run() -> None:
    if context.is_offline_mode():
        raise RuntimeError("offline (SQL script) migrations are not supported")
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = make_engine(context.config.get_main_option("sqlalchemy.url") or database_url())
    try:
        with engine.connect() as own_connection:
            _migrate(own_connection)
    finally:
        engine.dispose()


_run()
