"""The batched dynamics: the one and only implementation of a support conversation.

Pure numpy over ``n`` lanes (no Python loop over customers). :func:`reset` draws new
customers, :func:`step` advances every lane by one turn **in place** and returns the
rewards, :func:`observe` and :func:`action_mask` give what the agent sees. All
randomness comes from :mod:`supportgym.sim.rng`, keyed by (episode key, turn, draw).

Built to be fast from one lane to thousands: what the discrete state decides is
gathered from per-scenario tables (:mod:`supportgym.sim.tables`), random numbers are
drawn ahead for small batches (:mod:`supportgym.sim.draws`), a turn skips the work no
lane of the batch needs (:mod:`supportgym.sim.turn`), and constants are 0-d arrays.
Every floating-point result comes from the same operations in the same order for
each lane, whatever the batch, so a lane's episode never depends on its batch-mates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supportgym.sim import draws
from supportgym.sim.actions import Action, Outcome
from supportgym.sim.compile import CompiledScenario
from supportgym.sim.features import FEATURES
from supportgym.sim.replies import CATEGORY, VARIANTS
from supportgym.sim.state import (
    DRAWN,
    INT,
    OBSERVED,
    REAL,
    REAL_ROWS,
    START_COUNTERS,
    CustomerBatch,
    empty_blocks,
)
from supportgym.sim.turn import MOOD_EDGES, Turn

REWARD_COMPONENTS = ("satisfaction", "resolution", "efficiency", "business", "penalty")
KPIS = (
    "csat",
    "resolved",
    "first_contact_resolution",
    "escalated",
    "abandoned",
    "turns",
    "handle_minutes",
    "revenue",
    "compensation_cost",
    "net_value",
)
N_ACTIONS = len(Action)
N_FEATURES = len(FEATURES)

_HALF, _ONE, _TWO, _THREE, _FIVE = (np.array(x) for x in (0.5, 1.0, 2.0, 3.0, 5.0))
_MINUS_ONE, _VARIANTS = np.array(-1.0), np.array(VARIANTS)
# Lower and upper bounds of the traits drawn at reset: sentiment, patience, savvy, receptiveness.
_TRAIT_LOW = np.array([[-1.0], [1.0], [0.0], [0.0]])
_TRAIT_HIGH = np.array([[1.0], [np.inf], [1.0], [1.0]])
_OPENING = CATEGORY["opening"]
_KPI_SUMS = slice(REAL["minutes"], REAL["compensation_cost"] + 1)
_COUNTERS = slice(INT["turn"], INT["draws_base"] + 1)
_ZEROED = slice(REAL["progress"], REAL["escalation_cost"] + 1)
_TRAITS = slice(REAL["sentiment"], REAL["receptiveness"] + 1)
_DIFFICULTY = slice(REAL["difficulty"], REAL["wrong_answer"] + 1)
_TIER_STATE = np.array(
    [REAL[n] for n in ("seen_tier", "upsell_price", "compensation_price", "tier_value")]
)
INQUIRY_STATE = np.array(
    [
        REAL[name]
        for name in (
            "seen_inquiry_type",
            "seen_urgency",
            "drift",
            "failure_loss",
            *(f"belief_{strategy}" for strategy in range(4)),
            "seen_belief_technical",
            "seen_belief_escalation",
            "seen_belief_compensation",
        )
    ]
)
"""The state rows set from the first rows of ``tables.inquiry_rows``."""


@dataclass(slots=True)
class StepOutput:
    """What one turn produced, per lane."""

    reward: np.ndarray  # (n,) float64, the sum of ``components``
    terminated: np.ndarray  # (n,) bool
    truncated: np.ndarray  # (n,) bool
    invalid: np.ndarray  # (n,) bool: the action was masked out (and penalized)
    rewards: np.ndarray  # (6, n) float64: ``reward``, then the components' rows

    @property
    def components(self) -> dict[str, np.ndarray]:
        """Name -> ``(n,)`` float64 reward component (views of ``rewards``)."""
        return dict(zip(REWARD_COMPONENTS, self.rewards[1:], strict=True))


def reset(cs: CompiledScenario, keys: np.ndarray, difficulty: np.ndarray | float) -> CustomerBatch:
    """New customers, one per episode key, at the given difficulty (scalar or per lane)."""
    batch = CustomerBatch.empty(len(keys), draws.cached_turns(len(keys)))
    _draw_customers(cs, keys, difficulty, batch.reals, batch.ints, batch.flags)
    return batch


def restart(
    cs: CompiledScenario,
    batch: CustomerBatch,
    keys: np.ndarray,
    difficulty: float,
    lanes: np.ndarray | None = None,
) -> None:
    """New customers in place, in the lanes selected by bool ``lanes`` (all when ``None``)."""
    if lanes is None:
        _draw_customers(cs, keys, difficulty, batch.reals, batch.ints, batch.flags)
        return
    reals, ints, flags = empty_blocks(len(keys), batch.cached_turns)
    _draw_customers(cs, keys, difficulty, reals, ints, flags)
    batch.reals[:, lanes] = reals
    batch.ints[:, lanes] = ints
    batch.flags[:, lanes] = flags


def _draw_customers(
    cs: CompiledScenario,
    keys: np.ndarray,
    difficulty: np.ndarray | float,
    reals: np.ndarray,
    ints: np.ndarray,
    flags: np.ndarray,
) -> None:
    """Fill the blocks (one column per key) with fresh customers at turn 0."""
    sc, hard = cs.scalars, cs.scenario.difficulty_effects
    keys = np.asarray(keys, dtype=np.uint64)
    d = np.asarray(difficulty, dtype=np.float64)
    if d.ndim == 0:
        d = float(d)
    turns = (len(reals) - len(REAL_ROWS)) // DRAWN
    numbers = draws.draw(sc, keys, None, True, turns)
    z, u = numbers[: len(draws.RESET_PAIRS)], numbers[len(numbers) - len(draws.RESET_REST) :]
    reals[len(REAL_ROWS) :] = numbers[len(draws.RESET_PAIRS) : len(numbers) - len(u)]

    inquiry = cs.inquiry_cum.searchsorted(u[0], side="right")
    tier = cs.tier_cum.searchsorted(u[1], side="right")
    # The number of cumulative probabilities up to the draw (they ascend): a bit count.
    below = cs.fix_cum.take(inquiry, axis=0) <= u[2][:, None]
    fix = np.bitwise_count(below.view(np.uint32))[:, 0]
    per_inquiry = cs.tables.inquiry_rows.take(inquiry, axis=1)
    reals[OBSERVED] = 0.0
    reals[INQUIRY_STATE] = per_inquiry[: len(INQUIRY_STATE)]
    reals[_TIER_STATE] = cs.tables.tier_rows.take(tier, axis=1)
    urgency_effect, urgency_patience, complexity_mean = per_inquiry[len(INQUIRY_STATE) :]

    traits = reals[_TRAITS]
    np.multiply(z[:4], sc.trait_std, out=traits)
    traits += sc.trait_mean
    sentiment, patience, savvy = traits[0], traits[1], traits[2]
    sentiment -= urgency_effect
    sentiment -= hard.sentiment_shift * d
    np.maximum(traits, _TRAIT_LOW, out=traits)
    np.minimum(traits, _TRAIT_HIGH, out=traits)
    patience *= urgency_patience * (1.0 - (1.0 - hard.patience_scale) * d)
    reals[REAL["initial_sentiment"]] = sentiment

    complexity = reals[REAL["complexity"]]
    np.multiply(z[4], sc.complexity_spread, out=complexity)
    complexity -= sc.complexity_shift
    np.exp(complexity, out=complexity)
    complexity *= complexity_mean
    complexity *= 1.0 + (hard.complexity_scale - 1.0) * d

    seen = reals[REAL["seen_sentiment"]]
    np.multiply(z[5], sc.sentiment_noise, out=seen)
    seen += sentiment
    np.maximum(seen, _MINUS_ONE, out=seen)
    np.minimum(seen, _ONE, out=seen)
    reals[REAL["previous_seen_sentiment"]] = seen

    savvy_factor = reals[REAL["savvy_factor"]]
    np.subtract(savvy, _HALF, out=savvy_factor)
    savvy_factor *= sc.savvy_weight
    savvy_factor += _ONE
    accuracy = cs.scenario.dynamics.clarification_accuracy - hard.clarification_accuracy_drop * d
    reals[_DIFFICULTY] = np.array([d, accuracy, (1.0 - accuracy) / 3.0]).reshape(3, -1)
    reals[_ZEROED] = 0.0

    ints[INT["key"]] = keys.view(np.int64)
    ints[INT["inquiry"]] = inquiry
    ints[INT["tier"]] = tier
    ints[INT["fix"]] = fix
    ints[_COUNTERS] = START_COUNTERS
    np.left_shift(ints[INT["fix"]], 7, out=ints[INT["situation_base"]])
    ints[INT["situation_base"]] += sc.start_code
    variant = np.multiply(u[3], _VARIANTS).astype(np.int64)
    mood = MOOD_EDGES.searchsorted(sentiment)
    ints[INT["reply"]] = cs.replies.table[inquiry, _OPENING, mood, variant]
    flags[...] = False


def action_mask(cs: CompiledScenario, batch: CustomerBatch) -> np.ndarray:
    """``(n, 8)`` bool: actions that make sense now. Masked actions are legal but penalized.

    Masked: escalating, compensating or upselling a second time; asking more than the
    scenario's maximum of clarifying questions; and, once the issue is resolved,
    anything but upselling and closing.
    """
    return cs.tables.masks.take(batch.situation_base, axis=0)


def action_mask_int8(cs: CompiledScenario, batch: CustomerBatch) -> np.ndarray:
    """:func:`action_mask` as ``int8``, the form infos carry."""
    return cs.tables.masks_int8.take(batch.situation_base, axis=0)


def observe(cs: CompiledScenario, batch: CustomerBatch) -> np.ndarray:
    """``(n, 17)`` float32 observations, in the order of :data:`FEATURES`."""
    return np.ascontiguousarray(batch.reals[OBSERVED].T, dtype=np.float32)


def step(cs: CompiledScenario, batch: CustomerBatch, actions: np.ndarray) -> StepOutput:
    """Advance every lane one turn; lanes already done are left as they are with zero reward."""
    turn = Turn(cs, batch, actions)
    turn.progress()
    turn.update_beliefs()
    turn.money()
    turn.mood()
    turn.bookkeeping()
    turn.episode_end()
    turn.reward()
    turn.what_the_agent_sees()
    return StepOutput(turn.rewards[0], turn.terminated, turn.truncated, turn.invalid, turn.rewards)


def episode_kpis(cs: CompiledScenario, batch: CustomerBatch) -> dict[str, np.ndarray]:
    """Contact-centre KPIs of each lane's episode so far (final once the lane is done).

    ``net_value`` = revenue - compensation - escalation cost - handle time x cost per
    minute - the expected repeat-contact cost of an unresolved customer.
    """
    return dict(zip(KPIS, kpi_rows(cs, batch), strict=True))


def kpi_rows(cs: CompiledScenario, batch: CustomerBatch) -> np.ndarray:
    """``(len(KPIS), n)``: :func:`episode_kpis` as one block, rows in the order of :data:`KPIS`."""
    economics = cs.scenario.economics
    kpis = np.empty((len(KPIS), len(batch)))
    csat, resolved, first_contact, escalated, abandoned, turns, _, _, _, net_value = kpis
    np.multiply(batch.sentiment, _TWO, out=csat)
    csat += _THREE
    np.rint(csat, out=csat)
    np.maximum(csat, _ONE, out=csat)
    np.minimum(csat, _FIVE, out=csat)
    resolved[...] = batch.resolved
    np.greater(batch.resolved, batch.escalated, out=first_contact, casting="unsafe")
    escalated[...] = batch.escalated
    np.equal(batch.outcome, Outcome.ABANDONED, out=abandoned, casting="unsafe")
    turns[...] = batch.turn
    kpis[6:9] = batch.reals[_KPI_SUMS]
    np.subtract(batch.revenue, batch.compensation_cost, out=net_value)
    net_value -= batch.escalation_cost
    net_value -= economics.cost_per_minute * batch.minutes
    net_value -= economics.unresolved_cost * ~batch.resolved
    return kpis
