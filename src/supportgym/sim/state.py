"""The batch of customers: structure-of-arrays, one lane per conversation."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np


@dataclass
class CustomerBatch:
    """Hidden and visible state of ``n`` conversations; every field has ``n`` rows.

    Hidden (never observed directly): ``fix``, ``sentiment``, ``patience``,
    ``complexity``, ``progress``, ``savvy``, ``receptiveness``. The agent sees noisy
    or partial views of them through :func:`supportgym.sim.kernel.observe`.
    """

    key: np.ndarray  # (n,) uint64 episode key of the counter-based generator
    difficulty: np.ndarray  # (n,) float64 in [0, 1]
    turn: np.ndarray  # (n,) int64 turns taken
    inquiry: np.ndarray  # (n,) int64 index into the scenario's inquiries
    tier: np.ndarray  # (n,) int64 Tier
    fix: np.ndarray  # (n,) int64 FixStrategy that resolves the issue
    sentiment: np.ndarray  # (n,) float64 true mood in [-1, 1]
    initial_sentiment: np.ndarray  # (n,) float64
    patience: np.ndarray  # (n,) float64 turns left before the customer gives up
    complexity: np.ndarray  # (n,) float64 progress needed to resolve
    progress: np.ndarray  # (n,) float64
    savvy: np.ndarray  # (n,) float64 in [0, 1]
    receptiveness: np.ndarray  # (n,) float64 upsell receptiveness in [0, 1]
    belief: np.ndarray  # (n, 4) float64 what the conversation says about the fix strategy
    seen_sentiment: np.ndarray  # (n,) float64 noisy mood the agent observes
    previous_seen_sentiment: np.ndarray  # (n,) float64
    seen_progress: np.ndarray  # (n,) float64 noisy progress fraction the agent observes
    clarifications: np.ndarray  # (n,) int64
    failures: np.ndarray  # (n,) int64 solution attempts that did not help
    empathy_streak: np.ndarray  # (n,) int64 consecutive EMPATHIZE actions
    last_action: np.ndarray  # (n,) int64, -1 before the first action
    escalated: np.ndarray  # (n,) bool
    compensated: np.ndarray  # (n,) bool
    upsell_attempted: np.ndarray  # (n,) bool
    upsold: np.ndarray  # (n,) bool
    resolved: np.ndarray  # (n,) bool: the issue is fixed
    done: np.ndarray  # (n,) bool: the episode has ended
    outcome: np.ndarray  # (n,) int64 Outcome
    minutes: np.ndarray  # (n,) float64 simulated handle time
    revenue: np.ndarray  # (n,) float64
    compensation_cost: np.ndarray  # (n,) float64
    escalation_cost: np.ndarray  # (n,) float64
    reply: np.ndarray  # (n,) int64 template id of the customer's last line

    def __len__(self) -> int:
        return len(self.key)

    def copy(self) -> CustomerBatch:
        """A deep copy."""
        return CustomerBatch(**{f.name: getattr(self, f.name).copy() for f in fields(self)})

    def assign(self, mask: np.ndarray, other: CustomerBatch) -> None:
        """Overwrite the lanes selected by boolean ``mask`` with ``other``'s lanes, in order."""
        for f in fields(self):
            getattr(self, f.name)[mask] = getattr(other, f.name)
