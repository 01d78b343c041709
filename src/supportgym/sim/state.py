"""The batch of customers: structure-of-arrays, one lane per conversation.

Every field is a row of one of three blocks (float64, int64, bool) of shape
``(rows, n)``, so copying, resetting or overwriting lanes touches three arrays
rather than thirty. Besides the fields the blocks hold rows the kernel derives and
keeps up to date: the observed features, per-episode constants and the situation
code its tables are indexed by.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

OBSERVED_ROWS = (
    "seen_sentiment",
    "seen_sentiment_trend",
    "seen_tier",
    "seen_inquiry_type",
    "seen_urgency",
    "seen_turn_fraction",
    "seen_progress",
    "seen_belief_technical",
    "seen_belief_escalation",
    "seen_belief_compensation",
    "seen_clarifications",
    "seen_failed_attempts",
    "seen_escalated",
    "seen_compensated",
    "seen_upsell_attempted",
    "seen_resolved",
    "seen_last_action",
)
"""The observation's 17 features (see ``features.FEATURES``), kept up to date by the kernel."""
REAL_ROWS = (
    "difficulty",
    "accuracy",  # derived from the difficulty: chance a clarifying answer is right
    "wrong_answer",  # and the likelihood it gives each wrong strategy
    "sentiment",  # the traits drawn at reset, in this order
    "patience",
    "savvy",
    "receptiveness",
    "initial_sentiment",
    "complexity",
    "previous_seen_sentiment",
    *(f"belief_{strategy}" for strategy in range(4)),  # the rows of ``belief``
    *OBSERVED_ROWS,
    "progress",  # zero at the start of an episode, like the accumulators:
    "minutes",  # the accumulators, in the order of the kernel's money flows
    "revenue",
    "compensation_cost",
    "escalation_cost",
    "upsell_price",  # derived at reset, constant during the episode
    "compensation_price",
    "tier_value",
    "drift",
    "failure_loss",
    "savvy_factor",
)
INT_ROWS = (
    "key",
    "inquiry",
    "tier",
    "fix",
    "turn",  # set at the start of an episode (see START_COUNTERS)
    "clarifications",
    "failures",
    "last_action",
    "empathy_streak",
    "outcome",
    "draws_base",  # the turn before the first one in ``draws``
    "reply",
    "situation_base",  # derived: fix strategy and flag code, see ``tables``
)
FLAG_ROWS = ("escalated", "compensated", "upsell_attempted", "resolved", "done", "upsold")
REAL = {name: row for row, name in enumerate(REAL_ROWS)}
INT = {name: row for row, name in enumerate(INT_ROWS)}
FLAG = {name: row for row, name in enumerate(FLAG_ROWS)}
BELIEF = slice(REAL["belief_0"], REAL["belief_3"] + 1)
OBSERVED = slice(REAL["seen_sentiment"], REAL["seen_last_action"] + 1)
START_COUNTERS = np.array([[0], [0], [0], [-1], [0], [0], [0]])
"""Start values of the int rows ``turn`` … ``draws_base``."""
DRAWN = 8
"""Numbers a turn uses from the random stream, see ``kernel.step``."""


def empty_blocks(n: int, cached_turns: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Uninitialised float64, int64 and bool blocks for ``n`` lanes, see :class:`CustomerBatch`."""
    return (
        np.empty((len(REAL_ROWS) + DRAWN * cached_turns, n)),
        np.empty((len(INT_ROWS), n), dtype=np.int64),
        np.empty((len(FLAG_ROWS), n), dtype=bool),
    )


@dataclass(init=False, eq=False)
class CustomerBatch:
    """Hidden and visible state of ``n`` conversations; every field has ``n`` rows.

    Hidden (never observed directly): ``fix``, ``sentiment``, ``patience``,
    ``complexity``, ``progress``, ``savvy``, ``receptiveness``. The agent sees noisy
    or partial views of them through :func:`supportgym.sim.kernel.observe`.

    Fields are views into shared storage: assigning one (``batch.sentiment = x``)
    writes ``x`` into it. The kernel keeps derived rows (observed features,
    per-episode constants, the situation code) in step with the fields it changes, so
    treat the fields as read-only outside :mod:`supportgym.sim.kernel`. A batch may
    also hold the random numbers of its lanes' next ``cached_turns`` turns (``draws``,
    shape ``(DRAWN, cached_turns, n)``), computed ahead by the kernel.
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

    def __init__(self, reals: np.ndarray, ints: np.ndarray, flags: np.ndarray):
        """Wrap the three blocks (``(len(REAL_ROWS), n)`` float64 and so on) without copying."""
        own = object.__setattr__
        own(self, "reals", reals)
        own(self, "ints", ints)
        own(self, "flags", flags)
        for names, block in ((REAL_ROWS, reals), (INT_ROWS, ints), (FLAG_ROWS, flags)):
            for name, row in zip(names, block, strict=False):
                own(self, name, row)
        own(self, "key", ints[INT["key"]].view(np.uint64))
        own(self, "belief_rows", reals[BELIEF])
        own(self, "belief", self.belief_rows.T)
        own(self, "cached_turns", (len(reals) - len(REAL_ROWS)) // DRAWN)
        own(self, "draws", reals[len(REAL_ROWS) :].reshape(DRAWN, self.cached_turns, len(self)))
        own(self, "lanes", np.arange(reals.shape[1]))

    @classmethod
    def empty(cls, n: int, cached_turns: int = 0) -> CustomerBatch:
        """``n`` lanes, uninitialised: for the kernel to fill."""
        return cls(*empty_blocks(n, cached_turns))

    def __len__(self) -> int:
        return self.reals.shape[1]

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _FIELD_NAMES:
            getattr(self, name)[...] = value
        else:
            object.__setattr__(self, name, value)

    def __reduce__(self) -> tuple[type, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        return CustomerBatch, (self.reals, self.ints, self.flags)

    def copy(self) -> CustomerBatch:
        """A deep copy."""
        return CustomerBatch(self.reals.copy(), self.ints.copy(), self.flags.copy())

    def assign(self, mask: np.ndarray, other: CustomerBatch) -> None:
        """Overwrite the lanes selected by boolean ``mask`` with ``other``'s lanes, in order."""
        self.reals[:, mask] = other.reals
        self.ints[:, mask] = other.ints
        self.flags[:, mask] = other.flags


_FIELD_NAMES = frozenset(f.name for f in fields(CustomerBatch))
