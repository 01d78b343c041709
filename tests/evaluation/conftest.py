"""Fixtures for evaluation: a store in a fresh data dir, real SB3 models, completed runs."""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from supportgym.sim import load_scenario
from supportgym.store import Run, RunStatus, SqlAlchemyStore


def save_model(path: Path, seed: int = 0, timesteps: int = 0) -> Path:
    """A PPO model on retail, trained for ``timesteps`` (0: as initialized), with its sidecar."""
    from stable_baselines3 import PPO

    from supportgym.training.sb3_vec_env import SupportSB3VecEnv

    env = SupportSB3VecEnv(4, "retail")
    model = PPO(
        "MlpPolicy",
        env,
        n_steps=128,
        batch_size=128,
        n_epochs=2,
        seed=seed,
        device="cpu",
        policy_kwargs={"net_arch": [32, 32]},
    )
    if timesteps:
        import torch

        threads = torch.get_num_threads()
        torch.set_num_threads(1)  # a tiny MLP trains many times faster without thread hand-offs
        try:
            env.seed(seed)
            model.learn(timesteps)
        finally:
            torch.set_num_threads(threads)
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save(path)
    path.with_suffix(".algorithm").write_text("ppo")
    return path


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PPO model trained for 2,048 timesteps on retail (``model.zip`` + ``model.algorithm``)."""
    return save_model(tmp_path_factory.mktemp("trained") / "model.zip", timesteps=2048)


@pytest.fixture(scope="session")
def seeded_models(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Untrained PPO models of seeds 0, 1 and 2: real, loadable, and different."""
    folder = tmp_path_factory.mktemp("seeded")
    return {seed: save_model(folder / f"seed{seed}.zip", seed=seed) for seed in (0, 1, 2)}


@pytest.fixture
def completed_run(store: SqlAlchemyStore) -> Callable[..., Run]:
    """``completed_run(model_path, **fields)``: a completed PPO-on-retail run with that model."""

    def create(model_path: Path | str | None, **fields: Any) -> Run:
        retail = load_scenario("retail")
        values: dict[str, Any] = {
            "algorithm": "ppo",
            "scenario": retail.name,
            "scenario_version": retail.version,
            "difficulty": retail.difficulty,
            "seed": 0,
            "total_timesteps": 2048,
            "n_envs": 4,
            "hyperparameters": {"n_steps": 128},
        }
        run = store.create_run(**(values | fields))
        store.start_run(run.id, pid=os.getpid(), hostname=socket.gethostname())
        if model_path is not None:
            store.update_run(run.id, model_path=str(model_path))
        return store.finish_run(run.id, RunStatus.COMPLETED)

    return create
