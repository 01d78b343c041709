"""Fixtures for explanations: a store, and a completed run with a real (briefly trained) model."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from evaluation.conftest import save_model
from supportgym.sim import load_scenario
from supportgym.store import Run, RunStatus, SqlAlchemyStore


@pytest.fixture(scope="session")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save_model(tmp_path_factory.mktemp("explain") / "model.zip", timesteps=4096)


@pytest.fixture
def trained_run(store: SqlAlchemyStore, model_file: Path) -> Run:
    """A completed PPO-on-retail run whose model is ``model_file``; its scenario is stored."""
    retail = load_scenario("retail")
    store.upsert_scenario(retail)
    run = store.create_run(
        algorithm="ppo",
        scenario=retail.name,
        scenario_version=retail.version,
        difficulty=retail.difficulty,
        seed=0,
        total_timesteps=4096,
    )
    store.start_run(run.id, pid=os.getpid(), hostname=socket.gethostname())
    store.update_run(run.id, model_path=str(model_file))
    return store.finish_run(run.id, RunStatus.COMPLETED)
