"""The run store: scenarios, training runs with their metrics, evaluations and transcripts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supportgym.store.base import AbstractStore
from supportgym.store.config import data_dir, database_url, dataset_dir, report_dir, run_dir
from supportgym.store.entities import (
    Analysis,
    AnalysisKind,
    ContactOutcome,
    Dataset,
    Decision,
    Deployment,
    Evaluation,
    EvaluationStatus,
    MetricPoint,
    Run,
    RunStatus,
    ScenarioRecord,
    Transcript,
)

if TYPE_CHECKING:
    from supportgym.store.sqlalchemy_store import SqlAlchemyStore


def open_store() -> SqlAlchemyStore:
    """The store at ``SUPPORTGYM_DATABASE_URL`` (default: a SQLite file in the data dir)."""
    from supportgym.store.sqlalchemy_store import SqlAlchemyStore

    return SqlAlchemyStore(database_url())


def __getattr__(name: str) -> type:
    """``SqlAlchemyStore``, imported on first use: SQLAlchemy and Alembic take a while to load."""
    if name != "SqlAlchemyStore":
        raise AttributeError(f"module 'supportgym.store' has no attribute {name!r}")
    from supportgym.store.sqlalchemy_store import SqlAlchemyStore

    return SqlAlchemyStore


__all__ = [
    "AbstractStore",
    "Analysis",
    "AnalysisKind",
    "ContactOutcome",
    "Dataset",
    "Decision",
    "Deployment",
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
    "dataset_dir",
    "open_store",
    "report_dir",
    "run_dir",
]
