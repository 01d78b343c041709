"""The vocabulary shared by every layer: actions, fix strategies, tiers, outcomes."""

from __future__ import annotations

from enum import IntEnum


class Action(IntEnum):
    """The agent's response strategies, one per turn."""

    EMPATHIZE = 0
    ASK_CLARIFYING_QUESTION = 1
    STANDARD_SOLUTION = 2
    TECHNICAL_TROUBLESHOOTING = 3
    OFFER_COMPENSATION = 4
    ESCALATE = 5
    UPSELL = 6
    CLOSE_CASE = 7

    @classmethod
    def parse(cls, text: str | int) -> Action:
        """An action from its index, its name (any case) or a unique name prefix."""
        raw = str(text).strip()
        if raw.lstrip("-").isdigit():
            index = int(raw)
            if 0 <= index < len(cls):
                return cls(index)
            raise ValueError(f"action index {index} is out of range 0-{len(cls) - 1}")
        name = raw.upper().replace("-", "_").replace(" ", "_")
        matches = [a for a in cls if a.name == name] or [a for a in cls if a.name.startswith(name)]
        if len(matches) == 1 and name:
            return matches[0]
        choices = ", ".join(a.name.lower() for a in cls)
        raise ValueError(f"unknown action {raw!r}; choose one of {choices}")


class FixStrategy(IntEnum):
    """What actually resolves a customer's issue (hidden from the agent)."""

    STANDARD = 0
    TECHNICAL = 1
    ESCALATION = 2
    COMPENSATION = 3


class Tier(IntEnum):
    """Customer tier, visible to the agent."""

    STANDARD = 0
    PREMIUM = 1
    VIP = 2


class Outcome(IntEnum):
    """How an episode ended."""

    ONGOING = 0
    CLOSED = 1
    """The agent closed the case (resolved or not)."""
    ABANDONED = 2
    """The customer ran out of patience before the issue was resolved."""
    LEFT_SATISFIED = 3
    """The issue was resolved and the customer left before the agent closed."""
    TIMEOUT = 4
    """The turn limit was reached (truncation)."""


INDUSTRIES = ("bfsi", "retail", "tech")
