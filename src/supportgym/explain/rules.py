"""Rules files: a policy as an ordered list of readable rules, playable in any scenario.

A rule holds when every feature lies in its bounds (``above < x <= at_most``, as a
decision tree splits) and, if it names inquiry types, the contact's is one of them. The
first rule that holds gives the action; if none does, the ``default``. Inquiry types are
named, not numbered, so a rules file means the same in every scenario: a type the
scenario lacks simply never matches. ``supportgym evaluate --policy rules:FILE`` plays one.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Literal

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from supportgym.sim.actions import Action
from supportgym.sim.compile import CompiledScenario
from supportgym.sim.features import FEATURE_INDEX, FEATURE_NAMES
from supportgym.sim.library import MAX_FILE_BYTES, ScenarioError, field_path
from supportgym.sim.schema import ActionName, Name
from supportgym.sim.state import CustomerBatch
from supportgym.store.config import run_dir

FORMAT = "supportgym-rules/1"
RULES_FILE = "rules.yaml"
"""A run's distilled rules, in its folder."""
NUMERIC = tuple(name for name in FEATURE_NAMES if name != "inquiry_type")
"""Features a rule bounds by value; the inquiry type it names instead."""
_FLAGS = {
    "escalated": ("the case is escalated", "the case is not escalated"),
    "compensated": ("compensation was offered", "no compensation offered yet"),
    "upsell_attempted": ("an upsell was tried", "no upsell tried yet"),
    "resolved": ("the issue is resolved", "the issue is not resolved"),
}
_COUNTS = {
    "failed_attempts": ("failed attempt", "failed attempts"),
    "clarifications": ("clarifying question asked", "clarifying questions asked"),
    "turn_fraction": ("turn used", "turns used"),
}
_PHRASES = {
    "sentiment": "the customer's mood",
    "sentiment_trend": "the change of mood since the last turn",
    "urgency": "the inquiry's urgency",
    "progress": "the progress the customer reports",
}
ACTION_WORDS = {
    Action.EMPATHIZE: "empathize",
    Action.ASK_CLARIFYING_QUESTION: "ask a clarifying question",
    Action.STANDARD_SOLUTION: "offer the standard solution",
    Action.TECHNICAL_TROUBLESHOOTING: "troubleshoot technically",
    Action.OFFER_COMPENSATION: "offer compensation",
    Action.ESCALATE: "escalate",
    Action.UPSELL: "upsell",
    Action.CLOSE_CASE: "close the case",
}
TIERS = ("standard", "premium", "VIP")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Bounds(_Model):
    """A feature's bounds: ``above < x <= at_most`` (either may be missing)."""

    above: float | None = None
    at_most: float | None = None

    def holds(self, values: np.ndarray) -> np.ndarray:
        """``(n,)`` bool: the values within the bounds."""
        inside = np.ones(len(values), dtype=bool)
        if self.above is not None:
            inside &= values > self.above
        if self.at_most is not None:
            inside &= values <= self.at_most
        return inside


class Rule(_Model):
    """When every bound holds (and the inquiry type is listed, if any are), take ``action``."""

    when: dict[Literal[NUMERIC], Bounds] = Field(default_factory=dict)  # type: ignore[valid-type]
    inquiry_types: list[Name] | None = None
    action: ActionName
    states: int = Field(default=0, ge=0, description="States of the distilling data it covers.")
    agreement: float = Field(
        default=1.0, ge=0.0, le=1.0, description="Share of them where the policy took the action."
    )


class RuleSet(_Model):
    """A readable policy: rules in order, the first that holds decides."""

    format: Literal["supportgym-rules/1"] = FORMAT
    source: str = Field(default="", description="What the rules were distilled from.")
    max_turns: int = Field(default=20, ge=1, description="For the text: turns per contact.")
    max_asks: int = Field(default=2, ge=1, description="For the text: clarifying questions.")
    rules: list[Rule] = Field(min_length=1, max_length=1000)
    default: ActionName = "close_case"

    @field_validator("rules")
    @classmethod
    def _bounds_in_order(cls, rules: list[Rule]) -> list[Rule]:
        for rule in rules:
            for name, bounds in rule.when.items():
                if None not in (bounds.above, bounds.at_most) and bounds.above >= bounds.at_most:
                    raise ValueError(f"{name}: 'above' must be less than 'at_most'")
        return rules


def rules_path(run_id: int) -> Path:
    """Where run ``run_id``'s distilled rules are kept (``tree:run:<id>`` plays them)."""
    return run_dir(run_id) / RULES_FILE


def load_rules(path: str | Path) -> RuleSet:
    """Read and check a rules file (YAML); problems are a ``ScenarioError``-style one-liner."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ScenarioError(str(path), [("", f"file is larger than {MAX_FILE_BYTES} bytes")])
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ScenarioError(str(path), [("", f"cannot read file: {reason}")]) from None
    except yaml.YAMLError:
        raise ScenarioError(str(path), [("", "not valid YAML")]) from None
    try:
        return RuleSet.model_validate(data)
    except ValidationError as error:
        problems = [
            (field_path(item["loc"]), item["msg"].removeprefix("Value error, "))
            for item in error.errors()
        ]
        raise ScenarioError(str(path), problems) from None


def save_rules(rules: RuleSet, path: str | Path) -> Path:
    """Write a rules file (YAML)."""
    path = Path(path)
    data = rules.model_dump(mode="json", exclude_none=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, width=100), encoding="utf-8")
    return path


class RulesPolicy:
    """A :class:`RuleSet` playing in a scenario: it reads only what the agent observes."""

    def __init__(self, rules: RuleSet, scenario: CompiledScenario, name: str = "rules"):
        self.rules, self.name = rules, name
        self._inquiries = scenario.inquiry_names

    def act(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> np.ndarray:
        """The action of the first rule that holds, per lane."""
        return self.matching(observations)[1]

    def matching(self, observations: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``(n,)`` the index of each lane's first rule that holds (-1: none), and the actions."""
        n = len(observations)
        inquiry = np.rint(
            observations[:, FEATURE_INDEX["inquiry_type"]] * max(len(self._inquiries) - 1, 1)
        ).astype(np.int64)
        found = np.full(n, -1)
        actions = np.full(n, int(Action[self.rules.default.upper()]))
        for index, rule in enumerate(self.rules.rules):
            holds = found < 0
            for name, bounds in rule.when.items():
                holds &= bounds.holds(observations[:, FEATURE_INDEX[name]])
            if rule.inquiry_types is not None:
                allowed = [
                    k for k, name in enumerate(self._inquiries) if name in rule.inquiry_types
                ]
                holds &= np.isin(inquiry, allowed)
            found[holds] = index
            actions[holds] = int(Action[rule.action.upper()])
        return found, actions


def describe(rule: Rule, rules: RuleSet) -> str:
    """The rule in words: "when …, … → action"."""
    ordered = sorted(rule.when.items(), key=lambda item: FEATURE_INDEX[item[0]])
    parts = [_phrase(name, bounds, rules) for name, bounds in ordered]
    if rule.inquiry_types is not None:
        parts.insert(0, "the inquiry is " + _either(rule.inquiry_types))
    action = ACTION_WORDS[Action[rule.action.upper()]]
    return f"when {_either(parts, 'and')} → {action}" if parts else f"always → {action}"


def _phrase(name: str, bounds: Bounds, rules: RuleSet) -> str:
    low, high = bounds.above, bounds.at_most
    if name in _FLAGS:
        yes, no = _FLAGS[name]
        return no if high is not None and high <= 0.5 else yes
    if name in _COUNTS:
        scale = {"failed_attempts": 4, "clarifications": rules.max_asks}.get(name, rules.max_turns)
        return _count(*_COUNTS[name], low, high, scale)
    if name == "tier":
        tiers = np.flatnonzero(bounds.holds(np.arange(len(TIERS)) / 2))
        return "a " + _either([TIERS[k] for k in tiers]) + " customer"
    if name == "last_action":
        codes = np.flatnonzero(bounds.holds(np.arange(len(Action) + 1) / len(Action)))
        done = [ACTION_WORDS[Action(k - 1)] if k else "nothing yet" for k in codes]
        return "the last action was " + _either(done)
    label = _PHRASES.get(name, name)
    if low is not None and high is not None:
        return f"{label} is between {low:.2f} and {high:.2f}"
    return f"{label} is above {low:.2f}" if low is not None else f"{label} is at most {high:.2f}"


def _count(one: str, many: str, low: float | None, high: float | None, scale: int) -> str:
    """Bounds on ``count / scale`` as counts: the values a count can take within them."""
    least = 0 if low is None else math.floor(low * scale + 1e-9) + 1
    most = None if high is None else math.floor(high * scale + 1e-9)
    if most is not None and most <= least:
        return f"{most} {one if most == 1 else many}" if most else f"no {many}"
    if most is None:
        return f"at least {least} {one if least == 1 else many}"
    return (
        f"at most {most} {one if most == 1 else many}"
        if least == 0
        else f"{least} to {most} {many}"
    )


def _either(names: list[str], word: str = "or") -> str:
    if not names:
        return "none"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {word} {names[-1]}"
