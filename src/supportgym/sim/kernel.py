"""The batched dynamics: the one and only implementation of a support conversation.

Pure numpy over ``n`` lanes (no Python loop over customers). :func:`reset` draws new
customers, :func:`step` advances every lane by one turn **in place** (allocation-free
state updates keep large batches fast) and returns the rewards, :func:`observe` and
:func:`action_mask` give what the agent sees. All randomness comes from
:mod:`supportgym.sim.rng`, keyed by (episode key, turn, draw).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supportgym.sim import rng
from supportgym.sim.actions import Action, FixStrategy, Outcome
from supportgym.sim.compile import CompiledScenario
from supportgym.sim.features import FEATURES
from supportgym.sim.replies import CATEGORY, VARIANTS, moods
from supportgym.sim.state import CustomerBatch

REWARD_COMPONENTS = ("satisfaction", "resolution", "efficiency", "business", "penalty")
N_ACTIONS = len(Action)
N_FEATURES = len(FEATURES)
_RESET_DRAWS = 16
_STEP_DRAWS = 11
_SOFT_EVIDENCE = 0.9  # likelihood of "helped"/"did not help" given the strategy agrees/disagrees
_UPSELL_MOOD = 0.05  # mood gained from an accepted upsell

_EMPATHIZE, _ASK, _STANDARD, _TECHNICAL, _COMPENSATE, _ESCALATE, _UPSELL, _CLOSE = map(int, Action)


@dataclass(frozen=True)
class StepOutput:
    """What one turn produced, per lane."""

    reward: np.ndarray  # (n,) float64, the sum of ``components``
    components: dict[str, np.ndarray]  # name -> (n,) float64
    terminated: np.ndarray  # (n,) bool
    truncated: np.ndarray  # (n,) bool
    invalid: np.ndarray  # (n,) bool: the action was masked out (and penalized)


def reset(cs: CompiledScenario, keys: np.ndarray, difficulty: np.ndarray | float) -> CustomerBatch:
    """New customers, one per episode key, at the given difficulty (scalar or per lane)."""
    n = len(keys)
    keys = np.asarray(keys, dtype=np.uint64)
    d = np.broadcast_to(np.asarray(difficulty, dtype=np.float64), (n,)).copy()
    customers, hard = cs.scenario.customers, cs.scenario.difficulty_effects
    u = rng.uniforms(keys, 0, _RESET_DRAWS)
    z = rng.normals(u[:, 3:9], u[:, 9:15])  # (n, 6) standard normals

    inquiry = np.searchsorted(cs.inquiry_cum, u[:, 0], side="right")
    tier = np.searchsorted(cs.tier_cum, u[:, 1], side="right")
    fix = (u[:, 2:3] >= cs.fix_cum[inquiry]).sum(axis=1)
    urgency = cs.inquiry_urgency[inquiry]
    mood = customers.sentiment
    sentiment = np.clip(
        mood.mean
        + mood.std * z[:, 0]
        - customers.urgency_effect * urgency
        - hard.sentiment_shift * d,
        -1.0,
        1.0,
    )
    patience_scale = (1.0 - customers.urgency_effect * urgency) * (
        1.0 - (1.0 - hard.patience_scale) * d
    )
    patience = (
        np.maximum(1.0, customers.patience.mean + customers.patience.std * z[:, 1]) * patience_scale
    )
    spread = customers.complexity_spread
    complexity = (
        cs.inquiry_complexity[inquiry]
        * np.exp(spread * z[:, 2] - spread**2 / 2)
        * (1.0 + (hard.complexity_scale - 1.0) * d)
    )
    seen = np.clip(sentiment + customers.sentiment_noise * z[:, 5], -1.0, 1.0)
    variant = (u[:, 15] * VARIANTS).astype(np.int64)
    zeros, falses = np.zeros(n), np.zeros(n, dtype=bool)
    return CustomerBatch(
        key=keys.copy(),
        difficulty=d,
        turn=np.zeros(n, dtype=np.int64),
        inquiry=inquiry,
        tier=tier,
        fix=fix,
        sentiment=sentiment,
        initial_sentiment=sentiment.copy(),
        patience=patience,
        complexity=complexity,
        progress=zeros.copy(),
        savvy=np.clip(customers.savvy.mean + customers.savvy.std * z[:, 3], 0.0, 1.0),
        receptiveness=np.clip(
            customers.upsell_receptiveness.mean + customers.upsell_receptiveness.std * z[:, 4],
            0.0,
            1.0,
        ),
        belief=cs.fix_prior[inquiry].copy(),
        seen_sentiment=seen,
        previous_seen_sentiment=seen.copy(),
        seen_progress=zeros.copy(),
        clarifications=np.zeros(n, dtype=np.int64),
        failures=np.zeros(n, dtype=np.int64),
        empathy_streak=np.zeros(n, dtype=np.int64),
        last_action=np.full(n, -1, dtype=np.int64),
        escalated=falses.copy(),
        compensated=falses.copy(),
        upsell_attempted=falses.copy(),
        upsold=falses.copy(),
        resolved=falses.copy(),
        done=falses.copy(),
        outcome=np.zeros(n, dtype=np.int64),
        minutes=zeros.copy(),
        revenue=zeros.copy(),
        compensation_cost=zeros.copy(),
        escalation_cost=zeros.copy(),
        reply=cs.replies.table[inquiry, CATEGORY["opening"], moods(sentiment), variant],
    )


def action_mask(cs: CompiledScenario, batch: CustomerBatch) -> np.ndarray:
    """``(n, 8)`` bool: actions that make sense now. Masked actions are legal but penalized.

    Masked: escalating, compensating or upselling a second time; asking more than the
    scenario's maximum of clarifying questions; and, once the issue is resolved,
    anything but upselling and closing.
    """
    mask = np.ones((len(batch), N_ACTIONS), dtype=bool)
    open_ = ~batch.resolved
    mask[:, _EMPATHIZE] = open_
    mask[:, _ASK] = open_ & (batch.clarifications < cs.scenario.dynamics.max_clarifications)
    mask[:, _STANDARD] = open_
    mask[:, _TECHNICAL] = open_
    mask[:, _COMPENSATE] = open_ & ~batch.compensated
    mask[:, _ESCALATE] = open_ & ~batch.escalated
    mask[:, _UPSELL] = ~batch.upsell_attempted
    return mask


def observe(cs: CompiledScenario, batch: CustomerBatch) -> np.ndarray:
    """``(n, 17)`` float32 observations, in the order of :data:`FEATURES`."""
    n_inquiries = max(len(cs.inquiry_names) - 1, 1)
    max_asks = max(cs.scenario.dynamics.max_clarifications, 1)
    columns = (
        batch.seen_sentiment,
        np.clip(batch.seen_sentiment - batch.previous_seen_sentiment, -1.0, 1.0),
        batch.tier / 2.0,
        batch.inquiry / n_inquiries,
        cs.inquiry_urgency[batch.inquiry],
        batch.turn / cs.max_turns,
        batch.seen_progress,
        batch.belief[:, FixStrategy.TECHNICAL],
        batch.belief[:, FixStrategy.ESCALATION],
        batch.belief[:, FixStrategy.COMPENSATION],
        np.minimum(batch.clarifications / max_asks, 1.0),
        np.minimum(batch.failures / 4.0, 1.0),
        batch.escalated,
        batch.compensated,
        batch.upsell_attempted,
        batch.resolved,
        (batch.last_action + 1) / N_ACTIONS,
    )
    return np.stack(columns, axis=1).astype(np.float32)


def step(cs: CompiledScenario, batch: CustomerBatch, actions: np.ndarray) -> StepOutput:
    """Advance every lane one turn; lanes already done are left as they are with zero reward."""
    scenario = cs.scenario
    dyn, econ, weights = scenario.dynamics, scenario.economics, scenario.rewards
    n = len(batch)
    a = np.asarray(actions, dtype=np.int64).reshape(n)
    active = ~batch.done
    rows = np.arange(n)
    invalid = ~action_mask(cs, batch)[rows, a] & active
    valid = active & ~invalid
    is_ = {action: valid & (a == action) for action in range(N_ACTIONS)}
    u = rng.uniforms(batch.key, batch.turn + 1, _STEP_DRAWS)
    urgency = cs.inquiry_urgency[batch.inquiry]
    old_sentiment = batch.sentiment.copy()
    was_resolved = batch.resolved.copy()

    # Progress towards resolution, and what the customer makes of the attempt.
    savvy_factor = np.where(is_[_TECHNICAL], 1.0 + dyn.savvy_weight * (batch.savvy - 0.5), 1.0)
    clarity = 1.0 + dyn.clarification_bonus * (batch.clarifications > 0)
    gain = cs.progress[a, batch.fix] * savvy_factor * clarity * (0.75 + 0.5 * u[:, 0]) * valid
    batch.progress += gain
    fixed_now = ~was_resolved & (batch.progress >= batch.complexity) & active
    attempted = valid & cs.progress[a].any(axis=1)
    helped = attempted & (cs.helps[a, batch.fix] | fixed_now)
    failed = attempted & ~helped

    # Evidence about the fix strategy: attempts that helped or not, and clarifying answers.
    likelihood = np.where(cs.helps[a] == helped[:, None], _SOFT_EVIDENCE, 1.0 - _SOFT_EVIDENCE)
    accuracy = (
        dyn.clarification_accuracy
        - scenario.difficulty_effects.clarification_accuracy_drop * batch.difficulty
    )
    wrong = (batch.fix + 1 + (u[:, 8] * 3).astype(np.int64)) % 4
    signal = np.where(u[:, 7] < accuracy, batch.fix, wrong)
    answer = np.where(
        np.arange(4) == signal[:, None], accuracy[:, None], (1.0 - accuracy[:, None]) / 3.0
    )
    likelihood = np.where(attempted[:, None], likelihood, np.where(is_[_ASK][:, None], answer, 1.0))
    belief = batch.belief * likelihood
    batch.belief = belief / belief.sum(axis=1, keepdims=True)

    # Upsell and money.
    accepted = is_[_UPSELL] & (
        u[:, 9] < batch.receptiveness * np.maximum(old_sentiment, 0.0) * (0.4 + 0.6 * was_resolved)
    )
    revenue = accepted * cs.upsell_revenue[batch.tier]
    compensation = is_[_COMPENSATE] * cs.compensation_cost[batch.tier]
    escalation = is_[_ESCALATE] * econ.escalation_cost
    minutes = cs.minutes[a] * active

    # Mood.
    closing_unresolved = active & (a == _CLOSE) & ~was_resolved
    delta = (
        -dyn.waiting_drift * (1.0 + urgency)
        + is_[_EMPATHIZE]
        * dyn.empathy_gain
        * (1.0 - old_sentiment)
        / 2.0
        * dyn.empathy_decay**batch.empathy_streak
        + (helped & ~is_[_ESCALATE]) * dyn.success_gain * np.minimum(gain, 1.0)
        - (failed & ~is_[_COMPENSATE]) * dyn.failure_loss * (1.0 + urgency)
        + is_[_COMPENSATE] * dyn.compensation_gain
        - (is_[_ESCALATE] & (batch.fix != FixStrategy.ESCALATION)) * dyn.unneeded_escalation_loss
        + accepted * _UPSELL_MOOD
        - (is_[_UPSELL] & ~accepted) * dyn.upsell_rejection_loss * (2.0 - was_resolved)
        - invalid * dyn.invalid_action_loss
        + fixed_now * dyn.fix_gain
        - closing_unresolved * dyn.close_unresolved_loss
        + dyn.mood_noise * rng.normals(u[:, 1], u[:, 2])
    )
    batch.sentiment = np.where(active, np.clip(old_sentiment + delta, -1.0, 1.0), old_sentiment)

    # Bookkeeping.
    batch.resolved |= fixed_now
    batch.escalated |= is_[_ESCALATE]
    batch.compensated |= is_[_COMPENSATE]
    batch.upsell_attempted |= is_[_UPSELL]
    batch.upsold |= accepted
    batch.clarifications += is_[_ASK]
    batch.failures += failed
    batch.empathy_streak = np.where(
        active & (a == _EMPATHIZE),
        batch.empathy_streak + 1,
        np.where(active, 0, batch.empathy_streak),
    )
    batch.last_action = np.where(active, a, batch.last_action)
    batch.minutes += minutes
    batch.revenue += revenue
    batch.compensation_cost += compensation
    batch.escalation_cost += escalation
    batch.patience -= active * (
        1.0
        + dyn.impatience * np.maximum(-batch.sentiment, 0.0)
        + dyn.wrap_up_impatience * was_resolved
    )
    batch.turn += active

    # Episode end.
    closed = active & (a == _CLOSE)
    walked_out = active & ~closed & (batch.patience <= 0.0)
    terminated = closed | walked_out
    truncated = active & ~terminated & (batch.turn >= cs.max_turns)
    batch.outcome = np.select(
        [closed, walked_out & batch.resolved, walked_out, truncated],
        [Outcome.CLOSED, Outcome.LEFT_SATISFIED, Outcome.ABANDONED, Outcome.TIMEOUT],
        batch.outcome,
    )
    batch.done |= terminated | truncated
    ended_unresolved = (terminated | truncated) & ~batch.resolved
    ended_unclosed = (terminated | truncated) & batch.resolved & ~closed

    # Reward, as named components that add up.
    value = cs.tier_value[batch.tier]
    components = {
        "satisfaction": weights.satisfaction * (batch.sentiment - old_sentiment),
        "resolution": value
        * (
            weights.resolution * fixed_now
            - weights.unresolved * ended_unresolved
            - weights.unclosed * ended_unclosed
        ),
        "efficiency": -weights.time * minutes,
        "business": weights.business * (revenue - compensation - escalation),
        "penalty": -weights.invalid_action * invalid,
    }
    reward = sum(components.values())

    # What the agent sees next.
    noise = rng.normals(u[:, 3:5], u[:, 5:7])
    customers = scenario.customers
    batch.previous_seen_sentiment = np.where(
        active, batch.seen_sentiment, batch.previous_seen_sentiment
    )
    seen = np.clip(batch.sentiment + customers.sentiment_noise * noise[:, 0], -1.0, 1.0)
    batch.seen_sentiment = np.where(active, seen, batch.seen_sentiment)
    fraction = np.clip(
        batch.progress / batch.complexity + customers.progress_noise * noise[:, 1], 0.0, 1.0
    )
    batch.seen_progress = np.where(
        active, np.where(batch.resolved, 1.0, fraction), batch.seen_progress
    )
    category = _reply_category(
        a, invalid, fixed_now, accepted, helped, failed, batch, closing_unresolved
    )
    variant = (u[:, 10] * VARIANTS).astype(np.int64)
    reply = cs.replies.table[batch.inquiry, category, moods(batch.sentiment), variant]
    batch.reply = np.where(active, reply, batch.reply)
    return StepOutput(
        reward=reward,
        components=components,
        terminated=terminated,
        truncated=truncated,
        invalid=invalid,
    )


def _reply_category(
    a: np.ndarray,
    invalid: np.ndarray,
    fixed_now: np.ndarray,
    accepted: np.ndarray,
    helped: np.ndarray,
    failed: np.ndarray,
    batch: CustomerBatch,
    closing_unresolved: np.ndarray,
) -> np.ndarray:
    """Which kind of line the customer says, most important event first."""
    outcome = batch.outcome
    conditions = [
        outcome == Outcome.ABANDONED,
        outcome == Outcome.LEFT_SATISFIED,
        outcome == Outcome.TIMEOUT,
        closing_unresolved,
        a == _CLOSE,
        invalid,
        fixed_now,
        (a == _UPSELL) & accepted,
        a == _UPSELL,
        a == _COMPENSATE,
        a == _ESCALATE,
        a == _EMPATHIZE,
        a == _ASK,
        helped,
        failed,
    ]
    names = [
        "abandoned",
        "left_satisfied",
        "timeout",
        "closed_unresolved",
        "closed_resolved",
        "invalid",
        "fixed",
        "upsell_accepted",
        "upsell_declined",
        "compensated",
        "escalated",
        "empathized",
        "clarified",
        "progress",
        "stuck",
    ]
    return np.select(conditions, [CATEGORY[name] for name in names], CATEGORY["stuck"])


def episode_kpis(cs: CompiledScenario, batch: CustomerBatch) -> dict[str, np.ndarray]:
    """Contact-centre KPIs of each lane's episode so far (final once the lane is done).

    ``net_value`` = revenue - compensation - escalation cost - handle time x cost per
    minute - the expected repeat-contact cost of an unresolved customer.
    """
    economics = cs.scenario.economics
    return {
        "csat": np.clip(np.rint(3.0 + 2.0 * batch.sentiment), 1, 5),
        "resolved": batch.resolved.astype(np.float64),
        "first_contact_resolution": (batch.resolved & ~batch.escalated).astype(np.float64),
        "escalated": batch.escalated.astype(np.float64),
        "abandoned": (batch.outcome == Outcome.ABANDONED).astype(np.float64),
        "turns": batch.turn.astype(np.float64),
        "handle_minutes": batch.minutes.copy(),
        "revenue": batch.revenue.copy(),
        "compensation_cost": batch.compensation_cost.copy(),
        "net_value": batch.revenue
        - batch.compensation_cost
        - batch.escalation_cost
        - economics.cost_per_minute * batch.minutes
        - economics.unresolved_cost * ~batch.resolved,
    }
