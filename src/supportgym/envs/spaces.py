"""Gymnasium spaces of the environment, built from the named features."""

from __future__ import annotations

import numpy as np
from gymnasium import spaces

from supportgym.sim.actions import Action
from supportgym.sim.features import FEATURES


def observation_space() -> spaces.Box:
    """``Box(17,)`` float32 with each feature's declared bounds."""
    low = np.array([f.low for f in FEATURES], dtype=np.float32)
    high = np.array([f.high for f in FEATURES], dtype=np.float32)
    return spaces.Box(low=low, high=high, dtype=np.float32)


def action_space() -> spaces.Discrete:
    """``Discrete(8)``: see :class:`supportgym.sim.Action`."""
    return spaces.Discrete(len(Action))


def check_difficulty(difficulty: float) -> float:
    """``difficulty`` as a float in [0, 1], or a ``ValueError`` naming it."""
    value = float(difficulty)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"difficulty must be between 0 and 1, got {difficulty}")
    return value


MAX_SEED = 2**63 - 1


def check_seed(seed: int) -> int:
    """``seed`` as an int in [0, 2**63), or a ``ValueError`` naming it."""
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer):
        raise ValueError(f"seed must be an integer, got {seed!r}")
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"seed must be between 0 and {MAX_SEED}, got {seed}")
    return int(seed)
