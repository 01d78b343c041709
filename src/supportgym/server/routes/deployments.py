"""``/api/deployments``: runs deployed behind a decision API with guardrails.

Deploying records the name's next version (``pending``) and builds it in a worker (the
ONNX export needs torch; serving never does). ``decide`` answers from the active
version, in the server's process, with onnxruntime; every decision is logged, and
outcomes reported for contacts make the log exportable in the log format.
"""

from __future__ import annotations

from typing import Annotated

import numpy as np
from fastapi import APIRouter, Depends, Path, Query, status
from fastapi.requests import HTTPConnection
from starlette.concurrency import run_in_threadpool

from supportgym.data.replay import observe_conversation
from supportgym.data.schema import ACTION_NAMES, TIER_NAMES
from supportgym.server.deps import StoreDep
from supportgym.server.errors import Conflict, NotFound, Unprocessable
from supportgym.server.routes.runs import JobsDep
from supportgym.server.schemas import FieldError, error_responses
from supportgym.server.schemas.deployments import (
    DEPLOYMENT_NAME_PATTERN,
    DecideBatch,
    DecideRequest,
    DecisionLog,
    DecisionPublic,
    DecisionsPublic,
    DecisionsQuery,
    DeploymentCreate,
    DeploymentPublic,
    DeploymentsPublic,
    LoggedDecision,
    OutcomeReport,
    RollbackRequest,
)
from supportgym.serving.deploy import record_deployment
from supportgym.serving.service import DecisionService, NotDeployed
from supportgym.sim.features import FEATURE_NAMES
from supportgym.store import AbstractStore

router = APIRouter(prefix="/deployments", tags=["deployments"])
NameParam = Annotated[str, Path(pattern=DEPLOYMENT_NAME_PATTERN)]


def get_decisions(connection: HTTPConnection) -> DecisionService:
    """The app's decision service (its loaded models)."""
    return connection.app.state.decisions


DecisionsDep = Annotated[DecisionService, Depends(get_decisions)]


def _versions(store: AbstractStore, name: str) -> DeploymentsPublic:
    found = store.list_deployments(name)
    if not found:
        raise NotFound(f"deployment {name} not found")
    return DeploymentsPublic(data=[DeploymentPublic.of(d) for d in found], count=len(found))


@router.get("", response_model=DeploymentsPublic)
def list_deployments(store: StoreDep) -> DeploymentsPublic:
    """Every deployment's versions, by name then newest first."""
    found = store.list_deployments()
    return DeploymentsPublic(data=[DeploymentPublic.of(d) for d in found], count=len(found))


@router.post(
    "",
    response_model=DeploymentPublic,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(400, 404, 409, 413, 422),
)
def create_deployment(body: DeploymentCreate, store: StoreDep, jobs: JobsDep) -> DeploymentPublic:
    """Deploy a completed run as the name's next version (built in a worker, then active)."""
    run = store.get_run(body.run_id)
    if run is None:
        raise NotFound(f"run {body.run_id} not found")
    if run.model_path is None or run.status != "completed":
        raise Conflict(f"run {run.id} is {run.status}; only completed runs are deployed")
    deployment = record_deployment(store, run.id, body.name, body.threshold)
    jobs.submit_deployment(deployment)
    return DeploymentPublic.of(store.get_deployment(deployment.id) or deployment)


@router.get("/{name}", response_model=DeploymentsPublic, responses=error_responses(404, 422))
def read_deployment(name: NameParam, store: StoreDep) -> DeploymentsPublic:
    """The deployment's versions, newest first; the active one is marked."""
    return _versions(store, name)


@router.post(
    "/{name}/rollback",
    response_model=DeploymentPublic,
    responses=error_responses(400, 404, 409, 413, 422),
)
def rollback(name: NameParam, body: RollbackRequest, store: StoreDep) -> DeploymentPublic:
    """Make another version (default: the ready one before the active one) answer."""
    versions = _versions(store, name).data
    active = next((d for d in versions if d.active), None)
    if body.version is None:
        older = [
            d for d in versions if active and d.version < active.version and d.status == "completed"
        ]
        if not older:
            raise Conflict(f"{name} has no ready version before the active one")
        version = older[0].version
    else:
        version = body.version
    chosen = next((d for d in versions if d.version == version), None)
    if chosen is None:
        raise NotFound(f"deployment {name} v{version} not found")
    if chosen.status != "completed":
        raise Conflict(f"{name} v{version} is {chosen.status}, not ready")
    return DeploymentPublic.of(store.activate_deployment(name, version))


def _observations(
    service: DecisionService, store: AbstractStore, name: str, requests: list[DecideRequest]
) -> np.ndarray:
    """The requests' states as ``(n, 17)`` observations."""
    rows = []
    for index, request in enumerate(requests):
        if request.features is not None:
            values = request.features.model_dump()
            rows.append([values[n] for n in FEATURE_NAMES])
            continue
        conversation = request.conversation
        assert conversation is not None
        cs = service.scenario(store, name)
        if conversation.inquiry_type not in cs.inquiry_names:
            where = f"body.requests[{index}].conversation.inquiry_type"
            problem = (
                f"{name} serves {', '.join(cs.inquiry_names)}, not {conversation.inquiry_type}"
            )
            raise Unprocessable(problem, [FieldError(path=where, message=problem)])
        actions = [ACTION_NAMES.index(t.action) for t in conversation.turns]
        moods = [*(t.sentiment for t in conversation.turns), conversation.sentiment]
        tier = TIER_NAMES.index(conversation.tier)
        rows.append(observe_conversation(cs, conversation.inquiry_type, tier, actions, moods))
    return np.array(rows, dtype=np.float32)


async def _decide(
    service: DecisionService, store: AbstractStore, name: str, requests: list[DecideRequest]
) -> list[DecisionPublic]:
    def work() -> list[DecisionPublic]:
        try:
            observations = _observations(service, store, name, requests)
            served = service.decide(
                store, name, observations, [(r.contact_id, r.turn) for r in requests]
            )
        except NotDeployed as error:
            raise NotFound(str(error)) from None
        return [DecisionPublic(**vars(s)) for s in served]

    return await run_in_threadpool(work)


@router.post(
    "/{name}/decide", response_model=DecisionPublic, responses=error_responses(400, 404, 413, 422)
)
async def decide(
    name: NameParam, body: DecideRequest, store: StoreDep, service: DecisionsDep
) -> DecisionPublic:
    """Decide one state with the active version: the action, probabilities, rule, fallback."""
    return (await _decide(service, store, name, [body]))[0]


@router.post(
    "/{name}/decide/batch",
    response_model=DecisionsPublic,
    responses=error_responses(400, 404, 413, 422),
)
async def decide_batch(
    name: NameParam, body: DecideBatch, store: StoreDep, service: DecisionsDep
) -> DecisionsPublic:
    """Decide up to 1,024 states in one call, in order."""
    data = await _decide(service, store, name, body.requests)
    return DecisionsPublic(data=data, count=len(data))


@router.get("/{name}/decisions", response_model=DecisionLog, responses=error_responses(404, 422))
def read_decisions(
    name: NameParam,
    store: StoreDep,
    service: DecisionsDep,
    query: Annotated[DecisionsQuery, Query()],
) -> DecisionLog:
    """The latest decisions of every version, newest first (fallbacks carry their reason)."""
    _versions(store, name)
    service.flush()
    data = [LoggedDecision.of(d) for d in store.list_decisions(name, limit=query.limit)]
    return DecisionLog(data=data, count=len(data))


@router.post(
    "/{name}/outcomes",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(400, 404, 413, 422),
)
def report_outcome(name: NameParam, body: OutcomeReport, store: StoreDep) -> None:
    """Report how a contact the deployment served ended, for its decision log's export."""
    _versions(store, name)
    values = body.model_dump()
    store.record_outcome(name, values.pop("contact_id"), values)
