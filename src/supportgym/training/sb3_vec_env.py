"""Stable-Baselines3 ``VecEnv`` over the native vector env: one kernel call per step.

SB3's API differs from gymnasium's: no seed in ``reset``, ``dones`` instead of
terminated/truncated, a list of info dicts, same-step autoreset. Ended lanes get
``info["terminal_observation"]`` and ``info["TimeLimit.truncated"]`` (so PPO
bootstraps the value of time-outs), Monitor-style ``info["episode"]`` (``r``, ``l``,
``t``), the episode's ``kpis`` and its summed ``reward_components``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np
from gymnasium.vector import AutoresetMode
from stable_baselines3.common.vec_env.base_vec_env import VecEnv, VecEnvIndices, VecEnvStepReturn

from supportgym.envs.vector_env import SupportVectorEnv
from supportgym.sim.kernel import REWARD_COMPONENTS
from supportgym.sim.schema import Scenario


class SupportSB3VecEnv(VecEnv):
    """``num_envs`` conversations for SB3; lane ``i`` after ``seed(s)`` plays seed ``s + i``."""

    def __init__(
        self, num_envs: int, scenario: str | Scenario = "mixed", difficulty: float | None = None
    ):
        self.env = SupportVectorEnv(
            num_envs, scenario, difficulty, autoreset_mode=AutoresetMode.SAME_STEP
        )
        super().__init__(num_envs, self.env.single_observation_space, self.env.single_action_space)
        self._actions = np.zeros(num_envs, dtype=np.int64)
        self._returns = np.zeros(num_envs)
        self._lengths = np.zeros(num_envs, dtype=np.int64)
        self._components = np.zeros((len(REWARD_COMPONENTS), num_envs))  # episode sums
        self._started = time.time()

    def reset(self) -> np.ndarray:
        """Reset every lane, using the seeds set by :meth:`seed` once."""
        seeds = None if all(s is None for s in self._seeds) else list(self._seeds)
        observations, _ = self.env.reset(seed=seeds)
        self._reset_seeds()
        self._reset_options()
        self._returns[:] = 0.0
        self._lengths[:] = 0
        self._components[:] = 0.0
        return observations

    def step_async(self, actions: np.ndarray) -> None:
        """Remember the actions for :meth:`step_wait`."""
        self._actions = np.asarray(actions, dtype=np.int64).reshape(self.num_envs)

    def step_wait(self) -> VecEnvStepReturn:
        """Step all lanes; ended lanes are reset in the same step."""
        observations, rewards, terminated, truncated, info = self.env.step(self._actions)
        dones = terminated | truncated
        self._returns += rewards
        self._lengths += 1
        self._components += np.array(list(info["reward_components"].values()))
        infos: list[dict[str, Any]] = [{} for _ in range(self.num_envs)]
        lanes = np.flatnonzero(dones)
        if len(lanes):
            final = info["final_info"]
            elapsed = round(time.time() - self._started, 6)
            # Python values for all ended lanes at once, then one dict per lane.
            kpis = np.array(list(final["kpis"].values()))[:, lanes].T.tolist()
            components = self._components[:, lanes].T.tolist()
            returns = self._returns[lanes].tolist()
            lengths = self._lengths[lanes].tolist()
            time_limits = (truncated & ~terminated)[lanes].tolist()
            final_obs = info["final_obs"][lanes]
            for k, lane in enumerate(lanes.tolist()):
                infos[lane] = {
                    "terminal_observation": final_obs[k],
                    "TimeLimit.truncated": time_limits[k],
                    "episode": {"r": returns[k], "l": lengths[k], "t": elapsed},
                    "kpis": dict(zip(final["kpis"], kpis[k], strict=True)),
                    "reward_components": dict(zip(REWARD_COMPONENTS, components[k], strict=True)),
                }
            self._returns[lanes] = 0.0
            self._lengths[lanes] = 0
            self._components[:, lanes] = 0.0
        return observations, rewards.astype(np.float32), dones, infos

    def action_masks(self) -> np.ndarray:
        """``(num_envs, 8)`` masks of sensible actions."""
        return self.env.action_masks()

    def close(self) -> None:
        """Nothing to release: there are no worker processes."""

    def get_attr(self, attr_name: str, indices: VecEnvIndices = None) -> list[Any]:
        """An attribute of the (shared) env, once per requested lane."""
        value = getattr(self.env, attr_name)
        return [value for _ in self._get_indices(indices)]

    def set_attr(self, attr_name: str, value: Any, indices: VecEnvIndices = None) -> None:
        """Set an attribute for all lanes (``difficulty`` applies to episodes that start later)."""
        if attr_name == "difficulty":
            self.env.set_difficulty(value)
        else:
            setattr(self.env, attr_name, value)

    def env_method(
        self,
        method_name: str,
        *method_args: Any,
        indices: VecEnvIndices = None,
        **method_kwargs: Any,
    ) -> list[Any]:
        """``action_masks`` per lane (MaskablePPO's hook); other methods on the shared env."""
        lanes = list(self._get_indices(indices))
        if method_name == "action_masks":
            masks = self.env.action_masks()
            return [masks[lane] for lane in lanes]
        result = getattr(self.env, method_name)(*method_args, **method_kwargs)
        return [result for _ in lanes]

    def env_is_wrapped(self, wrapper_class: type, indices: VecEnvIndices = None) -> list[bool]:
        """No gymnasium wrappers here (episode statistics are built in)."""
        return [False for _ in self._get_indices(indices)]

    def get_images(self) -> Sequence[np.ndarray | None]:
        """A text environment has no images."""
        return [None for _ in range(self.num_envs)]
