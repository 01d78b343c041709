"""Bad input gets a 4xx with a message, never a 500, and leaves the store as it was."""

from __future__ import annotations

import pytest

from supportgym.sim.library import builtin_scenario

from .conftest import assert_error

SESSION = "0123456789abcdef0123456789abcdef"
JSON = {"Content-Type": "application/json"}


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "fragment"),
    [
        ("post", "/api/envs", {"scenario": "nope"}, 404, "unknown scenario 'nope'"),
        ("post", "/api/envs", {"scenario": "../x"}, 422, "body.scenario"),
        ("post", "/api/envs", {"scenario": "/etc/passwd"}, 422, "body.scenario"),
        ("post", "/api/envs", {"scenario": "retail.yaml"}, 422, "body.scenario"),
        ("post", "/api/envs", {"seed": -1}, 422, "body.seed"),
        ("post", "/api/envs", {"seed": 2**62 + 1}, 422, "body.seed"),
        ("post", "/api/envs", {"seed": "three"}, 422, "body.seed"),
        ("post", "/api/envs", {"seed": 1.5}, 422, "body.seed"),
        ("post", "/api/envs", {"difficulty": 1.5}, 422, "body.difficulty"),
        ("post", "/api/envs", {"difficulty": "hard"}, 422, "body.difficulty"),
        ("post", "/api/envs", {"scenario": 3}, 422, "body.scenario"),
        ("post", "/api/envs", {"colour": "blue"}, 422, "body.colour"),
        ("post", "/api/envs", [1, 2], 422, "body"),
        ("post", f"/api/envs/{SESSION}/step", {"action": 0}, 404, "not found"),
        ("post", f"/api/envs/{SESSION}/reset", {}, 404, "not found"),
        ("post", f"/api/envs/{SESSION}/autoplay", {"policy": "oracle"}, 404, "not found"),
        ("get", f"/api/envs/{SESSION}", None, 404, "not found"),
        ("delete", f"/api/envs/{SESSION}", None, 404, "not found"),
        ("get", "/api/envs/not-an-id", None, 422, "path.session_id"),
        ("post", "/api/scenarios", {}, 422, "body.yaml"),
        ("post", "/api/scenarios", {"yaml": 5}, 422, "body.yaml"),
        ("get", "/api/nothing-here", None, 404, "Not Found"),
        ("put", "/api/scenarios", None, 405, "Method Not Allowed"),
    ],
)
def test_bad_requests_get_a_4xx_with_a_message(client, method, path, body, status, fragment):
    response = client.request(method, path, json=body)
    assert_error(response, status, fragment)


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        ({"action": 8}, "out of range 0-7"),
        ({"action": -1}, "out of range 0-7"),
        ({"action": "dance"}, "unknown action 'dance'"),
        ({"action": True}, "unknown action True"),
        ({"action": 2.5}, "unknown action 2.5"),
        ({"action": None}, "unknown action None"),
        ({}, "body.action: Field required"),
        ({"action": 1, "extra": 1}, "body.extra"),
    ],
)
def test_bad_actions_get_422(client, session, body, fragment):
    response = client.post(f"/api/envs/{session['id']}/step", json=body)
    assert_error(response, 422, fragment)
    assert client.get(f"/api/envs/{session['id']}").json()["turn"] == 0


@pytest.mark.parametrize(
    "content", [b"{bad json", b"", b'{"action": 1', b"\xff\xfe", b"[" * 100_000]
)
def test_malformed_json_gets_4xx(client, session, content):
    response = client.post(f"/api/envs/{session['id']}/step", content=content, headers=JSON)
    assert response.status_code in (400, 422), response.text
    assert response.json()["detail"]


def test_malformed_json_is_named_as_such(client):
    response = client.post("/api/envs", content=b"{bad json", headers=JSON)
    assert_error(response, 422, "invalid JSON")


def test_bad_requests_leave_the_store_unchanged(client, store):
    store.upsert_scenario(builtin_scenario("tech"))
    before = (store.list_scenarios(), store.list_runs(), store.list_evaluations())
    bad = [
        ("post", "/api/scenarios", {"yaml": "name: [unclosed"}),
        ("post", "/api/scenarios", {"yaml": "name: retail\nindustry: retail"}),
        ("post", "/api/scenarios", {"yaml": "x" * 300_000}),
        ("post", "/api/envs", {"scenario": "../../etc/passwd"}),
        ("post", f"/api/envs/{SESSION}/autoplay", {"policy": "run:1"}),
        ("get", "/api/scenarios/tech?version=ffffffffffff", None),
    ]
    for method, path, body in bad:
        assert 400 <= client.request(method, path, json=body).status_code < 500
    assert client.post("/api/scenarios/validate", json={"yaml": "name: ok"}).status_code == 200
    assert (store.list_scenarios(), store.list_runs(), store.list_evaluations()) == before
