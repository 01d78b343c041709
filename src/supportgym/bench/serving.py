"""The decision service: decide latency, batch throughput, onnxruntime against SB3.

A PPO model (the shipped architecture, briefly trained) is stored as a completed run and
deployed (ONNX export, distilled rules, ranges) in a temporary data directory; the real
server (uvicorn in a subprocess, over loopback) then answers sequential
``POST /api/deployments/{name}/decide`` calls, alternating with health checks so that
both see the same load, and ``decide/batch`` calls of 1,024 states. In this process,
the same model predicts one state and 1,024 states with SB3 (``predict``,
deterministic) and with onnxruntime.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from supportgym.bench.common import Budget, Reference, Row, Target
from supportgym.bench.server import WARMUP_REQUESTS, running_run, running_server
from supportgym.store.config import DATA_DIR_ENV, DATABASE_URL_ENV

SECTION = "serving"
BATCH = 1024
BATCH_CALLS = 10
PREDICT_CALLS = {1: 2000, BATCH: 200}


def serving_rows(budget: Budget) -> list[Row]:
    """Decide p50/p99 vs health; decisions/s in batches; ONNX vs SB3 for 1 and 1,024 states."""
    with tempfile.TemporaryDirectory(prefix="supportgym-bench-serving-") as folder:
        data_dir = Path(folder)
        database_url = f"sqlite:///{data_dir / 'bench.db'}"
        with _store_at(data_dir, database_url):
            model, states, model_path = _deployed(data_dir, budget)
        predict = _predict_rows(model, model_path, states, budget)
        with running_server(data_dir, database_url) as base_url:
            rounds = [
                _decide_round(base_url, states, budget.rest_steps, seed)
                for seed in range(budget.repeats)
            ]
            batches = [_batch_round(base_url, states, seed) for seed in range(budget.repeats)]
    decide_p50, decide_p99, health_p50, health_p99 = (tuple(r[i] for r in rounds) for i in range(4))
    return [
        Row(
            "serving.decide_p50",
            SECTION,
            "Decide p50",
            "ms",
            decide_p50,
            reference=Reference("GET /api/health p50", health_p50),
            details={"requests_per_round": budget.rest_steps},
        ),
        Row(
            "serving.decide_p99",
            SECTION,
            "Decide p99",
            "ms",
            decide_p99,
            reference=Reference("GET /api/health p99", health_p99),
            targets=(Target(2, at_most=True),),
            details={"requests_per_round": budget.rest_steps},
        ),
        Row(
            "serving.batch_decisions",
            SECTION,
            f"Decisions/s in batches of {BATCH:,}",
            "decisions/s",
            tuple(batches),
            details={"calls_per_round": BATCH_CALLS},
        ),
        *predict,
    ]


@contextlib.contextmanager
def _store_at(data_dir: Path, database_url: str) -> Iterator[None]:
    """The store (its data dir and database) set to these while the block runs."""
    names = {DATA_DIR_ENV: str(data_dir), DATABASE_URL_ENV: database_url}
    previous = {name: os.environ.get(name) for name in names}
    os.environ.update(names)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _deployed(data_dir: Path, budget: Budget) -> tuple[Any, np.ndarray, str]:
    """A PPO model stored as a completed run and deployed as ``bench``; states to decide on."""
    from stable_baselines3 import PPO

    from supportgym.data import replay
    from supportgym.explain.distill import own_states
    from supportgym.policies.sb3 import ModelPolicy
    from supportgym.serving.deploy import build_deployment, record_deployment
    from supportgym.sim import compile_scenario, load_scenario
    from supportgym.store import RunStatus, SqlAlchemyStore
    from supportgym.training.config import default_hyperparameters
    from supportgym.training.sb3_vec_env import SupportSB3VecEnv

    scenario = load_scenario("retail")
    hyperparameters = default_hyperparameters("ppo")
    policy = hyperparameters.pop("policy")
    model = PPO(policy, SupportSB3VecEnv(16, scenario), seed=0, device="cpu", **hyperparameters)
    model.learn(4096 if budget.quick else 16_384)
    path = data_dir / "model.zip"
    model.save(path)
    path.with_suffix(".algorithm").write_text("ppo")
    with SqlAlchemyStore(os.environ[DATABASE_URL_ENV]) as store:
        run_id = running_run(store)  # retail, as the model
        store.update_run(run_id, model_path=str(path))
        store.finish_run(run_id, RunStatus.COMPLETED)
        deployment = build_deployment(store, record_deployment(store, run_id, "bench", 0.0).id)
    cs = compile_scenario(scenario)
    states = replay.observations(own_states(ModelPolicy(model, "ppo"), scenario, 500, 11), cs)
    return model, states, str(deployment.model_path)


def _features(state: np.ndarray) -> dict[str, float]:
    from supportgym.sim.features import FEATURE_NAMES

    return {name: float(value) for name, value in zip(FEATURE_NAMES, state, strict=True)}


def _decide_round(
    base_url: str, states: np.ndarray, requests: int, seed: int
) -> tuple[float, float, float, float]:
    """p50 and p99 (ms) of ``requests`` decisions and as many health checks, alternating."""
    import httpx

    picks = np.random.default_rng(seed).integers(0, len(states), requests + WARMUP_REQUESTS)
    decide_ms, health_ms = [], []
    with httpx.Client(base_url=base_url, timeout=60) as client:
        for index, pick in enumerate(picks.tolist()):
            body = {"features": _features(states[pick])}
            start = time.perf_counter()
            response = client.post("/api/deployments/bench/decide", json=body)
            middle = time.perf_counter()
            client.get("/api/health").raise_for_status()
            end = time.perf_counter()
            response.raise_for_status()
            if index >= WARMUP_REQUESTS:
                decide_ms.append((middle - start) * 1000)
                health_ms.append((end - middle) * 1000)
    decide_p50, decide_p99 = np.percentile(decide_ms, [50, 99])
    health_p50, health_p99 = np.percentile(health_ms, [50, 99])
    return float(decide_p50), float(decide_p99), float(health_p50), float(health_p99)


def _batch_round(base_url: str, states: np.ndarray, seed: int) -> float:
    """Decisions per second over ``BATCH_CALLS`` calls of ``decide/batch`` with 1,024 states."""
    import httpx

    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(states), (BATCH_CALLS + 1, BATCH))
    bodies = [{"requests": [{"features": _features(states[i])} for i in row]} for row in picks]
    with httpx.Client(base_url=base_url, timeout=120) as client:
        client.post("/api/deployments/bench/decide/batch", json=bodies[0]).raise_for_status()
        start = time.perf_counter()
        for body in bodies[1:]:
            client.post("/api/deployments/bench/decide/batch", json=body).raise_for_status()
        return BATCH * BATCH_CALLS / (time.perf_counter() - start)


def _predict_rows(model: Any, model_path: str, states: np.ndarray, budget: Budget) -> list[Row]:
    """ONNX (onnxruntime) against SB3 ``predict``, per call, for 1 and for 1,024 states."""
    from supportgym.serving.runtime import OnnxPolicy

    served = OnnxPolicy(model_path)
    masks = np.ones((len(states), 8), dtype=bool)
    rows = []
    for size, calls in PREDICT_CALLS.items():
        batch = states[np.arange(size) % len(states)]
        mask = masks[np.arange(size) % len(states)]
        sb3, onnx = [], []
        for _ in range(budget.repeats):
            sb3.append(_per_call(lambda b=batch: model.predict(b, deterministic=True), calls))
            onnx.append(_per_call(lambda b=batch, m=mask: served.act(b, m, None), calls))
        label = "1 state" if size == 1 else f"{size:,} states"
        rows.append(
            Row(
                f"serving.onnx_predict_{size}",
                SECTION,
                f"ONNX predict, {label}",
                "µs",
                tuple(onnx),
                reference=Reference(f"SB3 predict, {label}", tuple(sb3)),
                details={"calls": calls},
            )
        )
    return rows


def _per_call(call: Any, calls: int) -> float:
    """Microseconds per call, over ``calls`` calls after a few warm-up ones."""
    for _ in range(5):
        call()
    start = time.perf_counter()
    for _ in range(calls):
        call()
    return (time.perf_counter() - start) / calls * 1e6
