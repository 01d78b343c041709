"""Batch-size independence of the kernel, and the storage of a batch of customers."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from dataclasses import fields

import numpy as np
import pytest

from supportgym.sim import BUILTIN_SCENARIOS, CompiledScenario, draws, kernel, rng
from supportgym.sim.compile import compile_scenario
from supportgym.sim.library import builtin_scenario
from supportgym.sim.state import REAL, CustomerBatch

LANES = draws.CACHE_LANES + 36  # more than a cached batch: this one draws every turn


@pytest.fixture(scope="module", params=BUILTIN_SCENARIOS)
def compiled(request: pytest.FixtureRequest) -> CompiledScenario:
    return compile_scenario(builtin_scenario(request.param))


def snapshot(batch: CustomerBatch, lane: slice) -> dict[str, bytes]:
    return {
        f.name: np.ascontiguousarray(getattr(batch, f.name)[lane]).tobytes() for f in fields(batch)
    }


def test_a_big_batch_and_batches_of_one_play_the_same_episodes(compiled: CompiledScenario) -> None:
    """Batches that draw ahead (small) and draw each turn (big) give identical bits."""
    keys = rng.episode_keys(np.arange(LANES, dtype=np.uint64) + 1000)
    difficulty = np.linspace(0.0, 1.0, LANES)
    big = kernel.reset(compiled, keys, difficulty)
    alone = [kernel.reset(compiled, keys[i : i + 1], difficulty[i]) for i in range(LANES)]
    assert big.cached_turns == 0 and alone[0].cached_turns > 0
    actions = np.random.default_rng(5).integers(0, 8, (compiled.max_turns + 3, LANES))
    for row in actions:
        out = kernel.step(compiled, big, row)
        for i, batch in enumerate(alone):
            mine = kernel.step(compiled, batch, row[i : i + 1])
            assert mine.rewards.tobytes() == out.rewards[:, i : i + 1].tobytes()
            assert (mine.terminated[0], mine.truncated[0]) == (out.terminated[i], out.truncated[i])
            assert snapshot(batch, slice(0, 1)) == snapshot(big, slice(i, i + 1))
        np.testing.assert_array_equal(
            kernel.observe(compiled, big),
            np.concatenate([kernel.observe(compiled, b) for b in alone]),
        )
    assert big.done.all()


def test_restarting_lanes_matches_a_fresh_batch(compiled: CompiledScenario) -> None:
    keys = rng.episode_keys(np.arange(8, dtype=np.uint64))
    batch = kernel.reset(compiled, keys, 0.3)
    for row in np.random.default_rng(1).integers(0, 8, (3, 8)):
        kernel.step(compiled, batch, row)
    lanes = np.arange(8) % 3 == 0
    fresh_keys = rng.next_keys(keys[lanes])
    kernel.restart(compiled, batch, fresh_keys, 0.7, lanes)
    fresh = kernel.reset(compiled, fresh_keys, 0.7)
    assert snapshot(batch, lanes) == snapshot(fresh, slice(None))
    np.testing.assert_array_equal(
        kernel.observe(compiled, batch)[lanes], kernel.observe(compiled, fresh)
    )


def test_assigning_a_field_writes_into_the_batch(compiled: CompiledScenario) -> None:
    batch = kernel.reset(compiled, rng.episode_keys(np.arange(3, dtype=np.uint64)), 0.5)
    storage = batch.sentiment
    batch.sentiment = np.array([0.25, -0.5, 1.0])
    assert batch.sentiment is storage
    np.testing.assert_array_equal(batch.reals[REAL["sentiment"]], [0.25, -0.5, 1.0])


@pytest.mark.parametrize(
    "duplicate", [CustomerBatch.copy, copy.deepcopy, lambda b: pickle.loads(pickle.dumps(b))]
)
def test_copies_are_independent_and_keep_their_views(
    compiled: CompiledScenario, duplicate: Callable[[CustomerBatch], CustomerBatch]
) -> None:
    batch = kernel.reset(compiled, rng.episode_keys(np.arange(4, dtype=np.uint64)), 0.5)
    twin = duplicate(batch)
    kernel.step(compiled, twin, np.zeros(4, dtype=np.int64))
    assert twin.turn.tolist() == [1, 1, 1, 1] and batch.turn.tolist() == [0, 0, 0, 0]
    assert np.shares_memory(twin.turn, twin.ints) and not np.shares_memory(twin.ints, batch.ints)
