"""Counter-based random numbers keyed by (episode key, turn, draw).

Every draw is a pure function of its counter, so an episode's randomness never
depends on its batch-mates: lane ``i`` of a batch of 4,096 sees exactly the numbers
a batch of one with the same episode key sees. The mixer is SplitMix64's finaliser,
applied to whole arrays at once.
"""

from __future__ import annotations

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_TURN = np.uint64(0xD1B54A32D192ED03)
_DRAW = np.uint64(0x8CB92BA72F3D8DD7)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_S30, _S27, _S31, _S11 = np.uint64(30), np.uint64(27), np.uint64(31), np.uint64(11)
_UNIT = 2.0**-53


def mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: a bijective avalanche mix of uint64 values."""
    x = x ^ (x >> _S30)
    x = x * _M1
    x = x ^ (x >> _S27)
    x = x * _M2
    return x ^ (x >> _S31)


def episode_keys(seeds: np.ndarray) -> np.ndarray:
    """Episode keys for integer seeds (one per lane)."""
    return mix(np.asarray(seeds, dtype=np.uint64) * _GOLDEN + _GOLDEN)


def next_keys(keys: np.ndarray) -> np.ndarray:
    """Keys of the episodes that follow ``keys`` on autoreset (unseeded reset)."""
    return mix(keys + _GOLDEN)


def uniforms(keys: np.ndarray, turn: np.ndarray | int, n_draws: int) -> np.ndarray:
    """Uniform draws in (0, 1), shape ``(len(keys), n_draws)``, for one turn."""
    turn_part = np.asarray(turn, dtype=np.uint64).reshape(-1, 1) * _TURN
    draws = (np.arange(1, n_draws + 1, dtype=np.uint64) * _DRAW)[None, :]
    bits = mix((keys[:, None] ^ turn_part) + draws)
    return ((bits >> _S11).astype(np.float64) + 0.5) * _UNIT


def normals(u1: np.ndarray, u2: np.ndarray) -> np.ndarray:
    """Standard normal draws from two uniform arrays (Box-Muller)."""
    return np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2)
