"""One call of :func:`supportgym.sim.kernel.step`: a turn of every lane, in phases.

Part of the kernel (see there): the phases run in the order of the dynamics, each
skipping work that no lane of the batch needs (``kinds``), and every floating-point
result comes from the same operations in the same order as the full computation.
"""

from __future__ import annotations

import numpy as np

from supportgym.sim import draws
from supportgym.sim import tables as tb
from supportgym.sim.actions import Outcome
from supportgym.sim.compile import CompiledScenario
from supportgym.sim.replies import ANGRY_BELOW, CATEGORY, HAPPY_ABOVE
from supportgym.sim.state import FLAG, REAL, CustomerBatch

_UPSELL_MOOD = np.array(0.05)  # mood gained from an accepted upsell
_ZERO, _ONE, _TWO, _FOUR = (np.array(x) for x in (0.0, 1.0, 2.0, 4.0))
_MINUS_ONE, _THREE = np.array(-1.0), np.array(3)
_ACTION_SHIFT = np.array(9)  # situation index = action * 2**9 + situation_base
_RESOLVED, _DONE, _EXHAUSTED = (np.array(tb.BIT[n]) for n in ("resolved", "done", "asks_exhausted"))
_STRATEGIES = np.arange(4)[:, None]
MOOD_EDGES = np.array([ANGRY_BELOW, HAPPY_ABOVE])
"""Sentiments above which a customer is neutral, then happy: ``searchsorted`` gives the mood."""
_PROGRESS, _ACCEPTED, _FIXED = (
    np.array(CATEGORY[name], dtype=np.uint8) for name in ("progress", "upsell_accepted", "fixed")
)
_SETS_FLAGS = slice(tb.M["escalates"], tb.M["upsells"] + 1)
_FLAGS_SET = slice(FLAG["escalated"], FLAG["upsell_attempted"] + 1)
_OBSERVED_FLAGS = slice(FLAG["escalated"], FLAG["resolved"] + 1)
_SEEN_FLAGS = slice(REAL["seen_escalated"], REAL["seen_resolved"] + 1)
_SEEN_BELIEF = slice(REAL["seen_belief_technical"], REAL["seen_belief_compensation"] + 1)
_ACCUMULATORS = slice(REAL["minutes"], REAL["escalation_cost"] + 1)
_FLOWS = slice(tb.V["minutes"], tb.V["escalation"] + 1)
(
    _ACTIVE,
    _INVALID,
    _ASKS,
    _,
    _COMPENSATES,
    _UPSELLS,
    _TROUBLESHOOTS,
    _ATTEMPTS,
    _HELPS,
    _CREDITS_SUCCESS,
    _CHARGES_FAILURE,
    _CLOSES,
    _CONTINUES,
    _OPEN,
    _SOLUTION,
) = range(len(tb.MARKS))


class Turn:
    """The state of one :func:`~supportgym.sim.kernel.step` call; arrays are ``(n,)`` unless noted.

    Run the phases in order: :meth:`progress`, :meth:`update_beliefs`, :meth:`money`,
    :meth:`mood`, :meth:`bookkeeping`, :meth:`episode_end`, :meth:`reward`,
    :meth:`what_the_agent_sees`.
    """

    __slots__ = (
        "a",
        "accepted",
        "batch",
        "counts",
        "cs",
        "ended",
        "ended_any",
        "failed",
        "fixed_any",
        "fixed_now",
        "gain",
        "helped",
        "invalid",
        "kinds",
        "marks",
        "numbers",
        "old_sentiment",
        "rewards",
        "some_done",
        "terminated",
        "truncated",
        "values",
        "walked_out",
    )

    def __init__(self, cs: CompiledScenario, batch: CustomerBatch, actions: np.ndarray):
        t = cs.tables
        self.cs, self.batch = cs, batch
        self.a = np.asarray(actions, dtype=np.int64).reshape(len(batch))
        situation = np.left_shift(self.a, _ACTION_SHIFT)
        situation += batch.situation_base
        records = t.situations.take(situation)
        self.values = records["values"].T  # (len(VALUES), n)
        self.rewards = np.ascontiguousarray(records["rewards"].T)  # (6, n): tables.REWARD_ROWS
        self.counts = records["counts"].T  # (len(COUNTS), n) int64
        marks = records["marks"].T
        self.kinds = int(np.bitwise_or.reduce(marks[tb.M["kinds"]]))
        self.marks = marks.view(bool)  # (len(MARKS) + len(INTS), n): rows as in tables.MARKS
        self.invalid = self.marks[_INVALID]
        self.some_done = self.kinds & tb.DONE
        active = self.marks[_ACTIVE] if self.some_done else None
        self.numbers = draws.turn_numbers(cs.scalars, batch, active)  # (DRAWN, n)
        self.old_sentiment = batch.sentiment.copy()
        self.fixed_any = self.ended_any = 0

    def progress(self) -> None:
        """Progress towards resolution, and what the customer makes of the attempt."""
        if not self.kinds & tb.ATTEMPT:
            return
        batch, marks, values = self.batch, self.marks, self.values
        gain = self.gain = values[tb.V["potential"]].copy()
        np.multiply(gain, batch.savvy_factor, out=gain, where=marks[_TROUBLESHOOTS])
        gain *= values[tb.V["clarity"]]
        gain *= self.numbers[3]
        progress = batch.progress
        progress += gain
        fixed_now = self.fixed_now = np.greater_equal(progress, batch.complexity)
        fixed_now &= marks[_OPEN]
        self.fixed_any = np.count_nonzero(fixed_now)
        attempts = marks[_ATTEMPTS]
        helped = self.helped = attempts & fixed_now
        helped |= marks[_HELPS]
        self.failed = attempts ^ helped

    def update_beliefs(self) -> None:
        """Evidence about the fix strategy: attempts that helped or not, and clarifying answers."""
        batch, kinds = self.batch, self.kinds
        likelihood = None
        if kinds & tb.ATTEMPT:
            column = self.marks[tb.M["evidence"]].view(np.uint8) + self.helped
            likelihood = self.cs.tables.evidence.take(column, axis=1)
        if kinds & tb.ASK:
            signal = self.numbers[5].astype(np.int64)
            signal += batch.fix
            signal += 1
            signal &= _THREE
            np.copyto(signal, batch.fix, where=np.less(self.numbers[4], batch.accuracy))
            answer = np.where(_STRATEGIES == signal, batch.accuracy, batch.wrong_answer)
            likelihood = np.where(
                self.marks[_ASKS], answer, _ONE if likelihood is None else likelihood
            )
        beliefs = batch.belief_rows
        if likelihood is not None:
            beliefs *= likelihood
        beliefs /= beliefs.sum(axis=0)

    def money(self) -> None:
        """Upsell, compensation, escalation and handle time."""
        batch, flows = self.batch, self.values[_FLOWS]
        if self.kinds & tb.UPSELL:
            chance = np.maximum(self.old_sentiment, _ZERO)
            chance *= batch.receptiveness
            chance *= self.values[tb.V["accept_factor"]]
            accepted = self.accepted = np.less(self.numbers[6], chance)
            accepted &= self.marks[_UPSELLS]
            np.multiply(accepted, batch.upsell_price, out=flows[1])
        if self.kinds & tb.COMPENSATE:
            np.multiply(self.marks[_COMPENSATES], batch.compensation_price, out=flows[2])
        batch.reals[_ACCUMULATORS] += flows

    def mood(self) -> None:
        """The mood change: the terms that can be nonzero, in the order of the full sum."""
        batch, kinds, marks, values = self.batch, self.kinds, self.marks, self.values
        delta = batch.drift.copy()
        if kinds & tb.EMPATHY:
            comfort = np.subtract(_ONE, self.old_sentiment)
            comfort *= values[tb.V["empathy_gain"]]
            comfort /= _TWO
            comfort *= self.cs.tables.empathy_decay.take(batch.empathy_streak)
            delta += comfort
        if kinds & tb.ATTEMPT:
            credited = self.helped & marks[_CREDITS_SUCCESS]
            success = np.multiply(credited, self.cs.scalars.success_gain)
            success *= np.minimum(self.gain, _ONE)
            delta += success
            failing = self.failed & marks[_CHARGES_FAILURE]
            np.subtract(delta, batch.failure_loss, out=delta, where=failing)
        delta += values[tb.V["mood_shift"]]
        if kinds & tb.UPSELL:
            delta += self.accepted * _UPSELL_MOOD
            rejected = marks[_UPSELLS] ^ self.accepted
            np.subtract(delta, values[tb.V["reject_loss"]], out=delta, where=rejected)
        if self.fixed_any:
            delta += self.fixed_now * self.cs.scalars.fix_gain
        delta += self.numbers[0]
        delta += self.old_sentiment
        np.maximum(delta, _MINUS_ONE, out=delta)
        np.minimum(delta, _ONE, out=delta)
        self._update(batch.sentiment, delta)

    def bookkeeping(self) -> None:
        """Flags, counters, patience and the observed features they drive."""
        batch, kinds, marks, sc = self.batch, self.kinds, self.marks, self.cs.scalars
        code = batch.situation_base
        if kinds & (tb.FLAGGING | tb.ASK):
            code |= self.counts[tb.C["sets"]]
            batch.flags[_FLAGS_SET] |= marks[_SETS_FLAGS]
        if self.fixed_any:
            np.logical_or(batch.resolved, self.fixed_now, out=batch.resolved)
            code |= self.fixed_now * _RESOLVED
        if kinds & (tb.FLAGGING | tb.ATTEMPT):
            np.copyto(batch.reals[_SEEN_FLAGS], batch.flags[_OBSERVED_FLAGS])
        if kinds & tb.UPSELL:
            np.logical_or(batch.upsold, self.accepted, out=batch.upsold)
        if kinds & tb.ASK:
            asked = batch.clarifications
            asked += marks[_ASKS]
            code |= np.greater_equal(asked, sc.max_clarifications) * _EXHAUSTED
            seen_asks = np.divide(asked, sc.max_asks, out=batch.seen_clarifications)
            np.minimum(seen_asks, _ONE, out=seen_asks)
        if kinds & tb.ATTEMPT:
            failures = batch.failures
            failures += self.failed
            seen_failures = np.divide(failures, _FOUR, out=batch.seen_failed_attempts)
            np.minimum(seen_failures, _ONE, out=seen_failures)
        streak = batch.empathy_streak
        streak *= self.counts[tb.C["streak_keep"]]
        streak += self.counts[tb.C["streak_add"]]
        self._update(batch.last_action, self.a)
        self._update(batch.seen_last_action, self.values[tb.V["last_action_feature"]])
        impatience = np.negative(batch.sentiment)
        np.maximum(impatience, _ZERO, out=impatience)
        impatience *= sc.impatience
        impatience += _ONE
        impatience += self.values[tb.V["wrap_up"]]
        if self.some_done:
            impatience *= marks[_ACTIVE]
        patience, turn = batch.patience, batch.turn
        patience -= impatience
        turn += self.counts[tb.C["turns"]]
        np.divide(turn, sc.max_turns, out=batch.seen_turn_fraction)

    def episode_end(self) -> None:
        """Closed, walked out, or out of turns."""
        batch, marks = self.batch, self.marks
        walked_out = self.walked_out = np.less_equal(batch.patience, _ZERO)
        walked_out &= marks[_CONTINUES]
        closes = marks[_CLOSES]
        terminated = self.terminated = closes | walked_out
        truncated = self.truncated = np.greater_equal(batch.turn, self.cs.scalars.max_turns)
        truncated &= marks[_ACTIVE] ^ terminated
        ended = self.ended = terminated | truncated
        self.ended_any = np.count_nonzero(ended)
        if self.ended_any:
            np.logical_or(batch.done, ended, out=batch.done)
            code = batch.situation_base
            code |= ended * _DONE
            outcome = batch.outcome
            outcome[closes] = Outcome.CLOSED
            outcome[walked_out] = Outcome.ABANDONED
            outcome[walked_out & batch.resolved] = Outcome.LEFT_SATISFIED
            outcome[truncated] = Outcome.TIMEOUT

    def reward(self) -> None:
        """The reward block: named components and their sum."""
        batch, sc, rewards = self.batch, self.cs.scalars, self.rewards
        satisfaction = rewards[1]
        np.subtract(batch.sentiment, self.old_sentiment, out=satisfaction)
        satisfaction *= sc.satisfaction
        if self.fixed_any or self.ended_any:
            resolution = rewards[2]
            if self.fixed_any:
                np.multiply(self.fixed_now, sc.resolution, out=resolution)
            if self.ended_any:
                resolution -= (self.ended & ~batch.resolved) * sc.unresolved
                closes = self.marks[_CLOSES]
                resolution -= (self.ended & batch.resolved & ~closes) * sc.unclosed
            resolution *= batch.tier_value
        if self.kinds & (tb.UPSELL | tb.COMPENSATE):
            flows, business = self.values[_FLOWS], rewards[4]
            np.subtract(flows[1], flows[2], out=business)
            business -= flows[3]
            business *= sc.business
        np.add.reduce(rewards[1:], axis=0, initial=0.0, out=rewards[0])

    def what_the_agent_sees(self) -> None:
        """Observed mood, its trend, progress, beliefs, and the customer's reply."""
        batch, numbers, kinds = self.batch, self.numbers, self.kinds
        self._update(batch.previous_seen_sentiment, batch.seen_sentiment)
        seen = numbers[1]
        seen += batch.sentiment
        np.maximum(seen, _MINUS_ONE, out=seen)
        np.minimum(seen, _ONE, out=seen)
        self._update(batch.seen_sentiment, seen)
        trend = np.subtract(batch.seen_sentiment, batch.previous_seen_sentiment)
        np.maximum(trend, _MINUS_ONE, out=trend)
        np.minimum(trend, _ONE, out=batch.seen_sentiment_trend)
        fraction = np.divide(batch.progress, batch.complexity)
        fraction += numbers[2]
        np.maximum(fraction, _ZERO, out=fraction)
        np.minimum(fraction, _ONE, out=fraction)
        np.maximum(fraction, batch.seen_resolved, out=fraction)  # resolved: 1
        self._update(batch.seen_progress, fraction)
        batch.reals[_SEEN_BELIEF] = batch.belief_rows[1:]
        category = self.marks[tb.M["category"]].view(np.uint8)
        if kinds & tb.ATTEMPT:
            np.putmask(category, self.helped & self.marks[_SOLUTION], _PROGRESS)
        if kinds & tb.UPSELL:
            np.putmask(category, self.accepted, _ACCEPTED)
        if self.fixed_any:
            np.putmask(category, self.fixed_now, _FIXED)
        if self.ended_any:
            ending = self.cs.tables.outcome_category.take(batch.outcome)
            np.putmask(category, self.walked_out | self.truncated, ending)
        mood = MOOD_EDGES.searchsorted(batch.sentiment)
        variant = numbers[7].astype(np.int64)
        self._update(batch.reply, self.cs.replies.table[batch.inquiry, category, mood, variant])

    def _update(self, field: np.ndarray, value: np.ndarray) -> None:
        """Write ``value`` into the active lanes of ``field``."""
        if self.some_done:
            np.putmask(field, self.marks[_ACTIVE], value)
        else:
            field[...] = value
