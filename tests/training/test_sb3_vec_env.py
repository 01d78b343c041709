"""The SB3 adapter is DummyVecEnv over single envs, only batched."""

import numpy as np
import pytest
from stable_baselines3.common.vec_env import DummyVecEnv, VecCheckNan, VecMonitor

from supportgym.envs import SupportEnv
from supportgym.training.sb3_vec_env import SupportSB3VecEnv

N_ENVS = 6


@pytest.mark.parametrize("scenario", ["bfsi", "retail", "tech", "mixed"])
@pytest.mark.parametrize("seed", [0, 11])
def test_matches_dummy_vec_env_step_for_step(scenario: str, seed: int) -> None:
    native = SupportSB3VecEnv(N_ENVS, scenario)
    reference = DummyVecEnv([lambda: SupportEnv(scenario) for _ in range(N_ENVS)])
    native.seed(seed)
    reference.seed(seed)
    np.testing.assert_array_equal(native.reset(), reference.reset())
    actions = np.random.default_rng(seed).integers(0, 8, size=(400, N_ENVS))
    ended = 0
    for step_actions in actions:
        obs, rewards, dones, infos = native.step(step_actions)
        ref_obs, ref_rewards, ref_dones, ref_infos = reference.step(step_actions)
        np.testing.assert_array_equal(obs, ref_obs)
        np.testing.assert_allclose(rewards, ref_rewards, rtol=0, atol=1e-6)
        np.testing.assert_array_equal(dones, ref_dones)
        for info, ref in zip(infos, ref_infos, strict=True):
            assert ("terminal_observation" in info) == ("terminal_observation" in ref)
            if "terminal_observation" in ref:
                ended += 1
                np.testing.assert_array_equal(
                    info["terminal_observation"], ref["terminal_observation"]
                )
                assert info["TimeLimit.truncated"] == ref["TimeLimit.truncated"]
                assert info["kpis"] == ref["kpis"]
    assert ended > 50


def test_episode_statistics_add_up() -> None:
    env = SupportSB3VecEnv(4, "retail")
    env.seed(3)
    env.reset()
    returns = np.zeros(4)
    lengths = np.zeros(4, dtype=int)
    checked = 0
    for step_actions in np.random.default_rng(1).integers(0, 8, size=(200, 4)):
        _, rewards, dones, infos = env.step(step_actions)
        returns += rewards
        lengths += 1
        for lane in np.flatnonzero(dones):
            episode = infos[lane]["episode"]
            assert episode["r"] == pytest.approx(returns[lane], abs=1e-4)
            assert episode["l"] == lengths[lane]
            components = infos[lane]["reward_components"]
            assert sum(components.values()) == pytest.approx(episode["r"], abs=1e-6)
            returns[lane], lengths[lane] = 0.0, 0
            checked += 1
    assert checked > 20


def test_passes_sb3_wrappers_and_nan_check() -> None:
    env = VecMonitor(VecCheckNan(SupportSB3VecEnv(8, "tech"), raise_exception=True))
    env.seed(0)
    obs = env.reset()
    assert obs.shape == (8, 17)
    for step_actions in np.random.default_rng(0).integers(0, 8, size=(100, 8)):
        obs, rewards, *_ = env.step(step_actions)
        assert obs.dtype == np.float32 and rewards.dtype == np.float32
    assert env.get_attr("render_mode") == [None] * 8


def test_masks_and_difficulty_reach_the_native_env() -> None:
    env = SupportSB3VecEnv(3, "bfsi")
    env.reset()
    masks = env.env_method("action_masks")
    assert len(masks) == 3 and all(mask.shape == (8,) for mask in masks)
    np.testing.assert_array_equal(np.stack(masks), env.action_masks())
    env.set_attr("difficulty", 0.9)
    assert env.get_attr("difficulty", indices=[0, 2]) == [0.9, 0.9]
    with pytest.raises(ValueError, match="difficulty"):
        env.set_attr("difficulty", 1.5)
