"""``/api/runs``: starting runs in worker processes, reading them, following them live."""

from __future__ import annotations

import pytest
import yaml
from starlette.websockets import WebSocketDisconnect

from supportgym.sim.library import builtin_scenario

from .conftest import assert_error
from .jobs_helpers import TINY_RUN, wait_for


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"algorithm": "sac"}, "body.algorithm"),
        ({"overrides": {"n_stepz": 64}}, "ppo has no hyperparameter n_stepz"),
        ({"timesteps": 0}, "body.timesteps"),
        ({"timesteps": 5_000_001}, "body.timesteps"),
        ({"n_envs": 0}, "body.n_envs"),
        ({"n_envs": 4097}, "body.n_envs"),
        ({"seed": -1}, "body.seed"),
        ({"difficulty": 1.5}, "body.difficulty"),
        ({"scenario": "../x"}, "body.scenario"),
        ({"scenario_version": "v1"}, "body.scenario_version"),
        ({"overrides": []}, "body.overrides"),
        ({"model_path": "/etc/passwd"}, "body.model_path"),
        ({"curriculum": 0}, "body.curriculum"),
        ({"n_envs": "2"}, "body.n_envs"),
        ({"seed": False}, "body.seed"),
    ],
)
def test_bad_run_requests_are_refused_and_store_nothing(client, changes, fragment):
    response = client.post("/api/runs", json={**TINY_RUN, **changes})
    assert_error(response, 422, fragment)
    assert client.get("/api/runs").json() == {"data": [], "count": 0}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/runs/999"),
        ("get", "/api/runs/999/metrics"),
        ("post", "/api/runs/999/cancel"),
        ("post", "/api/runs/999/resume"),
    ],
)
def test_unknown_runs_are_404(client, method, path):
    assert_error(getattr(client, method)(path), 404, "run 999 not found")


def test_bad_ids_and_pages_are_422(client):
    assert_error(client.get("/api/runs/abc"), 422)
    assert_error(client.get("/api/runs/0"), 422)
    assert_error(client.get("/api/runs?limit=0"), 422)
    assert_error(client.get("/api/runs?limit=501"), 422)
    assert_error(client.get("/api/runs?status=sleeping"), 422)
    assert_error(client.get("/api/runs?colour=red"), 422)
    assert_error(client.get("/api/runs/1/metrics?after_step=x"), 422)


def test_ws_of_an_unknown_run_closes_with_policy_violation(client):
    with (
        client.websocket_connect("/api/runs/999/ws") as ws,
        pytest.raises(WebSocketDisconnect) as e,
    ):
        ws.receive_json()
    assert e.value.code == 1008


def test_a_run_trains_in_a_worker_and_is_followed_to_the_end(client):
    response = client.post("/api/runs", json=TINY_RUN)
    assert response.status_code == 202, response.text
    run = response.json()
    assert run["status"] in ("queued", "running")
    assert run["total_timesteps"] == 512 and run["hyperparameters"]["n_steps"] == 64
    assert "model_path" not in run  # no server paths in the API

    events = []
    with client.websocket_connect(f"/api/runs/{run['id']}/ws") as ws:
        while not events or events[-1]["type"] != "final":
            events.append(ws.receive_json())
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
    assert closed.value.code == 1000
    final = events[-1]["run"]
    assert final["status"] == "completed" and final["has_model"] and final["progress"] == 1.0
    streamed = [p for e in events if e["type"] == "metrics" for p in e["points"]]
    assert streamed and streamed[-1]["step"] == 512
    assert "reward/total" in streamed[-1]["values"] or streamed[-1]["values"]

    done = client.get(f"/api/runs/{run['id']}").json()
    assert done["status"] == "completed" and done["timesteps_done"] == 512
    metrics = client.get(f"/api/runs/{run['id']}/metrics").json()
    assert metrics == {"data": streamed, "count": len(streamed)}
    after = client.get(f"/api/runs/{run['id']}/metrics?after_step=512").json()
    assert after == {"data": [], "count": 0}

    listed = client.get("/api/runs?status=completed").json()
    assert listed["count"] == 1 and listed["data"][0]["id"] == run["id"]
    assert client.get("/api/runs?status=running").json() == {"data": [], "count": 0}

    assert_error(client.post(f"/api/runs/{run['id']}/resume"), 409, "completed")
    cancelled = client.post(f"/api/runs/{run['id']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "completed"

    # A finished run's socket sends its metrics and the final status at once.
    with client.websocket_connect(f"/api/runs/{run['id']}/ws") as ws:
        first, last = ws.receive_json(), ws.receive_json()
    assert first["type"] == "metrics" and last["type"] == "final"


def test_ws_sends_heartbeats_while_a_run_waits(make_client):
    client = make_client(max_jobs=1)
    first = client.post("/api/runs", json=TINY_RUN).json()
    second = client.post("/api/runs", json=TINY_RUN).json()
    assert client.get(f"/api/runs/{second['id']}").json()["status"] == "queued"
    with client.websocket_connect(f"/api/runs/{second['id']}/ws") as ws:
        kinds = [ws.receive_json()["type"] for _ in range(3)]
    assert kinds[0] == "status" and "heartbeat" in kinds[1:]
    wait_for(client, f"/api/runs/{first['id']}", "completed")


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"scenario": "nowhere"}, "unknown scenario 'nowhere'"),
        ({"scenario_version": "0123456789ab"}, "scenario 'retail' has no version 0123456789ab"),
    ],
)
def test_unknown_scenarios_are_404_and_store_nothing(client, changes, fragment):
    assert_error(client.post("/api/runs", json={**TINY_RUN, **changes}), 404, fragment)
    assert client.get("/api/runs").json() == {"data": [], "count": 0}


def test_an_uploaded_scenario_is_trained_on_and_evaluated(client):
    calm = builtin_scenario("retail").model_dump(mode="json") | {"name": "calm", "difficulty": 0.1}
    uploaded = client.post("/api/scenarios", json={"yaml": yaml.safe_dump(calm)}).json()
    run = client.post("/api/runs", json={**TINY_RUN, "scenario": "calm"}).json()
    assert (run["scenario"], run["scenario_version"]) == ("calm", uploaded["version"])
    assert run["difficulty"] == 0.1
    assert (
        wait_for(client, f"/api/runs/{run['id']}", "completed", "failed")["status"] == "completed"
    )

    body = {"policies": ["playbook", f"run:{run['id']}"], "scenarios": ["calm"], "episodes": 20}
    evaluation = client.post("/api/evaluations", json=body).json()
    done = wait_for(client, f"/api/evaluations/{evaluation['id']}", "completed", "failed")
    assert done["status"] == "completed", done["error"]
    assert done["scenario_versions"] == {"calm": uploaded["version"]}
