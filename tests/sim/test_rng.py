"""The counter-based generator: pure functions of (episode key, turn, draw)."""

from __future__ import annotations

import numpy as np
import pytest

from supportgym.sim import rng


@pytest.fixture(scope="module")
def keys() -> np.ndarray:
    return rng.episode_keys(np.arange(1000, dtype=np.uint64))


def test_draws_are_strictly_inside_the_unit_interval(keys: np.ndarray) -> None:
    u = rng.uniforms(keys, 3, 16)
    assert u.shape == (1000, 16)
    assert u.dtype == np.float64
    assert np.all((u > 0.0) & (u < 1.0))


def test_extreme_bits_map_strictly_inside_the_unit_interval() -> None:
    # Find the keys whose first draw is smallest and largest: still not 0 or 1.
    u = rng.uniforms(rng.episode_keys(np.arange(200_000, dtype=np.uint64)), 0, 1)
    assert 0.0 < u.min() < 1e-4
    assert 1.0 - 1e-4 < u.max() < 1.0


def test_a_lane_of_a_big_batch_equals_a_batch_of_one(keys: np.ndarray) -> None:
    turns = np.arange(len(keys)) % 21
    batch = rng.uniforms(keys, turns, 11)
    for lane in (0, 1, 17, 500, 999):
        alone = rng.uniforms(keys[lane : lane + 1], turns[lane], 11)
        np.testing.assert_array_equal(batch[lane], alone[0])


def test_batch_order_does_not_matter(keys: np.ndarray) -> None:
    order = np.random.default_rng(0).permutation(len(keys))
    np.testing.assert_array_equal(rng.uniforms(keys, 5, 4)[order], rng.uniforms(keys[order], 5, 4))


def test_more_draws_extend_the_same_stream(keys: np.ndarray) -> None:
    np.testing.assert_array_equal(rng.uniforms(keys, 2, 16)[:, :11], rng.uniforms(keys, 2, 11))


def test_keys_turns_and_draws_give_different_numbers(keys: np.ndarray) -> None:
    u = rng.uniforms(keys, 0, 16)
    assert len(np.unique(u)) == u.size  # across keys and draws
    per_turn = np.stack([rng.uniforms(keys[:50], turn, 4) for turn in range(30)])
    assert len(np.unique(per_turn)) == per_turn.size  # across turns too


def test_uniforms_are_roughly_uniform() -> None:
    u = rng.uniforms(rng.episode_keys(np.arange(10_000, dtype=np.uint64)), 1, 10).ravel()
    assert u.size == 100_000
    assert abs(u.mean() - 0.5) < 0.005
    assert abs(u.std() - np.sqrt(1 / 12)) < 0.005
    counts = np.histogram(u, bins=20, range=(0.0, 1.0))[0]
    assert np.all(np.abs(counts - 5000) < 5 * np.sqrt(5000))


def test_draws_are_uncorrelated_across_turns_and_draws() -> None:
    keys = rng.episode_keys(np.arange(50_000, dtype=np.uint64))
    a, b = rng.uniforms(keys, 1, 2).T
    c = rng.uniforms(keys, 2, 1)[:, 0]
    assert abs(np.corrcoef(a, b)[0, 1]) < 0.02
    assert abs(np.corrcoef(a, c)[0, 1]) < 0.02


def test_normals_are_standard_normal() -> None:
    u = rng.uniforms(rng.episode_keys(np.arange(50_000, dtype=np.uint64)), 0, 2)
    z = rng.normals(u[:, 0], u[:, 1])
    assert np.all(np.isfinite(z))
    assert abs(z.mean()) < 0.03
    assert abs(z.std() - 1.0) < 0.03


def test_episode_keys_are_distinct_and_deterministic() -> None:
    seeds = np.arange(100_000, dtype=np.uint64)
    keys = rng.episode_keys(seeds)
    assert keys.dtype == np.uint64
    assert len(np.unique(keys)) == len(seeds)
    np.testing.assert_array_equal(keys, rng.episode_keys(seeds.copy()))
    np.testing.assert_array_equal(keys[[5]], rng.episode_keys(np.array([5])))


def test_next_keys_are_deterministic_and_lane_independent(keys: np.ndarray) -> None:
    following = rng.next_keys(keys)
    np.testing.assert_array_equal(following, rng.next_keys(keys.copy()))
    np.testing.assert_array_equal(following[[42]], rng.next_keys(keys[[42]]))
    assert not np.any(following == keys)
    assert len(np.unique(following)) == len(keys)


def test_a_chain_of_next_keys_does_not_repeat_or_meet_seeded_keys() -> None:
    key = rng.episode_keys(np.array([7]))
    chain = [key]
    for _ in range(999):
        chain.append(rng.next_keys(chain[-1]))
    chain_keys = np.concatenate(chain)
    assert len(np.unique(chain_keys)) == 1000
    seeded = rng.episode_keys(np.arange(100_000, dtype=np.uint64))
    assert np.intersect1d(chain_keys[1:], seeded).size == 0


def test_inputs_are_not_modified(keys: np.ndarray) -> None:
    before = keys.copy()
    rng.uniforms(keys, 1, 3)
    rng.next_keys(keys)
    np.testing.assert_array_equal(keys, before)
