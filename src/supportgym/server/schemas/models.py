"""Trained models: the final models of completed runs, as policies to evaluate or play."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from supportgym.server.schemas.common import Request
from supportgym.store import Run


class ModelPublic(BaseModel):
    """A trained model; ``policy`` is its spec for evaluations and autoplay."""

    run_id: int
    policy: str
    """``run:<id>``."""
    algorithm: str
    scenario: str
    scenario_version: str
    seed: int
    total_timesteps: int
    timesteps_done: int
    trained_at: datetime | None

    @classmethod
    def of(cls, run: Run) -> ModelPublic:
        """The model of a completed run."""
        return cls(
            run_id=run.id,
            policy=f"run:{run.id}",
            algorithm=run.algorithm,
            scenario=run.scenario,
            scenario_version=run.scenario_version,
            seed=run.seed,
            total_timesteps=run.total_timesteps,
            timesteps_done=run.timesteps_done,
            trained_at=run.finished_at,
        )


class ModelsQuery(Request):
    """Which page of models to list."""

    limit: int = Field(default=100, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=2**62)


class ModelsPublic(BaseModel):
    """A page of models, newest first, and how many completed runs there are in all."""

    data: list[ModelPublic]
    count: int
