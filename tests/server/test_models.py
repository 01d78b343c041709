"""``/api/models``: the final models of completed runs."""

from __future__ import annotations

import os
import socket

from supportgym.sim import load_scenario
from supportgym.store import RunStatus

from .conftest import assert_error


def _run(store, status: RunStatus, seed: int, model: bool = True):
    retail = load_scenario("retail")
    run = store.create_run(
        algorithm="ppo",
        scenario="retail",
        scenario_version=retail.version,
        difficulty=0.5,
        seed=seed,
        total_timesteps=1000,
    )
    store.start_run(run.id, os.getpid(), socket.gethostname())
    if model:
        store.update_run(run.id, model_path=f"/nowhere/{run.id}/model.zip", timesteps_done=1024)
    if status is RunStatus.RUNNING:
        return store.get_run(run.id)
    return store.finish_run(run.id, status)


def test_lists_only_completed_runs_with_a_model(client, store) -> None:
    done = _run(store, RunStatus.COMPLETED, seed=1)
    _run(store, RunStatus.RUNNING, seed=2, model=False)
    _run(store, RunStatus.FAILED, seed=3, model=False)
    newer = _run(store, RunStatus.COMPLETED, seed=4)
    body = client.get("/api/models").json()
    assert [m["run_id"] for m in body["data"]] == [newer.id, done.id]
    assert body["count"] == 2
    first = body["data"][1]
    assert first["policy"] == f"run:{done.id}"
    assert (first["algorithm"], first["scenario"], first["seed"]) == ("ppo", "retail", 1)
    assert "nowhere" not in str(body)  # server paths never leave the server


def test_reads_one_model(client, store) -> None:
    run = _run(store, RunStatus.COMPLETED, seed=5)
    body = client.get(f"/api/models/{run.id}").json()
    assert body["run_id"] == run.id and body["timesteps_done"] == 1024


def test_runs_without_a_model_are_not_found(client, store) -> None:
    running = _run(store, RunStatus.RUNNING, seed=6)
    assert_error(client.get(f"/api/models/{running.id}"), 404, "no trained model")
    assert_error(client.get("/api/models/999"), 404, "run 999")
    assert client.get("/api/models/abc").status_code == 422
    assert client.get("/api/models?limit=0").status_code == 422
