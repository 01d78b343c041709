"""The API server under load from this process, over loopback.

The real server (uvicorn in a subprocess, on a free port, with a temporary data
directory) answers:

- REST: sequential ``POST /api/envs/{id}/step`` calls with random actions (a reset,
  untimed, when the episode ends), alternating with ``GET /api/health``, so both see
  the same load; per round the p50 and p99 latency of each, client-side.
- WebSocket fan-out: 20 clients, connected together, follow one training run on
  ``WS /api/runs/{id}/ws``. The suite plays the trainer: it records a running run in
  the server's store and writes metric points into it (the metrics a training run
  logs), as a training worker does, at random intervals of 0.1–0.4 s so that writes
  fall at every phase of the server's polling. Each point's write time is thus known
  exactly, and no torch start-up is waited for. A point's delay is its arrival at a
  client minus the end of its write; per round of 4 points, the p99 over points ×
  clients. The server polls the store every 0.5 s per connection, so a delay is
  mostly the wait for the next poll: a p99 near 500 ms means the fan-out itself adds
  little.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from supportgym.bench.common import Budget, Reference, Row, Target

SECTION = "server"
WARMUP_REQUESTS = 10
START_TIMEOUT = 120.0
REQUEST_TIMEOUT = 60.0
FAN_OUT_TIMEOUT = 120.0
POINTS_PER_ROUND = 4
POINT_SECONDS = (0.1, 0.4)
"""Range of the random intervals between metric points."""


def server_rows(budget: Budget) -> list[Row]:
    """REST step latency p50/p99 vs ``GET /api/health``; WebSocket metrics fan-out."""
    from supportgym.server.routes.runs import POLL_SECONDS

    with tempfile.TemporaryDirectory(prefix="supportgym-bench-") as folder:
        data_dir = Path(folder)
        database_url = f"sqlite:///{data_dir / 'bench.db'}"
        with running_server(data_dir, database_url) as base_url:
            rest = [
                _rest_round(base_url, budget.rest_steps, seed) for seed in range(budget.repeats)
            ]
            points = POINTS_PER_ROUND * budget.repeats
            fan_out = asyncio.run(_fan_out(base_url, database_url, budget.ws_clients, points))
    step_p50, step_p99, health_p50, health_p99 = (tuple(r[i] for r in rest) for i in range(4))
    details = {"steps_per_round": budget.rest_steps}
    return [
        Row(
            "server.rest_step_p50",
            SECTION,
            "REST env step p50",
            "ms",
            step_p50,
            reference=Reference("GET /api/health p50", health_p50),
            details=details,
        ),
        Row(
            "server.rest_step_p99",
            SECTION,
            "REST env step p99",
            "ms",
            step_p99,
            reference=Reference("GET /api/health p99", health_p99),
            targets=(Target(3, at_most=True),),
            details=details,
        ),
        Row(
            "server.ws_fan_out",
            SECTION,
            f"WebSocket metrics fan-out ×{budget.ws_clients}: delay p99",
            "ms",
            fan_out.pop("p99_ms"),
            reference=Reference("server poll interval", (POLL_SECONDS * 1000,)),
            details=fan_out,
        ),
    ]


@contextlib.contextmanager
def running_server(data_dir: Path, database_url: str) -> Iterator[str]:
    """``uvicorn`` serving ``create_app`` on a free loopback port; its base URL."""
    import httpx

    port = _free_port()
    env = {
        **os.environ,
        "SUPPORTGYM_DATA_DIR": str(data_dir),
        "SUPPORTGYM_DATABASE_URL": database_url,
    }
    env.pop("SUPPORTGYM_API_TOKEN", None)
    log = data_dir / "server.log"
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "supportgym.server.app:create_app",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, env=env, stdout=output, stderr=output, start_new_session=True
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if server.poll() is not None:
                tail = log.read_text(errors="replace").strip().splitlines()[-1:]
                raise RuntimeError(f"the server exited on start-up: {' '.join(tail)}")
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(f"{base_url}/api/health", timeout=5).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer within {START_TIMEOUT:g} s")
            time.sleep(0.1)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _rest_round(base_url: str, steps: int, seed: int) -> tuple[float, float, float, float]:
    """p50 and p99 (ms) of ``steps`` env steps and as many health checks, alternating."""
    import httpx

    actions = np.random.default_rng(seed).integers(0, 8, size=steps + WARMUP_REQUESTS).tolist()
    with httpx.Client(base_url=base_url, timeout=REQUEST_TIMEOUT) as client:
        created = client.post("/api/envs", json={"scenario": "retail", "seed": seed})
        created.raise_for_status()
        session = created.json()["id"]
        step_ms, health_ms = [], []
        for index, action in enumerate(actions):
            start = time.perf_counter()
            response = client.post(f"/api/envs/{session}/step", json={"action": action})
            middle = time.perf_counter()
            client.get("/api/health").raise_for_status()
            end = time.perf_counter()
            response.raise_for_status()
            if index >= WARMUP_REQUESTS:
                step_ms.append((middle - start) * 1000)
                health_ms.append((end - middle) * 1000)
            step = response.json()
            if step["terminated"] or step["truncated"]:
                client.post(f"/api/envs/{session}/reset", json={}).raise_for_status()
        client.delete(f"/api/envs/{session}")
    step_p50, step_p99 = np.percentile(step_ms, [50, 99])
    health_p50, health_p99 = np.percentile(health_ms, [50, 99])
    return float(step_p50), float(step_p99), float(health_p50), float(health_p99)


async def _fan_out(base_url: str, database_url: str, clients: int, points: int) -> dict[str, Any]:
    """Write ``points`` metric points to a running run while ``clients`` WebSockets follow it."""
    from websockets.asyncio.client import connect

    from supportgym.store import MetricPoint, RunStatus, SqlAlchemyStore

    with SqlAlchemyStore(database_url) as store:
        run_id = running_run(store)
        arrivals: list[dict[int, float]] = [{} for _ in range(clients)]
        messages = [0] * clients
        listening = [asyncio.Event() for _ in range(clients)]
        url = base_url.replace("http://", "ws://") + f"/api/runs/{run_id}/ws"

        async def follow(index: int) -> None:
            async with connect(url, max_size=None) as websocket:
                async for message in websocket:
                    now = time.time()
                    messages[index] += 1
                    listening[index].set()
                    for point in json.loads(message)["points"]:
                        arrivals[index].setdefault(point["step"], now)

        followers = [asyncio.create_task(follow(index)) for index in range(clients)]
        try:
            await asyncio.wait_for(
                asyncio.gather(*(event.wait() for event in listening)), FAN_OUT_TIMEOUT
            )
            values = _metric_values()
            pauses = np.random.default_rng(0).uniform(*POINT_SECONDS, size=points)
            written: dict[int, float] = {}
            started = time.monotonic()
            for number, pause in enumerate(pauses.tolist(), start=1):
                point = MetricPoint(run_id, number, time.monotonic() - started, values)
                await asyncio.to_thread(store.add_metrics, run_id, [point])
                written[number] = time.time()
                await asyncio.sleep(pause)
            deadline = time.monotonic() + FAN_OUT_TIMEOUT
            while min(len(seen) for seen in arrivals) < points and time.monotonic() < deadline:
                await asyncio.sleep(max(POINT_SECONDS))
            store.finish_run(run_id, RunStatus.COMPLETED)
            await asyncio.wait_for(asyncio.gather(*followers), FAN_OUT_TIMEOUT)
        finally:
            for task in followers:
                task.cancel()
    return _fan_out_figures(arrivals, written, messages)


def running_run(store: Any) -> int:
    """A run recorded as running, as a training worker leaves it once it has started."""
    from supportgym.sim.library import builtin_scenario

    scenario = builtin_scenario("retail")
    store.upsert_scenario(scenario)
    run = store.create_run(
        algorithm="ppo",
        scenario=scenario.name,
        scenario_version=scenario.version,
        difficulty=scenario.difficulty,
        seed=0,
        total_timesteps=1_000_000,
        n_envs=16,
    )
    store.start_run(run.id, pid=os.getpid(), hostname=socket.gethostname())
    return run.id


def _metric_values() -> dict[str, float]:
    """The metrics a training run logs per point (episode, reward components, KPIs)."""
    from supportgym.envs import SupportVectorEnv
    from supportgym.sim import kernel

    env = SupportVectorEnv(1, "retail")
    env.reset(seed=0)
    names = [
        "episode/return",
        "episode/length",
        "progress",
        *(f"reward/{name}" for name in kernel.REWARD_COMPONENTS),
        *(f"kpi/{name}" for name in kernel.episode_kpis(env.compiled, env.customers)),
    ]
    rng = np.random.default_rng(0)
    return {name: float(rng.random()) for name in names}


def _fan_out_figures(
    arrivals: list[dict[int, float]], written: dict[int, float], messages: list[int]
) -> dict[str, Any]:
    """Per round of points: the p99 delay (ms) over points × clients; and a summary."""
    missing = sum(step not in seen for seen in arrivals for step in written)
    if missing:
        raise RuntimeError(f"{missing} metric point deliveries never arrived over the WebSocket")
    delays = [[(seen[step] - at) * 1000 for seen in arrivals] for step, at in written.items()]
    rounds = [
        [delay for point in delays[start : start + POINTS_PER_ROUND] for delay in point]
        for start in range(0, len(delays), POINTS_PER_ROUND)
    ]
    every = [delay for point in delays for delay in point]
    return {
        "p99_ms": tuple(float(np.percentile(delays_, 99)) for delays_ in rounds),
        "points": len(delays),
        "clients": len(arrivals),
        "delay_p50_ms": statistics.median(every),
        "delay_max_ms": max(every),
        "spread_p50_ms": statistics.median(max(point) - min(point) for point in delays),
        "messages_per_client": statistics.median(messages),
    }
