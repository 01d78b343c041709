"""The job manager: worker processes, the queue, cancelling, shutdown, restart and resume."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from supportgym.store import SqlAlchemyStore, open_store

from .conftest import assert_error
from .jobs_helpers import LONG_RUN, TINY_RUN, wait_for, wait_until
from .test_live_server import STARTUP_SECONDS, _free_port

MEDIUM_RUN = {**TINY_RUN, "timesteps": 8192, "checkpoint_every": 512}
SHORT_RUN = {**MEDIUM_RUN, "timesteps": 4096}


def _running_with_progress(client, run_id: int, steps: int = 1) -> dict:
    def check():
        run = client.get(f"/api/runs/{run_id}").json()
        return run if run["status"] == "running" and run["timesteps_done"] >= steps else None

    return wait_until(check)


def test_cancel_terminates_a_running_worker(client):
    run = client.post("/api/runs", json=LONG_RUN).json()
    running = _running_with_progress(client, run["id"])
    assert running["started_at"] is not None
    response = client.post(f"/api/runs/{run['id']}/cancel")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "cancelled"
    time.sleep(0.3)
    assert client.get(f"/api/runs/{run['id']}").json()["status"] == "cancelled"


def test_extra_jobs_queue_until_a_worker_is_free(make_client):
    client = make_client(max_jobs=1)
    first = client.post("/api/runs", json=TINY_RUN).json()
    second = client.post("/api/runs", json=TINY_RUN).json()
    third = client.post("/api/runs", json=TINY_RUN).json()
    _running_with_progress(client, first["id"], 0)
    assert client.get(f"/api/runs/{second['id']}").json()["status"] == "queued"

    cancelled = client.post(f"/api/runs/{third['id']}/cancel").json()
    assert cancelled["status"] == "cancelled" and cancelled["started_at"] is None

    wait_for(client, f"/api/runs/{first['id']}", "completed")
    done = wait_for(client, f"/api/runs/{second['id']}", "completed")
    assert done["started_at"] >= client.get(f"/api/runs/{first['id']}").json()["finished_at"]
    assert client.get(f"/api/runs/{third['id']}").json()["status"] == "cancelled"


def test_shutdown_interrupts_runs_and_a_resume_completes_them(make_client):
    client = make_client()
    run = client.post("/api/runs", json=SHORT_RUN).json()
    _running_with_progress(client, run["id"], 1024)
    client.__exit__(None, None, None)  # app shutdown: the worker is terminated
    with open_store() as store:
        stopped = store.get_run(run["id"])
        assert stopped.status == "interrupted" and stopped.error
        before = store.get_metrics(run["id"])

    # The resume waits behind another job, and the server stops again meanwhile.
    client = make_client(max_jobs=1)
    assert client.get(f"/api/runs/{run['id']}").json()["status"] == "interrupted"
    blocker = client.post("/api/runs", json=LONG_RUN).json()
    _running_with_progress(client, blocker["id"], 0)
    resumed = client.post(f"/api/runs/{run['id']}/resume")
    assert resumed.status_code == 202, resumed.text
    assert resumed.json()["status"] == "queued"
    assert_error(client.post(f"/api/runs/{run['id']}/resume"), 409, "is queued")
    client.__exit__(None, None, None)
    with open_store() as store:
        assert store.get_run(run["id"]).status == "queued"

    # The next server takes the waiting resume up again.
    client = make_client()
    done = wait_for(client, f"/api/runs/{run['id']}", "completed", "failed")
    assert done["status"] == "completed", done["error"]
    assert done["timesteps_done"] >= 4096 and done["has_model"]
    after = client.get(f"/api/runs/{run['id']}/metrics").json()
    assert [p["step"] for p in after["data"][: len(before)]] == [p.step for p in before]


def test_resume_without_a_checkpoint_is_409(client):
    run = client.post("/api/runs", json={**LONG_RUN, "checkpoint_every": 5_000_000}).json()
    client.post(f"/api/runs/{run['id']}/cancel")
    assert_error(client.post(f"/api/runs/{run['id']}/resume"), 409, "no checkpoint")


def _serve(data: Path, port: int, database: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPORTGYM_")}
    env["SUPPORTGYM_DATA_DIR"] = str(data)
    env["SUPPORTGYM_DATABASE_URL"] = database
    script = Path(sys.executable).with_name("supportgym")
    log = (data / "server.log").open("a")
    return subprocess.Popen(
        [str(script), "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: killed with its workers
    )


def _wait_up(process: subprocess.Popen, url: str, data: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        assert process.poll() is None, (data / "server.log").read_text()
        try:
            if httpx.get(f"{url}/api/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)


def _stop(process: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_run_survives_a_killed_server_and_resumes(tmp_path, request, backend):
    data = tmp_path / "data"
    data.mkdir()
    if backend == "sqlite":
        database = f"sqlite:///{data / 'supportgym.db'}"
    else:
        database = request.getfixturevalue("postgres").create_database()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = _serve(data, port, database)
    try:
        _wait_up(process, url, data)
        with httpx.Client(base_url=url, timeout=30) as client:
            run = client.post("/api/runs", json=MEDIUM_RUN).json()
            _running_with_progress(client, run["id"], 1024)
            metrics = client.get(f"/api/runs/{run['id']}/metrics").json()
        with SqlAlchemyStore(database) as store:
            worker = store.get_run(run["id"]).pid
        _stop(process, signal.SIGKILL)  # the server and its worker, no clean-up
        wait_until(lambda: not _alive(worker), timeout=10)

        process = _serve(data, port, database)
        _wait_up(process, url, data)
        with httpx.Client(base_url=url, timeout=30) as client:
            stopped = client.get(f"/api/runs/{run['id']}").json()
            assert stopped["status"] == "interrupted", stopped
            kept = client.get(f"/api/runs/{run['id']}/metrics").json()
            assert kept["data"][: metrics["count"]] == metrics["data"] and metrics["count"] >= 1
            assert client.post(f"/api/runs/{run['id']}/resume").status_code == 202
            done = wait_for(client, f"/api/runs/{run['id']}", "completed")
        assert done["timesteps_done"] >= 8192 and done["has_model"]
    finally:
        _stop(process, signal.SIGTERM)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
