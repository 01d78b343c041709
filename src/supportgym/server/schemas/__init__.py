"""Request and response models of the API, one module per resource."""

from supportgym.server.schemas.common import ErrorResponse, FieldError, error_responses
from supportgym.server.schemas.envs import (
    EnvAutoplay,
    EnvAutoplayRequest,
    EnvCommand,
    EnvResetRequest,
    EnvSessionCreate,
    EnvSessionDetail,
    EnvSessionPublic,
    EnvStep,
    EnvStepRequest,
    EnvTurn,
)
from supportgym.server.schemas.health import HealthPublic
from supportgym.server.schemas.scenarios import (
    ScenarioCreate,
    ScenarioPublic,
    ScenariosPublic,
    ScenarioSummary,
    ScenarioValidation,
)

__all__ = [
    "EnvAutoplay",
    "EnvAutoplayRequest",
    "EnvCommand",
    "EnvResetRequest",
    "EnvSessionCreate",
    "EnvSessionDetail",
    "EnvSessionPublic",
    "EnvStep",
    "EnvStepRequest",
    "EnvTurn",
    "ErrorResponse",
    "FieldError",
    "HealthPublic",
    "ScenarioCreate",
    "ScenarioPublic",
    "ScenarioSummary",
    "ScenarioValidation",
    "ScenariosPublic",
    "error_responses",
]
