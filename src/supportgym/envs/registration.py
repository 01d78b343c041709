"""Gymnasium ids: ``SupportGym/CustomerSupport-v0`` (mixed) and one per industry."""

from __future__ import annotations

import gymnasium as gym

ENV_IDS = {
    "SupportGym/CustomerSupport-v0": "mixed",
    "SupportGym/Bfsi-v0": "bfsi",
    "SupportGym/Retail-v0": "retail",
    "SupportGym/Tech-v0": "tech",
}


def register_envs() -> None:
    """Register every id (idempotent)."""
    for env_id, scenario in ENV_IDS.items():
        if env_id not in gym.registry:
            gym.register(
                id=env_id,
                entry_point="supportgym.envs.support_env:SupportEnv",
                vector_entry_point="supportgym.envs.vector_env:SupportVectorEnv",
                kwargs={"scenario": scenario},
            )
