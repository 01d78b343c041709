"""Policies that draw their action from probabilities: logging policies with known propensities.

Draws come from each episode's own counter-based stream (keyed by its episode key and
turn), so an episode gets the same actions whatever batch it is played in.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from supportgym.policies.base import Policy
from supportgym.sim import rng
from supportgym.sim.actions import Action
from supportgym.sim.state import CustomerBatch

N_ACTIONS = len(Action)
_STREAM = np.uint64(0x5EED_1065_0F_AC7104)
"""Separates these draws from the random policy's, which uses the same seeds."""


def sample_actions(probabilities: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
    """``(n,)`` actions drawn from ``(n, 8)`` probabilities with ``(n,)`` uniforms in (0, 1)."""
    below = np.cumsum(probabilities, axis=1)[:, :-1] < uniforms[:, None]
    return below.sum(axis=1).astype(np.int64)


class StochasticPolicy:
    """Base class: subclasses give :meth:`probabilities`; acting draws from them."""

    name = "stochastic"

    def __init__(self, seed: int = 0):
        self._salt = rng.episode_keys(np.array([seed]))[0] ^ _STREAM

    def probabilities(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> np.ndarray:
        """``(n, 8)`` action probabilities, rows summing to 1."""
        raise NotImplementedError

    def act_with_propensities(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> tuple[np.ndarray, np.ndarray]:
        """``(n,)`` drawn actions and the probability each had."""
        probabilities = self.probabilities(observations, action_masks, customers)
        u = rng.uniforms(rng.mix(customers.key ^ self._salt), customers.turn, 1)[:, 0]
        actions = sample_actions(probabilities, u)
        return actions, probabilities[np.arange(len(actions)), actions]

    def act(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> np.ndarray:
        """Drawn actions."""
        return self.act_with_propensities(observations, action_masks, customers)[0]


class MixedPolicy(StochasticPolicy):
    """Each turn, one of several policies' actions (by weight), or with ``epsilon`` a uniform one.

    With one policy this is epsilon-greedy; with several, a logging policy that mixes,
    say, the playbook and a trained model turn by turn.
    """

    def __init__(
        self,
        policies: Sequence[Policy],
        epsilon: float = 0.0,
        weights: Sequence[float] | None = None,
        seed: int = 0,
    ):
        if not policies:
            raise ValueError("a mixed policy needs at least one policy")
        if not 0.0 <= epsilon <= 1.0:
            raise ValueError(f"epsilon must be between 0 and 1, got {epsilon}")
        shares = np.ones(len(policies)) if weights is None else np.asarray(weights, float)
        if shares.shape != (len(policies),) or (shares < 0).any() or shares.sum() <= 0:
            raise ValueError("weights must be one non-negative number per policy, not all 0")
        super().__init__(seed)
        self.policies, self.epsilon = list(policies), float(epsilon)
        self.weights = shares / shares.sum()
        names = "+".join(p.name for p in self.policies)
        self.name = f"{names}+epsilon{self.epsilon:g}" if epsilon else names

    def probabilities(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> np.ndarray:
        """``epsilon / 8`` each, plus each policy's share of ``1 - epsilon`` on its action."""
        probabilities = np.full((len(observations), N_ACTIONS), self.epsilon / N_ACTIONS)
        lanes = np.arange(len(observations))
        for policy, weight in zip(self.policies, self.weights, strict=True):
            chosen = policy.act(observations, action_masks, customers)
            probabilities[lanes, chosen] += (1.0 - self.epsilon) * weight
        return probabilities
