"""The store on SQLAlchemy: a SQLite file by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING, Unpack

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from typing_extensions import override

from supportgym import __version__
from supportgym.store import validation as check
from supportgym.store.base import (
    EvaluationChanges,
    NewEvaluation,
    NewRun,
    NewTranscript,
    RunChanges,
)
from supportgym.store.config import database_url, run_dir
from supportgym.store.engine import make_engine
from supportgym.store.entities import (
    Evaluation,
    EvaluationStatus,
    MetricPoint,
    Run,
    RunStatus,
    ScenarioRecord,
    Transcript,
)
from supportgym.store.orm import (
    DeploymentRow,
    EvaluationRow,
    MetricRow,
    RunRow,
    ScenarioRow,
    TranscriptRow,
)
from supportgym.store.processes import process_alive, this_host
from supportgym.store.schema import upgrade
from supportgym.store.sql_datasets import DatasetTables
from supportgym.store.sql_deployments import DeploymentTables
from supportgym.store.units import locked, now, page

if TYPE_CHECKING:
    from supportgym.sim import Scenario

NEW_RUN_FIELDS = {name: check.RUN_FIELDS[name] for name in NewRun.__annotations__}
"""The fields ``create_run`` takes, with their checks."""

METRICS_PER_QUERY = 500
"""Steps looked up per query when merging metrics (SQLite limits bound parameters)."""


class SqlAlchemyStore(DatasetTables, DeploymentTables):
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
                created_at=now(),
            )
            try:
                with session.begin_nested():
                    session.add(row)
            except IntegrityError:  # another process recorded it meanwhile
                return locked(session, ScenarioRow, scenario.version, "scenario").to_entity()
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
                    "created_at": now(),
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
        query = page(select(RunRow).order_by(RunRow.id.desc()), limit, offset)
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
            row = locked(session, RunRow, run_id, "run")
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
            row = locked(session, RunRow, run_id, "run")
            check.transition(row.id, RunStatus(row.status), RunStatus.RUNNING)
            row.status, row.started_at = RunStatus.RUNNING, row.started_at or now()
            row.finished_at, row.error = None, None
            row.pid, row.hostname = pid, hostname
            return row.to_entity()

    @override
    def queue_run(self, run_id: int) -> Run:
        with self.session(write=True) as session:
            row = locked(session, RunRow, run_id, "run")
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
            row = locked(session, RunRow, run_id, "run")
            check.transition(row.id, RunStatus(row.status), status)
            row.status, row.finished_at = status, now()
            if error is not None:
                row.error = error
            return row.to_entity()

    @override
    def delete_run(self, run_id: int) -> bool:
        with self.session(write=True) as session:
            row = session.get(RunRow, run_id)
            if row is None:
                return False
            deployed = select(DeploymentRow.name, DeploymentRow.version).where(
                DeploymentRow.run_id == run_id
            )
            found = session.execute(deployed.limit(1)).first()
            if found is not None:
                raise ValueError(f"run {run_id} is deployed as {found[0]} v{found[1]}; keep it")
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
                row.status, row.finished_at = RunStatus.INTERRUPTED, now()
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
            locked(session, RunRow, run_id, "run")
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
            row = EvaluationRow(**{**defaults, **values, "created_at": now()})
            session.add(row)
            session.flush()
            return row.to_entity()

    @override
    def get_evaluation(self, evaluation_id: int) -> Evaluation | None:
        return self._entity(EvaluationRow, evaluation_id)

    @override
    def list_evaluations(self, limit: int = 100, offset: int = 0) -> list[Evaluation]:
        query = page(select(EvaluationRow).order_by(EvaluationRow.id.desc()), limit, offset)
        return self._entities(query)

    @override
    def update_evaluation(
        self, evaluation_id: int, **changes: Unpack[EvaluationChanges]
    ) -> Evaluation:
        values = check.converted(changes, check.EVALUATION_FIELDS, "evaluation")
        with self.session(write=True) as session:
            row = locked(session, EvaluationRow, evaluation_id, "evaluation")
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
                locked(session, RunRow, values["run_id"], "run")
            if values.get("evaluation_id") is not None:
                locked(session, EvaluationRow, values["evaluation_id"], "evaluation")
            row = TranscriptRow(**values, created_at=now())
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


def _check_parent(session: Session, parent_run_id: int | None, run_id: int | None = None) -> None:
    if parent_run_id is None:
        return
    if parent_run_id == run_id:
        raise ValueError(f"run {run_id} cannot be its own parent")
    locked(session, RunRow, parent_run_id, "parent run")
