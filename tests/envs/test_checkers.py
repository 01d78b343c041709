"""Every registered id passes Gymnasium's and Stable-Baselines3's environment checkers."""

from __future__ import annotations

import warnings

import gymnasium as gym
import numpy as np
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


def test_sb3_make_vec_env_works_with_render_mode_none() -> None:
    from stable_baselines3.common.env_util import make_vec_env

    venv = make_vec_env("SupportGym/Retail-v0", n_envs=2, seed=0, env_kwargs={"render_mode": None})
    obs = venv.reset()
    assert obs.shape == (2, 17)
    _, _, dones, infos = venv.step(np.array([2, 7]))
    assert dones[1] and "terminal_observation" in infos[1]
    venv.close()
