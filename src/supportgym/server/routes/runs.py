"""``/api/runs``: training runs, started in worker processes, followed live.

WebSocket ``/api/runs/{id}/ws``: the server sends :class:`RunEvent` messages: the
metric points logged so far (``metrics``), then new points and status changes as they
come (polling the store every half second), a ``heartbeat`` whenever nothing else was
sent for a second, and a ``final`` message with the ended run, after which it closes
normally. An unknown run closes with 1008.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Path, Query, WebSocket, WebSocketDisconnect, status
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection

from supportgym.server.catalog import find_scenario
from supportgym.server.deps import StoreDep
from supportgym.server.errors import Conflict, NotFound, Unprocessable
from supportgym.server.jobs import JobManager, checkpoint_interval, jobs_lifespan
from supportgym.server.schemas import error_responses
from supportgym.server.schemas.runs import (
    MetricPointPublic,
    MetricsQuery,
    RunCreate,
    RunEvent,
    RunMetricsPublic,
    RunPublic,
    RunsPublic,
    RunsQuery,
)
from supportgym.store import AbstractStore, Run, RunStatus
from supportgym.training.runs import has_checkpoint

if TYPE_CHECKING:
    from supportgym.training.config import TrainConfig

POLL_SECONDS = 0.5
HEARTBEAT_SECONDS = 1.0
RESUMABLE = {RunStatus.INTERRUPTED, RunStatus.FAILED, RunStatus.CANCELLED}

router = APIRouter(prefix="/runs", tags=["runs"], lifespan=jobs_lifespan)


def get_jobs(connection: HTTPConnection) -> JobManager:
    """The app's job manager (started with the app)."""
    return connection.app.state.jobs


JobsDep = Annotated[JobManager, Depends(get_jobs)]
RunId = Annotated[int, Path(ge=1, le=2**62)]


def _find(store: AbstractStore, run_id: int) -> Run:
    run = store.get_run(run_id)
    if run is None:
        raise NotFound(f"run {run_id} not found")
    return run


def _config(body: RunCreate, store: AbstractStore) -> TrainConfig:
    from supportgym.training.config import TrainConfig  # loads SB3: only when needed

    scenario = find_scenario(store, body.scenario, body.scenario_version).definition
    try:
        return TrainConfig(
            algorithm=body.algorithm,
            scenario=scenario,
            total_timesteps=body.timesteps,
            n_envs=body.n_envs,
            seed=body.seed,
            difficulty=body.difficulty,
            curriculum=body.curriculum,
            overrides=body.overrides,
            checkpoint_every=body.checkpoint_every or checkpoint_interval(body.timesteps),
        )
    except ValueError as error:
        raise Unprocessable(str(error)) from None


@router.post(
    "",
    response_model=RunPublic,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(400, 404, 413, 422),
)
def create_run(body: RunCreate, jobs: JobsDep, store: StoreDep) -> RunPublic:
    """Start a training run in a worker process (queued while all workers are busy)."""
    run = jobs.submit_training(_config(body, store))
    return RunPublic.of(store.get_run(run.id) or run)


@router.get("", response_model=RunsPublic, responses=error_responses(422))
def list_runs(query: Annotated[RunsQuery, Query()], store: StoreDep) -> RunsPublic:
    """Runs, newest first (optionally only those with ``status``); ``count`` counts all."""
    runs = store.list_runs(query.status, limit=query.limit, offset=query.offset)
    count = store.count_runs(query.status)
    return RunsPublic(data=[RunPublic.of(r) for r in runs], count=count)


@router.get("/{run_id}", response_model=RunPublic, responses=error_responses(404, 422))
def read_run(run_id: RunId, store: StoreDep) -> RunPublic:
    """One run."""
    return RunPublic.of(_find(store, run_id))


@router.get(
    "/{run_id}/metrics",
    response_model=RunMetricsPublic,
    responses=error_responses(404, 422),
)
def read_run_metrics(
    run_id: RunId, query: Annotated[MetricsQuery, Query()], store: StoreDep
) -> RunMetricsPublic:
    """The run's metric points by step (only those after ``after_step``, if given)."""
    _find(store, run_id)
    points = [MetricPointPublic.of(p) for p in store.get_metrics(run_id, query.after_step)]
    return RunMetricsPublic(data=points, count=len(points))


@router.post("/{run_id}/cancel", response_model=RunPublic, responses=error_responses(404, 422))
def cancel_run(run_id: RunId, store: StoreDep, jobs: JobsDep) -> RunPublic:
    """Stop a queued or running run (its worker is terminated); it becomes ``cancelled``.

    A run without a job is returned unchanged (an ended run stays as it ended).
    """
    _find(store, run_id)
    jobs.cancel_run(run_id)
    return RunPublic.of(_find(store, run_id))


@router.post(
    "/{run_id}/resume",
    response_model=RunPublic,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(404, 409, 422),
)
def resume_run(run_id: RunId, store: StoreDep, jobs: JobsDep) -> RunPublic:
    """Continue an interrupted, failed or cancelled run from its latest checkpoint.

    The run is ``queued`` until a worker takes it, then ``running``.
    """
    run = _find(store, run_id)
    if run.status not in RESUMABLE:
        raise Conflict(f"run {run_id} is {run.status}; only stopped runs can be resumed")
    if not has_checkpoint(run):
        raise Conflict(f"run {run_id} has no checkpoint to resume from")
    try:
        queued = store.queue_run(run_id)
    except ValueError as error:  # another request queued it first
        raise Conflict(str(error)) from None
    jobs.submit_resume(run_id)
    return RunPublic.of(queued)


@router.websocket("/{run_id}/ws")
async def follow_run(websocket: WebSocket, run_id: int, store: StoreDep) -> None:
    """Follow a run live (see the module docstring for the messages)."""
    await websocket.accept()
    run = await run_in_threadpool(store.get_run, run_id)
    if run is None:
        await websocket.close(status.WS_1008_POLICY_VIOLATION, f"run {run_id} not found")
        return
    try:
        await _follow(websocket, store, run)
    except WebSocketDisconnect:
        return
    await websocket.close(status.WS_1000_NORMAL_CLOSURE)


async def _follow(websocket: WebSocket, store: AbstractStore, run: Run) -> None:
    last_step: int | None = None
    last_status: RunStatus | None = None
    last_sent = 0.0
    while True:
        points = await run_in_threadpool(store.get_metrics, run.id, last_step)
        run = await run_in_threadpool(_find, store, run.id)
        public = RunPublic.of(run)
        ended = public.status.is_final
        events = []
        if points:
            last_step = points[-1].step
            events.append(_event("metrics", public, [MetricPointPublic.of(p) for p in points]))
        if ended:
            events.append(_event("final", public, run=public))
        elif public.status != last_status:
            events.append(_event("status", public, run=public))
        elif not events and time.monotonic() - last_sent >= HEARTBEAT_SECONDS - POLL_SECONDS / 2:
            events.append(_event("heartbeat", public))
        last_status = public.status
        for event in events:
            await websocket.send_text(event.model_dump_json())
            last_sent = time.monotonic()
        if ended:
            return
        await asyncio.sleep(POLL_SECONDS)


def _event(
    kind: str,
    public: RunPublic,
    points: list[MetricPointPublic] | None = None,
    run: RunPublic | None = None,
) -> RunEvent:
    return RunEvent(
        type=kind,  # type: ignore[arg-type]
        status=public.status,
        progress=public.progress,
        timesteps_done=public.timesteps_done,
        points=points or [],
        run=run,
    )
