"""``/api/scenarios``: the catalogue (built-in and uploaded), validation and upload."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from supportgym.server.catalog import find_scenario, list_catalog
from supportgym.server.deps import StoreDep
from supportgym.server.errors import Unprocessable, summary
from supportgym.server.schemas import (
    FieldError,
    ScenarioCreate,
    ScenarioPublic,
    ScenariosPublic,
    ScenarioValidation,
    error_responses,
)
from supportgym.server.schemas.common import SCENARIO_NAME_PATTERN, VERSION_PATTERN
from supportgym.sim import BUILTIN_SCENARIOS, Scenario, ScenarioError
from supportgym.sim.library import parse_scenario_yaml

router = APIRouter(prefix="/scenarios", tags=["scenarios"])


def _parse(text: str) -> tuple[Scenario | None, list[FieldError]]:
    """The scenario in ``text``, or the problems with it (never an exception)."""
    try:
        scenario = parse_scenario_yaml(text, "scenario")
    except ScenarioError as error:
        return None, [FieldError(path=path, message=problem) for path, problem in error.errors]
    if scenario.name in BUILTIN_SCENARIOS:
        problem = f"{scenario.name!r} is a built-in scenario; give yours another name"
        return None, [FieldError(path="name", message=problem)]
    return scenario, []


@router.get("", response_model=ScenariosPublic)
def list_scenarios(store: StoreDep) -> ScenariosPublic:
    """The built-in scenarios, then the uploaded ones, each with its known versions."""
    data = list_catalog(store)
    return ScenariosPublic(data=data, count=len(data))


@router.get("/{name}", response_model=ScenarioPublic, responses=error_responses(404, 422))
def read_scenario(
    name: Annotated[str, Path(pattern=SCENARIO_NAME_PATTERN)],
    store: StoreDep,
    version: Annotated[
        str | None, Query(pattern=VERSION_PATTERN, description="Default: the current version.")
    ] = None,
) -> ScenarioPublic:
    """One scenario's full definition."""
    return find_scenario(store, name, version)


@router.post(
    "/validate", response_model=ScenarioValidation, responses=error_responses(400, 413, 422)
)
def validate_scenario(body: ScenarioCreate) -> ScenarioValidation:
    """Check a scenario without storing it: whether it is valid, and each field's problem."""
    scenario, errors = _parse(body.yaml)
    if scenario is None:
        return ScenarioValidation(valid=False, errors=errors)
    return ScenarioValidation(valid=True, name=scenario.name, version=scenario.version)


@router.post(
    "",
    response_model=ScenarioPublic,
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(400, 413, 422),
)
def create_scenario(body: ScenarioCreate, store: StoreDep) -> ScenarioPublic:
    """Upload a scenario (YAML); it is stored under its version, an existing one is kept."""
    scenario, errors = _parse(body.yaml)
    if scenario is None:
        raise Unprocessable(f"invalid scenario: {summary(errors)}", errors)
    store.upsert_scenario(scenario)
    return find_scenario(store, scenario.name, scenario.version)
