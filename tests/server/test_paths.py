"""Paths: the API answers for every ``/api`` path, names are never paths, files stay in dist.

httpx resolves dot segments before sending, so literal ``..`` paths are sent as a server
receives them, through the app's ASGI interface (:func:`_raw_request`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from supportgym.server import Settings, create_app

from .conftest import SERVER_ENV

INDEX = "<html>dashboard</html>"
SECRET = "outside the dashboard"

ENCODED = [
    "..%2F..%2Fetc%2Fpasswd",
    "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "%2e%2e",
    "..%252F..%252Fetc%252Fpasswd",
    "%252E%252E%252F%252E%252E%252Fetc%252Fpasswd",
    "..%5C..%5Cetc%5Cpasswd",
    "..%255C..%255Cetc%255Cpasswd",
    "%00",
    "retail%00",
    "1%00",
    "..%00",
    "1%2500",
]
"""Names as a client spells them in a URL: encoded once or twice, backslashes, NUL."""

LITERAL = ["..", "../../etc/passwd", "1/../../..", "..\\..\\etc\\passwd", "./.."]
"""Names with literal dot segments and backslashes, which httpx would not send as they are."""

NAMED_OPERATIONS = [
    (method.upper(), path)
    for path, operations in create_app(Settings(frontend_dist=Path("/nonexistent")))
    .openapi()["paths"]
    .items()
    if "{" in path
    for method in operations
]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A client of an app that serves a dashboard, beside a file it must never serve; one
    app for the module, since every test here is a refused request."""
    root = tmp_path_factory.mktemp("paths")
    dist = root / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "app.js").write_text("console.log(1)")
    (root / "secret.txt").write_text(SECRET)
    with pytest.MonkeyPatch.context() as monkeypatch:
        for name in SERVER_ENV:
            monkeypatch.delenv(f"SUPPORTGYM_{name}", raising=False)
        monkeypatch.delenv("SUPPORTGYM_DATABASE_URL", raising=False)
        monkeypatch.setenv("SUPPORTGYM_DATA_DIR", str(root / "data"))
        with TestClient(create_app(Settings(frontend_dist=dist))) as client:
            yield client


def _with_name(path: str, name: str) -> str:
    return "/".join(name if part.startswith("{") else part for part in path.split("/"))


def _raw_request(client: TestClient, method: str, raw_path: str) -> tuple[int, str, str]:
    """Send ``raw_path`` unchanged, decoded as uvicorn decodes it; status, type and body."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "server": ("testserver", 80),
        "client": ("127.0.0.1", 50000),
        "root_path": "",
        "path": unquote(raw_path),
        "raw_path": raw_path.encode("ascii"),
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json")],
    }
    bodies = [{"type": "http.request", "body": b"{}", "more_body": False}]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return bodies.pop() if bodies else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    client.portal.call(client.app, scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {name.decode(): value.decode() for name, value in start["headers"]}
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], headers.get("content-type", ""), body.decode()


def _assert_api_error(status: int, content_type: str, body: str) -> None:
    assert 400 <= status < 500, (status, body)
    assert content_type == "application/json", (content_type, body)
    assert json.loads(body)["detail"]
    assert SECRET not in body and "root:" not in body


@pytest.mark.parametrize("name", ENCODED)
@pytest.mark.parametrize(("method", "path"), NAMED_OPERATIONS)
def test_every_named_route_refuses_an_encoded_path(dashboard, method, path, name):
    response = dashboard.request(method, _with_name(path, name), json={})
    _assert_api_error(response.status_code, response.headers["content-type"], response.text)


@pytest.mark.parametrize("name", LITERAL)
@pytest.mark.parametrize(("method", "path"), NAMED_OPERATIONS)
def test_every_named_route_refuses_a_literal_path(dashboard, method, path, name):
    _assert_api_error(*_raw_request(dashboard, method, _with_name(path, name)))


@pytest.mark.parametrize(
    "path",
    [
        "/api",
        "/api/",
        "/api/nothing",
        "/api/scenarios/..%2F..%2Fetc%2Fpasswd",
        "/api%2F..%2Fsecret.txt",
        "/api%2Fnothing",
        "/%61pi/nothing",
        "/%2561pi/nothing",
        "/api%5Cnothing",
        "/api/..%2F..%2Fsecret.txt",
        "/assets/..%2F..%2Fapi%2Fnothing",
    ],
)
@pytest.mark.parametrize("method", ["GET", "HEAD", "POST", "PUT", "DELETE"])
def test_an_api_path_in_any_spelling_gets_the_api_404(dashboard, method, path):
    response = dashboard.request(method, path)
    assert response.status_code == 404, response.text
    if method != "HEAD":
        assert response.json() == {"detail": "Not Found", "errors": []}


@pytest.mark.parametrize("path", ["/api/../secret.txt", "/api/x/../..", "/assets/../api/x"])
def test_an_api_path_with_dot_segments_gets_the_api_404(dashboard, path):
    status, content_type, body = _raw_request(dashboard, "GET", path)
    assert (status, content_type) == (404, "application/json"), body


@pytest.mark.parametrize(
    "path",
    [
        "/..%2Fsecret.txt",
        "/%2E%2E/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/assets/..%2F..%2Fsecret.txt",
        "/%252E%252E%252Fsecret.txt",
        "/assets/%252E%252E/%252E%252E/secret.txt",
        "/..%5Csecret.txt",
        "/assets%5C..%5C..%5Csecret.txt",
        "/%255C..%255Csecret.txt",
        "/index.html%00",
        "/%00",
        "/assets/app.js%00.html",
        "/%2500",
    ],
)
def test_no_static_path_reaches_outside_the_dashboard(dashboard, path):
    response = dashboard.get(path)
    assert response.status_code == 404, response.text
    assert SECRET not in response.text and INDEX not in response.text


@pytest.mark.parametrize(
    "path", ["/../secret.txt", "/assets/../../secret.txt", "/..\\secret.txt", "/assets/./../.."]
)
def test_no_literal_dot_segment_reaches_outside_the_dashboard(dashboard, path):
    status, _, body = _raw_request(dashboard, "GET", path)
    assert status == 404, body
    assert SECRET not in body and INDEX not in body


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/", INDEX),
        ("/assets/app.js", "console.log(1)"),
        ("/runs/3", INDEX),
        ("/scenarios/retail", INDEX),
        ("/data/", INDEX),
        ("/deployments/churn-guard", INDEX),
    ],
)
def test_files_and_client_side_routes_are_still_served(dashboard, path, body):
    response = dashboard.get(path)
    assert response.status_code == 200
    assert response.text == body


@pytest.mark.parametrize("name", ENCODED[:3] + ENCODED[7:9])
@pytest.mark.parametrize("route", ["envs", "runs"])
def test_websockets_refuse_path_like_names(dashboard, route, name):
    with pytest.raises(WebSocketDisconnect), dashboard.websocket_connect(f"/api/{route}/{name}/ws"):
        pass


@pytest.mark.parametrize(
    ("name", "filename"),
    [
        ("..%2Fx", "week.jsonl"),
        ("x%00", "week.jsonl"),
        ("..%5Cx", "week.jsonl"),
        ("week", "..%2F..%2Fetc%2Fpasswd.jsonl"),
        ("week", "..%5C..%5Cweek.jsonl"),
        ("week", "week%00.jsonl"),
        ("week", "%2Fetc%2Fweek.jsonl"),
    ],
)
def test_an_upload_refuses_path_like_names(dashboard, name, filename):
    response = dashboard.post(f"/api/datasets?name={name}&filename={filename}", content=b"{}")
    _assert_api_error(response.status_code, response.headers["content-type"], response.text)
    assert response.status_code == 422
