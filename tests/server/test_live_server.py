"""The real server: uvicorn in a subprocess on a free loopback port, over HTTP and WebSocket."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from .conftest import as_reference, reference_trajectory

STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """``supportgym serve`` on a free port with its own data dir, its store on SQLite (in the
    data dir) or in a new PostgreSQL database; its base URL."""
    data = tmp_path_factory.mktemp("live-data")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORTGYM_")}
    env["SUPPORTGYM_DATA_DIR"] = str(data)
    if request.param == "postgresql":
        env["SUPPORTGYM_DATABASE_URL"] = request.getfixturevalue("postgres").create_database()
    log = (data / "server.log").open("w")
    script = Path(sys.executable).with_name("supportgym")
    process = subprocess.Popen(
        [str(script), "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, (data / "server.log").read_text()
            try:
                if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        yield url
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
    # uvicorn shuts down gracefully, then re-raises the signal it got.
    assert process.returncode in (0, -signal.SIGTERM), (data / "server.log").read_text()
    assert "Application shutdown complete" in (data / "server.log").read_text()


def test_play_a_session_over_rest_and_websocket(server, action_stream):
    actions = [0, 1, 3]
    with httpx.Client(base_url=server, timeout=10) as client:
        assert client.get("/api/health").json()["status"] == "ok"
        session = client.post("/api/envs", json={"scenario": "tech", "seed": 21}).json()
        steps = [
            client.post(f"/api/envs/{session['id']}/step", json={"action": a}).json()
            for a in actions
        ]
        assert [as_reference(s) for s in steps] == reference_trajectory("tech", 21, actions)
    ws_url = server.replace("http", "ws") + f"/api/envs/{session['id']}/ws"
    with connect(ws_url) as ws:
        hello = json.loads(ws.recv(timeout=10))
        assert hello["type"] == "session" and len(hello["session"]["turns"]) == len(steps)
        ws.send(json.dumps({"autoplay": "playbook"}))
        while True:
            message = json.loads(ws.recv(timeout=10))
            assert message["type"] == "step", message
            if message["step"]["terminated"] or message["step"]["truncated"]:
                break
        assert message["step"]["kpis"]["turns"] >= len(steps)
        ws.send(json.dumps({"action": 0}))
        assert json.loads(ws.recv(timeout=10))["status"] == 409


def test_unknown_session_socket_is_closed_with_1008(server):
    ws_url = server.replace("http", "ws") + f"/api/envs/{'f' * 32}/ws"
    with connect(ws_url) as ws, pytest.raises(ConnectionClosed) as closed:
        ws.recv(timeout=10)
    assert closed.value.rcvd.code == 1008


def test_a_huge_body_is_refused_by_the_real_server(server):
    body = b'{"yaml": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    response = httpx.post(
        f"{server}/api/scenarios/validate",
        content=body,
        headers={"Content-Type": "application/json"},
        timeout=10,
    )
    assert response.status_code == 413 and "larger than" in response.json()["detail"]


def test_fifty_concurrent_sessions_match_sequential_runs(server, action_stream):
    seeds = range(100, 150)
    plans = {seed: [int(a) for a in action_stream(seed, 8)] for seed in seeds}

    async def play(client: httpx.AsyncClient, seed: int) -> list[dict]:
        created = await client.post("/api/envs", json={"scenario": "mixed", "seed": seed})
        session_id = created.json()["id"]
        steps = []
        for action in plans[seed]:
            response = await client.post(f"/api/envs/{session_id}/step", json={"action": action})
            steps.append(response.json())
            if steps[-1]["terminated"] or steps[-1]["truncated"]:
                break
        await client.delete(f"/api/envs/{session_id}")
        return steps

    async def play_all() -> list[list[dict]]:
        limits = httpx.Limits(max_connections=50)
        async with httpx.AsyncClient(base_url=server, timeout=30, limits=limits) as client:
            return await asyncio.gather(*(play(client, seed) for seed in seeds))

    results = asyncio.run(play_all())
    for seed, steps in zip(seeds, results, strict=True):
        assert [as_reference(s) for s in steps] == reference_trajectory("mixed", seed, plans[seed])


def test_train_follow_live_and_evaluate_over_the_api(server):
    request = {
        "algorithm": "ppo",
        "scenario": "retail",
        "timesteps": 1024,
        "n_envs": 2,
        "seed": 1,
        "overrides": {"n_steps": 64, "batch_size": 64},
    }
    with httpx.Client(base_url=server, timeout=30) as client:
        run = client.post("/api/runs", json=request)
        assert run.status_code == 202, run.text
        run_id = run.json()["id"]
        events = []
        with connect(server.replace("http", "ws") + f"/api/runs/{run_id}/ws") as ws:
            while not events or events[-1]["type"] != "final":
                events.append(json.loads(ws.recv(timeout=120)))
        final = events[-1]["run"]
        assert final["status"] == "completed" and final["has_model"], final
        points = [p for e in events if e["type"] == "metrics" for p in e["points"]]
        assert points and "kpi/resolved" in set().union(*(p["values"] for p in points))
        models = client.get("/api/models").json()["data"]
        assert f"run:{run_id}" in [m["policy"] for m in models]

        body = {"policies": ["playbook", f"run:{run_id}"], "scenarios": ["retail"], "episodes": 50}
        evaluation = client.post("/api/evaluations", json=body)
        assert evaluation.status_code == 202, evaluation.text
        evaluation_id = evaluation.json()["id"]
        deadline = time.monotonic() + 120
        result = client.get(f"/api/evaluations/{evaluation_id}").json()
        while result["status"] not in ("completed", "failed"):
            assert time.monotonic() < deadline, result
            time.sleep(0.2)
            result = client.get(f"/api/evaluations/{evaluation_id}").json()
    assert result["status"] == "completed", result
    scored = {s["policy"]: s["normalized"]["value"] for s in result["results"]["summaries"]}
    assert set(scored) == {"playbook", f"run:{run_id}"}
