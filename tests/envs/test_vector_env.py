"""The native vector env: autoreset modes, per-lane info, seeding and input validation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from gymnasium.vector import AutoresetMode

from supportgym.envs import SupportEnv, SupportVectorEnv

N = 4
Transition = tuple[np.ndarray, float, bool, bool, dict[str, Any]]


def single_lane(
    scenario: str, seed: int, actions: np.ndarray, mode: AutoresetMode
) -> list[tuple[Transition, Transition | None]]:
    """What a single env does, given one lane's actions and the vector env's autoreset rule.

    Returns per step the transition the lane should report and, with ``SAME_STEP``, the
    final transition of an episode that ended in that step.
    """
    env = SupportEnv(scenario)
    env.reset(seed=seed)
    result: list[tuple[Transition, Transition | None]] = []
    pending_reset = False
    for action in actions:
        if pending_reset:  # NEXT_STEP: this step only resets; the action is ignored
            obs, info = env.reset()
            result.append(((obs, 0.0, False, False, info), None))
            pending_reset = False
            continue
        step = env.step(int(action))
        ended = step[2] or step[3]
        if ended and mode == AutoresetMode.SAME_STEP:
            obs, info = env.reset()
            result.append(((obs, step[1], step[2], step[3], info), step))
        else:
            result.append((step, None))
            pending_reset = ended
    return result


def test_next_step_autoreset_continues_each_lanes_own_episodes(
    action_stream: Callable[..., np.ndarray],
) -> None:
    seed, actions = 11, action_stream(11, 80, N)
    env = SupportVectorEnv(N, "mixed")
    assert env.metadata["autoreset_mode"] == AutoresetMode.NEXT_STEP
    env.reset(seed=seed)
    expected = [
        single_lane("mixed", seed + i, actions[:, i], AutoresetMode.NEXT_STEP) for i in range(N)
    ]
    previously_ended = np.zeros(N, dtype=bool)
    restarts = 0
    for t, row in enumerate(actions):
        obs, rewards, terminated, truncated, info = env.step(row)
        assert "final_obs" not in info
        # A lane that ended last step is reset now: reward 0, a fresh conversation.
        assert np.all(rewards[previously_ended] == 0.0)
        assert not np.any((terminated | truncated)[previously_ended])
        assert np.all(env.customers.turn[previously_ended] == 0)
        restarts += int(previously_ended.sum())
        for i in range(N):
            (want_obs, want_reward, want_term, want_trunc, want_info), _ = expected[i][t]
            np.testing.assert_array_equal(obs[i], want_obs)
            assert (rewards[i], terminated[i], truncated[i]) == (
                want_reward,
                want_term,
                want_trunc,
            )
            assert info["reply_id"][i] == want_info["reply_id"]
        previously_ended = terminated | truncated
    assert restarts >= 2 * N


def test_same_step_autoreset_reports_the_final_observation_and_info(
    action_stream: Callable[..., np.ndarray],
) -> None:
    seed, actions = 5, action_stream(5, 60, N)
    env = SupportVectorEnv(N, "tech", autoreset_mode="SameStep")
    assert env.metadata["autoreset_mode"] == AutoresetMode.SAME_STEP
    env.reset(seed=seed)
    expected = [
        single_lane("tech", seed + i, actions[:, i], AutoresetMode.SAME_STEP) for i in range(N)
    ]
    endings = 0
    for t, row in enumerate(actions):
        obs, rewards, terminated, truncated, info = env.step(row)
        ended = terminated | truncated
        assert "kpis" not in info
        if not ended.any():
            assert "final_obs" not in info and "final_info" not in info
            continue
        endings += int(ended.sum())
        np.testing.assert_array_equal(info["_final_obs"], ended)
        np.testing.assert_array_equal(info["_final_info"], ended)
        final_info = info["final_info"]
        np.testing.assert_array_equal(final_info["_kpis"], ended)
        for i in np.flatnonzero(ended):
            (new_obs, reward, *_), final = expected[i][t]
            assert final is not None
            final_obs, _, _, _, last_info = final
            np.testing.assert_array_equal(obs[i], new_obs)  # already the next customer
            assert env.customers.turn[i] == 0
            assert rewards[i] == reward
            np.testing.assert_array_equal(info["final_obs"][i], final_obs)
            kpis = {name: values[i] for name, values in final_info["kpis"].items()}
            assert kpis == last_info["kpis"]
            assert 1 <= kpis["csat"] <= 5
            components = {k: v[i] for k, v in final_info["reward_components"].items()}
            assert components == last_info["reward_components"]
    assert endings >= N


def test_disabled_autoreset_freezes_ended_lanes_until_a_masked_reset(
    action_stream: Callable[..., np.ndarray],
) -> None:
    env = SupportVectorEnv(N, "retail", autoreset_mode=AutoresetMode.DISABLED)
    env.reset(seed=0)
    for row in action_stream(0, 25, N):
        obs, *_ = env.step(row)
    assert env.customers.done.all()
    frozen = env.customers.copy()
    again, rewards, terminated, truncated, _ = env.step(np.full(N, 2))
    np.testing.assert_array_equal(again, obs)
    assert np.all(rewards == 0.0)
    assert not np.any(terminated | truncated)
    np.testing.assert_array_equal(env.customers.sentiment, frozen.sentiment)

    mask = np.array([True, False, True, False])
    fresh, info = env.reset(seed=100, options={"reset_mask": mask})
    np.testing.assert_array_equal(info["_reward_components"], mask)
    np.testing.assert_array_equal(env.customers.done, ~mask)
    np.testing.assert_array_equal(fresh[~mask], obs[~mask])
    single = SupportEnv("retail")
    for i in np.flatnonzero(mask):
        np.testing.assert_array_equal(fresh[i], single.reset(seed=100 + int(i))[0])


@pytest.mark.parametrize(
    "mask",
    [
        np.array([True, False]),
        np.array([1, 0, 1, 0]),
        np.zeros(N, dtype=bool),
    ],
    ids=["wrong-shape", "not-bool", "all-false"],
)
def test_bad_reset_masks_are_rejected(mask: np.ndarray) -> None:
    env = SupportVectorEnv(N, "bfsi", autoreset_mode=AutoresetMode.DISABLED)
    env.reset(seed=0)
    with pytest.raises(ValueError, match="reset_mask"):
        env.reset(options={"reset_mask": mask})


def test_the_first_reset_must_reset_every_lane() -> None:
    env = SupportVectorEnv(N, "bfsi", autoreset_mode=AutoresetMode.DISABLED)
    with pytest.raises(RuntimeError, match="first reset"):
        env.reset(options={"reset_mask": np.array([True, False, False, False])})


def _assert_masked_info(info: dict[str, Any], n: int) -> None:
    for key, value in info.items():
        if key.startswith("_"):
            continue
        mask = info[f"_{key}"]
        assert mask.dtype == np.bool_ and mask.shape == (n,), key
        arrays = value.values() if isinstance(value, dict) else [value]
        assert all(len(array) == n for array in arrays), key


def test_info_is_a_dict_of_arrays_with_key_masks(
    action_stream: Callable[..., np.ndarray],
) -> None:
    env = SupportVectorEnv(N, "mixed")
    _, info = env.reset(seed=2)
    _assert_masked_info(info, N)
    assert info["action_mask"].shape == (N, 8)
    saw_kpis = False
    for row in action_stream(2, 30, N):
        _, rewards, terminated, truncated, info = env.step(row)
        _assert_masked_info(info, N)
        np.testing.assert_array_equal(info["action_mask"].astype(bool), env.action_masks())
        np.testing.assert_allclose(rewards, sum(info["reward_components"].values()), atol=1e-9)
        assert all(isinstance(text, str) and text for text in info["reply"])
        ended = terminated | truncated
        if ended.any():
            saw_kpis = True
            np.testing.assert_array_equal(info["_kpis"], ended)
        else:
            assert "kpis" not in info
    assert saw_kpis


@pytest.mark.parametrize(
    "actions",
    [np.zeros(N + 1, dtype=int), np.zeros((N, 1), dtype=int), np.full(N, 8), np.full(N, -1)],
    ids=["too-many", "wrong-shape", "too-large", "negative"],
)
def test_bad_actions_are_rejected(actions: np.ndarray) -> None:
    env = SupportVectorEnv(N, "bfsi")
    env.reset(seed=0)
    before = env.customers.copy()
    with pytest.raises(ValueError, match="actions"):
        env.step(actions)
    np.testing.assert_array_equal(env.customers.turn, before.turn)


def test_non_integer_actions_are_rejected() -> None:
    env = SupportVectorEnv(N, "bfsi")
    env.reset(seed=0)
    with pytest.raises(ValueError, match="actions"):
        env.step(np.full(N, 1.7))


def test_step_before_reset_is_an_error() -> None:
    with pytest.raises(RuntimeError, match="reset"):
        SupportVectorEnv(N, "bfsi").step(np.zeros(N, dtype=int))


def test_set_difficulty_applies_to_episodes_that_start_later(
    action_stream: Callable[..., np.ndarray],
) -> None:
    env = SupportVectorEnv(N, "mixed", difficulty=0.0)
    env.reset(seed=9)
    env.set_difficulty(0.8)
    assert np.all(env.customers.difficulty == 0.0)  # running episodes keep theirs
    restarted = np.zeros(N, dtype=bool)
    ended = np.zeros(N, dtype=bool)
    for row in action_stream(9, 40, N):
        _, _, terminated, truncated, _ = env.step(row)
        restarted |= ended
        ended = terminated | truncated
    assert restarted.all()
    assert np.all(env.customers.difficulty[restarted] == 0.8)
    env.reset()
    assert np.all(env.customers.difficulty == 0.8)
    with pytest.raises(ValueError, match="difficulty"):
        env.set_difficulty(1.5)
    assert env.difficulty == 0.8


def test_a_list_of_seeds_gives_one_seed_per_lane() -> None:
    seeds = [3, None, 10**6, 0]
    env = SupportVectorEnv(N, "bfsi")
    obs, _ = env.reset(seed=seeds)
    single = SupportEnv("bfsi")
    for i, seed in enumerate(seeds):
        if seed is not None:
            np.testing.assert_array_equal(obs[i], single.reset(seed=seed)[0])
    assert obs[1].tobytes() not in {single.reset(seed=s)[0].tobytes() for s in (3, 10**6, 0)}


@pytest.mark.parametrize(
    "seed",
    [-1, [0, 1, 2, -3], [0, 1, 2], [0, 1, 2, 3, 4]],
    ids=["negative", "negative-in-list", "short-list", "long-list"],
)
def test_bad_seeds_are_rejected(seed: Any) -> None:
    env = SupportVectorEnv(N, "bfsi")
    with pytest.raises(ValueError, match="seed"):
        env.reset(seed=seed)


@pytest.mark.parametrize(
    "kwargs",
    [{"num_envs": 0}, {"render_mode": "ansi"}, {"difficulty": -0.1}, {"autoreset_mode": "Never"}],
    ids=["no-lanes", "render", "difficulty", "autoreset-mode"],
)
def test_bad_constructor_arguments_are_rejected(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        SupportVectorEnv(**{"num_envs": N, "scenario": "bfsi", **kwargs})
