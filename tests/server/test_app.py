"""The app around the routes: health, docs, the dashboard's files, the OpenAPI snapshot."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from supportgym import __version__
from supportgym.server import Settings, create_app
from supportgym.server.openapi import openapi_text
from supportgym.store import RunStatus

SNAPSHOT = Path(__file__).parents[2] / "docs" / "openapi.json"


def test_health(client, session):
    body = client.get("/api/health").json()
    assert body["status"] == "ok" and body["version"] == __version__
    assert body["uptime_seconds"] >= 0
    assert body["live_sessions"] == 1 and body["max_sessions"] == 256


def test_root_points_to_the_docs_without_a_dashboard_build(client):
    assert client.get("/").json()["docs"] == "/api/docs"
    assert client.get("/api/docs").status_code == 200
    assert client.get("/api/openapi.json").json()["info"]["title"] == "SupportGym"


@pytest.fixture
def dashboard(tmp_path: Path) -> TestClient:
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text("<html>dashboard</html>")
    (dist / "assets" / "app.js").write_text("console.log(1)")
    (tmp_path / "secret.txt").write_text("outside")
    with TestClient(create_app(Settings(frontend_dist=dist))) as client:
        yield client


def test_the_built_dashboard_is_served_with_client_side_routes(dashboard):
    assert dashboard.get("/").text == "<html>dashboard</html>"
    assert dashboard.get("/assets/app.js").text == "console.log(1)"
    assert dashboard.get("/playground/42").text == "<html>dashboard</html>"
    assert dashboard.get("/api/health").json()["status"] == "ok"
    missing = dashboard.get("/api/nothing")
    assert missing.status_code == 404 and missing.json()["detail"] == "Not Found"
    for path in ("/..%2Fsecret.txt", "/assets/..%2F..%2Fsecret.txt", "/%2E%2E/secret.txt"):
        assert "outside" not in dashboard.get(path).text


def test_the_dashboard_is_found_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert Settings().frontend_dist == SNAPSHOT.parents[1] / "frontend" / "dist"
    monkeypatch.setenv("SUPPORTGYM_FRONTEND_DIST", str(tmp_path / "mine"))
    assert Settings().frontend_dist == tmp_path / "mine"


def test_every_operation_has_a_stable_id_and_typed_responses(client):
    schema = client.get("/api/openapi.json").json()
    assert all(path.startswith("/api/") for path in schema["paths"])
    ids = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            ids.append(operation["operationId"])
            assert operation["operationId"].startswith(f"{operation['tags'][0]}-")
            assert "401" in operation["responses"], (method, path)
            for code, response in operation["responses"].items():
                if code != "204":
                    assert "$ref" in response["content"]["application/json"]["schema"], code
    assert len(ids) == len(set(ids))
    assert "HTTPValidationError" not in schema["components"]["schemas"]  # ours: ErrorResponse
    assert "envs-step_env" in ids


def test_openapi_snapshot_is_fresh():
    assert SNAPSHOT.read_text() == openapi_text(), (
        "docs/openapi.json is stale; refresh it with "
        "`.venv/bin/python -m supportgym.server.openapi > docs/openapi.json`"
    )


def test_start_up_marks_runs_of_dead_processes_interrupted(make_client, store):
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    run = store.create_run(
        algorithm="ppo",
        scenario="retail",
        scenario_version="x",
        difficulty=0.5,
        seed=1,
        total_timesteps=64,
    )
    store.start_run(run.id, ended.pid, socket.gethostname())
    make_client()
    assert store.get_run(run.id).status == RunStatus.INTERRUPTED
