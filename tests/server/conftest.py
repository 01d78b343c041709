"""Fixtures for the server: apps over a temporary data dir, test clients, a reference env."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Starlette suggests the httpx2 fork for its test client; httpx works, and is what we have.
warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi import FastAPI  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from supportgym.envs import SupportEnv  # noqa: E402
from supportgym.server import Settings, create_app  # noqa: E402

TOKEN = "s3cret-token-for-tests"


SERVER_ENV = ("HOST", "PORT", "API_TOKEN", "MAX_SESSIONS", "SESSION_IDLE_SECONDS")
SERVER_ENV += ("MAX_BODY_BYTES", "CORS_ORIGINS", "MAX_JOBS", "FRONTEND_DIST")


@pytest.fixture(autouse=True)
def _isolated(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every app opens its own empty store, never the cwd's, and ignores server env vars."""
    for name in SERVER_ENV:
        monkeypatch.delenv(f"SUPPORTGYM_{name}", raising=False)
    return data_dir


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., FastAPI]:
    """``make_app(**settings)``: an app with these settings (no dashboard build)."""

    def make(**changes: Any) -> FastAPI:
        return create_app(Settings(frontend_dist=tmp_path / "no-dist", **changes))

    return make


@pytest.fixture
def make_client(make_app: Callable[..., FastAPI]) -> Iterator[Callable[..., TestClient]]:
    """``make_client(**settings)``: a started test client (lifespan run), closed after the test."""
    clients: list[TestClient] = []

    def make(**changes: Any) -> TestClient:
        client = TestClient(make_app(**changes))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    """A client of an app with default settings."""
    return make_client()


@pytest.fixture
def session(client: TestClient) -> dict[str, Any]:
    """A new retail session, seed 3."""
    response = client.post("/api/envs", json={"scenario": "retail", "seed": 3})
    assert response.status_code == 201, response.text
    return response.json()


def reference_trajectory(
    scenario: str, seed: int, actions: list[int], difficulty: float | None = None
) -> list[dict[str, Any]]:
    """What ``SupportEnv`` does with these actions, as the API reports each step."""
    env = SupportEnv(scenario, difficulty)
    env.reset(seed=seed)
    steps = []
    for action in actions:
        obs, reward, terminated, truncated, info = env.step(action)
        steps.append(
            {
                "observation": [float(v) for v in obs],
                "reward": reward,
                "reward_components": info["reward_components"],
                "reply": info["reply"],
                "action_mask": [bool(m) for m in info["action_mask"]],
                "terminated": terminated,
                "truncated": truncated,
                "kpis": info.get("kpis"),
            }
        )
        if terminated or truncated:
            break
    return steps


def as_reference(step: dict[str, Any]) -> dict[str, Any]:
    """An API step in the shape of :func:`reference_trajectory`'s."""
    return {
        "observation": [feature["value"] for feature in step["observation"]],
        **{key: step[key] for key in ("reward", "reward_components", "reply", "action_mask")},
        **{key: step[key] for key in ("terminated", "truncated", "kpis")},
    }


def assert_error(response: Any, status: int, *fragments: str) -> dict[str, Any]:
    """The response is ``status`` with a JSON error whose detail contains every fragment."""
    assert response.status_code == status, response.text
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    for fragment in fragments:
        assert fragment in body["detail"], body
    return body
