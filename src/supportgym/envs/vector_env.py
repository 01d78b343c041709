"""The native vector environment: ``num_envs`` conversations stepped by one kernel call."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from supportgym.envs.spaces import action_space, check_difficulty, check_seed, observation_space
from supportgym.sim import kernel, rng
from supportgym.sim.compile import compile_scenario
from supportgym.sim.features import FEATURE_NAMES
from supportgym.sim.library import load_scenario
from supportgym.sim.schema import Scenario
from supportgym.sim.state import CustomerBatch


class SupportVectorEnv(VectorEnv):
    """``num_envs`` lanes of :class:`~supportgym.envs.SupportEnv` over one batched kernel.

    Lane ``i`` after ``reset(seed=s)`` runs exactly the episode a single env runs after
    ``reset(seed=s + i)``, and autoreset continues each lane's own episode sequence,
    so results never depend on the batch size.

    Autoreset (``autoreset_mode``, default ``NEXT_STEP`` as gymnasium's own vector
    envs): with ``NEXT_STEP`` a lane that ended is reset by the next ``step`` call,
    which ignores that lane's action and returns reward 0; with ``SAME_STEP`` it is
    reset at once and the last observation and info of the ended episode are in
    ``info["final_obs"]`` / ``info["final_info"]``; with ``DISABLED`` ended lanes stay
    put (stepping them changes nothing and pays 0) until ``reset(options={"reset_mask": m})``.

    Info is a dict of arrays with gymnasium's ``_key`` masks: ``reward_components``,
    ``action_mask`` (``(n, 8)``), ``reply_id``, ``reply`` and, for lanes whose episode
    ended this step, ``kpis``. ``customers`` exposes the hidden state (for the oracle).
    """

    metadata: ClassVar[dict[str, Any]] = {
        "autoreset_mode": AutoresetMode.NEXT_STEP,
        "render_modes": [],
    }

    def __init__(
        self,
        num_envs: int = 16,
        scenario: str | Scenario = "mixed",
        difficulty: float | None = None,
        autoreset_mode: AutoresetMode | str = AutoresetMode.NEXT_STEP,
        render_mode: str | None = None,
    ):
        if int(num_envs) < 1:
            raise ValueError(f"num_envs must be at least 1, got {num_envs}")
        if render_mode is not None:
            raise ValueError("SupportVectorEnv does not render; use SupportEnv for transcripts")
        self.num_envs = int(num_envs)
        self.scenario = load_scenario(scenario)
        self.compiled = compile_scenario(self.scenario)
        self.difficulty = check_difficulty(
            self.scenario.difficulty if difficulty is None else difficulty
        )
        self.autoreset_mode = AutoresetMode(autoreset_mode)
        self.metadata = {**self.metadata, "autoreset_mode": self.autoreset_mode}
        self.render_mode = None
        self.feature_names = FEATURE_NAMES
        self.single_observation_space = observation_space()
        self.single_action_space = action_space()
        self.observation_space = batch_space(self.single_observation_space, self.num_envs)
        self.action_space = batch_space(self.single_action_space, self.num_envs)
        self.customers: CustomerBatch | None = None
        self._needs_reset = np.zeros(self.num_envs, dtype=bool)
        self._all = np.ones(self.num_envs, dtype=bool)

    def reset(
        self,
        *,
        seed: int | list[int | None] | None = None,
        options: dict[str, Any] | None = None,
    ) -> tuple[np.ndarray, dict[str, Any]]:
        """Reset all lanes, or those in ``options["reset_mask"]``.

        An int seed gives lane ``i`` the seed ``seed + i``; a list gives one seed per lane.
        """
        mask = self._reset_mask(options)
        keys = self._episode_keys(seed)
        if self.customers is None:
            self.customers = kernel.reset(self.compiled, keys, self.difficulty)
        elif mask is self._all:
            kernel.restart(self.compiled, self.customers, keys, self.difficulty)
        else:
            kernel.restart(self.compiled, self.customers, keys[mask], self.difficulty, mask)
        self._needs_reset[mask] = False
        zero = np.zeros(self.num_envs)
        info = self._info(dict.fromkeys(kernel.REWARD_COMPONENTS, zero), mask)
        return kernel.observe(self.compiled, self.customers), info

    def step(
        self, actions: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        """Step every lane at once."""
        if self.customers is None:
            raise RuntimeError("call reset() before step()")
        actions = np.asarray(actions)
        shaped = actions.shape == (self.num_envs,) and actions.dtype.kind in "iu"
        if not shaped or actions.min() < 0 or actions.max() >= kernel.N_ACTIONS:
            raise ValueError(f"actions must be {self.num_envs} integers in 0-7, got {actions!r}")
        restart = self._needs_reset
        c = self.customers
        out = kernel.step(self.compiled, c, actions)
        ended = out.terminated | out.truncated
        some_ended = np.count_nonzero(ended)
        kpis = {"kpis": kernel.episode_kpis(self.compiled, c), "_kpis": ended} if some_ended else {}
        final: dict[str, Any] = {}
        if self.autoreset_mode == AutoresetMode.NEXT_STEP:
            self._restart(restart)
            self._needs_reset = ended
        elif self.autoreset_mode == AutoresetMode.SAME_STEP and some_ended:
            final_info = {**self._info(out.components, ended), **kpis}
            final = {
                "final_obs": kernel.observe(self.compiled, c),
                "_final_obs": ended,
                "final_info": final_info,
                "_final_info": ended,
            }
            kpis = {}
            self._restart(ended)
        info = {**self._info(out.components, self._all), **kpis, **final}
        observations = kernel.observe(self.compiled, c)
        return observations, out.reward, out.terminated, out.truncated, info

    def set_difficulty(self, difficulty: float) -> None:
        """Difficulty of the episodes that start from now on."""
        self.difficulty = check_difficulty(difficulty)

    def action_masks(self) -> np.ndarray:
        """``(num_envs, 8)`` bool masks of sensible actions."""
        return kernel.action_mask(self.compiled, self.customers)

    def _restart(self, lanes: np.ndarray) -> None:
        if lanes.any():
            keys = rng.next_keys(self.customers.key[lanes])
            kernel.restart(self.compiled, self.customers, keys, self.difficulty, lanes)

    def _reset_mask(self, options: dict[str, Any] | None) -> np.ndarray:
        if not options or "reset_mask" not in options:
            return self._all
        mask = np.asarray(options["reset_mask"])
        if mask.shape != (self.num_envs,) or mask.dtype != np.bool_ or not mask.any():
            raise ValueError(
                "options['reset_mask'] must be a bool array of shape (num_envs,) with a True"
            )
        if self.customers is None:
            raise RuntimeError("the first reset() must reset every lane")
        return mask

    def _episode_keys(self, seed: int | list[int | None] | None) -> np.ndarray:
        """Keys for every lane (only the masked ones are used), following gymnasium's seeding."""
        if isinstance(seed, int | np.integer):
            check_seed(int(seed) + self.num_envs - 1)
            super().reset(seed=check_seed(seed))
            return rng.episode_keys(int(seed) + np.arange(self.num_envs, dtype=np.uint64))
        drawn = self.np_random.integers(0, 2**63, size=self.num_envs, dtype=np.uint64)
        if seed is None:
            return rng.episode_keys(drawn)
        seeds = [None if s is None else check_seed(s) for s in seed]
        if len(seeds) != self.num_envs:
            raise ValueError(f"expected {self.num_envs} seeds (or None), got {len(seeds)}")
        given = np.array([s is not None for s in seeds])
        values = np.where(given, np.array([s or 0 for s in seeds], dtype=np.uint64), drawn)
        return rng.episode_keys(values)

    def _info(self, components: dict[str, np.ndarray], lanes: np.ndarray) -> dict[str, Any]:
        c = self.customers
        return {
            "reward_components": dict(components),
            "_reward_components": lanes,
            "action_mask": kernel.action_mask_int8(self.compiled, c),
            "_action_mask": lanes,
            "reply_id": c.reply.copy(),
            "_reply_id": lanes,
            "reply": self.compiled.replies.texts[c.reply],
            "_reply": lanes,
        }
