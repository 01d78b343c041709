"""The API token, body limits and CORS."""

from __future__ import annotations

import pytest

from .conftest import TOKEN, assert_error


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": f"Bearer {TOKEN}x"},
        {"Authorization": TOKEN},
    ],
)
def test_a_token_is_required_when_set(make_client, headers):
    client = make_client(api_token=TOKEN)
    for response in (
        client.get("/api/health", headers=headers),
        client.get("/api/scenarios", headers=headers),
        client.post("/api/envs", json={}, headers=headers),
        client.post(f"/api/envs/{'0' * 32}/step", json={"action": 0}, headers=headers),
    ):
        assert_error(response, 401, "token")
        assert response.headers["www-authenticate"] == "Bearer"
    assert len(client.app.state.sessions) == 0


def test_the_right_token_is_accepted(make_client):
    client = make_client(api_token=TOKEN)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    health = client.get("/api/health", headers=headers)
    assert health.status_code == 200 and health.json()["auth_required"] is True
    assert client.post("/api/envs", json={}, headers=headers).status_code == 201
    assert client.get("/api/openapi.json").status_code == 200  # the schema is public


def test_no_token_needed_by_default(client):
    assert client.get("/api/health").json()["auth_required"] is False


def test_a_declared_oversized_body_is_refused_before_reading(client):
    big = b'{"yaml": "' + b"x" * (1024 * 1024) + b'"}'
    response = client.post(
        "/api/scenarios/validate", content=big, headers={"Content-Type": "application/json"}
    )
    assert_error(response, 413, "larger than 1048576 bytes")


def test_an_oversized_streamed_body_is_refused(make_client):
    client = make_client(max_body_bytes=4096)

    def chunks():
        yield b'{"yaml": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}'

    response = client.post(
        "/api/scenarios/validate", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert_error(response, 413, "larger than 4096 bytes")
    small = client.post("/api/scenarios/validate", json={"yaml": "name: x"})
    assert small.status_code == 200


def test_cors_allows_only_the_dashboard_dev_origin(client):
    preflight = {"Access-Control-Request-Method": "POST"}
    allowed = client.options("/api/envs", headers={"Origin": "http://localhost:5173", **preflight})
    assert allowed.headers["access-control-allow-origin"] == "http://localhost:5173"
    other = client.options("/api/envs", headers={"Origin": "http://evil.example", **preflight})
    assert "access-control-allow-origin" not in other.headers
    simple = client.get("/api/health", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in simple.headers
