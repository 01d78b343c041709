"""Curriculum: promotion on a full window's success rate, applied by the wrapper at reset."""

from __future__ import annotations

from collections import deque
from typing import Any

import gymnasium as gym
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportgym.envs import Curriculum, CurriculumWrapper, SupportEnv
from supportgym.policies import ConstantPolicy, OraclePolicy
from supportgym.sim import Action


def test_promotes_once_a_full_window_reaches_the_threshold() -> None:
    curriculum = Curriculum(levels=(0.0, 0.5, 1.0), threshold=0.75, window=4)
    assert [curriculum.record([r]) for r in (True, True, True)] == [False] * 3  # not full yet
    assert curriculum.level == 0
    assert curriculum.record([False]) is True  # 3 of 4 = 0.75
    assert (curriculum.level, curriculum.difficulty) == (1, 0.5)
    assert curriculum.success_rate == 0.0  # the window starts afresh at the new level


def test_does_not_promote_below_the_threshold() -> None:
    curriculum = Curriculum(levels=(0.0, 1.0), threshold=0.75, window=4)
    for resolved in (True, False, False, True, True):  # windows at 0.5, then 0.5
        assert curriculum.record([resolved]) is False
    assert curriculum.success_rate == 0.5
    assert curriculum.record([True]) is True  # window F, T, T, T


def test_never_promotes_past_the_last_level() -> None:
    curriculum = Curriculum(levels=(0.2, 0.9), threshold=0.5, window=1)
    assert curriculum.record([True]) is True
    for _ in range(5):
        assert curriculum.record([True]) is False
    assert (curriculum.level, curriculum.difficulty) == (1, 0.9)


def test_records_a_batch_of_outcomes() -> None:
    curriculum = Curriculum(levels=(0.0, 1.0), threshold=0.6, window=5)
    assert curriculum.record(np.array([1, 1, 0, 1, 1], dtype=bool)) is True
    assert curriculum.level == 1


@settings(max_examples=100, deadline=None)
@given(
    n_levels=st.integers(min_value=1, max_value=4),
    threshold=st.floats(min_value=0.05, max_value=1.0),
    window=st.integers(min_value=1, max_value=6),
    outcomes=st.lists(st.booleans(), max_size=60),
)
def test_promotion_matches_the_rolling_window_rule(
    n_levels: int, threshold: float, window: int, outcomes: list[bool]
) -> None:
    levels = tuple(np.linspace(0.0, 1.0, n_levels))
    curriculum = Curriculum(levels=levels, threshold=threshold, window=window)
    recent: deque[bool] = deque(maxlen=window)
    level = 0
    for resolved in outcomes:
        recent.append(resolved)
        due = len(recent) == window and sum(recent) / window >= threshold
        promote = due and level < n_levels - 1
        assert curriculum.record([resolved]) is promote
        if promote:
            level += 1
            recent.clear()
        assert curriculum.level == level
        assert curriculum.difficulty == levels[level]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"levels": ()},
        {"levels": (0.5, 0.2)},
        {"levels": (0.0, 1.5)},
        {"threshold": 0.0},
        {"threshold": 1.2},
        {"window": 0},
    ],
    ids=["no-levels", "decreasing", "out-of-range", "zero-threshold", "big-threshold", "no-window"],
)
def test_bad_arguments_are_rejected(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Curriculum(**kwargs)


def _play(env: gym.Env, policy: Any, seed: int) -> dict[str, Any]:
    """One episode; returns the last step's info."""
    obs, info = env.reset(seed=seed)
    episode_difficulty = env.curriculum.difficulty
    assert info["curriculum_level"] == env.curriculum.level
    assert info["difficulty"] == episode_difficulty
    while True:
        mask = info["action_mask"].astype(bool)[None]
        action = policy.act(obs[None], mask, env.unwrapped.customers)[0]
        obs, _, terminated, truncated, info = env.step(action)
        assert info["curriculum_level"] == env.curriculum.level
        assert info["difficulty"] == episode_difficulty
        if terminated or truncated:
            return info


def test_wrapper_raises_the_difficulty_at_the_next_reset() -> None:
    base = gym.make("SupportGym/Bfsi-v0", difficulty=0.9)
    curriculum = Curriculum(levels=(0.0, 0.4, 0.8), threshold=0.5, window=2)
    env = CurriculumWrapper(base, curriculum)
    assert env.unwrapped.difficulty == 0.0
    oracle = OraclePolicy(env.unwrapped.compiled)
    recent: deque[bool] = deque(maxlen=2)
    level = 0
    for episode in range(12):
        info = _play(env, oracle, seed=episode)
        played_at = env.unwrapped.customers.difficulty[0]
        assert played_at == curriculum.levels[level]
        recent.append(info["kpis"]["resolved"] > 0)
        if len(recent) == 2 and sum(recent) >= 1 and level < 2:
            level += 1
            recent.clear()
        assert info["curriculum_level"] == level
        assert info["difficulty"] == played_at  # the ended episode reports its own difficulty
    assert level == 2
    env.reset(seed=99)
    assert env.unwrapped.customers.difficulty[0] == 0.8


def test_wrapper_does_not_promote_without_resolutions() -> None:
    env = CurriculumWrapper(
        SupportEnv("retail"), Curriculum(levels=(0.1, 0.9), threshold=0.5, window=2)
    )
    closer = ConstantPolicy(Action.CLOSE_CASE)
    for episode in range(10):
        info = _play(env, closer, seed=episode)
        assert info["kpis"]["resolved"] == 0.0
        assert info["curriculum_level"] == 0
    env.reset(seed=0)
    assert env.unwrapped.customers.difficulty[0] == 0.1
