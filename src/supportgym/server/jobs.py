"""Training and evaluation jobs in a bounded pool of worker processes.

The server never trains in its event loop or its threads: every job runs in a process
started with the ``spawn`` context, at most ``max_jobs`` at once; more wait in a FIFO
queue. The store is the source of truth: the parent records a run (``queued``) or an
evaluation (empty results) before the job starts, so the API can answer with its id at
once; the worker opens its own store at the same URL and writes progress and outcome.

A monitor thread reaps finished workers and starts queued jobs. Cancelling terminates
a worker (SIGTERM, then SIGKILL after a grace period); shutting down terminates them
all and marks their runs ``interrupted``, from where they can be resumed. Runs still
``queued`` in the store when the server starts are queued again (as resumes when they
have a checkpoint); evaluations it left unfinished are marked ``failed``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from typing import Any, Literal

from starlette.concurrency import run_in_threadpool

from supportgym.sim import Scenario
from supportgym.store import (
    AbstractStore,
    Analysis,
    Evaluation,
    EvaluationStatus,
    Run,
    RunStatus,
    SqlAlchemyStore,
    data_dir,
    database_url,
)
from supportgym.store.config import DATA_DIR_ENV, DATABASE_URL_ENV
from supportgym.store.validation import strict_json
from supportgym.training.runs import has_checkpoint, record_run, run_config

GRACE_SECONDS = 5.0
"""How long a terminated worker may take to exit before it is killed."""
MONITOR_SECONDS = 0.1
"""How often the monitor reaps finished workers and starts queued jobs."""
MAX_CHECKPOINT_EVERY = 50_000
JobKind = Literal["train", "resume", "evaluate", "analyze", "explain", "deploy"]


def checkpoint_interval(total_timesteps: int) -> int:
    """Checkpoints about every tenth of a run (at most every 50,000 steps), so it can resume."""
    return max(1, min(MAX_CHECKPOINT_EVERY, total_timesteps // 10))


@dataclass
class Job:
    """One unit of work: a new run, a resumed run, an evaluation or a dataset's analysis."""

    kind: JobKind
    target_id: int
    """The run's id, the evaluation's or the analysis's."""
    args: tuple[Any, ...] = ()
    process: BaseProcess | None = field(default=None, repr=False)

    @property
    def key(self) -> tuple[str, int]:
        """Runs, evaluations and analyses have separate ids."""
        return (_KEYS.get(self.kind, "run"), self.target_id)


class JobManager:
    """The worker pool: a FIFO queue, at most ``max_jobs`` worker processes at once."""

    def __init__(self, max_jobs: int, grace_seconds: float = GRACE_SECONDS):
        self.max_jobs = max_jobs
        self.grace_seconds = grace_seconds
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._queue: deque[Job] = deque()
        self._running: dict[tuple[str, int], Job] = {}
        self._stop = threading.Event()
        self._monitor: threading.Thread | None = None
        self._store: AbstractStore | None = None

    # Life cycle

    def start(self, store: AbstractStore) -> None:
        """Queue the runs the store still has queued, fail unfinished evaluations, start."""
        self._store = store
        for run in reversed(store.list_runs(RunStatus.QUEUED, limit=10_000)):
            self._queue.append(_queued_job(run, store))
        for kind in _NOUNS:
            listed, _, update = _records(store, kind)
            for record in listed(limit=10_000):
                if not record.status.is_final:
                    message = f"the server stopped before the {_NOUNS[kind]} finished"
                    update(record.id, status=EvaluationStatus.FAILED, error=message)
        self._monitor = threading.Thread(target=self._watch, name="job-monitor", daemon=True)
        self._monitor.start()

    def shutdown(self) -> None:
        """Stop the monitor, terminate every worker and mark its run ``interrupted``."""
        self._stop.set()
        if self._monitor is not None:
            self._monitor.join()
        with self._lock:
            running = list(self._running.values())
            self._running.clear()
            self._queue.clear()  # queued runs stay queued in the store: they return
        for job in running:
            self._terminate(job)
            self._settle(job, RunStatus.INTERRUPTED, "the server stopped during the run")

    # Submitting

    def submit_training(self, config: Any) -> Run:
        """Record a queued run for ``config`` and queue it; the run at once."""
        run = record_run(config, self._require_store())
        self._enqueue(Job("train", run.id, (config,)))
        return run

    def submit_resume(self, run_id: int) -> None:
        """Queue a resume of a stopped run (the caller checked that it may resume)."""
        self._enqueue(Job("resume", run_id))

    def submit_evaluation(
        self, evaluation: Evaluation, scenarios: list[Scenario], difficulty: float | None
    ) -> None:
        """Queue a pending evaluation of its policies on ``scenarios``."""
        args = (evaluation.policies, scenarios, evaluation.episodes, evaluation.seed, difficulty)
        self._enqueue(Job("evaluate", evaluation.id, args))

    def submit_analysis(
        self, analysis: Analysis, scenario: Scenario, simulate: Scenario | None = None
    ) -> None:
        """Queue a pending analysis of a dataset (see ``data.analyses.run_analysis``)."""
        self._enqueue(Job("analyze", analysis.id, (scenario, simulate)))

    def submit_explanation(self, run_id: int) -> None:
        """Queue the explanation of a completed run (``supportgym explain``)."""
        self._enqueue(Job("explain", run_id))

    def submit_deployment(self, deployment: Any) -> None:
        """Queue the building of a pending deployment version."""
        self._enqueue(Job("deploy", deployment.id))

    def is_active(self, kind: JobKind, target_id: int) -> bool:
        """Whether a job of this kind for ``target_id`` is queued or running."""
        key = Job(kind, target_id).key
        with self._lock:
            return key in self._running or any(job.key == key for job in self._queue)

    # Cancelling

    def cancel_run(self, run_id: int) -> bool:
        """Stop the run's job (dequeue it, or terminate its worker); whether there was one.

        A run that had not ended is marked ``cancelled``.
        """
        key = ("run", run_id)
        with self._lock:
            job = self._running.pop(key, None)
            if job is None:
                queued = [j for j in self._queue if j.key == key]
                for j in queued:
                    self._queue.remove(j)
                job = queued[0] if queued else None
        if job is None:
            return False
        self._terminate(job)
        self._settle(job, RunStatus.CANCELLED, None)
        return True

    # Internals

    def _require_store(self) -> AbstractStore:
        if self._store is None:
            raise RuntimeError("the job manager has not started")
        return self._store

    def _enqueue(self, job: Job) -> None:
        with self._lock:
            self._queue.append(job)
        self._start_queued()

    def _watch(self) -> None:
        while not self._stop.wait(MONITOR_SECONDS):
            self._reap()
            self._start_queued()

    def _start_queued(self) -> None:
        with self._lock:
            while self._queue and len(self._running) < self.max_jobs and not self._stop.is_set():
                job = self._queue.popleft()
                job.process = self._context.Process(
                    target=_worker,
                    args=(job.kind, job.target_id, job.args, _store_env()),
                    name=f"supportgym-{job.kind}-{job.target_id}",
                    daemon=True,
                )
                job.process.start()
                self._running[job.key] = job

    def _reap(self) -> None:
        with self._lock:
            done = [
                job
                for job in self._running.values()
                if job.process is not None and not job.process.is_alive()
            ]
            for job in done:
                del self._running[job.key]
        for job in done:
            assert job.process is not None
            job.process.join()
            code = job.process.exitcode
            self._settle(job, RunStatus.FAILED, f"the worker process exited with code {code}")

    def _terminate(self, job: Job) -> None:
        process = job.process
        if process is None:
            return
        process.terminate()
        process.join(self.grace_seconds)
        if process.is_alive():
            process.kill()
            process.join()

    def _settle(self, job: Job, status: RunStatus, error: str | None) -> None:
        """After a worker ended: a run it left unfinished gets ``status``."""
        store = self._require_store()
        if job.kind == "explain":
            from supportgym.explain.explanation import read_explanation, record_failure

            if error is not None and read_explanation(job.target_id) is None:
                record_failure(job.target_id, error)
            return
        if job.kind in _NOUNS:
            _, get, update = _records(store, job.kind)
            record = get(job.target_id)
            if record is not None and not record.status.is_final:
                update(job.target_id, status=EvaluationStatus.FAILED, error=error or "cancelled")
            return
        run = store.get_run(job.target_id)
        if run is None or run.status.is_final:
            return  # the worker finished it, or a resume never started
        if run.status == RunStatus.QUEUED and status == RunStatus.INTERRUPTED:
            return  # stopped before it started: queued again when the server starts
        store.finish_run(run.id, status, error=error)


_NOUNS = {"evaluate": "evaluation", "analyze": "analysis", "deploy": "deployment"}
"""The jobs that work on a record with a status of its own (not a run), and its noun."""
_KEYS = {**_NOUNS, "explain": "explanation"}


def _records(store: AbstractStore, kind: str) -> tuple[Any, Any, Any]:
    """The store's list, get and update methods of a job's records (see ``_NOUNS``)."""
    if kind == "evaluate":
        return store.list_evaluations, store.get_evaluation, store.update_evaluation
    if kind == "deploy":
        return (
            (lambda limit: store.list_deployments()),
            store.get_deployment,
            store.update_deployment,
        )
    return store.list_analyses, store.get_analysis, store.update_analysis


def _queued_job(run: Run, store: AbstractStore) -> Job:
    """The job of a run left queued: its resume, when it has a checkpoint, or its start."""
    if has_checkpoint(run):
        return Job("resume", run.id)
    return Job("train", run.id, (run_config(run, store, checkpoint_interval(run.total_timesteps)),))


def _store_env() -> dict[str, str]:
    """Where the worker's store is: the parent's data dir and database URL."""
    return {DATA_DIR_ENV: str(data_dir()), DATABASE_URL_ENV: database_url()}


# The worker process


def _worker(kind: JobKind, target_id: int, args: tuple[Any, ...], env: dict[str, str]) -> None:
    """The entry point of a worker process."""
    os.environ.update(env)
    _exit_with_parent()
    url = env[DATABASE_URL_ENV]
    if kind == "evaluate":
        _evaluate(SqlAlchemyStore(url), target_id, *args)
    elif kind == "analyze":
        from supportgym.data.analyses import run_analysis

        with SqlAlchemyStore(url) as store:
            run_analysis(store, target_id, *args)
    elif kind == "explain":
        _explain(SqlAlchemyStore(url), target_id)
    elif kind == "deploy":
        from supportgym.serving.deploy import build_deployment

        with SqlAlchemyStore(url) as store, contextlib.suppress(Exception):
            build_deployment(store, target_id)  # it stores its own failure
    elif kind == "resume":
        from supportgym.training.train import resume

        with SqlAlchemyStore(url) as store:
            resume(target_id, store)
    else:
        from supportgym.training.train import train

        with SqlAlchemyStore(url) as store:
            train(args[0], store, run_id=target_id)


def _evaluate(
    store: SqlAlchemyStore,
    evaluation_id: int,
    policies: list[str],
    scenarios: list[Scenario],
    episodes: int,
    seed: int,
    difficulty: float | None,
) -> None:
    from supportgym.evaluation.runner import evaluate

    with store:
        store.update_evaluation(evaluation_id, status=EvaluationStatus.RUNNING)
        try:
            result = evaluate(policies, scenarios, episodes, seed, difficulty, store)
        except Exception as error:
            store.update_evaluation(evaluation_id, status=EvaluationStatus.FAILED, error=f"{error}")
            return
        store.update_evaluation(
            evaluation_id,
            status=EvaluationStatus.COMPLETED,
            results=strict_json(result.to_json()),
        )


def _explain(store: SqlAlchemyStore, run_id: int) -> None:
    from supportgym.explain.explanation import explain_run, record_failure

    with store:
        try:
            explain_run(run_id, store)
        except Exception as error:
            record_failure(run_id, f"{error}")


def _exit_with_parent() -> None:
    """End this worker when the server dies without terminating it (SIGKILL, crash)."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


@contextlib.asynccontextmanager
async def jobs_lifespan(app: Any) -> AsyncIterator[None]:
    """Run the app's job manager (``app.state.jobs``) while the app runs.

    Attached to the runs router, so it starts after the app's own lifespan opened the
    store and stops before the store closes.
    """
    jobs = JobManager(app.state.settings.max_jobs)
    await run_in_threadpool(jobs.start, app.state.store)
    app.state.jobs = jobs
    try:
        yield
    finally:
        await run_in_threadpool(jobs.shutdown)
