"""Models of the training-run endpoints."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from supportgym.server.schemas.common import MAX_SEED, Request, ScenarioName, ScenarioVersion
from supportgym.store import MetricPoint, Run, RunStatus

MAX_TIMESTEPS = 5_000_000
MAX_N_ENVS = 4096
Algorithm = Literal["ppo", "a2c", "dqn", "maskable_ppo"]


def _number(value: object) -> object:
    """JSON numbers only: ``false`` and ``"5"`` are not integers (``5.0`` is, as in JSON)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a JSON number")
    return value


Integer = Annotated[int, BeforeValidator(_number)]


class RunCreate(Request):
    """A training run to start."""

    algorithm: Algorithm
    scenario: ScenarioName = "mixed"
    """A built-in or uploaded scenario's name."""
    scenario_version: ScenarioVersion | None = None
    """A stored version of the scenario; default the built-in's, or the newest upload."""
    timesteps: Integer = Field(default=200_000, ge=1, le=MAX_TIMESTEPS)
    """Environment steps to train for (over all envs)."""
    n_envs: Integer = Field(default=16, ge=1, le=MAX_N_ENVS)
    seed: Integer = Field(default=0, ge=0, le=MAX_SEED)
    difficulty: float | None = Field(default=None, ge=0.0, le=1.0, strict=True)
    """Fixed difficulty; default the scenario's."""
    curriculum: bool = Field(default=False, strict=True)
    overrides: dict[str, Any] = Field(default_factory=dict)
    """Hyperparameters replacing the algorithm's defaults (constructor arguments)."""
    checkpoint_every: (
        Annotated[int, Field(ge=1, le=MAX_TIMESTEPS), BeforeValidator(_number)] | None
    ) = None
    """Timesteps between checkpoints; default a tenth of the run (at most 50,000)."""


class RunPublic(BaseModel):
    """A training run: its configuration, progress and outcome."""

    id: int
    algorithm: str
    scenario: str
    scenario_version: str
    difficulty: float
    hyperparameters: dict[str, Any]
    seed: int
    n_envs: int
    total_timesteps: int
    curriculum: bool
    package_version: str
    status: RunStatus
    """``queued`` also while a resume waits for a worker."""
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    timesteps_done: int
    progress: float
    """``timesteps_done / total_timesteps``, in [0, 1]."""
    has_model: bool
    """Whether the run saved a final model (``run:<id>`` can then be evaluated)."""
    error: str | None
    parent_run_id: int | None

    @classmethod
    def of(cls, run: Run) -> RunPublic:
        """The API's view of a stored run."""
        return cls(
            id=run.id,
            algorithm=run.algorithm,
            scenario=run.scenario,
            scenario_version=run.scenario_version,
            difficulty=run.difficulty,
            hyperparameters=run.hyperparameters,
            seed=run.seed,
            n_envs=run.n_envs,
            total_timesteps=run.total_timesteps,
            curriculum=run.curriculum,
            package_version=run.package_version,
            status=run.status,
            created_at=run.created_at,
            started_at=run.started_at,
            finished_at=run.finished_at,
            timesteps_done=run.timesteps_done,
            progress=min(1.0, run.timesteps_done / run.total_timesteps),
            has_model=run.model_path is not None,
            error=run.error,
            parent_run_id=run.parent_run_id,
        )


class RunsQuery(Request):
    """Which page of runs to list."""

    status: RunStatus | None = None
    """Only runs with this status."""
    limit: int = Field(default=100, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=2**62)


class MetricsQuery(Request):
    """Which metric points to read."""

    after_step: int | None = Field(default=None, ge=-1, le=2**62)
    """Only the points after this step (to poll for new ones)."""


class RunsPublic(BaseModel):
    """A page of runs, newest first, and how many there are in all."""

    data: list[RunPublic]
    count: int


class MetricPointPublic(BaseModel):
    """The metrics a run logged at one step (NaN and infinities as null)."""

    step: int
    wall_time: float
    """Seconds since the run started."""
    values: dict[str, float | None]

    @classmethod
    def of(cls, point: MetricPoint) -> MetricPointPublic:
        """The API's view of a stored point."""
        values = {k: v if math.isfinite(v) else None for k, v in point.values.items()}
        return cls(step=point.step, wall_time=point.wall_time, values=values)


class RunMetricsPublic(BaseModel):
    """A run's metric points by step."""

    data: list[MetricPointPublic]
    count: int


class RunEvent(BaseModel):
    """A message of ``WS /api/runs/{id}/ws``.

    ``metrics`` carries new points; ``status`` a status change; ``heartbeat`` the
    progress when nothing else was sent for a second; ``final`` the ended run, after
    which the server closes the socket.
    """

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    type: Literal["metrics", "status", "heartbeat", "final"]
    status: RunStatus
    progress: float
    timesteps_done: int
    points: list[MetricPointPublic] = []
    run: RunPublic | None = None
