"""The random numbers of a reset and of each turn, drawn from :mod:`supportgym.sim.rng`.

A reset uses 16 uniforms of turn 0 (twelve of them in pairs for six normals); turn
``t`` uses 11 of turn ``t`` (six for three normals), which become the ``DRAWN``
numbers the kernel reads (see :func:`turn_numbers`). Batches of up to
``CACHE_LANES`` lanes draw ``CACHED_TURNS`` turns ahead and keep them in
``batch.draws``: for small batches a numpy call costs the same whatever its size,
so drawing several turns at once beats drawing every turn. The numbers are the same
either way.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from supportgym.sim import rng
from supportgym.sim.replies import VARIANTS
from supportgym.sim.state import DRAWN, CustomerBatch
from supportgym.sim.tables import Scalars

CACHED_TURNS, CACHE_LANES = 8, 64
RESET_PAIRS = ((3, 9), (4, 10), (6, 12), (7, 13), (5, 11), (8, 14))
"""Reset normals, as pairs of draw numbers: sentiment, patience, savvy, receptiveness,
complexity, observed mood."""
RESET_REST = (0, 1, 2, 15)
"""Reset uniforms: inquiry, tier, fix strategy, reply variant."""
TURN_PAIRS = ((1, 2), (3, 5), (4, 6))
"""Turn normals: mood change, observed mood, observed progress."""
TURN_REST = (0, 7, 8, 9, 10)
"""Turn uniforms: progress, clarifying answer (right or not, which wrong one), upsell,
reply variant."""
_HALF, _THREE_QUARTERS = np.array(0.5), np.array(0.75)
_PICKS = np.array([[[3.0]], [[VARIANTS]]])  # which wrong answer (of three), which variant


def cached_turns(n: int) -> int:
    """How many turns a batch of ``n`` lanes draws ahead."""
    return CACHED_TURNS if n <= CACHE_LANES else 0


def draw(
    sc: Scalars, keys: np.ndarray, base_turn: np.ndarray | None, reset: bool, turns: int
) -> np.ndarray:
    """Numbers of a reset (if ``reset``) and of ``turns`` turns, one column per key.

    Rows: the reset's six normals, the turns' numbers as ``DRAWN`` rows of ``turns``
    rows each (ready to use, see :func:`turn_numbers`), the reset's four uniforms.
    Turns are counted from ``base_turn`` (one per key; 0 when ``None``).
    """
    turn, offsets, pairs = _plan(reset, turns)
    if base_turn is not None:
        turn = turn + base_turn.view(np.uint64)
    u = rng.draw_rows(keys, turn, offsets)
    rng.normals(u[:pairs], u[pairs : 2 * pairs], out=u[pairs : 2 * pairs])
    numbers = u[pairs:]
    if turns:
        first = len(RESET_PAIRS) if reset else 0
        by_turn = numbers[first : first + DRAWN * turns].reshape(DRAWN, turns, -1)
        by_turn[: len(TURN_PAIRS)] *= sc.noise
        luck = by_turn[3]
        luck *= _HALF
        luck += _THREE_QUARTERS
        picks = by_turn[5::2]
        picks *= _PICKS
        np.trunc(picks, out=picks)
    return numbers


def turn_numbers(sc: Scalars, batch: CustomerBatch, active: np.ndarray | None) -> np.ndarray:
    """``(DRAWN, n)``: the numbers of every lane's next turn, ready to use.

    Rows: the scaled mood-change, observed-mood and observed-progress noise, progress
    luck (0.75 + 0.5 u), the clarifying answer's draw, which wrong answer (0-2), the
    upsell's draw and the reply variant. Lanes outside ``active`` (bool, ``None`` for
    all) may get zeros instead: the kernel does not use their numbers.
    """
    if not batch.cached_turns:
        if active is None:
            return draw(sc, batch.key, batch.turn, False, 1)
        lanes = np.flatnonzero(active)
        numbers = np.zeros((DRAWN, len(batch)))
        numbers[:, lanes] = draw(sc, batch.key[lanes], batch.turn[lanes], False, 1)
        return numbers
    offset = batch.turn - batch.draws_base
    stale = offset >= batch.cached_turns
    if np.count_nonzero(stale):
        lanes = np.flatnonzero(stale)
        turns = batch.cached_turns
        fresh = draw(sc, batch.key[lanes], batch.turn[lanes], False, turns)
        batch.draws[:, :, lanes] = fresh.reshape(DRAWN, turns, -1)
        batch.draws_base[lanes] = batch.turn[lanes]
        offset[lanes] = 0
    return batch.draws[:, offset, batch.lanes]


@cache
def _plan(reset: bool, turns: int) -> tuple[np.ndarray | np.uint64, np.ndarray, int]:
    """Turn (relative to the base turn) and counter offset of each draw row; the normals.

    Rows: the first uniforms of all normals, their partners (which become the normals),
    then the other uniforms, in the order :func:`draw` returns them. The turn is a
    column, or a scalar if all rows agree. Returned last: the number of normals.
    """
    by_turn = range(1, turns + 1)
    pairs = [(0, pair) for pair in RESET_PAIRS] if reset else []
    pairs += [(turn, pair) for pair in TURN_PAIRS for turn in by_turn]
    rest = [(turn, draw) for draw in TURN_REST for turn in by_turn]
    rest += [(0, draw) for draw in RESET_REST] if reset else []
    rows = [(turn, a) for turn, (a, _) in pairs] + [(turn, b) for turn, (_, b) in pairs] + rest
    turn = np.array([[turn] for turn, _ in rows], dtype=np.uint64)
    if np.all(turn == turn[0]):
        turn = turn[0, 0]
    return turn, rng.draw_offsets([draw for _, draw in rows]), len(pairs)
