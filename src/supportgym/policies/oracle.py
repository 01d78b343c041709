"""The privileged oracle: it reads the hidden customer state, an upper reference."""

from __future__ import annotations

import numpy as np

from supportgym.sim.actions import Action, FixStrategy
from supportgym.sim.compile import CompiledScenario
from supportgym.sim.state import CustomerBatch

_FIX_ACTION = np.array(
    [
        Action.STANDARD_SOLUTION,
        Action.TECHNICAL_TROUBLESHOOTING,
        Action.ESCALATE,
        Action.OFFER_COMPENSATION,
    ]
)


class OraclePolicy:
    """Knows which strategy fixes the issue, the true mood and the upsell odds.

    It applies the fixing strategy straight away (comforting a very upset customer
    first), upsells when the expected revenue beats the expected loss of goodwill,
    and closes as soon as the work is done. Not optimal, but a clear upper reference
    for what observing and adapting can earn.
    """

    name = "oracle"
    ANGRY = -0.6

    def __init__(self, scenario: CompiledScenario):
        self._scenario = scenario

    def act(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> np.ndarray:
        """The informed action per lane."""
        c, cs = customers, self._scenario
        weights, dyn = cs.scenario.rewards, cs.scenario.dynamics
        fix_action = _FIX_ACTION[c.fix]
        spent = ((c.fix == FixStrategy.ESCALATION) & c.escalated) | (
            (c.fix == FixStrategy.COMPENSATION) & c.compensated
        )
        fallback = np.where(c.escalated, Action.STANDARD_SOLUTION, Action.ESCALATE)
        working = np.where(spent, fallback, fix_action)
        p_accept = c.receptiveness * np.maximum(c.sentiment, 0.0)
        gain = p_accept * weights.business * cs.upsell_revenue[c.tier]
        loss = (1.0 - p_accept) * weights.satisfaction * dyn.upsell_rejection_loss
        upsell = (gain > loss + weights.time * cs.minutes[Action.UPSELL]) & ~c.upsell_attempted
        wrap_up = np.where(upsell, Action.UPSELL, Action.CLOSE_CASE)
        comfort = (c.sentiment < self.ANGRY) & (c.empathy_streak == 0)
        return np.select([c.resolved, comfort], [wrap_up, Action.EMPATHIZE], working).astype(
            np.int64
        )
