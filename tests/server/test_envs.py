"""Environment sessions over REST: create, step, reset, transcript, delete."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from supportgym.sim import FEATURES, Action

from .conftest import as_reference, assert_error, reference_trajectory


def _play(client: TestClient, session_id: str, actions: list[Any]) -> list[dict[str, Any]]:
    steps = []
    for action in actions:
        response = client.post(f"/api/envs/{session_id}/step", json={"action": action})
        assert response.status_code == 200, response.text
        steps.append(response.json())
        if steps[-1]["terminated"] or steps[-1]["truncated"]:
            break
    return steps


def test_create_describes_the_customer_and_the_observation(session):
    assert len(session["id"]) == 32
    assert session["scenario"] == "retail" and session["seed"] == 3
    assert session["episode"] == 1 and session["turn"] == 0
    assert session["customer"]["industry"] == "retail"
    assert session["customer"]["tier"] in ("standard", "premium", "vip")
    assert session["opening"]
    assert [f["name"] for f in session["observation"]] == [f.name for f in FEATURES]
    first = session["observation"][0]
    assert set(first) == {"name", "value", "low", "high", "description"}
    assert session["action_mask"] == [True] * 8
    assert session["actions"][Action.ESCALATE] == "escalate"
    assert session["kpis"] is None and not session["terminated"]


@pytest.mark.parametrize(
    ("scenario", "seed", "difficulty"), [("retail", 3, None), ("tech", 11, 0.9)]
)
def test_trajectory_equals_the_envs(client, action_stream, scenario, seed, difficulty):
    actions = [int(a) for a in action_stream(seed, 30)]
    body = {"scenario": scenario, "seed": seed, "difficulty": difficulty}
    session_id = client.post("/api/envs", json=body).json()["id"]
    steps = _play(client, session_id, actions)
    assert [as_reference(s) for s in steps] == reference_trajectory(
        scenario, seed, actions, difficulty
    )
    assert steps[-1]["kpis"] is not None
    assert [s["turn"] for s in steps] == list(range(1, len(steps) + 1))


def test_reward_is_the_sum_of_its_components(client, session):
    for step in _play(client, session["id"], [1, 2, 3, 0, 7]):
        assert np.isclose(sum(step["reward_components"].values()), step["reward"], atol=1e-6)


def test_actions_by_name_and_index_are_the_same(client):
    names = [a.name.lower() for a in Action]
    first = client.post("/api/envs", json={"scenario": "bfsi", "seed": 5}).json()["id"]
    second = client.post("/api/envs", json={"scenario": "bfsi", "seed": 5}).json()["id"]
    by_index = _play(client, first, [1, 3, 5, 7])
    by_name = _play(client, second, [names[a] for a in (1, 3, 5, 7)])
    assert by_index == by_name
    assert by_name[0]["action_name"] == "ask_clarifying_question"


def test_stepping_a_finished_episode_is_a_conflict(client, session):
    steps = _play(client, session["id"], ["close_case"])
    assert steps[-1]["terminated"] and steps[-1]["kpis"]["turns"] == 1
    response = client.post(f"/api/envs/{session['id']}/step", json={"action": 0})
    assert_error(response, 409, "ended", "reset")


def test_reset_with_a_seed_replays_the_customer(client, session):
    first = _play(client, session["id"], [0, 2, 2])
    reset = client.post(f"/api/envs/{session['id']}/reset", json={"seed": 3})
    assert reset.status_code == 200
    assert reset.json()["episode"] == 2 and reset.json()["turn"] == 0
    assert reset.json()["observation"] == session["observation"]
    assert _play(client, session["id"], [0, 2, 2]) == first


def test_reset_without_a_seed_draws_one_and_reports_it(client, session):
    reset = client.post(f"/api/envs/{session['id']}/reset").json()
    again = client.post("/api/envs", json={"scenario": "retail", "seed": reset["seed"]}).json()
    assert reset["observation"] == again["observation"]
    assert client.post(f"/api/envs/{session['id']}/reset", json={}).status_code == 200


def test_create_without_a_seed_draws_one(client):
    body = client.post("/api/envs", json={}).json()
    assert body["scenario"] == "mixed" and 0 <= body["seed"] < 2**31


def test_transcript_lists_every_turn_of_the_current_episode(client, session):
    steps = _play(client, session["id"], [0, "standard_solution"])
    detail = client.get(f"/api/envs/{session['id']}").json()
    assert detail["turn"] == 2 and len(detail["turns"]) == 2
    assert [t["action_name"] for t in detail["turns"]] == ["empathize", "standard_solution"]
    for turn, step in zip(detail["turns"], steps, strict=True):
        assert turn["reply"] == step["reply"] and turn["reward"] == step["reward"]
        assert turn["sentiment"] == step["sentiment"] and turn["policy"] is None
        assert turn["action_probabilities"] is None
    assert detail["observation"] == steps[-1]["observation"]
    client.post(f"/api/envs/{session['id']}/reset", json={"seed": 1})
    assert client.get(f"/api/envs/{session['id']}").json()["turns"] == []


def test_delete_ends_the_session(client, session):
    assert client.delete(f"/api/envs/{session['id']}").status_code == 204
    for response in (
        client.get(f"/api/envs/{session['id']}"),
        client.post(f"/api/envs/{session['id']}/step", json={"action": 0}),
        client.delete(f"/api/envs/{session['id']}"),
    ):
        assert_error(response, 404, session["id"])


def test_difficulty_and_stored_version_are_honoured(client):
    body = client.post("/api/envs", json={"scenario": "tech", "difficulty": 0.25}).json()
    assert body["difficulty"] == 0.25
    version = client.get("/api/scenarios/tech").json()["version"]
    pinned = client.post("/api/envs", json={"scenario": "tech", "version": version})
    assert pinned.status_code == 201 and pinned.json()["scenario_version"] == version
    assert_error(
        client.post("/api/envs", json={"scenario": "tech", "version": "0" * 12}), 404, "version"
    )
