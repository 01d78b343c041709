"""Alembic, configured in code: the migrations ship inside the package, no ``alembic.ini``.

To add a migration after changing ``orm.py`` (from a source checkout)::

    from alembic import command
    from supportgym.store.schema import alembic_config
    command.revision(alembic_config(), message="what changed", autogenerate=True)

Without a connection in the config, ``migrations/env.py`` connects to ``database_url()``.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from supportgym.store.engine import WRITE

MIGRATIONS = Path(__file__).with_name("migrations")
_LOCK = 0x5375_7070_6F72_7447  # PostgreSQL advisory lock key for migrations ("SupportG")


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the packaged migrations, running on ``connection`` if given."""
    config = Config()
    # Config values go through configparser interpolation, where "%" is special.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str | None:
    """The newest migration's revision id."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    """The revision the database is at (None for an empty database)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema, in one write transaction.

    Processes opening a new database at the same moment migrate one after the other
    rather than twice: on SQLite the transaction begins ``IMMEDIATE``; on PostgreSQL it
    first takes an advisory lock (DDL is transactional there, so the second process
    then finds the schema at head).
    """
    with engine.connect() as connection:
        connection.execution_options(**WRITE)
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK})
            command.upgrade(alembic_config(connection), "head")
