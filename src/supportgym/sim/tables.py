"""Lookup tables that let the kernel gather, rather than compute, what the discrete state decides.

A lane's *situation* is its action, its issue's fix strategy and seven flags packed
into a code; its table index is ``(action * 4 + fix) * N_CODES + code``, of which
the batch keeps ``fix * N_CODES + code`` as ``situation_base``. Everything a turn
needs that depends on nothing else (is the action masked, is it an attempt, its
handle time, its fixed effect on mood…) is tabulated here once per scenario, for all
``8 x 4 x 128`` situations, by evaluating the kernel's expressions over the whole
grid. One ``take`` then replaces dozens of small array operations, which is what a
batch of one pays for.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supportgym.sim.actions import Action, FixStrategy, Outcome
from supportgym.sim.replies import CATEGORY
from supportgym.sim.schema import Scenario

CODE_BITS = ("escalated", "compensated", "upsell_attempted", "resolved", "done")
CODE_BITS += ("asks_exhausted", "clarified")
"""The flags of a situation code, lowest bit first; the first four are also observed."""
BIT = {name: 1 << bit for bit, name in enumerate(CODE_BITS)}
N_CODES = 1 << len(CODE_BITS)
SITUATIONS = len(Action) * len(FixStrategy) * N_CODES
SOFT_EVIDENCE = 0.9
"""Likelihood of "helped"/"did not help" given the strategy agrees/disagrees."""


MARKS = (
    "active",
    "invalid",
    "asks",
    "escalates",  # these three in the order of the flags they set
    "compensates",
    "upsells",
    "troubleshoots",
    "attempts",
    "helps",
    "credits_success",
    "charges_failure",
    "closes",
    "continues",
    "open",
    "solution",
)
"""Bool rows of :attr:`Tables.marks`: the lane is active, its action is masked, it is
a valid ASK…, a valid solution attempt, one that helps given the fix strategy, one
whose success (failure) moves the mood, a CLOSE, not a CLOSE (for active lanes),
the lane is active and unresolved, the action is a valid standard or technical one."""
INTS = ("kinds", "category", "evidence")
"""Small-int rows of the marks after the bool rows: what kinds of things happen
(``KINDS`` bits), the reply category before events override it, and the column of
:attr:`Tables.evidence` (plus one if the attempt helped)."""
M = {name: row for row, name in enumerate(MARKS + INTS)}
COUNTS = ("turns", "streak_keep", "streak_add", "sets")
"""int64 rows: turns taken (1 for an active lane), the empathy streak update
(``streak * keep + add``), and the code bits the action sets."""
C = {name: row for row, name in enumerate(COUNTS)}

ATTEMPT, EMPATHY, ASK, UPSELL, COMPENSATE, FLAGGING, DONE = (1 << bit for bit in range(7))
"""Bits of the ``kinds`` row, OR-ed over a batch so the kernel skips what no lane needs."""

VALUES = (
    "minutes",  # the money flows, in the order of the batch's accumulators
    "revenue",
    "compensation",
    "escalation",
    "mood_shift",
    "wrap_up",
    "empathy_gain",
    "accept_factor",
    "reject_loss",
    "potential",
    "clarity",
    "last_action_feature",
)
"""Float rows of :attr:`Tables.values`."""
V = {name: row for row, name in enumerate(VALUES)}
REWARD_ROWS = ("reward", "satisfaction", "resolution", "efficiency", "business", "penalty")
"""Rows of :attr:`Tables.rewards`: a step's reward block, filled in where the situation decides."""


SITUATION = np.dtype(
    [
        ("values", np.float64, (len(VALUES),)),
        ("rewards", np.float64, (len(REWARD_ROWS),)),
        ("counts", np.int64, (len(COUNTS),)),
        ("marks", np.uint8, (len(MARKS) + len(INTS),)),
    ],
    align=True,
)
"""One situation's record: gathering whole records touches a few cache lines per lane."""


@dataclass(frozen=True, eq=False)
class Tables:
    """The situation tables of one scenario and a few small ones."""

    situations: np.ndarray  # (SITUATIONS,) of SITUATION
    evidence: np.ndarray  # (4, 17) float64 belief likelihoods of attempt (action, helped); ones
    masks: np.ndarray  # (4 * N_CODES, 8) bool action mask by situation base (fix, code)
    masks_int8: np.ndarray  # the same as int8
    empathy_decay: np.ndarray  # (max_turns + 1,) decay ** streak
    outcome_category: np.ndarray  # (len(Outcome),) uint8 reply category of an ending
    inquiry_rows: np.ndarray  # (11, K) float64 per-inquiry constants, see compile_scenario
    tier_rows: np.ndarray  # (4, 3) float64 per-tier constants, see compile_scenario


@dataclass(frozen=True, eq=False)
class Scalars:
    """The scenario's numbers the kernel uses, as 0-d arrays: cheaper operands than floats."""

    success_gain: np.ndarray
    fix_gain: np.ndarray
    impatience: np.ndarray
    max_clarifications: np.ndarray  # int64
    max_asks: np.ndarray  # int64, at least 1: the denominator of the observed clarifications
    max_turns: np.ndarray  # int64
    noise: np.ndarray  # (3, 1, 1): mood, observed mood, observed progress
    satisfaction: np.ndarray
    resolution: np.ndarray
    unresolved: np.ndarray
    unclosed: np.ndarray
    business: np.ndarray
    trait_mean: np.ndarray  # (4, 1): sentiment, patience, savvy, receptiveness at reset
    trait_std: np.ndarray  # (4, 1)
    complexity_spread: np.ndarray
    complexity_shift: np.ndarray  # spread**2 / 2, the log-normal's mean correction
    savvy_weight: np.ndarray
    sentiment_noise: np.ndarray
    start_code: int  # the situation code of a new episode

    @classmethod
    def of(cls, scenario: Scenario) -> Scalars:
        """The scalars of ``scenario``."""
        dyn, customers, weights = scenario.dynamics, scenario.customers, scenario.rewards
        traits = (customers.sentiment, customers.patience, customers.savvy)
        traits += (customers.upsell_receptiveness,)
        spread = customers.complexity_spread
        return cls(
            success_gain=np.array(dyn.success_gain),
            fix_gain=np.array(dyn.fix_gain),
            impatience=np.array(dyn.impatience),
            max_clarifications=np.array(dyn.max_clarifications),
            max_asks=np.array(max(dyn.max_clarifications, 1)),
            max_turns=np.array(scenario.max_turns),
            noise=np.array(
                [[[dyn.mood_noise]], [[customers.sentiment_noise]], [[customers.progress_noise]]]
            ),
            satisfaction=np.array(weights.satisfaction),
            resolution=np.array(weights.resolution),
            unresolved=np.array(weights.unresolved),
            unclosed=np.array(weights.unclosed),
            business=np.array(weights.business),
            trait_mean=np.array([[trait.mean] for trait in traits]),
            trait_std=np.array([[trait.std] for trait in traits]),
            complexity_spread=np.array(spread),
            complexity_shift=np.array(spread**2 / 2),
            savvy_weight=np.array(dyn.savvy_weight),
            sentiment_noise=np.array(customers.sentiment_noise),
            start_code=BIT["asks_exhausted"] if dyn.max_clarifications == 0 else 0,
        )


def action_masks(flags: dict[str, np.ndarray]) -> np.ndarray:
    """``(len, 8)`` bool: the sensible actions given the flags, see ``kernel.action_mask``."""
    open_ = ~flags["resolved"]
    mask = np.ones((len(open_), len(Action)), dtype=bool)
    mask[:, Action.EMPATHIZE] = open_
    mask[:, Action.ASK_CLARIFYING_QUESTION] = open_ & ~flags["asks_exhausted"]
    mask[:, Action.STANDARD_SOLUTION] = open_
    mask[:, Action.TECHNICAL_TROUBLESHOOTING] = open_
    mask[:, Action.OFFER_COMPENSATION] = open_ & ~flags["compensated"]
    mask[:, Action.ESCALATE] = open_ & ~flags["escalated"]
    mask[:, Action.UPSELL] = ~flags["upsell_attempted"]
    return mask


def build_tables(
    scenario: Scenario,
    progress: np.ndarray,
    helps: np.ndarray,
    minutes: np.ndarray,
    inquiry_rows: np.ndarray,
    tier_rows: np.ndarray,
) -> Tables:
    """Tabulate the kernel's situation-only expressions for ``scenario``."""
    dyn, econ, weights = scenario.dynamics, scenario.economics, scenario.rewards
    index = np.arange(SITUATIONS)
    a, fix = index // (len(FixStrategy) * N_CODES), index // N_CODES % len(FixStrategy)
    flags = {name: (index & bit).astype(bool) for name, bit in BIT.items()}
    active, was_resolved = ~flags["done"], flags["resolved"]
    invalid = ~action_masks(flags)[index, a] & active
    valid = active & ~invalid
    is_ = {action: valid & (a == action) for action in Action}
    attempted = valid & progress[a].any(axis=1)
    closes = active & (a == Action.CLOSE_CASE)
    marks = {
        "active": active,
        "invalid": invalid,
        "asks": is_[Action.ASK_CLARIFYING_QUESTION],
        "escalates": is_[Action.ESCALATE],
        "compensates": is_[Action.OFFER_COMPENSATION],
        "upsells": is_[Action.UPSELL],
        "troubleshoots": is_[Action.TECHNICAL_TROUBLESHOOTING],
        "attempts": attempted,
        "helps": attempted & helps[a, fix],
        "credits_success": attempted & ~is_[Action.ESCALATE],
        "charges_failure": attempted & ~is_[Action.OFFER_COMPENSATION],
        "closes": closes,
        "continues": active & ~closes,
        "open": active & ~was_resolved,
        "solution": is_[Action.STANDARD_SOLUTION] | is_[Action.TECHNICAL_TROUBLESHOOTING],
    }
    empathizing = active & (a == Action.EMPATHIZE)
    counts = {
        "turns": active,
        "streak_keep": empathizing | ~active,
        "streak_add": empathizing,
        "sets": BIT["escalated"] * marks["escalates"]
        | BIT["compensated"] * marks["compensates"]
        | BIT["upsell_attempted"] * marks["upsells"]
        | BIT["clarified"] * marks["asks"],
    }
    ints = {
        "kinds": ATTEMPT * attempted
        | EMPATHY * is_[Action.EMPATHIZE]
        | ASK * marks["asks"]
        | UPSELL * marks["upsells"]
        | COMPENSATE * marks["compensates"]
        | FLAGGING * (marks["escalates"] | marks["compensates"] | marks["upsells"])
        | DONE * ~active,
        "category": _categories(a, invalid, was_resolved),
        "evidence": np.where(attempted, 2 * a, 2 * len(Action)),
    }

    minutes_spent = minutes[a] * active
    escalation = is_[Action.ESCALATE] * econ.escalation_cost
    no_money = np.zeros(SITUATIONS)
    # The mood terms the situation alone decides. They exclude each other, so adding
    # their sum gives exactly what adding them one by one gives.
    mood_shift = (
        is_[Action.OFFER_COMPENSATION] * dyn.compensation_gain
        - (is_[Action.ESCALATE] & (fix != FixStrategy.ESCALATION)) * dyn.unneeded_escalation_loss
        - invalid * dyn.invalid_action_loss
        - (closes & ~was_resolved) * dyn.close_unresolved_loss
    )
    values = {
        "minutes": minutes_spent,
        "revenue": no_money,
        "compensation": no_money,
        "escalation": escalation,
        "mood_shift": mood_shift,
        "wrap_up": dyn.wrap_up_impatience * was_resolved,
        "empathy_gain": is_[Action.EMPATHIZE] * dyn.empathy_gain,
        "accept_factor": 0.4 + 0.6 * was_resolved,
        "reject_loss": is_[Action.UPSELL] * dyn.upsell_rejection_loss * (2.0 - was_resolved),
        "potential": progress[a, fix] * valid,
        "clarity": 1.0 + dyn.clarification_bonus * flags["clarified"],
        "last_action_feature": (a + 1) / len(Action),
    }
    rewards = {
        "reward": no_money,
        "satisfaction": no_money,
        "resolution": no_money,
        "efficiency": -weights.time * minutes_spent,
        "business": weights.business * (no_money - no_money - escalation),
        "penalty": -weights.invalid_action * invalid,
    }
    outcomes = np.arange(2)[:, None]  # helped or not, by action
    evidence = np.where(helps[:, None, :] == outcomes, SOFT_EVIDENCE, 1.0 - SOFT_EVIDENCE)
    base_flags = {name: (np.arange(4 * N_CODES) & bit).astype(bool) for name, bit in BIT.items()}
    masks = action_masks(base_flags)
    situations = np.empty(SITUATIONS, dtype=SITUATION)
    situations["values"] = np.stack([values[name] for name in VALUES], axis=1)
    situations["rewards"] = np.stack([rewards[name] for name in REWARD_ROWS], axis=1)
    situations["counts"] = np.stack([counts[name] for name in COUNTS], axis=1)
    situations["marks"] = np.stack([marks[name] for name in MARKS] + [ints[n] for n in INTS], 1)
    outcome_category = np.zeros(len(Outcome), dtype=np.uint8)
    for outcome, name in ((Outcome.ABANDONED, "abandoned"), (Outcome.TIMEOUT, "timeout")):
        outcome_category[outcome] = CATEGORY[name]
    outcome_category[Outcome.LEFT_SATISFIED] = CATEGORY["left_satisfied"]
    return Tables(
        situations=situations,
        evidence=np.concatenate([evidence.reshape(-1, 4), np.ones((1, 4))]).T.copy(),
        masks=masks,
        masks_int8=masks.astype(np.int8),
        empathy_decay=np.power(np.float64(dyn.empathy_decay), np.arange(scenario.max_turns + 1)),
        outcome_category=outcome_category,
        inquiry_rows=inquiry_rows,
        tier_rows=tier_rows,
    )


def _categories(a: np.ndarray, invalid: np.ndarray, was_resolved: np.ndarray) -> np.ndarray:
    """The reply category of an action before events (fixed, accepted, ending) override it."""
    conditions = [
        (a == Action.CLOSE_CASE) & ~was_resolved,
        a == Action.CLOSE_CASE,
        invalid,
        a == Action.UPSELL,
        a == Action.OFFER_COMPENSATION,
        a == Action.ESCALATE,
        a == Action.EMPATHIZE,
        a == Action.ASK_CLARIFYING_QUESTION,
    ]
    names = [
        "closed_unresolved",
        "closed_resolved",
        "invalid",
        "upsell_declined",
        "compensated",
        "escalated",
        "empathized",
        "clarified",
    ]
    return np.select(conditions, [CATEGORY[name] for name in names], CATEGORY["stuck"])
