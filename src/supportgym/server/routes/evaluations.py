"""``/api/evaluations``: policy comparisons, played in the job workers' pool.

An evaluation is recorded at once with empty results (``pending``), played in a worker
process (``running``), and then holds its results (``completed``) or an error
(``failed``). The store has no status field: an evaluation with empty results and no
job (the server stopped during it) counts as failed.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from supportgym.server.deps import StoreDep
from supportgym.server.errors import Conflict, NotFound
from supportgym.server.routes.runs import JobsDep
from supportgym.server.schemas import error_responses
from supportgym.server.schemas.evaluations import (
    EvaluationCreate,
    EvaluationPublic,
    EvaluationsPublic,
    EvaluationsQuery,
    EvaluationStatus,
)
from supportgym.sim.library import load_scenario
from supportgym.store import AbstractStore, Evaluation

router = APIRouter(prefix="/evaluations", tags=["evaluations"])
EvaluationId = Annotated[int, Path(ge=1, le=2**62)]


def _check_runs(store: AbstractStore, policies: list[str]) -> None:
    """Every ``run:<id>`` names a run with a model (built-in names are checked by the schema)."""
    for spec in policies:
        if spec.startswith("run:"):
            run = store.get_run(int(spec.removeprefix("run:")))
            if run is None:
                raise NotFound(f"{spec}: run not found")
            if run.model_path is None:
                raise Conflict(f"{spec}: the run is {run.status} and has no model yet")


def _public(evaluation: Evaluation, job_state: str | None) -> EvaluationPublic:
    results = evaluation.results or None
    error = None
    state: EvaluationStatus
    if job_state is not None:
        state = "pending" if job_state == "queued" else "running"
    elif results is None:
        state, error = "failed", "the server stopped before the evaluation finished"
    elif "error" in results and "summaries" not in results:
        state, error, results = "failed", str(results["error"]), None
    else:
        state = "completed"
    if state != "completed":
        results = None
    return EvaluationPublic(
        id=evaluation.id,
        created_at=evaluation.created_at,
        name=evaluation.name,
        policies=evaluation.policies,
        scenarios=evaluation.scenarios,
        scenario_versions=evaluation.scenario_versions,
        episodes=evaluation.episodes,
        seed=evaluation.seed,
        status=state,
        error=error,
        results=results,
    )


@router.post(
    "",
    response_model=EvaluationPublic,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(400, 404, 409, 413, 422),
)
def create_evaluation(body: EvaluationCreate, store: StoreDep, jobs: JobsDep) -> EvaluationPublic:
    """Compare policies on scenarios in a worker process (pending while workers are busy)."""
    policies = list(dict.fromkeys(body.policies))
    scenarios = list(dict.fromkeys(body.scenarios))
    _check_runs(store, policies)
    evaluation = store.create_evaluation(
        name=body.name or f"{', '.join(policies)} on {', '.join(scenarios)}",
        policies=policies,
        scenarios=scenarios,
        scenario_versions={name: load_scenario(name).version for name in scenarios},
        episodes=body.episodes,
        seed=body.seed,
    )
    jobs.submit_evaluation(evaluation, body.difficulty)
    return _public(evaluation, jobs.evaluation_state(evaluation.id) or "queued")


@router.get("", response_model=EvaluationsPublic, responses=error_responses(422))
def list_evaluations(
    query: Annotated[EvaluationsQuery, Query()], store: StoreDep, jobs: JobsDep
) -> EvaluationsPublic:
    """Evaluations, newest first (``count`` is this page's length)."""
    found = store.list_evaluations(limit=query.limit, offset=query.offset)
    data = [_public(e, jobs.evaluation_state(e.id)) for e in found]
    return EvaluationsPublic(data=data, count=len(data))


@router.get(
    "/{evaluation_id}", response_model=EvaluationPublic, responses=error_responses(404, 422)
)
def read_evaluation(
    evaluation_id: EvaluationId, store: StoreDep, jobs: JobsDep
) -> EvaluationPublic:
    """One evaluation, with its results once completed."""
    evaluation = store.get_evaluation(evaluation_id)
    if evaluation is None:
        raise NotFound(f"evaluation {evaluation_id} not found")
    return _public(evaluation, jobs.evaluation_state(evaluation_id))
