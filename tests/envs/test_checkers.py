"""Every registered id passes Gymnasium's and Stable-Baselines3's environment checkers."""

from __future__ import annotations

import warnings

import gymnasium as gym
from gymnasium.utils.env_checker import check_env
from stable_baselines3.common.env_checker import check_env as sb3_check_env

import supportgym


def _user_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    # Both checkers report problems with the environment as UserWarnings; deprecation
    # noise from third-party imports is not about our env.
    return [str(w.message) for w in caught if issubclass(w.category, UserWarning)]


def test_gymnasium_check_env_passes_without_warnings(env_id: str) -> None:
    env = gym.make(env_id)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        check_env(env.unwrapped)
    env.close()
    assert _user_warnings(caught) == []


def test_sb3_check_env_passes_without_warnings(env_id: str) -> None:
    env = gym.make(env_id)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        sb3_check_env(env, warn=True)
    env.close()
    assert _user_warnings(caught) == []


def test_registered_ids_load_their_scenario(env_id: str) -> None:
    env = gym.make(env_id)
    assert env.unwrapped.scenario.name == supportgym.ENV_IDS[env_id]
    env.close()
