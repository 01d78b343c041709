"""Helpers for the job tests: tiny training budgets and waiting for a status."""

from __future__ import annotations

import time
from typing import Any

TINY_RUN = {
    "algorithm": "ppo",
    "scenario": "retail",
    "timesteps": 512,
    "n_envs": 2,
    "overrides": {"n_steps": 64, "batch_size": 64},
}
"""A run that trains in about a second once its worker has imported torch."""
LONG_RUN = {**TINY_RUN, "timesteps": 2_000_000, "checkpoint_every": 256}
"""A run that outlasts any test (cancelled or killed before it ends)."""


def wait_for(client: Any, path: str, *statuses: str, timeout: float = 90.0) -> dict[str, Any]:
    """GET ``path`` until its status is one of ``statuses``; the last body."""
    deadline = time.monotonic() + timeout
    while True:
        body = client.get(path).json()
        if body["status"] in statuses:
            return body
        assert time.monotonic() < deadline, f"{path} stayed {body['status']}: {body}"
        time.sleep(0.1)


def wait_until(check: Any, timeout: float = 90.0) -> Any:
    """Call ``check`` until it returns something truthy; that value."""
    deadline = time.monotonic() + timeout
    while not (value := check()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)
    return value
