"""Models of the environment-session endpoints and of their WebSocket messages."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainValidator, WithJsonSchema, model_validator

from supportgym.policies import BUILTIN_POLICIES
from supportgym.server.schemas.common import (
    MAX_AUTOPLAY_STEPS,
    MAX_SEED,
    SCENARIO_NAME_PATTERN,
    VERSION_PATTERN,
    FieldError,
    Request,
)
from supportgym.sim.actions import Action
from supportgym.sim.schema import ActionName

ACTION_NAMES = tuple(a.name.lower() for a in Action)
RUN_POLICY = re.compile(r"^(tree:)?run:[1-9][0-9]{0,17}$")
"""A completed run's model, ``run:<id>``, or its distilled rules, ``tree:run:<id>``."""


def _parse_action(value: object) -> Action:
    if isinstance(value, float) and value.is_integer():  # JSON Schema: 3.0 is an integer
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Action.parse(value)
    if isinstance(value, str) and value in ACTION_NAMES:
        return Action[value.upper()]
    raise ValueError(
        f"unknown action {value!r}; give an index 0-{len(Action) - 1} "
        f"or one of {', '.join(ACTION_NAMES)}"
    )


def _parse_policy(value: object) -> str:
    if isinstance(value, str) and (value in BUILTIN_POLICIES or RUN_POLICY.match(value)):
        return value
    raise ValueError(
        f"unknown policy {value!r}; built-in policies: {', '.join(BUILTIN_POLICIES)}; "
        "or run:<id> (a completed training run) or tree:run:<id> (its distilled rules)"
    )


ActionInput = Annotated[
    Action,
    PlainValidator(_parse_action),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": len(Action) - 1},
                {"type": "string", "enum": list(ACTION_NAMES)},
            ],
            "description": "An action by index (0-7) or by name.",
        }
    ),
]
PolicySpec = Annotated[
    str,
    PlainValidator(_parse_policy),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "enum": list(BUILTIN_POLICIES)},
                {"type": "string", "pattern": RUN_POLICY.pattern},
            ],
            "description": "A built-in policy, run:<id> for a completed run's model, or "
            "tree:run:<id> for the rules distilled from it.",
        }
    ),
]
Seed = Annotated[int, Field(ge=0, le=MAX_SEED)]


class EnvSessionCreate(Request):
    """A new conversation: which scenario, which customer (seed), how hard."""

    scenario: str = Field(default="mixed", pattern=SCENARIO_NAME_PATTERN)
    version: str | None = Field(
        default=None, pattern=VERSION_PATTERN, description="A stored version of the scenario."
    )
    seed: Seed | None = Field(default=None, description="Default: one drawn by the server.")
    difficulty: float | None = Field(
        default=None, ge=0.0, le=1.0, allow_inf_nan=False, description="Default: the scenario's."
    )


class EnvResetRequest(Request):
    """Start the session's next conversation."""

    seed: Seed | None = Field(default=None, description="Default: one drawn by the server.")


class EnvStepRequest(Request):
    """The agent's next response strategy."""

    action: ActionInput


class EnvAutoplayRequest(Request):
    """Let a policy act for some turns, or to the end of the conversation."""

    policy: PolicySpec
    steps: int | None = Field(default=None, ge=1, le=MAX_AUTOPLAY_STEPS)


class FeatureValue(BaseModel):
    """One observed feature with its bounds and meaning."""

    name: str
    value: float
    low: float
    high: float
    description: str


class CustomerHeader(BaseModel):
    """What the agent is told up front about the customer."""

    industry: str
    tier: Literal["standard", "premium", "vip"]
    inquiry: str


class EnvTurn(BaseModel):
    """One turn of a conversation, as kept in the transcript."""

    turn: int
    action: int
    action_name: ActionName
    reply: str
    """The customer's reply."""
    reward: float
    reward_components: dict[str, float]
    sentiment: float
    """The customer's mood as observed after the turn."""
    terminated: bool
    truncated: bool
    kpis: dict[str, float] | None = None
    """The episode's KPIs, on its last turn."""
    policy: str | None = None
    """The policy that chose the action; none when a client did."""
    action_probabilities: list[float] | None = None
    """The policy's probability of each action. Trained models report their own; the
    built-in rules are deterministic (one-hot of their choice), except ``random`` (uniform)."""


class EnvStep(EnvTurn):
    """The result of one step: the turn and the new observation."""

    observation: list[FeatureValue]
    action_mask: list[bool]


class EnvSessionPublic(BaseModel):
    """A live environment session and its current conversation."""

    id: str
    scenario: str
    scenario_version: str
    seed: int
    difficulty: float
    max_turns: int
    episode: int
    """1 for the first conversation, counting up with each reset."""
    customer: CustomerHeader
    opening: str
    """The customer's opening line."""
    observation: list[FeatureValue]
    action_mask: list[bool]
    actions: list[ActionName]
    """Action names by index."""
    sentiment: float
    turn: int
    """Turns taken so far."""
    terminated: bool
    truncated: bool
    kpis: dict[str, float] | None = None


class EnvSessionDetail(EnvSessionPublic):
    """A session with its transcript so far."""

    turns: list[EnvTurn]


class EnvAutoplay(BaseModel):
    """The turns a policy played."""

    policy: str
    steps: list[EnvStep]
    terminated: bool
    truncated: bool
    kpis: dict[str, float] | None = None


class EnvCommand(Request):
    """A WebSocket message from the client: exactly one of ``action``, ``autoplay``, ``reset``."""

    action: ActionInput | None = None
    autoplay: PolicySpec | None = None
    steps: int | None = Field(default=None, ge=1, le=MAX_AUTOPLAY_STEPS)
    """With ``autoplay``: how many turns (default: to the end)."""
    reset: EnvResetRequest | None = None

    @model_validator(mode="after")
    def _one_command(self) -> EnvCommand:
        commands = (self.action, self.autoplay, self.reset)
        given = [command for command in commands if command is not None]
        if len(given) != 1:
            raise ValueError("send exactly one of action, autoplay or reset")
        if self.steps is not None and self.autoplay is None:
            raise ValueError("steps goes with autoplay")
        return self


class EnvStreamSession(BaseModel):
    """WebSocket message: the session's state and transcript (on connect, after a reset)."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    type: Literal["session"] = "session"
    session: EnvSessionDetail


class EnvStreamStep(BaseModel):
    """WebSocket message: one step taken (one per turn of an autoplay)."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    type: Literal["step"] = "step"
    step: EnvStep


class EnvStreamError(BaseModel):
    """WebSocket message: a command was refused; the connection stays open."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)

    type: Literal["error"] = "error"
    status: int
    """The HTTP status the same request would get (404, 409, 422 …)."""
    detail: str
    errors: list[FieldError] = []
