"""The store on SQLAlchemy: a SQLite file by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, Unpack

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from typing_extensions import override

from supportgym import __version__
from supportgym.store import validation as check
from supportgym.store.base import (
    AbstractStore,
    AnalysisChanges,
    EvaluationChanges,
    NewAnalysis,
    NewDataset,
    NewEvaluation,
    NewRun,
    NewTranscript,
    RunChanges,
)
from supportgym.store.config import database_url, run_dir
from supportgym.store.engine import WRITE, make_engine
from supportgym.store.entities import (
    Analysis,
    Dataset,
    Evaluation,
    EvaluationStatus,
    MetricPoint,
    Run,
    RunStatus,
    ScenarioRecord,
    Transcript,
)
from supportgym.store.orm import (
    AnalysisRow,
    Base,
    DatasetRow,
    EvaluationRow,
    MetricRow,
    RunRow,
    ScenarioRow,
    TranscriptRow,
)
from supportgym.store.processes import process_alive, this_host
from supportgym.store.schema import upgrade

if TYPE_CHECKING:
    from supportgym.sim import Scenario

RowT = TypeVar("RowT", bound=Base)
EntityT = TypeVar("EntityT", covariant=True)


class _Row(Protocol[EntityT]):
    def to_entity(self) -> EntityT: ...


NEW_RUN_FIELDS = {name: check.RUN_FIELDS[name] for name in NewRun.__annotations__}
"""The fields ``create_run`` takes, with their checks."""

METRICS_PER_QUERY = 500
"""Steps looked up per query when merging metrics (SQLite limits bound parameters)."""


def _now() -> datetime:
    return datetime.now(UTC)


class SqlAlchemyStore(AbstractStore):
    """The store in a database reached through SQLAlchemy.

    Opening it migrates the schema to the newest revision, then marks as interrupted
    the runs whose process on this machine has gone. Each method is one transaction,
    so a process killed at any point leaves the database as of its last commit.

    Args:
        url: A SQLAlchemy URL; default :func:`~supportgym.store.config.database_url`.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        try:
            upgrade(self.engine)
            self.mark_interrupted_runs()
        except BaseException:
            self.engine.dispose()
            raise

    def __repr__(self) -> str:
        return f"SqlAlchemyStore({self.engine.url.render_as_string(hide_password=True)!r})"

    @override
    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """One unit of work: committed when the block ends, rolled back if it raises.

        Args:
            write: The block writes. On SQLite its transaction then takes the write lock
                at once, waiting for other writers, instead of failing halfway.
        """
        with self._sessions.begin() as session:
            if write:
                session.connection(execution_options=WRITE)
            yield session

    def _entity(self, model: type[_Row[EntityT]], key: object) -> EntityT | None:
        with self.session() as session:
            row = session.get(model, key)
            return None if row is None else row.to_entity()

    def _entities(self, query: Select[Any]) -> list[Any]:
        with self.session() as session:
            return [row.to_entity() for row in session.scalars(query)]

    # Scenarios

    @override
    def upsert_scenario(self, scenario: Scenario) -> ScenarioRecord:
        with self.session(write=True) as session:
            row = session.get(ScenarioRow, scenario.version)
            if row is not None:
                return row.to_entity()
            row = ScenarioRow(
                version=scenario.version,
                name=scenario.name,
                industry=scenario.industry,
                definition=scenario.model_dump(mode="json"),
                created_at=_now(),
            )
            try:
                with session.begin_nested():
                    session.add(row)
            except IntegrityError:  # another process recorded it meanwhile
                return _get(session, ScenarioRow, scenario.version, "scenario").to_entity()
            return row.to_entity()

    @override
    def get_scenario(self, version: str) -> ScenarioRecord | None:
        return self._entity(ScenarioRow, version)

    @override
    def list_scenarios(self) -> list[ScenarioRecord]:
        query = select(ScenarioRow).order_by(ScenarioRow.name, ScenarioRow.created_at)
        return self._entities(query)

    # Runs

    @override
    def create_run(self, **fields: Unpack[NewRun]) -> Run:
        values = check.converted(fields, NEW_RUN_FIELDS, "new run", NewRun.__required_keys__)
        with self.session(write=True) as session:
            _check_parent(session, values.get("parent_run_id"))
            row = RunRow(
                **{
                    "hyperparameters": {},
                    "n_envs": 1,
                    "curriculum": False,
                    "package_version": __version__,
                    **values,
                    "status": RunStatus.QUEUED,
                    "created_at": _now(),
                    "timesteps_done": 0,
                }
            )
            session.add(row)
            session.flush()
            return row.to_entity()

    @override
    def get_run(self, run_id: int) -> Run | None:
        return self._entity(RunRow, run_id)

    @override
    def list_runs(
        self, status: RunStatus | None = None, limit: int = 100, offset: int = 0
    ) -> list[Run]:
        query = _page(select(RunRow).order_by(RunRow.id.desc()), limit, offset)
        if status is not None:
            query = query.where(RunRow.status == RunStatus(status))
        return self._entities(query)

    @override
    def count_runs(self, status: RunStatus | None = None) -> int:
        query = select(func.count()).select_from(RunRow)
        if status is not None:
            query = query.where(RunRow.status == RunStatus(status))
        with self.session() as session:
            return session.scalar(query) or 0

    @override
    def update_run(self, run_id: int, **changes: Unpack[RunChanges]) -> Run:
        lifecycle = sorted(changes.keys() & {"status", "started_at", "finished_at"})
        if lifecycle:
            raise ValueError(
                f"cannot set run field(s) {', '.join(lifecycle)}: use start_run or finish_run"
            )
        values = check.converted(changes, check.RUN_FIELDS, "run")
        with self.session(write=True) as session:
            row = _get(session, RunRow, run_id, "run")
            if "parent_run_id" in values:
                _check_parent(session, values["parent_run_id"], run_id)
            for name, value in values.items():
                setattr(row, name, value)
            return row.to_entity()

    @override
    def start_run(self, run_id: int, pid: int, hostname: str) -> Run:
        pid = check.integer(1)("pid", pid)
        hostname = check.text("hostname", hostname)
        with self.session(write=True) as session:
            row = _get(session, RunRow, run_id, "run")
            check.transition(row.id, RunStatus(row.status), RunStatus.RUNNING)
            row.status, row.started_at = RunStatus.RUNNING, row.started_at or _now()
            row.finished_at, row.error = None, None
            row.pid, row.hostname = pid, hostname
            return row.to_entity()

    @override
    def queue_run(self, run_id: int) -> Run:
        with self.session(write=True) as session:
            row = _get(session, RunRow, run_id, "run")
            check.transition(row.id, RunStatus(row.status), RunStatus.QUEUED)
            row.status, row.finished_at, row.error = RunStatus.QUEUED, None, None
            row.pid, row.hostname = None, None
            return row.to_entity()

    @override
    def finish_run(self, run_id: int, status: RunStatus, error: str | None = None) -> Run:
        status = RunStatus(status)
        if not status.is_final:
            raise ValueError(
                f"a run finishes as completed, failed, interrupted or cancelled, not {status}"
            )
        error = check.optional_text("error", error)
        with self.session(write=True) as session:
            row = _get(session, RunRow, run_id, "run")
            check.transition(row.id, RunStatus(row.status), status)
            row.status, row.finished_at = status, _now()
            if error is not None:
                row.error = error
            return row.to_entity()

    @override
    def delete_run(self, run_id: int) -> bool:
        with self.session(write=True) as session:
            row = session.get(RunRow, run_id)
            if row is None:
                return False
            session.delete(row)  # metrics and transcripts go by ON DELETE CASCADE
        folder = run_dir(run_id)  # inside data_dir(), which is resolved...
        # ...unless a symbolic link on the way leads elsewhere: then it stays.
        if folder.is_dir() and folder.resolve() == folder:
            shutil.rmtree(folder)
        return True

    @override
    def mark_interrupted_runs(self) -> list[Run]:
        host = this_host()
        query = select(RunRow.id, RunRow.pid).where(
            RunRow.status == RunStatus.RUNNING, RunRow.hostname == host
        )
        with self.session() as session:
            gone = {
                run_id: pid
                for run_id, pid in session.execute(query)
                if pid is not None and not process_alive(pid)
            }
        if not gone:
            return []
        marked = []
        with self.session(write=True) as session:
            for run_id, pid in gone.items():
                row = session.get(RunRow, run_id)
                if row is None or row.status != RunStatus.RUNNING or row.pid != pid:
                    continue  # changed since we looked
                row.status, row.finished_at = RunStatus.INTERRUPTED, _now()
                row.error = row.error or f"process {pid} on {host} ended during the run"
                marked.append(row.to_entity())
        return marked

    # Metrics

    @override
    def add_metrics(self, run_id: int, points: list[MetricPoint]) -> None:
        latest: dict[int, tuple[float, dict[str, float]]] = {}
        for point in points:
            if point.run_id != run_id:
                raise ValueError(f"a metric point of run {point.run_id} given for run {run_id}")
            step = check.integer(0)("step", point.step)
            latest[step] = (
                check.finite("wall_time", point.wall_time),
                check.metric_values("values", point.values),
            )
        if not latest:
            return
        with self.session(write=True) as session:
            _get(session, RunRow, run_id, "run")
            existing: dict[int, MetricRow] = {}
            steps = list(latest)
            for start in range(0, len(steps), METRICS_PER_QUERY):
                chunk = steps[start : start + METRICS_PER_QUERY]
                query = select(MetricRow).where(
                    MetricRow.run_id == run_id, MetricRow.step.in_(chunk)
                )
                existing.update((row.step, row) for row in session.scalars(query))
            for step, (wall_time, values) in latest.items():
                row = existing.get(step)
                if row is None:
                    session.add(
                        MetricRow(run_id=run_id, step=step, wall_time=wall_time, values=values)
                    )
                else:
                    row.wall_time, row.values = wall_time, values

    @override
    def get_metrics(self, run_id: int, after_step: int | None = None) -> list[MetricPoint]:
        query = select(MetricRow).where(MetricRow.run_id == run_id).order_by(MetricRow.step)
        if after_step is not None:
            query = query.where(MetricRow.step > after_step)
        return self._entities(query)

    @override
    def get_last_metrics(self, run_id: int) -> MetricPoint | None:
        query = select(MetricRow).where(MetricRow.run_id == run_id)
        last = self._entities(query.order_by(MetricRow.step.desc()).limit(1))
        return last[0] if last else None

    # Evaluations

    @override
    def create_evaluation(self, **fields: Unpack[NewEvaluation]) -> Evaluation:
        values = check.converted(
            fields, check.EVALUATION_FIELDS, "new evaluation", NewEvaluation.__required_keys__
        )
        with self.session(write=True) as session:
            defaults = {"status": EvaluationStatus.PENDING, "results": {}}
            row = EvaluationRow(**{**defaults, **values, "created_at": _now()})
            session.add(row)
            session.flush()
            return row.to_entity()

    @override
    def get_evaluation(self, evaluation_id: int) -> Evaluation | None:
        return self._entity(EvaluationRow, evaluation_id)

    @override
    def list_evaluations(self, limit: int = 100, offset: int = 0) -> list[Evaluation]:
        query = _page(select(EvaluationRow).order_by(EvaluationRow.id.desc()), limit, offset)
        return self._entities(query)

    @override
    def update_evaluation(
        self, evaluation_id: int, **changes: Unpack[EvaluationChanges]
    ) -> Evaluation:
        values = check.converted(changes, check.EVALUATION_FIELDS, "evaluation")
        with self.session(write=True) as session:
            row = _get(session, EvaluationRow, evaluation_id, "evaluation")
            for name, value in values.items():
                setattr(row, name, value)
            return row.to_entity()

    # Transcripts

    @override
    def add_transcript(self, **fields: Unpack[NewTranscript]) -> Transcript:
        values = check.converted(
            fields, check.TRANSCRIPT_FIELDS, "new transcript", NewTranscript.__required_keys__
        )
        with self.session(write=True) as session:
            if values.get("run_id") is not None:
                _get(session, RunRow, values["run_id"], "run")
            if values.get("evaluation_id") is not None:
                _get(session, EvaluationRow, values["evaluation_id"], "evaluation")
            row = TranscriptRow(**values, created_at=_now())
            session.add(row)
            session.flush()
            return row.to_entity()

    @override
    def get_transcript(self, transcript_id: int) -> Transcript | None:
        return self._entity(TranscriptRow, transcript_id)

    @override
    def list_transcripts(
        self, run_id: int | None = None, evaluation_id: int | None = None
    ) -> list[Transcript]:
        query = select(TranscriptRow).order_by(TranscriptRow.id)
        if run_id is not None:
            query = query.where(TranscriptRow.run_id == run_id)
        if evaluation_id is not None:
            query = query.where(TranscriptRow.evaluation_id == evaluation_id)
        return self._entities(query)

    # Datasets

    @override
    def create_dataset(self, **fields: Unpack[NewDataset]) -> Dataset:
        values = check.converted(
            fields, check.DATASET_FIELDS, "new dataset", NewDataset.__required_keys__
        )
        with self.session(write=True) as session:
            taken = select(DatasetRow.id).where(DatasetRow.name == values["name"])
            if session.scalar(taken) is not None:
                raise ValueError(f"a dataset named {values['name']} exists already")
            row = DatasetRow(**values, created_at=_now())
            session.add(row)
            session.flush()
            return row.to_entity()

    @override
    def get_dataset(self, dataset_id: int) -> Dataset | None:
        return self._entity(DatasetRow, dataset_id)

    @override
    def find_dataset(self, name: str) -> Dataset | None:
        found = self._entities(select(DatasetRow).where(DatasetRow.name == name))
        return found[0] if found else None

    @override
    def find_dataset_by_hash(self, content_hash: str) -> Dataset | None:
        query = select(DatasetRow).where(DatasetRow.content_hash == content_hash)
        found = self._entities(query.order_by(DatasetRow.id).limit(1))
        return found[0] if found else None

    @override
    def list_datasets(self, limit: int = 100, offset: int = 0) -> list[Dataset]:
        return self._entities(
            _page(select(DatasetRow).order_by(DatasetRow.id.desc()), limit, offset)
        )

    @override
    def delete_dataset(self, dataset_id: int) -> bool:
        with self.session(write=True) as session:
            row = session.get(DatasetRow, dataset_id)
            if row is None:
                return False
            session.delete(row)  # analyses go by ON DELETE CASCADE
        return True

    # Analyses

    @override
    def create_analysis(self, **fields: Unpack[NewAnalysis]) -> Analysis:
        values = check.converted(
            fields, check.ANALYSIS_FIELDS, "new analysis", NewAnalysis.__required_keys__
        )
        with self.session(write=True) as session:
            _get(session, DatasetRow, values["dataset_id"], "dataset")
            defaults = {"status": EvaluationStatus.PENDING, "results": {}}
            row = AnalysisRow(**{**defaults, **values, "created_at": _now()})
            session.add(row)
            session.flush()
            return row.to_entity()

    @override
    def get_analysis(self, analysis_id: int) -> Analysis | None:
        return self._entity(AnalysisRow, analysis_id)

    @override
    def list_analyses(
        self, dataset_id: int | None = None, limit: int = 100, offset: int = 0
    ) -> list[Analysis]:
        query = _page(select(AnalysisRow).order_by(AnalysisRow.id.desc()), limit, offset)
        if dataset_id is not None:
            query = query.where(AnalysisRow.dataset_id == dataset_id)
        return self._entities(query)

    @override
    def update_analysis(self, analysis_id: int, **changes: Unpack[AnalysisChanges]) -> Analysis:
        values = check.converted(
            changes,
            {k: check.ANALYSIS_FIELDS[k] for k in AnalysisChanges.__annotations__},
            "analysis",
        )
        with self.session(write=True) as session:
            row = _get(session, AnalysisRow, analysis_id, "analysis")
            for name, value in values.items():
                setattr(row, name, value)
            return row.to_entity()


def _get(session: Session, model: type[RowT], key: Any, what: str) -> RowT:
    # Locked until the transaction ends (FOR UPDATE), so that of two concurrent status
    # changes on PostgreSQL the second sees the first; SQLite's write transactions already
    # hold the database's write lock, and SQLAlchemy leaves the clause out there.
    row = session.get(model, key, with_for_update=True)
    if row is None:
        raise ValueError(f"{what} {key} not found")
    return row


def _check_parent(session: Session, parent_run_id: int | None, run_id: int | None = None) -> None:
    if parent_run_id is None:
        return
    if parent_run_id == run_id:
        raise ValueError(f"run {run_id} cannot be its own parent")
    _get(session, RunRow, parent_run_id, "parent run")


def _page(query: Select[Any], limit: int, offset: int) -> Select[Any]:
    return query.limit(check.integer(1)("limit", limit)).offset(check.integer(0)("offset", offset))
