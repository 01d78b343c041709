"""Shared pieces of the API's models: error bodies, name and id patterns, limits."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints

SCENARIO_NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
"""The same rule as the scenario schema's names: never a path."""
VERSION_PATTERN = r"^[0-9a-f]{12}$"
SESSION_ID_PATTERN = r"^[0-9a-f]{32}$"
ScenarioName = Annotated[str, StringConstraints(pattern=SCENARIO_NAME_PATTERN)]
"""A built-in or uploaded scenario's name."""
ScenarioVersion = Annotated[str, StringConstraints(pattern=VERSION_PATTERN)]
MAX_SEED = 2**62
MAX_YAML_CHARS = 200_000
MAX_AUTOPLAY_STEPS = 1000


class Request(BaseModel):
    """A request body: unknown fields are refused, so typos do not pass silently."""

    model_config = ConfigDict(extra="forbid")


class FieldError(BaseModel):
    """One problem with one field."""

    path: str
    """Where: ``body.seed``, ``inquiries[0].urgency``; empty for the whole input."""
    message: str


class ErrorResponse(BaseModel):
    """Every error the API returns: a one-line message, and the field problems if any."""

    detail: str
    errors: list[FieldError] = []


_DESCRIPTIONS = {
    400: "The body could not be parsed",
    401: "Missing or wrong bearer token (only when the server has one)",
    404: "Not found (or expired)",
    409: "Conflict with the current state",
    413: "Request body too large",
    422: "Invalid input",
    429: "Too many live sessions",
}


def error_responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` documenting ``codes`` with the :class:`ErrorResponse` body."""
    return {code: {"model": ErrorResponse, "description": _DESCRIPTIONS[code]} for code in codes}
