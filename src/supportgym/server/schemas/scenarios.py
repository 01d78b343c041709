"""Models of the scenario endpoints."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from supportgym.server.schemas.common import MAX_YAML_CHARS, FieldError, Request
from supportgym.sim.schema import Scenario


class ScenarioSummary(BaseModel):
    """One scenario of the catalogue: a built-in or an uploaded one."""

    name: str
    source: Literal["builtin", "user"]
    industry: str
    description: str
    version: str
    """The version an environment session gets by default: the built-in's, or the newest upload."""
    versions: list[str]
    """Every known version, oldest first (runs may have recorded older ones)."""
    inquiries: int
    max_turns: int
    difficulty: float


class ScenariosPublic(BaseModel):
    """The scenario catalogue."""

    data: list[ScenarioSummary]
    count: int


class ScenarioPublic(ScenarioSummary):
    """A scenario with its full definition."""

    definition: Scenario


class ScenarioCreate(Request):
    """A scenario as YAML text, as in a scenario file."""

    yaml: str = Field(max_length=MAX_YAML_CHARS)


class ScenarioValidation(BaseModel):
    """Whether a scenario would be accepted; ``errors`` name each field's problem."""

    valid: bool
    name: str | None = None
    version: str | None = None
    errors: list[FieldError] = []
