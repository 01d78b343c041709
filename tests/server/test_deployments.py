"""``/api/deployments`` and run explanations: deploy in a worker, decide in the server."""

from __future__ import annotations

import pytest

from supportgym.sim import FEATURES

from .conftest import assert_error
from .jobs_helpers import wait_for

STATE = {f.name: max(f.low, 0.0) for f in FEATURES} | {"tier": 0.5, "inquiry_type": 0.25}


@pytest.fixture
def deployed(client, trained_run):
    created = client.post(
        "/api/deployments", json={"run_id": trained_run.id, "name": "retail-prod", "threshold": 0.0}
    )
    assert created.status_code == 202, created.text
    assert created.json()["status"] in ("pending", "running")
    versions = wait_until_ready(client, "retail-prod")
    return versions["data"][0]


def wait_until_ready(client, name):
    import time

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        versions = client.get(f"/api/deployments/{name}").json()
        if versions["data"][0]["status"] in ("completed", "failed"):
            assert versions["data"][0]["status"] == "completed", versions
            return versions
        time.sleep(0.2)
    raise AssertionError("the deployment was not built in time")


def test_deploy_decide_log_report_and_roll_back(client, deployed, trained_run):
    assert deployed["active"] and deployed["version"] == 1 and deployed["rules"] > 0
    one = client.post(
        "/api/deployments/retail-prod/decide",
        json={"features": STATE, "contact_id": "c1", "turn": 0},
    )
    assert one.status_code == 200, one.text
    decision = one.json()
    assert decision["version"] == 1 and decision["deployment"] == "retail-prod"
    assert abs(sum(decision["probabilities"].values()) - 1) < 1e-6
    assert decision["rule"] is None or decision["rule"].startswith(("when ", "always "))
    talk = {
        "inquiry_type": "order_status",
        "tier": "vip",
        "turns": [{"action": "empathize", "sentiment": -0.4}],
        "sentiment": -0.2,
    }
    assert (
        client.post("/api/deployments/retail-prod/decide", json={"conversation": talk}).status_code
        == 200
    )
    batch = client.post(
        "/api/deployments/retail-prod/decide/batch", json={"requests": [{"features": STATE}] * 5}
    )
    assert batch.status_code == 200 and batch.json()["count"] == 5
    log = client.get("/api/deployments/retail-prod/decisions").json()
    assert log["count"] == 7 and log["data"][-1]["contact_id"] == "c1"
    outcome = {
        "contact_id": "c1",
        "resolved": True,
        "escalated": False,
        "abandoned": False,
        "csat": 4,
        "handle_minutes": 5.0,
        "revenue": 0.0,
        "compensation_cost": 0.0,
    }
    assert client.post("/api/deployments/retail-prod/outcomes", json=outcome).status_code == 204
    second = client.post("/api/deployments", json={"run_id": trained_run.id, "name": "retail-prod"})
    assert second.json()["version"] == 2
    versions = wait_until_ready(client, "retail-prod")
    assert [v["active"] for v in versions["data"]] == [True, False]
    back = client.post("/api/deployments/retail-prod/rollback", json={})
    assert back.status_code == 200 and back.json()["version"] == 1
    assert (
        client.post("/api/deployments/retail-prod/decide", json={"features": STATE}).json()[
            "version"
        ]
        == 1
    )


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"features": {k: v for k, v in STATE.items() if k != "tier"}}, "body.features.tier"),
        ({"features": {**STATE, "mood": 0.1}}, "body.features.mood"),
        ({"features": {**STATE, "sentiment": 1.5}}, "body.features.sentiment"),
        ({}, "give either features or conversation"),
        (
            {"conversation": {"inquiry_type": "order_status", "tier": "gold"}},
            "body.conversation.tier",
        ),
        ({"conversation": {"inquiry_type": "login_issue", "tier": "vip"}}, "not login_issue"),
    ],
)
def test_bad_decisions_name_the_field(client, deployed, body, fragment):
    assert_error(client.post("/api/deployments/retail-prod/decide", json=body), 422, fragment)


def test_unknown_deployments_and_runs(client, trained_run):
    assert_error(
        client.post("/api/deployments/nobody/decide", json={"features": STATE}), 404, "nobody"
    )
    assert_error(client.get("/api/deployments/nobody"), 404, "nobody")
    assert_error(client.post("/api/deployments", json={"run_id": 99, "name": "x"}), 404, "run 99")
    assert_error(
        client.post("/api/deployments", json={"run_id": trained_run.id, "name": "Bad"}),
        422,
        "body.name",
    )
    assert_error(client.post("/api/runs/99/explanation"), 404, "run 99")


def test_a_run_is_explained_in_a_worker(client, trained_run):
    path = f"/api/runs/{trained_run.id}/explanation"
    assert client.get(path).json()["status"] == "none"
    assert client.post(path).status_code == 202
    done = wait_for(client, path, "completed", "failed", timeout=180)
    assert done["status"] == "completed", done
    explanation = done["explanation"]
    assert explanation["rules"] and 0 < explanation["fidelity"]["value"] <= 1
    assert set(explanation["scores"]) == {"model", "tree", "playbook"}
    assert "sentiment" in explanation["importance"]["playbook"]


def test_a_distilled_tree_plays_in_the_playground(client, trained_run):
    from supportgym.explain.explanation import explain_run
    from supportgym.store import open_store

    session = client.post("/api/envs", json={"scenario": "retail", "seed": 4}).json()
    spec = f"tree:run:{trained_run.id}"
    refused = client.post(f"/api/envs/{session['id']}/autoplay", json={"policy": spec})
    assert_error(refused, 422, "has no distilled tree")
    with open_store() as store:
        explain_run(trained_run.id, store, episodes=200, evaluation_episodes=100)
    played = client.post(f"/api/envs/{session['id']}/autoplay", json={"policy": spec})
    assert played.status_code == 200, played.text
    body = played.json()
    assert body["policy"] == spec and body["steps"]
    assert body["terminated"] or body["truncated"]
