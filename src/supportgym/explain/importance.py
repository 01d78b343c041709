"""Which features a policy's choices hang on: permutation importance (scikit-learn).

On the states of the policy's own episodes, one feature at a time is shuffled across
states; its importance is the share of states where the policy then chooses another
action (the drop in agreement with its own unshuffled choices), averaged over repeats.
Any policy can be measured this way, so a trained model and the playbook compare.
"""

from __future__ import annotations

import numpy as np

from supportgym.data.extras import require
from supportgym.policies.base import Policy
from supportgym.sim.features import FEATURE_NAMES

REPEATS = 5


class _Chooser:
    """A policy as the estimator ``permutation_importance`` asks for (it only predicts)."""

    def __init__(self, policy: Policy, masks: np.ndarray):
        self.policy, self.masks = policy, masks

    def fit(self, observations: np.ndarray, actions: np.ndarray) -> _Chooser:
        return self

    def predict(self, observations: np.ndarray) -> np.ndarray:
        return self.policy.act(observations.astype(np.float32), self.masks, None)  # type: ignore[arg-type]


def decision_importance(
    policy: Policy, observations: np.ndarray, masks: np.ndarray, seed: int = 0
) -> dict[str, dict[str, float]]:
    """Per feature: ``mean`` and ``std`` over repeats of the share of choices that change."""
    inspection = require("sklearn.inspection", "feature importance")
    chooser = _Chooser(policy, masks)
    choices = chooser.predict(observations)
    found = inspection.permutation_importance(
        chooser,
        observations,
        choices,
        scoring=lambda estimator, x, y: float(np.mean(estimator.predict(x) == y)),
        n_repeats=REPEATS,
        random_state=seed,
    )
    return {
        name: {"mean": float(mean), "std": float(std)}
        for name, mean, std in zip(
            FEATURE_NAMES, found.importances_mean, found.importances_std, strict=True
        )
    }
