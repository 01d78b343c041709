"""The logging policy, learned from its logs: P(action | observation) by behaviour cloning.

Off-policy evaluation needs the logging policy's probability of each logged action
(when the logs do not say), and of the actions a target policy would take instead (to
see whether it leaves the logs' support); calibration needs a policy that acts as the
logged agents did, fast enough to play thousands of simulated contacts per candidate.
A gradient-boosted classifier (scikit-learn) of small trees with early stopping, on the
replayed observations, gives all three: rule-like logging policies are what trees fit
well (on the shipped sample its log loss is within 3% of the true propensities'). Its
probabilities are mixed with a little of the uniform policy, so that no action is
impossible.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from supportgym.data.extras import require
from supportgym.policies.stochastic import N_ACTIONS, StochasticPolicy
from supportgym.sim.features import FEATURE_INDEX
from supportgym.sim.state import CustomerBatch

FLOOR = 0.01
"""Share of the uniform policy mixed into the learned probabilities."""


class BehaviourModel:
    """A classifier of the logged actions from the features in ``inputs``."""

    def __init__(self, inputs: Sequence[str], seed: int = 0):
        self.inputs = tuple(inputs)
        self._columns = [FEATURE_INDEX[name] for name in self.inputs]
        ensemble = require("sklearn.ensemble", "learning the logging policy")
        self._classifier = ensemble.HistGradientBoostingClassifier(
            learning_rate=0.2,
            max_leaf_nodes=15,
            max_iter=300,
            early_stopping=True,
            random_state=seed,
        )

    def fit(self, observations: np.ndarray, actions: np.ndarray) -> BehaviourModel:
        """Learn from ``(N, 17)`` observations and the ``(N,)`` actions taken."""
        self._classifier.fit(observations[:, self._columns], actions)
        return self

    def probabilities(self, observations: np.ndarray) -> np.ndarray:
        """``(n, 8)`` action probabilities; actions never logged get only the floor."""
        probabilities = np.zeros((len(observations), N_ACTIONS))
        if len(observations):
            predicted = self._classifier.predict_proba(observations[:, self._columns])
            probabilities[:, self._classifier.classes_] = predicted
        return (1.0 - FLOOR) * probabilities + FLOOR / N_ACTIONS


class ClonedPolicy(StochasticPolicy):
    """Acts by drawing from a :class:`BehaviourModel` (which reads only its inputs)."""

    name = "cloned"

    def __init__(self, model: BehaviourModel, seed: int = 0):
        super().__init__(seed)
        self.model = model

    def probabilities(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> np.ndarray:
        """The model's probabilities."""
        return self.model.probabilities(observations)
