"""Fitted Q evaluation: the value of a target policy's actions, regressed from logged turns.

``Q(s, a)`` for several reward streams at once (the return and each KPI) is fitted by
repeating ``Q <- regress(r + V(s'))``, ``V(s') = sum_a pi(a | s') Q(s', a)``, until the
values settle (at most once per turn of the longest contact, which lets them propagate
from the last turns to the first), undiscounted as the simulator scores an episode.
The regressor is one multi-output extra-trees ensemble (scikit-learn) per action, on the
17 features, with every stream scaled to unit variance so that none dominates the splits.
"""

from __future__ import annotations

import numpy as np

from supportgym.data.extras import require
from supportgym.policies.stochastic import N_ACTIONS

TREES = 20
LEAF = 10
TOLERANCE = 1e-3
"""Backups stop once they change the targets by less than this share of their scale."""


class FittedQ:
    """``Q(s, a)`` of one target policy for ``k`` reward streams, fitted on some turns."""

    def __init__(self, seed: int = 0):
        self._ensemble = require("sklearn.ensemble", "fitted Q evaluation")
        self._seed = seed
        self._models: list = []
        self._fallback = np.zeros(0)
        self._scale = np.ones(0)

    def fit(
        self,
        observations: np.ndarray,
        actions: np.ndarray,
        rewards: np.ndarray,
        next_row: np.ndarray,
        target: np.ndarray,
        iterations: int,
    ) -> FittedQ:
        """Fit on ``n`` turns.

        Args:
            observations: ``(n, 17)`` what the agent saw.
            actions: ``(n,)`` the logged actions.
            rewards: ``(n, k)`` each stream's reward for the turn.
            next_row: ``(n,)`` the row of the contact's next turn, -1 after its last.
            target: ``(n, 8)`` the target policy's action probabilities at each turn.
            iterations: At most this many backups (the longest contact's length).
        """
        follows = next_row >= 0
        targets = rewards.copy()
        for _ in range(max(iterations, 1)):
            self._fit_once(observations, actions, targets)
            if not follows.any():
                break
            after = next_row[follows]
            backed_up = rewards.copy()
            backed_up[follows] += self.values(observations[after], target[after])
            change = np.abs(backed_up - targets).mean(axis=0) / self._scale
            targets = backed_up
            if change.max() < TOLERANCE:
                break
        return self

    def _fit_once(self, observations: np.ndarray, actions: np.ndarray, targets: np.ndarray) -> None:
        self._scale = targets.std(axis=0) + 1e-9
        self._fallback = targets.mean(axis=0)
        scaled = targets / self._scale
        self._models = []
        for action in range(N_ACTIONS):
            taken = actions == action
            model = None
            if np.count_nonzero(taken) >= 2 * LEAF:
                model = self._ensemble.ExtraTreesRegressor(
                    n_estimators=TREES, min_samples_leaf=LEAF, random_state=self._seed, n_jobs=1
                ).fit(observations[taken], scaled[taken])
            self._models.append(model)

    def q(self, observations: np.ndarray, actions: np.ndarray) -> np.ndarray:
        """``(n, k)``: ``Q(s, a)`` of the given pairs (an action seldom logged: the mean value)."""
        if not self._models:
            raise RuntimeError("fit() first")
        out = np.tile(self._fallback, (len(observations), 1))
        for action, model in enumerate(self._models):
            taken = actions == action
            if model is not None and taken.any():
                predicted = model.predict(observations[taken]).reshape(np.count_nonzero(taken), -1)
                out[taken] = predicted * self._scale
        return out

    def values(self, observations: np.ndarray, target: np.ndarray) -> np.ndarray:
        """``(n, k)``: ``V(s) = sum_a pi(a | s) Q(s, a)``, over the actions ``pi`` may take."""
        rows, actions = np.nonzero(target > 0.0)
        q = self.q(observations[rows], actions)
        values = np.zeros((len(observations), q.shape[1]))
        np.add.at(values, rows, q * target[rows, actions][:, None])
        return values
