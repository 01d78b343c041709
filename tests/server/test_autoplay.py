"""A policy plays a session: built-in rules and completed runs' models."""

from __future__ import annotations

import numpy as np
import pytest

from supportgym.envs import SupportEnv
from supportgym.policies import make_policy

from .conftest import as_reference, assert_error, reference_trajectory


def _policy_actions(name: str, scenario: str, seed: int) -> list[int]:
    """The actions the policy takes in the plain env."""
    env = SupportEnv(scenario)
    obs, info = env.reset(seed=seed)
    policy = make_policy(name, env.compiled)
    actions, done = [], False
    while not done:
        masks = info["action_mask"][None].astype(bool)
        action = int(policy.act(obs[None], masks, env.customers)[0])
        obs, _, terminated, truncated, info = env.step(action)
        actions.append(action)
        done = terminated or truncated
    return actions


def test_playbook_plays_to_the_end_with_kpis(client, session):
    response = client.post(f"/api/envs/{session['id']}/autoplay", json={"policy": "playbook"})
    assert response.status_code == 200, response.text
    played = response.json()
    assert played["policy"] == "playbook"
    assert played["terminated"] or played["truncated"]
    assert played["kpis"] == played["steps"][-1]["kpis"]
    assert {"csat", "resolved", "net_value"} <= set(played["kpis"])
    actions = _policy_actions("playbook", "retail", 3)
    assert [s["action"] for s in played["steps"]] == actions
    assert [as_reference(s) for s in played["steps"]] == reference_trajectory("retail", 3, actions)
    for step in played["steps"]:
        assert step["policy"] == "playbook"
        assert step["action_probabilities"] == [float(a == step["action"]) for a in range(8)]
    transcript = client.get(f"/api/envs/{session['id']}").json()["turns"]
    assert [t["action_probabilities"] for t in transcript] == [
        s["action_probabilities"] for s in played["steps"]
    ]
    assert_error(client.post(f"/api/envs/{session['id']}/autoplay", json={"policy": "oracle"}), 409)


def test_autoplay_takes_the_given_number_of_steps(client, session):
    response = client.post(
        f"/api/envs/{session['id']}/autoplay", json={"policy": "always_empathize", "steps": 2}
    )
    played = response.json()
    assert [s["action_name"] for s in played["steps"]] == ["empathize", "empathize"]
    assert [s["turn"] for s in played["steps"]] == [1, 2]
    more = client.post(f"/api/envs/{session['id']}/autoplay", json={"policy": "oracle", "steps": 1})
    assert more.json()["steps"][0]["turn"] == 3


def test_random_policy_reports_uniform_probabilities(client, session):
    played = client.post(
        f"/api/envs/{session['id']}/autoplay", json={"policy": "random", "steps": 3}
    ).json()
    for step in played["steps"]:
        assert np.allclose(step["action_probabilities"], 1 / 8)


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"policy": "greedy"}, 422, "unknown policy"),
        ({"policy": "models/x.zip"}, 422, "unknown policy"),
        ({"policy": "run:abc"}, 422, "unknown policy"),
        ({"policy": "playbook", "steps": 0}, 422, "steps"),
        ({"policy": "playbook", "steps": 1001}, 422, "steps"),
        ({"steps": 3}, 422, "policy"),
        ({"policy": "run:999"}, 404, "run 999 not found"),
    ],
)
def test_bad_autoplay_requests(client, session, body, status, fragment):
    response = client.post(f"/api/envs/{session['id']}/autoplay", json=body)
    assert_error(response, status, fragment)
    assert client.get(f"/api/envs/{session['id']}").json()["turns"] == []


def test_a_run_that_has_not_completed_cannot_play(client, session, store):
    run = store.create_run(
        algorithm="ppo",
        scenario="retail",
        scenario_version="x",
        difficulty=0.5,
        seed=1,
        total_timesteps=64,
    )
    response = client.post(f"/api/envs/{session['id']}/autoplay", json={"policy": f"run:{run.id}"})
    assert_error(response, 409, "queued")
