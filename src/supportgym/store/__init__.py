"""The run store: scenarios, training runs with their metrics, evaluations and transcripts."""

from supportgym.store.base import AbstractStore
from supportgym.store.config import data_dir, database_url, report_dir, run_dir
from supportgym.store.entities import (
    Evaluation,
    EvaluationStatus,
    MetricPoint,
    Run,
    RunStatus,
    ScenarioRecord,
    Transcript,
)
from supportgym.store.sqlalchemy_store import SqlAlchemyStore


def open_store() -> SqlAlchemyStore:
    """The store at ``SUPPORTGYM_DATABASE_URL`` (default: a SQLite file in the data dir)."""
    return SqlAlchemyStore(database_url())


__all__ = [
    "AbstractStore",
    "Evaluation",
    "EvaluationStatus",
    "MetricPoint",
    "Run",
    "RunStatus",
    "ScenarioRecord",
    "SqlAlchemyStore",
    "Transcript",
    "data_dir",
    "database_url",
    "open_store",
    "report_dir",
    "run_dir",
]
