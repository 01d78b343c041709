"""Playing a session over its WebSocket."""

from __future__ import annotations

import pytest
from starlette.websockets import WebSocketDisconnect

from .conftest import TOKEN, as_reference, reference_trajectory


def _steps_until_done(ws) -> list[dict]:
    steps = []
    while True:
        message = ws.receive_json()
        assert message["type"] == "step", message
        steps.append(message["step"])
        if message["step"]["terminated"] or message["step"]["truncated"]:
            return steps


def test_stream_plays_a_session(client, session):
    with client.websocket_connect(f"/api/envs/{session['id']}/ws") as ws:
        hello = ws.receive_json()
        assert hello["type"] == "session" and hello["session"]["id"] == session["id"]
        assert hello["session"]["turns"] == []
        ws.send_json({"action": 1})
        first = ws.receive_json()["step"]
        ws.send_json({"action": "standard_solution"})
        second = ws.receive_json()["step"]
        assert [first["turn"], second["turn"]] == [1, 2]
        reference = reference_trajectory("retail", 3, [1, 2])
        assert [as_reference(first), as_reference(second)] == reference
        ws.send_json({"autoplay": "playbook"})
        rest = _steps_until_done(ws)
        assert rest[-1]["kpis"] is not None and rest[0]["turn"] == 3
        assert all(s["policy"] == "playbook" and len(s["action_probabilities"]) == 8 for s in rest)
        ws.send_json({"action": 0})
        refused = ws.receive_json()
        assert refused["type"] == "error" and refused["status"] == 409
        ws.send_json({"reset": {"seed": 3}})
        state = ws.receive_json()
        assert state["type"] == "session" and state["session"]["episode"] == 2
        assert state["session"]["observation"] == session["observation"]
        ws.send_json({"autoplay": "oracle", "steps": 2})
        assert [ws.receive_json()["step"]["turn"] for _ in range(2)] == [1, 2]
    transcript = client.get(f"/api/envs/{session['id']}").json()["turns"]
    assert [t["policy"] for t in transcript] == ["oracle", "oracle"]


@pytest.mark.parametrize(
    ("message", "fragment"),
    [
        ("not json", "invalid JSON"),
        ('{"action": 8}', "out of range"),
        ('{"action": "dance"}', "unknown action"),
        ('{"action": 1, "autoplay": "playbook"}', "exactly one"),
        ("{}", "exactly one"),
        ('{"autoplay": "models/evil.zip"}', "unknown policy"),
        ('{"action": 1, "steps": 3}', "steps goes with autoplay"),
        ("[" * 10000, "JSON"),
    ],
)
def test_bad_messages_get_an_error_and_the_stream_goes_on(client, session, message, fragment):
    with client.websocket_connect(f"/api/envs/{session['id']}/ws") as ws:
        ws.receive_json()
        ws.send_text(message)
        error = ws.receive_json()
        assert error["type"] == "error" and error["status"] == 422
        assert fragment in error["detail"], error
        ws.send_bytes(b'{"action": 0}')
        assert ws.receive_json()["step"]["turn"] == 1


def test_unknown_session_closes_with_policy_violation(client):
    with (
        client.websocket_connect(f"/api/envs/{'0' * 32}/ws") as ws,
        pytest.raises(WebSocketDisconnect) as closed,
    ):
        ws.receive_json()
    assert closed.value.code == 1008


def test_deleted_session_closes_the_stream(client, session):
    with client.websocket_connect(f"/api/envs/{session['id']}/ws") as ws:
        ws.receive_json()
        client.delete(f"/api/envs/{session['id']}")
        ws.send_json({"action": 0})
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 1008


def test_oversized_message_closes_the_stream(make_client):
    client = make_client(max_body_bytes=2048)
    session_id = client.post("/api/envs", json={}).json()["id"]
    with client.websocket_connect(f"/api/envs/{session_id}/ws") as ws:
        ws.receive_json()
        ws.send_text("x" * 4096)
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()
        assert closed.value.code == 1009


def test_stream_needs_the_token_when_set(make_client):
    client = make_client(api_token=TOKEN)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    session_id = client.post("/api/envs", json={}, headers=headers).json()["id"]
    with pytest.raises(WebSocketDisconnect) as refused:
        with client.websocket_connect(f"/api/envs/{session_id}/ws") as ws:
            ws.receive_json()
    assert refused.value.code == 1008
    with client.websocket_connect(f"/api/envs/{session_id}/ws?token={TOKEN}") as ws:
        assert ws.receive_json()["type"] == "session"
    with client.websocket_connect(f"/api/envs/{session_id}/ws", headers=headers) as ws:
        assert ws.receive_json()["type"] == "session"
