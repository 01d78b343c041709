"""Counter-based random numbers keyed by (episode key, turn, draw).

Every draw is a pure function of its counter, so an episode's randomness never
depends on its batch-mates: lane ``i`` of a batch of 4,096 sees exactly the numbers
a batch of one with the same episode key sees. The mixer is SplitMix64's finaliser,
applied to whole arrays at once.
"""

from __future__ import annotations

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_TURN = np.array(0xD1B54A32D192ED03, dtype=np.uint64)
_DRAW = np.uint64(0x8CB92BA72F3D8DD7)
_M1 = np.array(0xBF58476D1CE4E5B9, dtype=np.uint64)
_M2 = np.array(0x94D049BB133111EB, dtype=np.uint64)
_S30, _S27, _S31 = (np.array(s, dtype=np.uint64) for s in (30, 27, 31))
_S10, _ONE = np.array(10, dtype=np.uint64), np.array(1, dtype=np.uint64)
# ((bits >> 11) + 0.5) * 2**-53, computed as (2 * (bits >> 11) + 1) * 2**-54 in one rounding.
_HALF_UNIT = np.array(2.0**-54)
_MINUS_TWO, _TWO_PI = np.array(-2.0), np.array(2.0 * np.pi)


def mix(x: np.ndarray) -> np.ndarray:
    """SplitMix64 finaliser: a bijective avalanche mix of uint64 values."""
    x = np.array(x, dtype=np.uint64)
    _mix_in_place(x)
    return x


def _mix_in_place(x: np.ndarray) -> None:
    shifted = np.right_shift(x, _S30)
    x ^= shifted
    x *= _M1
    np.right_shift(x, _S27, out=shifted)
    x ^= shifted
    x *= _M2
    np.right_shift(x, _S31, out=shifted)
    x ^= shifted


def episode_keys(seeds: np.ndarray) -> np.ndarray:
    """Episode keys for integer seeds (one per lane)."""
    return mix(np.asarray(seeds, dtype=np.uint64) * _GOLDEN + _GOLDEN)


def next_keys(keys: np.ndarray) -> np.ndarray:
    """Keys of the episodes that follow ``keys`` on autoreset (unseeded reset)."""
    return mix(keys + _GOLDEN)


def draw_offsets(draws: list[int] | range) -> np.ndarray:
    """The counter offsets of the 0-based draw numbers ``draws``, a column for :func:`draw_rows`."""
    return ((np.asarray(draws, dtype=np.uint64) + np.uint64(1)) * _DRAW)[:, None]


def draw_rows(keys: np.ndarray, turn: np.ndarray | int, offsets: np.ndarray) -> np.ndarray:
    """Uniform draws in (0, 1), shape ``(len(offsets), len(keys))``: one row per draw.

    The draws are chosen (and ordered) by ``offsets`` from :func:`draw_offsets`;
    ``turn`` is a scalar, one per key, one per row (a column) or one per row and key.
    """
    turn_keys = np.bitwise_xor(np.multiply(np.asarray(turn, dtype=np.uint64), _TURN), keys)
    bits = turn_keys + offsets
    _mix_in_place(bits)
    bits >>= _S10
    bits |= _ONE
    # Below 2**54, so the int64 view holds the same number, and converts faster.
    return np.multiply(bits.view(np.int64), _HALF_UNIT)


def uniforms(keys: np.ndarray, turn: np.ndarray | int, n_draws: int) -> np.ndarray:
    """Uniform draws in (0, 1), shape ``(len(keys), n_draws)``, for one turn."""
    return draw_rows(keys, turn, draw_offsets(range(n_draws))).T


def normals(u1: np.ndarray, u2: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Standard normal draws from two uniform arrays (Box-Muller); ``out`` may be ``u2``."""
    radius = np.log(u1)
    radius *= _MINUS_TWO
    np.sqrt(radius, out=radius)
    angle = np.multiply(_TWO_PI, u2, out=out)
    np.cos(angle, out=angle)
    angle *= radius
    return angle
