"""Models of the evaluation endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints

from supportgym.policies import BUILTIN_POLICIES
from supportgym.server.schemas.common import MAX_SEED, Request, ScenarioName
from supportgym.server.schemas.runs import Integer
from supportgym.store import Evaluation, EvaluationStatus

MAX_EPISODES = 20_000
RUN_SPEC_PATTERN = r"^(tree:)?run:[1-9][0-9]{0,17}$"
"""A trained run's model, ``run:<id>``, or the rules distilled from it, ``tree:run:<id>``."""
DEFAULT_EVALUATION_SEED = 1_000_000_000
BuiltinPolicy = Literal[BUILTIN_POLICIES]  # type: ignore[valid-type]
PolicySpec = BuiltinPolicy | Annotated[str, StringConstraints(pattern=RUN_SPEC_PATTERN)]
"""A built-in policy, ``run:<id>`` or ``tree:run:<id>``: never a file path."""


class EvaluationCreate(Request):
    """Policies to compare on scenarios (built-in or uploaded) over the same episodes."""

    policies: list[PolicySpec] = Field(min_length=1, max_length=16)
    """Built-in policies (``playbook``, ``always_escalate`` …) or ``run:<id>``."""
    scenarios: list[ScenarioName] = Field(default=["mixed"], min_length=1, max_length=4)
    episodes: Integer = Field(default=200, ge=1, le=MAX_EPISODES)
    """Episodes per policy and scenario."""
    seed: Integer = Field(default=DEFAULT_EVALUATION_SEED, ge=0, le=MAX_SEED - 2**15)
    """Episode ``k`` is seeded ``seed + k``; it also seeds the bootstraps.

    (The bound leaves room for the episodes and is exact as a float, as JSON readers see it.)
    """
    difficulty: float | None = Field(default=None, ge=0.0, le=1.0, strict=True)
    """Overrides every scenario's own difficulty."""
    name: str | None = Field(default=None, min_length=1, max_length=200)


class EvaluationPublic(BaseModel):
    """An evaluation; ``results`` (KPIs with CIs per policy) once it completed."""

    id: int
    created_at: datetime
    name: str
    policies: list[str]
    scenarios: list[str]
    scenario_versions: dict[str, str]
    episodes: int
    seed: int
    status: EvaluationStatus
    error: str | None
    """Why it failed."""
    results: dict[str, Any] | None

    @classmethod
    def of(cls, evaluation: Evaluation) -> EvaluationPublic:
        """The API's view of a stored evaluation."""
        completed = evaluation.status == EvaluationStatus.COMPLETED
        return cls(
            id=evaluation.id,
            created_at=evaluation.created_at,
            name=evaluation.name,
            policies=evaluation.policies,
            scenarios=evaluation.scenarios,
            scenario_versions=evaluation.scenario_versions,
            episodes=evaluation.episodes,
            seed=evaluation.seed,
            status=evaluation.status,
            error=evaluation.error,
            results=evaluation.results if completed else None,
        )


class EvaluationsQuery(Request):
    """Which page of evaluations to list."""

    limit: int = Field(default=100, ge=1, le=500)
    offset: int = Field(default=0, ge=0, le=2**62)


class EvaluationsPublic(BaseModel):
    """A page of evaluations, newest first."""

    data: list[EvaluationPublic]
    count: int
