"""``/api/runs/{id}/explanation``: a trained run's distilled playbook, computed in a worker."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, status

from supportgym.explain.explanation import read_explanation, read_failure
from supportgym.server.deps import StoreDep
from supportgym.server.errors import Conflict, NotFound
from supportgym.server.jobs import JobManager
from supportgym.server.routes.runs import JobsDep
from supportgym.server.schemas import error_responses
from supportgym.server.schemas.deployments import ExplanationPublic

router = APIRouter(prefix="/runs", tags=["explanations"])
RunId = Annotated[int, Path(ge=1, le=2**62)]


def _state(run_id: int, jobs: JobManager) -> ExplanationPublic:
    if jobs.is_active("explain", run_id):
        return ExplanationPublic(run_id=run_id, status="pending")
    explanation = read_explanation(run_id)
    if explanation is not None:
        return ExplanationPublic(run_id=run_id, status="completed", explanation=explanation)
    failure = read_failure(run_id)
    if failure is not None:
        return ExplanationPublic(run_id=run_id, status="failed", error=failure)
    return ExplanationPublic(run_id=run_id, status="none")


@router.get(
    "/{run_id}/explanation", response_model=ExplanationPublic, responses=error_responses(404, 422)
)
def read_run_explanation(run_id: RunId, store: StoreDep, jobs: JobsDep) -> ExplanationPublic:
    """The run's explanation: ``none`` yet, ``pending``, ``completed`` or ``failed``."""
    if store.get_run(run_id) is None:
        raise NotFound(f"run {run_id} not found")
    return _state(run_id, jobs)


@router.post(
    "/{run_id}/explanation",
    response_model=ExplanationPublic,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(404, 409, 422),
)
def explain_run(run_id: RunId, store: StoreDep, jobs: JobsDep) -> ExplanationPublic:
    """Distil the run's model into rules, score them and rank the features, in a worker."""
    run = store.get_run(run_id)
    if run is None:
        raise NotFound(f"run {run_id} not found")
    if run.model_path is None or run.status != "completed":
        raise Conflict(f"run {run_id} is {run.status}; only completed runs are explained")
    if not jobs.is_active("explain", run_id):
        jobs.submit_explanation(run_id)
    return _state(run_id, jobs)
