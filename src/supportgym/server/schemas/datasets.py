"""Models of the dataset and analysis endpoints: uploaded logs, calibrations, OPE."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints

from supportgym.policies import BUILTIN_POLICIES
from supportgym.server.schemas.common import MAX_SEED, Request, ScenarioName
from supportgym.server.schemas.evaluations import RUN_SPEC_PATTERN
from supportgym.server.schemas.runs import Integer
from supportgym.store import Analysis, AnalysisKind, Dataset, EvaluationStatus

DATASET_NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$"
FILENAME_PATTERN = r"^[^/\\\x00-\x1f]{1,190}\.(jsonl|jsonl\.gz|csv|csv\.gz|parquet)$"
"""A file's name only, never a path, ending in its format (lower case): it is recorded."""
OffPolicySpec = (
    Literal[tuple(p for p in BUILTIN_POLICIES if p != "oracle")]  # type: ignore[valid-type]
    | Annotated[str, StringConstraints(pattern=RUN_SPEC_PATTERN)]
)
"""A policy an off-policy evaluation can score: built-in but the oracle (it reads the
hidden state, which logs lack), or ``run:<id>``."""


class DatasetUpload(Request):
    """The query of an upload: the new dataset's name and the file's."""

    name: str = Field(pattern=DATASET_NAME_PATTERN)
    filename: str = Field(pattern=FILENAME_PATTERN)
    """The uploaded file's name (``week-48.jsonl.gz``): its format, recorded as the source."""


class DatasetsQuery(Request):
    """Which page of datasets to list."""

    limit: int = Field(default=100, ge=1, le=1000)
    offset: int = Field(default=0, ge=0, le=2**62)


class FieldSummary(BaseModel):
    """One field of the logs: how often given, and its counts or its range and mean."""

    field: str
    per: Literal["turn", "contact"]
    given: int
    counts: dict[str, int] | None = None
    distinct: int | None = None
    min: float | None = None
    max: float | None = None
    mean: float | None = None


class DatasetPublic(BaseModel):
    """Imported logs: where they came from, their size and the summary of every field."""

    id: int
    name: str
    created_at: datetime
    source: str
    format: str
    content_hash: str
    rows: int
    contacts: int
    industries: list[str]
    summary: list[FieldSummary]

    @classmethod
    def of(cls, dataset: Dataset) -> DatasetPublic:
        """The API's view of a stored dataset (not where its file is)."""
        return cls(**{name: getattr(dataset, name) for name in cls.model_fields})


class DatasetsPublic(BaseModel):
    """Datasets, newest first."""

    data: list[DatasetPublic]
    count: int


class Interval(BaseModel):
    """An estimate and its 95% CI (null where undefined)."""

    value: float | None
    low: float | None
    high: float | None


class ScenarioRef(BaseModel):
    """A scenario by name and version."""

    name: str
    version: str


class StatisticFit(BaseModel):
    """One calibration statistic: the logs', the base scenario's and the fitted one's."""

    name: str
    observed: Interval
    base: Interval
    fitted: Interval


class ParameterFit(BaseModel):
    """One scenario parameter before and after calibration, and how it was found."""

    path: str
    base: float
    fitted: float
    how: str


class CalibrationResults(BaseModel):
    """A fitted scenario (stored in the catalogue) and how well it matches the logs."""

    base: ScenarioRef
    fitted: ScenarioRef
    statistics: list[StatisticFit]
    parameters: list[ParameterFit]
    distance: dict[str, float]
    """Sum of squared standardized misfits, of ``base`` and ``fitted``."""
    evaluations: int


class PolicyEstimates(BaseModel):
    """One policy's off-policy estimates: estimator -> quantity -> estimate, diagnostics."""

    policy: str
    estimates: dict[str, dict[str, Interval]]
    """``pdis``, ``wpdis``, ``dr``, ``fqe`` -> ``return`` or a KPI -> estimate."""
    effective_contacts: float
    matched_contacts: int
    off_support: float
    warnings: list[str]


class SimulatedValues(BaseModel):
    """The same policies played in a scenario: the simulator's answer beside the logs'."""

    scenario: str
    version: str
    policies: dict[str, dict[str, Interval]]


class OpeResults(BaseModel):
    """Off-policy estimates of several policies on one dataset."""

    source: str
    scenario: str
    version: str
    contacts: int
    turns: int
    propensities: Literal["logged", "cloned"]
    defaulted_features: list[str]
    resamples: int
    seed: int
    policies: list[PolicyEstimates]
    simulated: SimulatedValues | None = None


class AnalysisPublic(BaseModel):
    """A calibration or off-policy evaluation of a dataset; its results once completed."""

    id: int
    dataset_id: int
    kind: AnalysisKind
    created_at: datetime
    status: EvaluationStatus
    params: dict[str, Any]
    error: str | None
    calibration: CalibrationResults | None = None
    ope: OpeResults | None = None

    @classmethod
    def of(cls, analysis: Analysis) -> AnalysisPublic:
        """The API's view of a stored analysis."""
        completed = analysis.status == EvaluationStatus.COMPLETED and analysis.results
        results = {analysis.kind.value: analysis.results} if completed else {}
        return cls(
            id=analysis.id,
            dataset_id=analysis.dataset_id,
            kind=analysis.kind,
            created_at=analysis.created_at,
            status=analysis.status,
            params=analysis.params,
            error=analysis.error,
            **results,
        )


class AnalysesPublic(BaseModel):
    """Analyses, newest first."""

    data: list[AnalysisPublic]
    count: int


class CalibrationCreate(Request):
    """Fit a scenario to the dataset, starting from ``base``."""

    base: ScenarioName | None = None
    """Built-in or uploaded; default: the built-in scenario of the logs' industry."""
    budget: Integer = Field(default=60, ge=1, le=2000)
    """Candidate parameter sets to simulate (about a second each)."""
    seed: Integer = Field(default=0, ge=0, le=MAX_SEED)


class OpeCreate(Request):
    """Estimate how policies would have done on the dataset's contacts."""

    policies: list[OffPolicySpec] = Field(min_length=1, max_length=8)
    """Built-in policies (not the oracle, which needs hidden state) or ``run:<id>``."""
    scenario: ScenarioName | None = None
    """Where the logs are replayed; default: the built-in scenario of the logs' industry."""
    simulate: ScenarioName | None = None
    """Also play the policies in this scenario (say, a calibrated one)."""
    resamples: Integer = Field(default=500, ge=10, le=10_000)
    seed: Integer = Field(default=0, ge=0, le=MAX_SEED)
