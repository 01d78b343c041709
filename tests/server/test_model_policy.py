"""A completed run's model plays a session and reports its action probabilities."""

from __future__ import annotations

import os
import socket

import numpy as np
import pytest

from supportgym.store import RunStatus

from .conftest import assert_error

pytest.importorskip("stable_baselines3")


@pytest.fixture
def completed_run(store, tmp_path):
    """A completed PPO run whose (untrained) model is saved in the data dir."""
    from stable_baselines3 import PPO

    from supportgym.training.sb3_vec_env import SupportSB3VecEnv

    path = tmp_path / "model.zip"
    PPO("MlpPolicy", SupportSB3VecEnv(1, "retail"), n_steps=64, device="cpu", seed=0).save(path)
    run = store.create_run(
        algorithm="ppo",
        scenario="retail",
        scenario_version="x",
        difficulty=0.5,
        seed=1,
        total_timesteps=64,
    )
    store.start_run(run.id, os.getpid(), socket.gethostname())
    store.update_run(run.id, model_path=str(path))
    return store.finish_run(run.id, RunStatus.COMPLETED)


def test_a_trained_model_plays_with_its_probabilities(client, session, completed_run):
    spec = f"run:{completed_run.id}"
    response = client.post(f"/api/envs/{session['id']}/autoplay", json={"policy": spec})
    assert response.status_code == 200, response.text
    steps = response.json()["steps"]
    assert steps[-1]["terminated"] or steps[-1]["truncated"]
    for step in steps:
        probabilities = np.array(step["action_probabilities"])
        assert step["policy"] == spec and probabilities.shape == (8,)
        assert np.isclose(probabilities.sum(), 1.0, atol=1e-5)
        assert step["action"] == int(probabilities.argmax())  # greedy


def test_a_run_without_a_readable_model_is_refused(client, session, completed_run, store):
    store.update_run(completed_run.id, model_path=str(store.url) + ".missing.zip")
    other = client.post("/api/envs", json={"scenario": "retail", "seed": 1}).json()["id"]
    body = {"policy": f"run:{completed_run.id}"}
    response = client.post(f"/api/envs/{other}/autoplay", json=body)
    assert_error(response, 422, "not found")
