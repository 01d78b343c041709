"""The schema comes from the Alembic migrations, and they match the ORM models."""

from __future__ import annotations

import io
import json

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from supportgym.store import EvaluationStatus, SqlAlchemyStore
from supportgym.store.engine import make_engine
from supportgym.store.orm import Base
from supportgym.store.schema import alembic_config, current_revision, head_revision

TABLES = {
    "alembic_version",
    "scenarios",
    "runs",
    "metrics",
    "evaluations",
    "transcripts",
    "datasets",
    "analyses",
    "deployments",
    "decisions",
    "contact_outcomes",
}


def test_an_empty_database_is_brought_to_head(database_url):
    url = database_url
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            assert current_revision(connection) is None
        SqlAlchemyStore(url).close()
        with engine.connect() as connection:
            assert current_revision(connection) == head_revision() == "0004"
        assert set(inspect(engine).get_table_names()) == TABLES
    finally:
        engine.dispose()


def test_alembic_reports_head(database_url):
    url = database_url
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
    assert output.getvalue().strip() == "0004 (head)"


def test_migrations_create_what_the_models_describe(database_url):
    url = database_url
    SqlAlchemyStore(url).close()
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def test_an_older_schema_is_upgraded_on_open(database_url):
    url = database_url
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


def test_opening_twice_keeps_the_data(database_url):
    url = database_url
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


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    with SqlAlchemyStore(f"sqlite:///{tmp_path / 'store.db'}") as store, store.session() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() > 0


def test_evaluations_of_the_first_schema_get_a_status_from_their_results(database_url):
    url = database_url
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "0001")
            rows = [
                (1, {"summaries": [], "seed": 3}),
                (2, {"error": "scenario vanished"}),
                (3, {}),
            ]
            for row_id, results in rows:
                connection.execute(
                    text(
                        "INSERT INTO evaluations (id, created_at, name, policies, scenarios, "
                        "scenario_versions, episodes, seed, results) VALUES "
                        "(:id, '2026-01-01', 'e', '[]', '[]', '{}', 1, 0, :results)"
                    ),
                    {"id": row_id, "results": json.dumps(results)},
                )
    finally:
        engine.dispose()
    with SqlAlchemyStore(url) as store:
        completed, errored, empty = (store.get_evaluation(i) for i in (1, 2, 3))
    assert (completed.status, completed.results, completed.error) == (
        EvaluationStatus.COMPLETED,
        {"summaries": [], "seed": 3},
        None,
    )
    assert (errored.status, errored.results, errored.error) == (
        EvaluationStatus.FAILED,
        {},
        "scenario vanished",
    )
    assert (empty.status, empty.error) == (EvaluationStatus.FAILED, "the evaluation did not finish")
