"""The schema comes from the Alembic migrations, and they match the ORM models."""

from __future__ import annotations

import io

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from supportgym.store import SqlAlchemyStore
from supportgym.store.engine import make_engine
from supportgym.store.orm import Base
from supportgym.store.schema import alembic_config, current_revision, head_revision

TABLES = {"alembic_version", "scenarios", "runs", "metrics", "evaluations", "transcripts"}


def _url(tmp_path):
    return f"sqlite:///{tmp_path / 'store.db'}"


def test_an_empty_database_is_brought_to_head(tmp_path):
    url = _url(tmp_path)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            assert current_revision(connection) is None
        SqlAlchemyStore(url).close()
        with engine.connect() as connection:
            assert current_revision(connection) == head_revision() == "0001"
        assert set(inspect(engine).get_table_names()) == TABLES
    finally:
        engine.dispose()


def test_alembic_reports_head(tmp_path):
    url = _url(tmp_path)
    SqlAlchemyStore(url).close()
    engine = make_engine(url)
    output = io.StringIO()
    try:
        with engine.connect() as connection:
            config = alembic_config(connection)
            config.stdout = output
            command.current(config)
    finally:
        engine.dispose()
    assert output.getvalue().strip() == "0001 (head)"


def test_migrations_create_what_the_models_describe(tmp_path):
    url = _url(tmp_path)
    SqlAlchemyStore(url).close()
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_an_older_schema_is_upgraded_on_open(tmp_path):
    url = _url(tmp_path)
    SqlAlchemyStore(url).close()
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        with SqlAlchemyStore(url) as store:
            assert store.list_runs() == []
        assert set(inspect(engine).get_table_names()) == TABLES
    finally:
        engine.dispose()


def test_opening_twice_keeps_the_data(tmp_path):
    url = _url(tmp_path)
    with SqlAlchemyStore(url) as store:
        run = store.create_run(
            algorithm="a2c",
            scenario="tech",
            scenario_version="v",
            difficulty=0.2,
            seed=1,
            total_timesteps=10,
        )
    with SqlAlchemyStore(url) as store:
        assert store.get_run(run.id) == run


def test_sqlite_runs_in_wal_mode_with_foreign_keys(store):
    with store.session() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0
