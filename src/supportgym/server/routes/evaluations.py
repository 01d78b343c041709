"""``/api/evaluations``: policy comparisons, played in the job workers' pool.

An evaluation is recorded at once (``pending``), played in a worker process
(``running``), and then holds its results (``completed``) or an error (``failed``).
Scenarios are looked up by name in the catalogue (built-in or uploaded); the worker
gets their definitions, and the evaluation records their versions.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from supportgym.explain.rules import rules_path
from supportgym.server.catalog import find_scenario
from supportgym.server.deps import StoreDep
from supportgym.server.errors import Conflict, NotFound
from supportgym.server.routes.runs import JobsDep
from supportgym.server.schemas import error_responses
from supportgym.server.schemas.evaluations import (
    EvaluationCreate,
    EvaluationPublic,
    EvaluationsPublic,
    EvaluationsQuery,
)
from supportgym.store import AbstractStore

router = APIRouter(prefix="/evaluations", tags=["evaluations"])
EvaluationId = Annotated[int, Path(ge=1, le=2**62)]


def check_run_models(store: AbstractStore, policies: list[str]) -> None:
    """Every ``run:<id>`` names a run with a model, every ``tree:run:<id>`` one with rules."""
    for spec in policies:
        if not spec.startswith(("run:", "tree:run:")):
            continue  # built-in names are checked by the schema
        run_id = int(spec.rpartition(":")[2])
        run = store.get_run(run_id)
        if run is None:
            raise NotFound(f"{spec}: run not found")
        if run.model_path is None:
            raise Conflict(f"{spec}: the run is {run.status} and has no model yet")
        if spec.startswith("tree:") and not rules_path(run_id).is_file():
            raise Conflict(f"{spec}: the run has no distilled tree; explain it first")


@router.post(
    "",
    response_model=EvaluationPublic,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(400, 404, 409, 413, 422),
)
def create_evaluation(body: EvaluationCreate, store: StoreDep, jobs: JobsDep) -> EvaluationPublic:
    """Compare policies on scenarios in a worker process (pending while workers are busy)."""
    policies = list(dict.fromkeys(body.policies))
    names = list(dict.fromkeys(body.scenarios))
    scenarios = [find_scenario(store, name).definition for name in names]
    check_run_models(store, policies)
    evaluation = store.create_evaluation(
        name=body.name or f"{', '.join(policies)} on {', '.join(names)}",
        policies=policies,
        scenarios=names,
        scenario_versions={s.name: s.version for s in scenarios},
        episodes=body.episodes,
        seed=body.seed,
    )
    jobs.submit_evaluation(evaluation, scenarios, body.difficulty)
    return EvaluationPublic.of(store.get_evaluation(evaluation.id) or evaluation)


@router.get("", response_model=EvaluationsPublic, responses=error_responses(422))
def list_evaluations(
    query: Annotated[EvaluationsQuery, Query()], store: StoreDep
) -> EvaluationsPublic:
    """Evaluations, newest first (``count`` is this page's length)."""
    found = store.list_evaluations(limit=query.limit, offset=query.offset)
    data = [EvaluationPublic.of(e) for e in found]
    return EvaluationsPublic(data=data, count=len(data))


@router.get(
    "/{evaluation_id}", response_model=EvaluationPublic, responses=error_responses(404, 422)
)
def read_evaluation(evaluation_id: EvaluationId, store: StoreDep) -> EvaluationPublic:
    """One evaluation, with its results once completed."""
    evaluation = store.get_evaluation(evaluation_id)
    if evaluation is None:
        raise NotFound(f"evaluation {evaluation_id} not found")
    return EvaluationPublic.of(evaluation)
