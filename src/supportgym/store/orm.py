"""SQLAlchemy tables; each row converts to its entity with ``to_entity()``.

Only portable column types are used (``JSON``, ``DateTime`` without time zone holding
UTC), so the same models serve SQLite and PostgreSQL. The schema itself is created by
the Alembic migrations in ``migrations/versions``, which must stay in step with this file.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
"""Named constraints, so batch migrations on SQLite can find them again."""


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime, stored naive so every backend keeps it the same way."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Convert to naive UTC; a naive input is refused rather than guessed."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()}: give a timezone")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Attach UTC."""
        return None if value is None else value.replace(tzinfo=UTC)


_NON_FINITE = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


class MetricValues(TypeDecorator[dict[str, float]]):
    """Metric name to float as JSON; NaN and ±inf go as strings, which strict JSON needs."""

    impl = JSON
    cache_ok = True

    def process_bind_param(
        self, value: dict[str, float] | None, dialect: Dialect
    ) -> dict[str, float | str] | None:
        """Spell non-finite floats as ``"NaN"``, ``"Infinity"``, ``"-Infinity"``."""
        if value is None:
            return None
        return {k: v if math.isfinite(v) else _spell(v) for k, v in value.items()}

    def process_result_value(
        self, value: dict[str, float | str] | None, dialect: Dialect
    ) -> dict[str, float] | None:
        """Read the spelled-out non-finite floats back."""
        if value is None:
            return None
        return {k: _NON_FINITE[v] if isinstance(v, str) else float(v) for k, v in value.items()}


def _spell(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


class Base(DeclarativeBase):
    """Declarative base with the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ScenarioRow(Base):
    """One scenario version; the version is the content hash, so it is the key."""

    __tablename__ = "scenarios"

    version: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    industry: Mapped[str] = mapped_column(String(20))
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    def to_entity(self) -> ScenarioRecord:
        """The row as a :class:`ScenarioRecord`."""
        return ScenarioRecord(
            version=self.version,
            name=self.name,
            industry=self.industry,
            definition=self.definition,
            created_at=self.created_at,
        )


class RunRow(Base):
    """One training run."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    algorithm: Mapped[str] = mapped_column(String(50))
    scenario: Mapped[str] = mapped_column(String(100))
    scenario_version: Mapped[str] = mapped_column(String(64), index=True)
    difficulty: Mapped[float] = mapped_column(Float)
    hyperparameters: Mapped[dict[str, Any]] = mapped_column(JSON)
    seed: Mapped[int] = mapped_column(BigInteger)
    n_envs: Mapped[int] = mapped_column(Integer)
    total_timesteps: Mapped[int] = mapped_column(BigInteger)
    curriculum: Mapped[bool] = mapped_column(Boolean)
    package_version: Mapped[str] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    timesteps_done: Mapped[int] = mapped_column(BigInteger)
    model_path: Mapped[str | None] = mapped_column(Text)
    checkpoint_dir: Mapped[str | None] = mapped_column(Text)
    tensorboard_dir: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    pid: Mapped[int | None] = mapped_column(Integer)
    hostname: Mapped[str | None] = mapped_column(String(255))
    parent_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("runs.id", ondelete="SET NULL"), index=True
    )

    def to_entity(self) -> Run:
        """The row as a :class:`Run`."""
        return Run(
            id=self.id,
            algorithm=self.algorithm,
            scenario=self.scenario,
            scenario_version=self.scenario_version,
            difficulty=self.difficulty,
            hyperparameters=self.hyperparameters,
            seed=self.seed,
            n_envs=self.n_envs,
            total_timesteps=self.total_timesteps,
            curriculum=self.curriculum,
            package_version=self.package_version,
            status=RunStatus(self.status),
            created_at=self.created_at,
            started_at=self.started_at,
            finished_at=self.finished_at,
            timesteps_done=self.timesteps_done,
            model_path=self.model_path,
            checkpoint_dir=self.checkpoint_dir,
            tensorboard_dir=self.tensorboard_dir,
            error=self.error,
            pid=self.pid,
            hostname=self.hostname,
            parent_run_id=self.parent_run_id,
        )


class MetricRow(Base):
    """The metrics of one run at one step; the key (run_id, step) makes writes idempotent."""

    __tablename__ = "metrics"

    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    step: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    wall_time: Mapped[float] = mapped_column(Float)
    values: Mapped[dict[str, float]] = mapped_column(MetricValues)

    def to_entity(self) -> MetricPoint:
        """The row as a :class:`MetricPoint`."""
        return MetricPoint(
            run_id=self.run_id, step=self.step, wall_time=self.wall_time, values=self.values
        )


class EvaluationRow(Base):
    """One evaluation of policies on scenarios."""

    __tablename__ = "evaluations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    name: Mapped[str] = mapped_column(String(200))
    policies: Mapped[list[str]] = mapped_column(JSON)
    scenarios: Mapped[list[str]] = mapped_column(JSON)
    scenario_versions: Mapped[dict[str, str]] = mapped_column(JSON)
    episodes: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(20))
    results: Mapped[dict[str, Any]] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    report_path: Mapped[str | None] = mapped_column(Text)

    def to_entity(self) -> Evaluation:
        """The row as an :class:`Evaluation`."""
        return Evaluation(
            id=self.id,
            created_at=self.created_at,
            name=self.name,
            policies=self.policies,
            scenarios=self.scenarios,
            scenario_versions=self.scenario_versions,
            episodes=self.episodes,
            seed=self.seed,
            status=EvaluationStatus(self.status),
            results=self.results,
            error=self.error,
            report_path=self.report_path,
        )


class TranscriptRow(Base):
    """One saved episode; deleted with its run or evaluation."""

    __tablename__ = "transcripts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    scenario: Mapped[str] = mapped_column(String(100))
    scenario_version: Mapped[str] = mapped_column(String(64))
    seed: Mapped[int] = mapped_column(BigInteger)
    policy: Mapped[str] = mapped_column(String(200))
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("runs.id", ondelete="CASCADE"), index=True
    )
    evaluation_id: Mapped[int | None] = mapped_column(
        ForeignKey("evaluations.id", ondelete="CASCADE"), index=True
    )
    turns: Mapped[list[dict[str, Any]]] = mapped_column(JSON)

    def to_entity(self) -> Transcript:
        """The row as a :class:`Transcript`."""
        return Transcript(
            id=self.id,
            created_at=self.created_at,
            scenario=self.scenario,
            scenario_version=self.scenario_version,
            seed=self.seed,
            policy=self.policy,
            run_id=self.run_id,
            evaluation_id=self.evaluation_id,
            turns=self.turns,
        )


class DatasetRow(Base):
    """One imported log file."""

    __tablename__ = "datasets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(20))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    rows: Mapped[int] = mapped_column(BigInteger)
    contacts: Mapped[int] = mapped_column(BigInteger)
    industries: Mapped[list[str]] = mapped_column(JSON)
    summary: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    path: Mapped[str] = mapped_column(Text)

    def to_entity(self) -> Dataset:
        """The row as a :class:`Dataset`."""
        return Dataset(
            id=self.id,
            name=self.name,
            created_at=self.created_at,
            source=self.source,
            format=self.format,
            content_hash=self.content_hash,
            rows=self.rows,
            contacts=self.contacts,
            industries=self.industries,
            summary=self.summary,
            path=self.path,
        )


class AnalysisRow(Base):
    """One calibration or off-policy evaluation of a dataset; deleted with it."""

    __tablename__ = "analyses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dataset_id: Mapped[int] = mapped_column(
        ForeignKey("datasets.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    results: Mapped[dict[str, Any]] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    report_path: Mapped[str | None] = mapped_column(Text)

    def to_entity(self) -> Analysis:
        """The row as an :class:`Analysis`."""
        return Analysis(
            id=self.id,
            dataset_id=self.dataset_id,
            kind=AnalysisKind(self.kind),
            created_at=self.created_at,
            params=self.params,
            status=EvaluationStatus(self.status),
            results=self.results,
            error=self.error,
            report_path=self.report_path,
        )


class DeploymentRow(Base):
    """One version of a named deployment."""

    __tablename__ = "deployments"
    __table_args__ = (UniqueConstraint("name", "version", name="uq_deployments_name_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[int] = mapped_column(Integer)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="RESTRICT"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean)
    threshold: Mapped[float] = mapped_column(Float)
    algorithm: Mapped[str] = mapped_column(String(50))
    scenario: Mapped[str] = mapped_column(String(100))
    scenario_version: Mapped[str] = mapped_column(String(64))
    model_path: Mapped[str | None] = mapped_column(Text)
    ranges: Mapped[dict[str, Any]] = mapped_column(JSON)
    rules: Mapped[dict[str, Any]] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)

    def to_entity(self) -> Deployment:
        """The row as a :class:`Deployment`."""
        return Deployment(
            id=self.id,
            name=self.name,
            version=self.version,
            run_id=self.run_id,
            created_at=self.created_at,
            status=EvaluationStatus(self.status),
            active=self.active,
            threshold=self.threshold,
            algorithm=self.algorithm,
            scenario=self.scenario,
            scenario_version=self.scenario_version,
            model_path=self.model_path,
            ranges=self.ranges,
            rules=self.rules,
            error=self.error,
        )


class DecisionRow(Base):
    """One served decision; deleted with its deployment."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    deployment_id: Mapped[int] = mapped_column(
        ForeignKey("deployments.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    contact_id: Mapped[str | None] = mapped_column(String(128), index=True)
    turn: Mapped[int | None] = mapped_column(Integer)
    features: Mapped[list[float]] = mapped_column(JSON)
    action: Mapped[str] = mapped_column(String(40))
    model_action: Mapped[str] = mapped_column(String(40))
    probabilities: Mapped[list[float]] = mapped_column(JSON)
    fallback: Mapped[str | None] = mapped_column(Text)
    rule: Mapped[str | None] = mapped_column(Text)

    def to_entity(self) -> Decision:
        """The row as a :class:`Decision`."""
        return Decision(
            id=self.id,
            deployment_id=self.deployment_id,
            version=self.version,
            created_at=self.created_at,
            contact_id=self.contact_id,
            turn=self.turn,
            features=self.features,
            action=self.action,
            model_action=self.model_action,
            probabilities=self.probabilities,
            fallback=self.fallback,
            rule=self.rule,
        )


class ContactOutcomeRow(Base):
    """A served contact's outcome; the key (deployment name, contact) makes reports idempotent."""

    __tablename__ = "contact_outcomes"

    deployment: Mapped[str] = mapped_column(String(100), primary_key=True)
    contact_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[dict[str, Any]] = mapped_column(JSON)

    def to_entity(self) -> ContactOutcome:
        """The row as a :class:`ContactOutcome`."""
        return ContactOutcome(
            deployment=self.deployment,
            contact_id=self.contact_id,
            created_at=self.created_at,
            outcome=self.outcome,
        )
