"""Seeded determinism: same seed and actions give the same trajectory, alone or in a batch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.vector import AutoresetMode, SyncVectorEnv

from supportgym.envs import SupportEnv, SupportVectorEnv
from supportgym.policies import make_policy, rollout
from supportgym.sim import BUILTIN_SCENARIOS, CompiledScenario

Step = tuple[np.ndarray, float, bool, bool, dict[str, Any]]


def play(env: SupportEnv, seed: int, actions: np.ndarray) -> list[Step]:
    """Reset with ``seed`` and take ``actions`` until the episode ends; every transition."""
    obs, info = env.reset(seed=seed)
    steps: list[Step] = [(obs, 0.0, False, False, info)]
    for action in actions:
        obs, reward, terminated, truncated, info = env.step(int(action))
        steps.append((obs, reward, terminated, truncated, info))
        if terminated or truncated:
            break
    return steps


def assert_same_info(left: dict[str, Any], right: dict[str, Any]) -> None:
    assert left["reward_components"] == right["reward_components"]
    assert left["reply"] == right["reply"]
    assert left["reply_id"] == right["reply_id"]
    np.testing.assert_array_equal(left["action_mask"], right["action_mask"])
    assert left.get("kpis") == right.get("kpis")


def assert_same_steps(left: list[Step], right: list[Step]) -> None:
    assert len(left) == len(right)
    for (o1, r1, te1, tr1, i1), (o2, r2, te2, tr2, i2) in zip(left, right, strict=True):
        np.testing.assert_array_equal(o1, o2)
        assert (r1, te1, tr1) == (r2, te2, tr2)
        assert_same_info(i1, i2)


@pytest.mark.parametrize("seed", range(100))
def test_same_seed_and_actions_give_the_same_episode(
    seed: int, action_stream: Callable[..., np.ndarray]
) -> None:
    scenario = BUILTIN_SCENARIOS[seed % len(BUILTIN_SCENARIOS)]
    difficulty = (seed % 5) / 4
    actions = action_stream(seed, 20)
    first = play(SupportEnv(scenario, difficulty), seed, actions)
    reused = SupportEnv(scenario, difficulty)
    play(reused, seed + 1, action_stream(seed + 1, 20))  # a different episode in between
    assert_same_steps(first, play(reused, seed, actions))
    assert first[-1][2] or first[-1][3], "the episode should have ended within max_turns"
    assert "kpis" in first[-1][4]


def test_different_seeds_give_different_customers() -> None:
    env = SupportEnv("mixed")
    openings = {env.reset(seed=seed)[0].tobytes() for seed in range(50)}
    assert len(openings) == 50


def _lane_info(info: dict[str, Any], lane: int) -> dict[str, Any]:
    lane_info = {
        "reward_components": {k: float(v[lane]) for k, v in info["reward_components"].items()},
        "reply": str(info["reply"][lane]),
        "reply_id": int(info["reply_id"][lane]),
        "action_mask": info["action_mask"][lane],
    }
    if "kpis" in info and info["_kpis"][lane]:
        lane_info["kpis"] = {k: float(v[lane]) for k, v in info["kpis"].items()}
    return lane_info


@pytest.mark.parametrize(("scenario", "seed"), [("mixed", 0), ("bfsi", 4242), ("tech", 10**9)])
def test_vector_lane_runs_the_single_env_episode_of_seed_plus_lane(
    scenario: str, seed: int, action_stream: Callable[..., np.ndarray]
) -> None:
    n = 8
    actions = action_stream(seed, 20, n)
    vector = SupportVectorEnv(n, scenario, autoreset_mode=AutoresetMode.DISABLED)
    obs, info = vector.reset(seed=seed)
    lanes: list[list[Step]] = [[(obs[i], 0.0, False, False, _lane_info(info, i))] for i in range(n)]
    done = np.zeros(n, dtype=bool)
    for row in actions:
        obs, rewards, terminated, truncated, info = vector.step(row)
        for i in np.flatnonzero(~done):
            lanes[i].append(
                (
                    obs[i],
                    float(rewards[i]),
                    bool(terminated[i]),
                    bool(truncated[i]),
                    _lane_info(info, i),
                )
            )
        done |= terminated | truncated
    assert done.all()
    single = SupportEnv(scenario)
    for i in range(n):
        assert_same_steps(lanes[i], play(single, seed + i, actions[:, i]))


def assert_same_vector_info(native: dict[str, Any], other: dict[str, Any]) -> None:
    for name, values in native["reward_components"].items():
        np.testing.assert_array_equal(values, other["reward_components"][name])
    np.testing.assert_array_equal(native["action_mask"], other["action_mask"])
    np.testing.assert_array_equal(native["reply_id"], other["reply_id"])
    ended = native.get("_kpis", np.zeros(len(native["reply_id"]), dtype=bool))
    np.testing.assert_array_equal(ended, other.get("_kpis", np.zeros_like(ended)))
    for name in native.get("kpis", {}):
        np.testing.assert_array_equal(native["kpis"][name][ended], other["kpis"][name][ended])


def assert_same_vector_runs(
    native: gym.vector.VectorEnv, other: gym.vector.VectorEnv, seed: int, actions: np.ndarray
) -> int:
    """Step both with the same actions; returns how many episodes ended."""
    obs_a, info_a = native.reset(seed=seed)
    obs_b, info_b = other.reset(seed=seed)
    np.testing.assert_array_equal(obs_a, obs_b)
    assert_same_vector_info(info_a, info_b)
    episodes = 0
    for row in actions:
        obs_a, rew_a, term_a, trunc_a, info_a = native.step(row)
        obs_b, rew_b, term_b, trunc_b, info_b = other.step(row)
        np.testing.assert_array_equal(obs_a, obs_b)
        np.testing.assert_array_equal(rew_a, rew_b)
        np.testing.assert_array_equal(term_a, term_b)
        np.testing.assert_array_equal(trunc_a, trunc_b)
        assert_same_vector_info(info_a, info_b)
        episodes += int((term_a | trunc_a).sum())
    return episodes


def test_make_vec_vector_entry_point_matches_sync_vector_env(
    env_id: str, action_stream: Callable[..., np.ndarray]
) -> None:
    native = gym.make_vec(env_id, num_envs=4, vectorization_mode="vector_entry_point")
    sync = gym.make_vec(env_id, num_envs=4, vectorization_mode="sync")
    assert isinstance(native, SupportVectorEnv)
    assert isinstance(sync, SyncVectorEnv)
    assert native.metadata["autoreset_mode"] == sync.metadata["autoreset_mode"]
    assert native.metadata["autoreset_mode"] == AutoresetMode.NEXT_STEP
    episodes = assert_same_vector_runs(native, sync, 31, action_stream(31, 150, 4))
    assert episodes >= 12, "several autoresets per lane should have happened"
    native.close()
    sync.close()


def test_async_vector_env_matches_sync(action_stream: Callable[..., np.ndarray]) -> None:
    env_id = "SupportGym/Retail-v0"
    async_env = gym.make_vec(env_id, num_envs=2, vectorization_mode="async")
    sync = gym.make_vec(env_id, num_envs=2, vectorization_mode="sync")
    try:
        actions = action_stream(5, 30, 2)
        obs_a, _ = async_env.reset(seed=5)
        obs_b, _ = sync.reset(seed=5)
        np.testing.assert_array_equal(obs_a, obs_b)
        for row in actions:
            obs_a, rew_a, term_a, trunc_a, _ = async_env.step(row)
            obs_b, rew_b, term_b, trunc_b, _ = sync.step(row)
            np.testing.assert_array_equal(obs_a, obs_b)
            np.testing.assert_array_equal(rew_a, rew_b)
            np.testing.assert_array_equal(term_a | trunc_a, term_b | trunc_b)
    finally:
        async_env.close()
        sync.close()


@pytest.mark.parametrize("policy", ["random", "playbook", "oracle"])
def test_rollout_results_do_not_depend_on_batch_size(
    policy: str, compiled: dict[str, CompiledScenario]
) -> None:
    agent = make_policy(policy, compiled["mixed"], seed=3)
    big = rollout(agent, "mixed", episodes=150, seed=500, batch_size=1000)
    small = rollout(agent, "mixed", episodes=150, seed=500, batch_size=7)
    np.testing.assert_array_equal(big.seeds, small.seeds)
    np.testing.assert_array_equal(big.returns, small.returns)
    assert big.components.keys() == small.components.keys()
    for name in big.components:
        np.testing.assert_array_equal(big.components[name], small.components[name])
    assert big.kpis.keys() == small.kpis.keys()
    for name in big.kpis:
        np.testing.assert_array_equal(big.kpis[name], small.kpis[name])


@pytest.mark.parametrize("policy", ["random", "playbook"])
def test_rollout_episode_k_is_the_single_env_episode_of_seed_plus_k(
    policy: str, compiled: dict[str, CompiledScenario]
) -> None:
    agent = make_policy(policy, compiled["bfsi"], seed=9)
    results = rollout(agent, "bfsi", episodes=12, seed=77, batch_size=5)
    env = SupportEnv("bfsi")
    for k in range(12):
        obs, info = env.reset(seed=77 + k)
        total, done = 0.0, False
        while not done:
            mask = info["action_mask"].astype(bool)[None]
            action = agent.act(obs[None], mask, env.customers)[0]
            obs, reward, terminated, truncated, info = env.step(action)
            total += reward
            done = terminated or truncated
        assert results.returns[k] == pytest.approx(total, abs=1e-9)
        assert {name: values[k] for name, values in results.kpis.items()} == info["kpis"]
