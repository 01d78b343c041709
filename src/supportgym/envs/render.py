"""Readable transcripts: one block per turn with the reply, a mood bar and the reward."""

from __future__ import annotations

from collections.abc import Mapping

from supportgym.sim.actions import Action

_BAR_WIDTH = 20


def mood_bar(sentiment: float) -> str:
    """``[-----|#####-----]``-style bar for a sentiment in [-1, 1]."""
    filled = round((sentiment + 1.0) / 2.0 * _BAR_WIDTH)
    return "[" + "#" * filled + "-" * (_BAR_WIDTH - filled) + f"] {sentiment:+.2f}"


def format_opening(header: str, reply: str, sentiment: float) -> str:
    """The first block of a transcript: who is calling and what they say."""
    return f"{header}\nCustomer: {reply}\n  mood {mood_bar(sentiment)}\n"


def format_turn(
    turn: int,
    action: int,
    reply: str,
    sentiment: float,
    components: Mapping[str, float],
) -> str:
    """One turn: the agent's action, the customer's reply, mood and reward breakdown."""
    total = sum(components.values())
    parts = "  ".join(f"{name} {value:+.2f}" for name, value in components.items() if value)
    return (
        f"Turn {turn:>2} | Agent: {Action(action).name}\n"
        f"Customer: {reply}\n"
        f"  mood {mood_bar(sentiment)}   reward {total:+.3f}  ({parts or 'nothing'})\n"
    )


def format_kpis(kpis: Mapping[str, float]) -> str:
    """The end-of-episode KPI line."""
    return "Episode over: " + ", ".join(f"{name} {value:g}" for name, value in kpis.items()) + "\n"
