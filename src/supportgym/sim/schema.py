"""The ``Scenario`` schema: an industry's customers, actions' effects, economics and rewards.

Scenarios are data. They are validated once here (``extra="forbid"``, frozen) and
compiled into arrays by :mod:`supportgym.sim.compile`; the step loop never sees them.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

Probability = Annotated[float, Field(ge=0.0, le=1.0)]
NonNegative = Annotated[float, Field(ge=0.0)]
Name = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Industry = Literal["bfsi", "retail", "tech"]
FixName = Literal["standard", "technical", "escalation", "compensation"]
SolutionAction = Literal[
    "standard_solution", "technical_troubleshooting", "offer_compensation", "escalate"
]
ActionName = Literal[
    "empathize",
    "ask_clarifying_question",
    "standard_solution",
    "technical_troubleshooting",
    "offer_compensation",
    "escalate",
    "upsell",
    "close_case",
]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Distribution(_Model):
    """Named probabilities (every field) that must sum to 1."""

    @model_validator(mode="after")
    def _sums_to_one(self) -> _Distribution:
        total = sum(getattr(self, name) for name in type(self).model_fields)
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"probabilities must sum to 1, got {total:.4g}")
        return self


class FixMix(_Distribution):
    """Probabilities of the strategy that actually resolves the issue; they sum to 1."""

    standard: Probability = 0.0
    technical: Probability = 0.0
    escalation: Probability = 0.0
    compensation: Probability = 0.0


class Inquiry(_Model):
    """One inquiry type: how often it comes, how urgent and hard it is, what fixes it."""

    name: Name
    industry: Industry
    weight: float = Field(gt=0.0, description="Relative frequency among the scenario's contacts.")
    urgency: Probability = Field(description="Visible urgency; lowers patience and mood.")
    complexity: float = Field(
        ge=0.2, le=10.0, description="Mean progress a fix needs (about one turn per unit)."
    )
    fix: FixMix
    playbook_action: ActionName = Field(
        description="The first-line response a support lead's playbook prescribes."
    )


class TierMix(_Distribution):
    """Share of standard, premium and VIP customers; sums to 1."""

    standard: Probability
    premium: Probability
    vip: Probability


class Normal(_Model):
    """A normal distribution, clipped to the trait's range when sampled."""

    mean: float
    std: NonNegative


class Customers(_Model):
    """Distributions of the hidden customer traits."""

    tiers: TierMix
    sentiment: Normal = Normal(mean=-0.1, std=0.3)
    patience: Normal = Normal(mean=8.0, std=2.0)
    complexity_spread: NonNegative = Field(
        default=0.5, description="Log-normal spread of an issue's complexity around its mean."
    )
    savvy: Normal = Normal(mean=0.5, std=0.2)
    upsell_receptiveness: Normal = Normal(mean=0.35, std=0.2)
    urgency_effect: Probability = Field(
        default=0.3,
        description="Urgency 1 lowers starting mood by this and patience by this share.",
    )
    sentiment_noise: NonNegative = Field(default=0.1, description="Std of the observed mood.")
    progress_noise: NonNegative = Field(default=0.1, description="Std of the observed progress.")


class Dynamics(_Model):
    """How actions move progress, mood and patience."""

    progress: dict[SolutionAction, dict[FixName, NonNegative]] = Field(
        description="Progress per use of each solution action, by the issue's true fix strategy; "
        "offer_compensation and escalate resolve their own strategy outright."
    )
    savvy_weight: NonNegative = Field(
        default=1.0, description="Troubleshooting progress scales with 1 + weight * (savvy - 0.5)."
    )
    clarification_bonus: NonNegative = Field(
        default=0.25, description="Extra solution progress once the issue has been clarified."
    )
    clarification_accuracy: Probability = Field(
        default=0.8, description="Chance a clarifying answer points at the true fix strategy."
    )
    max_clarifications: int = Field(default=2, ge=0, le=10)
    empathy_gain: NonNegative = 0.35
    empathy_decay: Probability = Field(default=0.5, description="Repeat empathy keeps this share.")
    success_gain: NonNegative = 0.12
    failure_loss: NonNegative = 0.2
    fix_gain: NonNegative = 0.35
    compensation_gain: NonNegative = 0.2
    unneeded_escalation_loss: NonNegative = 0.15
    upsell_rejection_loss: NonNegative = 0.2
    invalid_action_loss: NonNegative = 0.05
    close_unresolved_loss: NonNegative = 0.5
    waiting_drift: NonNegative = Field(
        default=0.03, description="Mood lost per turn, x(1+urgency)."
    )
    mood_noise: NonNegative = 0.03
    impatience: NonNegative = Field(
        default=1.0, description="Extra patience lost per turn when upset."
    )
    wrap_up_impatience: NonNegative = Field(
        default=1.5, description="Extra patience lost per turn once the issue is resolved."
    )

    @model_validator(mode="after")
    def _every_solution_action(self) -> Dynamics:
        missing = sorted(set(SolutionAction.__args__) - set(self.progress))
        if missing:
            raise ValueError(f"progress is missing actions: {', '.join(missing)}")
        return self


class Economics(_Model):
    """Money: upsell revenue and compensation cost per tier, escalation and time cost."""

    upsell_revenue: tuple[NonNegative, NonNegative, NonNegative] = (40.0, 80.0, 150.0)
    compensation_cost: tuple[NonNegative, NonNegative, NonNegative] = (15.0, 25.0, 40.0)
    escalation_cost: NonNegative = 30.0
    cost_per_minute: NonNegative = 1.0
    unresolved_cost: NonNegative = Field(
        default=20.0,
        description="Expected cost of the repeat contact an unresolved customer makes.",
    )
    tier_value: tuple[NonNegative, NonNegative, NonNegative] = Field(
        default=(1.0, 1.5, 2.5), description="Weight of a tier's resolution (retention value)."
    )
    minutes: dict[ActionName, NonNegative] = Field(
        default_factory=lambda: {
            "empathize": 1.0,
            "ask_clarifying_question": 2.0,
            "standard_solution": 3.0,
            "technical_troubleshooting": 6.0,
            "offer_compensation": 2.0,
            "escalate": 10.0,
            "upsell": 2.0,
            "close_case": 1.0,
        },
        description="Simulated handle time of each action.",
    )

    @model_validator(mode="after")
    def _every_action_timed(self) -> Economics:
        missing = sorted(set(ActionName.__args__) - set(self.minutes))
        if missing:
            raise ValueError(f"minutes is missing actions: {', '.join(missing)}")
        return self


class RewardWeights(_Model):
    """Weights of the reward components (see the README's reward table)."""

    satisfaction: NonNegative = 1.0
    resolution: NonNegative = 1.0
    unresolved: NonNegative = 1.0
    unclosed: NonNegative = Field(
        default=0.5, description="Lost when a resolved customer leaves before the case is closed."
    )
    time: NonNegative = Field(default=0.01, description="Reward lost per simulated minute.")
    business: NonNegative = Field(default=0.01, description="Reward per unit of money.")
    invalid_action: NonNegative = 0.2


class DifficultyEffects(_Model):
    """What difficulty 1 does, relative to difficulty 0 (linear in between)."""

    patience_scale: Annotated[float, Field(gt=0.0, le=1.0)] = 0.6
    complexity_scale: Annotated[float, Field(ge=1.0, le=5.0)] = 1.6
    sentiment_shift: Annotated[float, Field(ge=0.0, le=1.0)] = 0.3
    clarification_accuracy_drop: Probability = 0.15


class Scenario(_Model):
    """A complete, versioned description of one support operation."""

    name: Name
    description: str = ""
    industry: Literal["bfsi", "retail", "tech", "mixed"]
    max_turns: int = Field(default=20, ge=2, le=200)
    difficulty: Probability = 0.5
    inquiries: list[Inquiry] = Field(min_length=1, max_length=64)
    customers: Customers
    dynamics: Dynamics
    economics: Economics = Economics()
    rewards: RewardWeights = RewardWeights()
    difficulty_effects: DifficultyEffects = DifficultyEffects()

    @field_validator("inquiries")
    @classmethod
    def _consistent(cls, inquiries: list[Inquiry], info: ValidationInfo) -> list[Inquiry]:
        names = [i.name for i in inquiries]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"duplicate inquiry names: {', '.join(duplicates)}")
        industry = info.data.get("industry", "mixed")
        foreign = [i.name for i in inquiries if industry != "mixed" and i.industry != industry]
        if foreign:
            raise ValueError(f"inquiries from another industry: {', '.join(foreign)}")
        return inquiries

    @property
    def version(self) -> str:
        """Content hash of the canonical form: 12 hex digits of SHA-256."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()[:12]

    def with_difficulty(self, difficulty: float) -> Scenario:
        """A copy at another difficulty (validated)."""
        return Scenario.model_validate({**self.model_dump(), "difficulty": difficulty})
