"""Rule-based policies: random, the eight constants, and a support lead's playbook."""

from __future__ import annotations

import numpy as np

from supportgym.sim import rng
from supportgym.sim.actions import Action
from supportgym.sim.compile import CompiledScenario
from supportgym.sim.features import FEATURE_INDEX as F
from supportgym.sim.state import CustomerBatch


class RandomPolicy:
    """Uniformly random actions, drawn from each episode's own counter-based stream."""

    name = "random"

    def __init__(self, seed: int = 0):
        self._salt = rng.episode_keys(np.array([seed]))[0]

    def act(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> np.ndarray:
        """A uniform action per lane."""
        u = rng.uniforms(rng.mix(customers.key ^ self._salt), customers.turn, 1)[:, 0]
        return (u * len(Action)).astype(np.int64)


class ConstantPolicy:
    """The same action every turn."""

    def __init__(self, action: Action):
        self.action = Action(action)
        self.name = f"always_{self.action.name.lower()}"

    def act(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> np.ndarray:
        """The constant action for every lane."""
        return np.full(len(observations), int(self.action), dtype=np.int64)


class PlaybookPolicy:
    """The rules a support lead writes, reading only what the agent observes.

    1. Issue resolved: upsell a happy premium/VIP customer once, otherwise close.
    2. Customer upset (sentiment < -0.5) and not just comforted: empathize.
    3. No clarifying question asked yet: ask one.
    4. Two attempts failed and not escalated yet: escalate.
    5. Otherwise the inquiry type's prescribed response (``playbook_action`` in the
       scenario); once a one-shot response (compensation, escalation) is spent, the
       standard solution.
    """

    name = "playbook"
    ANGRY = -0.5
    HAPPY = 0.4

    def __init__(self, scenario: CompiledScenario):
        self._prescribed = scenario.playbook_action
        self._n_inquiries = len(scenario.inquiry_names)

    def act(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> np.ndarray:
        """Apply the rules, first match wins."""
        obs = observations
        inquiry = np.rint(obs[:, F["inquiry_type"]] * max(self._n_inquiries - 1, 1)).astype(
            np.int64
        )
        prescribed = self._prescribed[inquiry]
        spent = np.where(
            prescribed == Action.OFFER_COMPENSATION,
            obs[:, F["compensated"]] > 0.5,
            (prescribed == Action.ESCALATE) & (obs[:, F["escalated"]] > 0.5),
        )
        routine = np.where(spent, Action.STANDARD_SOLUTION, prescribed)
        last_action = np.rint(obs[:, F["last_action"]] * len(Action)).astype(np.int64) - 1
        sentiment = obs[:, F["sentiment"]]
        wrap_up = np.where(
            (sentiment > self.HAPPY)
            & (obs[:, F["tier"]] >= 0.5)
            & (obs[:, F["upsell_attempted"]] < 0.5),
            Action.UPSELL,
            Action.CLOSE_CASE,
        )
        return np.select(
            [
                obs[:, F["resolved"]] > 0.5,
                (sentiment < self.ANGRY) & (last_action != Action.EMPATHIZE),
                obs[:, F["clarifications"]] == 0,
                (obs[:, F["failed_attempts"]] >= 0.5) & (obs[:, F["escalated"]] < 0.5),
            ],
            [wrap_up, Action.EMPATHIZE, Action.ASK_CLARIFYING_QUESTION, Action.ESCALATE],
            routine,
        ).astype(np.int64)
