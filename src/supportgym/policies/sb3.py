"""Trained Stable-Baselines3 models as :class:`~supportgym.policies.Policy` objects.

SB3 and torch are imported only here, and only when a model is loaded.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from supportgym.sim.state import CustomerBatch

ALGORITHMS = ("ppo", "a2c", "dqn", "maskable_ppo")
"""Algorithms that learn by playing in the simulator."""
OFFLINE_ALGORITHMS = {"bc": "ppo", "cql": "dqn"}
"""Algorithms that learn from logs, and the SB3 model each trains and saves."""
MODEL_ALGORITHMS = (*ALGORITHMS, *OFFLINE_ALGORITHMS)
"""Every algorithm a saved model may come from."""


def algorithm_class(name: str) -> type:
    """The SB3 / sb3-contrib class of an algorithm name.

    Also puts torch on one thread: the policies are small MLPs, for which thread
    hand-offs cost more than they save (measured 0.7 ms vs 65 ms per batch of 100
    on 2 CPUs), and one thread keeps floating-point sums the same everywhere.
    """
    import torch

    torch.set_num_threads(1)
    name = OFFLINE_ALGORITHMS.get(name, name)
    if name == "maskable_ppo":
        from sb3_contrib import MaskablePPO

        return MaskablePPO
    if name in ALGORITHMS:
        import stable_baselines3

        return getattr(stable_baselines3, name.upper())
    raise ValueError(f"unknown algorithm {name!r}; choose one of {', '.join(MODEL_ALGORITHMS)}")


class ModelPolicy:
    """A trained model acting greedily (deterministic), masked for MaskablePPO."""

    def __init__(self, model: object, algorithm: str, name: str = "model"):
        self.model = model
        self.algorithm = algorithm
        self.name = name
        self._kind = OFFLINE_ALGORITHMS.get(algorithm, algorithm)  # the SB3 model's

    def act(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> np.ndarray:
        """Greedy actions."""
        kwargs = {"action_masks": action_masks} if self._kind == "maskable_ppo" else {}
        actions, _ = self.model.predict(observations, deterministic=True, **kwargs)
        return np.asarray(actions, dtype=np.int64)

    def action_probabilities(
        self, observations: np.ndarray, action_masks: np.ndarray
    ) -> np.ndarray:
        """``(n, 8)`` action probabilities (one-hot greedy choice for DQN)."""
        import torch

        policy = self.model.policy
        obs, _ = policy.obs_to_tensor(observations)
        with torch.no_grad():
            if self._kind == "dqn":
                q_values = policy.q_net(obs)
                return np.eye(q_values.shape[1])[q_values.argmax(dim=1).cpu().numpy()]
            if self._kind == "maskable_ppo":
                distribution = policy.get_distribution(obs, action_masks=action_masks)
            else:
                distribution = policy.get_distribution(obs)
            return distribution.distribution.probs.cpu().numpy()


def load_model_policy(path: str | Path, algorithm: str | None = None) -> ModelPolicy:
    """Load a saved model (``.zip``); the algorithm is read from the file when not given."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{path}: model file not found")
    if algorithm is None:
        algorithm = _algorithm_of(path)
    try:
        model = algorithm_class(algorithm).load(path, device="cpu")
    except (
        zipfile.BadZipFile,
        AssertionError,
        EOFError,
        KeyError,
        RuntimeError,
        ValueError,
    ) as error:
        raise ValueError(f"{path}: not a readable {algorithm} model ({error})") from None
    return ModelPolicy(model, algorithm, name=path.stem)


def _algorithm_of(path: Path) -> str:
    """The algorithm recorded beside the model by the trainer (``<model>.algorithm``)."""
    marker = path.with_suffix(".algorithm")
    if not marker.is_file():
        raise ValueError(f"{path}: cannot tell which algorithm trained it; name the algorithm")
    return marker.read_text().strip()
