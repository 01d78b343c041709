"""``/api/datasets``: upload logs, list and inspect them, and analyse them in the job pool.

An upload is the file's bytes as the request body (``application/octet-stream``), its
name and the dataset's in the query; it is checked whole before anything is stored, and
bad records come back as 422 with one error per line and field. Calibrations and
off-policy evaluations are recorded at once (``pending``) and run in a worker process.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status
from starlette.concurrency import run_in_threadpool

from supportgym.data.datasets import import_logs, remove_dataset
from supportgym.data.reader import LogError
from supportgym.server.catalog import find_scenario
from supportgym.server.deps import StoreDep
from supportgym.server.errors import Conflict, NotFound, Unprocessable
from supportgym.server.routes.evaluations import check_run_models
from supportgym.server.routes.runs import JobsDep
from supportgym.server.schemas import FieldError, error_responses
from supportgym.server.schemas.datasets import (
    AnalysesPublic,
    AnalysisPublic,
    CalibrationCreate,
    DatasetPublic,
    DatasetsPublic,
    DatasetsQuery,
    DatasetUpload,
    OpeCreate,
)
from supportgym.sim import Scenario
from supportgym.store import AbstractStore, AnalysisKind, Dataset

router = APIRouter(prefix="/datasets", tags=["datasets"])
DatasetId = Annotated[int, Path(ge=1, le=2**62)]
UPLOAD = {
    "required": True,
    "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
}


def _dataset(store: AbstractStore, dataset_id: int) -> Dataset:
    dataset = store.get_dataset(dataset_id)
    if dataset is None:
        raise NotFound(f"dataset {dataset_id} not found")
    return dataset


def _scenario(store: AbstractStore, dataset: Dataset, name: str | None) -> Scenario:
    """A catalogue scenario, by default the built-in one of the dataset's industry."""
    default = dataset.industries[0] if len(dataset.industries) == 1 else "mixed"
    return find_scenario(store, name or default).definition


@router.post(
    "",
    response_model=DatasetPublic,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(400, 409, 413, 422),
    openapi_extra={"requestBody": UPLOAD},
)
async def create_dataset(
    request: Request, store: StoreDep, query: Annotated[DatasetUpload, Query()]
) -> DatasetPublic:
    """Upload a log file (JSONL, CSV or Parquet, text ones optionally gzipped) as a dataset."""
    raw = await request.body()
    if store.find_dataset(query.name) is not None:
        raise Conflict(f"a dataset named {query.name} exists already")
    try:
        dataset, _ = await run_in_threadpool(import_logs, raw, query.filename, query.name, store)
    except LogError as error:
        errors = [
            FieldError(path=": ".join(p for p in (where, field) if p), message=problem)
            for where, field, problem in error.errors
        ]
        raise Unprocessable(str(error), errors) from None
    return DatasetPublic.of(dataset)


@router.get("", response_model=DatasetsPublic, responses=error_responses(422))
def list_datasets(store: StoreDep, query: Annotated[DatasetsQuery, Query()]) -> DatasetsPublic:
    """Datasets, newest first (``count`` is this page's length)."""
    page = store.list_datasets(limit=query.limit, offset=query.offset)
    data = [DatasetPublic.of(d) for d in page]
    return DatasetsPublic(data=data, count=len(data))


@router.get("/{dataset_id}", response_model=DatasetPublic, responses=error_responses(404, 422))
def read_dataset(dataset_id: DatasetId, store: StoreDep) -> DatasetPublic:
    """One dataset with its per-field summary."""
    return DatasetPublic.of(_dataset(store, dataset_id))


@router.delete(
    "/{dataset_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(404, 422),
)
def delete_dataset(dataset_id: DatasetId, store: StoreDep) -> Response:
    """Delete a dataset and its analyses (and its file, unless another dataset has it too)."""
    remove_dataset(_dataset(store, dataset_id), store)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{dataset_id}/calibrations",
    response_model=AnalysisPublic,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(400, 404, 413, 422),
)
def create_calibration(
    dataset_id: DatasetId, body: CalibrationCreate, store: StoreDep, jobs: JobsDep
) -> AnalysisPublic:
    """Fit a scenario to the dataset in a worker; the fitted scenario joins the catalogue."""
    dataset = _dataset(store, dataset_id)
    base = _scenario(store, dataset, body.base)
    analysis = store.create_analysis(
        dataset_id=dataset.id,
        kind=AnalysisKind.CALIBRATION,
        params={"base": base.name, "budget": body.budget, "seed": body.seed},
    )
    jobs.submit_analysis(analysis, base)
    return AnalysisPublic.of(store.get_analysis(analysis.id) or analysis)


@router.post(
    "/{dataset_id}/ope",
    response_model=AnalysisPublic,
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(400, 404, 409, 413, 422),
)
def create_ope(
    dataset_id: DatasetId, body: OpeCreate, store: StoreDep, jobs: JobsDep
) -> AnalysisPublic:
    """Estimate policies' values on the dataset's contacts in a worker."""
    dataset = _dataset(store, dataset_id)
    policies = list(dict.fromkeys(body.policies))
    check_run_models(store, policies)
    replay = _scenario(store, dataset, body.scenario)
    simulate = find_scenario(store, body.simulate).definition if body.simulate else None
    analysis = store.create_analysis(
        dataset_id=dataset.id,
        kind=AnalysisKind.OPE,
        params={
            "policies": policies,
            "scenario": replay.name,
            "simulate": simulate.name if simulate else None,
            "resamples": body.resamples,
            "seed": body.seed,
        },
    )
    jobs.submit_analysis(analysis, replay, simulate)
    return AnalysisPublic.of(store.get_analysis(analysis.id) or analysis)


@router.get(
    "/{dataset_id}/analyses", response_model=AnalysesPublic, responses=error_responses(404, 422)
)
def list_analyses(dataset_id: DatasetId, store: StoreDep) -> AnalysesPublic:
    """The dataset's calibrations and off-policy evaluations, newest first."""
    _dataset(store, dataset_id)
    data = [AnalysisPublic.of(a) for a in store.list_analyses(dataset_id, limit=1000)]
    return AnalysesPublic(data=data, count=len(data))
