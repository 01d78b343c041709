"""``/api/evaluations``: comparisons played in a worker process, stored with their results."""

from __future__ import annotations

import pytest

from .conftest import assert_error
from .jobs_helpers import TINY_RUN, wait_for

SMALL = {"policies": ["playbook", "always_escalate"], "scenarios": ["retail"], "episodes": 8}


def test_an_evaluation_runs_in_a_worker_and_stores_its_results(client):
    response = client.post("/api/evaluations", json=SMALL)
    assert response.status_code == 202, response.text
    pending = response.json()
    assert pending["status"] in ("pending", "running") and pending["results"] is None
    assert pending["scenario_versions"].keys() == {"retail"}

    done = wait_for(client, f"/api/evaluations/{pending['id']}", "completed", "failed")
    assert done["status"] == "completed", done
    assert done["error"] is None
    results = done["results"]
    assert results["policies"] == ["playbook", "always_escalate"] and results["episodes"] == 8
    assert {s["policy"] for s in results["summaries"]} >= {"playbook", "always_escalate"}

    listed = client.get("/api/evaluations").json()
    assert listed["count"] == 1 and listed["data"][0] == done


def test_a_trained_run_can_be_evaluated(client):
    run = client.post("/api/runs", json=TINY_RUN).json()
    wait_for(client, f"/api/runs/{run['id']}", "completed")
    body = {**SMALL, "policies": [f"run:{run['id']}"]}
    evaluation = client.post("/api/evaluations", json=body).json()
    done = wait_for(client, f"/api/evaluations/{evaluation['id']}", "completed", "failed")
    assert done["status"] == "completed", done
    assert done["results"]["policies"] == [f"run:{run['id']}"]


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({"policies": []}, "body.policies"),
        ({"policies": ["../model.zip"]}, "body.policies"),
        ({"policies": ["/tmp/model.zip@ppo"]}, "body.policies"),
        ({"policies": ["always_dance"]}, "body.policies"),
        ({"scenarios": ["../retail"]}, "body.scenarios"),
        ({"scenarios": []}, "body.scenarios"),
        ({"episodes": 0}, "body.episodes"),
        ({"episodes": 20_001}, "body.episodes"),
        ({"seed": -3}, "body.seed"),
        ({"difficulty": -0.1}, "body.difficulty"),
        ({"difficulty": False}, "body.difficulty"),
        ({"report_path": "/etc"}, "body.report_path"),
    ],
)
def test_bad_evaluations_are_refused_and_store_nothing(client, changes, fragment):
    assert_error(client.post("/api/evaluations", json={**SMALL, **changes}), 422, fragment)
    assert client.get("/api/evaluations").json() == {"data": [], "count": 0}


def test_runs_without_a_model_cannot_be_evaluated(client):
    assert_error(client.post("/api/evaluations", json={**SMALL, "policies": ["run:9"]}), 404)
    run = client.post("/api/runs", json={**TINY_RUN, "timesteps": 2_000_000}).json()
    body = {**SMALL, "policies": [f"run:{run['id']}"]}
    assert_error(client.post("/api/evaluations", json=body), 409, "has no model")
    assert client.get("/api/evaluations").json()["count"] == 0


def test_unknown_evaluations_are_404(client):
    body = {**SMALL, "scenarios": ["retail", "nowhere"]}
    assert_error(client.post("/api/evaluations", json=body), 404, "unknown scenario 'nowhere'")
    assert client.get("/api/evaluations").json()["count"] == 0
    assert_error(client.get("/api/evaluations/999"), 404, "evaluation 999 not found")
    assert_error(client.get("/api/evaluations/zero"), 422)
    assert_error(client.get("/api/evaluations?limit=0"), 422)
