"""Models of the deployment, decision and explanation endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    model_validator,
)

from supportgym.data.schema import OUTCOME_FIELDS, TIER_NAMES, LogRecord
from supportgym.server.schemas.common import Request
from supportgym.server.schemas.datasets import Interval, ScenarioRef
from supportgym.server.schemas.runs import Integer
from supportgym.sim.features import FEATURES
from supportgym.sim.schema import ActionName, Name
from supportgym.store import Decision, Deployment, EvaluationStatus

DEPLOYMENT_NAME_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,63}$"
DeploymentName = Annotated[str, StringConstraints(pattern=DEPLOYMENT_NAME_PATTERN)]
ContactId = Annotated[str, StringConstraints(min_length=1, max_length=128)]

FeatureValues: type[Request] = create_model(
    "FeatureValues",
    __base__=Request,
    __doc__="The 17 observation features by name, each within its range.",
    **{
        f.name: (float, Field(ge=f.low, le=f.high, description=f.description, strict=False))
        for f in FEATURES
    },
)


class ConversationTurn(Request):
    """One earlier agent turn: what was done, and the mood read before it."""

    action: ActionName
    sentiment: float | None = Field(default=None, ge=-1.0, le=1.0)


class Conversation(Request):
    """A conversation so far, from which the features are replayed as for logs."""

    inquiry_type: Name
    tier: Literal[TIER_NAMES]  # type: ignore[valid-type]
    turns: list[ConversationTurn] = Field(default_factory=list, max_length=200)
    sentiment: float | None = Field(default=None, ge=-1.0, le=1.0)
    """The mood read now."""


class DecideRequest(Request):
    """One state to decide on: the features by name, or the conversation so far."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"oneOf": [{"required": ["features"]}, {"required": ["conversation"]}]},
    )

    features: FeatureValues = None  # type: ignore[valid-type, assignment]
    conversation: Conversation = None  # type: ignore[assignment]
    contact_id: ContactId | None = None
    """For the decision log: the contact, so that its turns can be exported as logs."""
    turn: Annotated[int, Field(ge=0, le=10_000)] | None = None

    @model_validator(mode="after")
    def _one_state(self) -> DecideRequest:
        if (self.features is None) == (self.conversation is None):
            raise ValueError("give either features or conversation")
        return self


class DecideBatch(Request):
    """Several states decided in one call."""

    requests: list[DecideRequest] = Field(min_length=1, max_length=1024)


class DecisionPublic(BaseModel):
    """What a deployment answered, and why."""

    deployment: str
    version: int
    action: ActionName
    model_action: ActionName
    """What the model chose within the mask (on a fallback, the playbook answered)."""
    probabilities: dict[str, float]
    masked: list[str]
    fallback: str | None
    """Why the playbook decided instead of the model, if it did."""
    rule: str | None
    """The distilled rule the state fits, in words."""


class DecisionsPublic(BaseModel):
    """Several decisions, in the order asked."""

    data: list[DecisionPublic]
    count: int


class LoggedDecision(BaseModel):
    """One entry of a deployment's decision log."""

    id: int
    version: int
    created_at: datetime
    contact_id: str | None
    turn: int | None
    features: dict[str, float]
    action: str
    model_action: str
    probabilities: list[float]
    fallback: str | None
    rule: str | None

    @classmethod
    def of(cls, decision: Decision) -> LoggedDecision:
        """The API's view of a logged decision."""
        fields = {name: getattr(decision, name) for name in cls.model_fields if name != "features"}
        features = dict(zip((f.name for f in FEATURES), decision.features, strict=True))
        return cls(**fields, features=features)


class DecisionsQuery(Request):
    """How many of the latest decisions to list."""

    limit: int = Field(default=100, ge=1, le=1000)


class DecisionLog(BaseModel):
    """A deployment's latest decisions, newest first."""

    data: list[LoggedDecision]
    count: int


def _required(name: str) -> Any:
    """A log-format outcome field as a required field with the same type and bounds."""
    info = LogRecord.model_fields[name]
    inner = next(t for t in info.annotation.__args__ if t is not type(None))  # type: ignore[union-attr]
    return (Annotated[inner, *info.metadata] if info.metadata else inner, ...)


OutcomeReport: type[Request] = create_model(
    "OutcomeReport",
    __base__=Request,
    __doc__="How a contact the deployment served ended (the log format's outcome fields).",
    contact_id=(ContactId, ...),
    **{name: _required(name) for name in OUTCOME_FIELDS},
)


class DeploymentCreate(Request):
    """Deploy a completed run as the next version of a name."""

    run_id: Integer = Field(ge=1, le=2**62)
    name: DeploymentName
    threshold: float = Field(default=0.4, ge=0.0, le=1.0)
    """Below this top probability the playbook decides instead."""


class RollbackRequest(Request):
    """Which version to make active; default: the ready one before the active one."""

    version: Annotated[int, Field(ge=1, le=2**31)] | None = None


class DeploymentPublic(BaseModel):
    """One version of a deployment."""

    id: int
    name: str
    version: int
    run_id: int
    created_at: datetime
    status: EvaluationStatus
    active: bool
    threshold: float
    algorithm: str
    scenario: str
    scenario_version: str
    ranges: dict[str, list[float]]
    rules: int
    """How many distilled rules it names decisions by."""
    error: str | None

    @classmethod
    def of(cls, deployment: Deployment) -> DeploymentPublic:
        """The API's view of a stored deployment (not where its model file is)."""
        fields = {n: getattr(deployment, n) for n in cls.model_fields if n != "rules"}
        return cls(**fields, rules=len(deployment.rules.get("rules", [])))


class DeploymentsPublic(BaseModel):
    """Deployments' versions, by name then newest first."""

    data: list[DeploymentPublic]
    count: int


class RulePublic(BaseModel):
    """One distilled rule."""

    text: str
    action: str
    states: int
    agreement: float


class Importance(BaseModel):
    """A feature's permutation importance: the share of choices that change, over repeats."""

    mean: float
    std: float


class Explanation(BaseModel):
    """A run's distilled playbook, its fidelity, scores and feature importances."""

    run_id: int
    algorithm: str
    scenario: ScenarioRef
    created_at: datetime
    episodes: int
    seed: int
    states: int
    depth: int
    fidelity: Interval
    fidelity_by_depth: dict[str, float]
    rules: list[RulePublic]
    default: str
    scores: dict[str, Interval]
    """``model``, ``tree`` and ``playbook``: normalized scores on held-out customers."""
    importance: dict[str, dict[str, Importance]]
    """``model`` and ``playbook``: feature -> importance."""


class ExplanationPublic(BaseModel):
    """A run's explanation, once computed."""

    run_id: int
    status: Literal["none", "pending", "completed", "failed"]
    explanation: Explanation | None = None
    error: str | None = None
