"""``/api/models``: the trained models (final models of completed runs)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from supportgym.server.deps import StoreDep
from supportgym.server.errors import NotFound
from supportgym.server.schemas import error_responses
from supportgym.server.schemas.models import ModelPublic, ModelsPublic, ModelsQuery
from supportgym.store import RunStatus

router = APIRouter(prefix="/models", tags=["models"])


@router.get("", response_model=ModelsPublic, responses=error_responses(422))
def list_models(query: Annotated[ModelsQuery, Query()], store: StoreDep) -> ModelsPublic:
    """Trained models, newest first."""
    runs = store.list_runs(RunStatus.COMPLETED, limit=query.limit, offset=query.offset)
    models = [ModelPublic.of(run) for run in runs if run.model_path is not None]
    return ModelsPublic(data=models, count=store.count_runs(RunStatus.COMPLETED))


@router.get("/{run_id}", response_model=ModelPublic, responses=error_responses(404, 422))
def read_model(run_id: Annotated[int, Path(ge=1, le=2**62)], store: StoreDep) -> ModelPublic:
    """The model of one completed run."""
    run = store.get_run(run_id)
    if run is None or run.status is not RunStatus.COMPLETED or run.model_path is None:
        raise NotFound(f"run {run_id} has no trained model")
    return ModelPublic.of(run)
