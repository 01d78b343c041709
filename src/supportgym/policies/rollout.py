"""Running a policy for many seeded episodes on the native vector env."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from gymnasium.vector import AutoresetMode

from supportgym.envs.spaces import check_seed
from supportgym.envs.vector_env import SupportVectorEnv
from supportgym.policies.base import Policy
from supportgym.sim import kernel
from supportgym.sim.schema import Scenario


@dataclass(frozen=True)
class EpisodeResults:
    """Per-episode results, episode ``k`` being the one seeded ``seed + k``."""

    seeds: np.ndarray  # (episodes,) int64
    returns: np.ndarray  # (episodes,) float64
    components: dict[str, np.ndarray]  # reward component -> (episodes,) sums
    kpis: dict[str, np.ndarray]  # KPI -> (episodes,)

    def __len__(self) -> int:
        return len(self.seeds)


def rollout(
    policy: Policy,
    scenario: str | Scenario,
    episodes: int,
    seed: int = 0,
    difficulty: float | None = None,
    batch_size: int = 4096,
) -> EpisodeResults:
    """Run ``episodes`` episodes (seeds ``seed … seed + episodes - 1``) and collect their results.

    Episode ``k`` is the same customer, and gets the same actions from a deterministic
    policy, whatever ``batch_size`` is.
    """
    if episodes < 1:
        raise ValueError(f"episodes must be at least 1, got {episodes}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, got {batch_size}")
    check_seed(seed + episodes - 1)
    check_seed(seed)
    chunks = []
    for start in range(0, episodes, batch_size):
        size = min(batch_size, episodes - start)
        env = SupportVectorEnv(size, scenario, difficulty, autoreset_mode=AutoresetMode.DISABLED)
        chunks.append(_run_batch(env, policy, seed + start))
    merged = {
        key: np.concatenate([chunk[key] for chunk in chunks]) for key in chunks[0] if key != "kpis"
    }
    return EpisodeResults(
        seeds=seed + np.arange(episodes, dtype=np.int64),
        returns=merged.pop("return"),
        components=merged,
        kpis={k: np.concatenate([chunk["kpis"][k] for chunk in chunks]) for k in chunks[0]["kpis"]},
    )


def _run_batch(env: SupportVectorEnv, policy: Policy, seed: int) -> dict:
    observations, info = env.reset(seed=seed)
    totals = {name: np.zeros(env.num_envs) for name in ("return", *kernel.REWARD_COMPONENTS)}
    customers = env.customers
    while not customers.done.all():
        actions = policy.act(observations, info["action_mask"].astype(bool), customers)
        observations, reward, _, _, info = env.step(actions)
        totals["return"] += reward
        for name, value in info["reward_components"].items():
            totals[name] += value
    totals["kpis"] = kernel.episode_kpis(env.compiled, customers)
    return totals
