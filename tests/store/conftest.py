"""Fixtures for the store: every test that takes ``database_url`` (or ``store``) runs on SQLite
and on PostgreSQL, each time in a fresh database."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from pg_cluster import PostgresCluster
from supportgym.sim import Scenario, load_scenario
from supportgym.store import Run, SqlAlchemyStore, open_store


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A fresh database on each backend in turn, also set as ``SUPPORTGYM_DATABASE_URL``."""
    data_dir.mkdir(parents=True)
    if request.param == "sqlite":
        url = f"sqlite:///{data_dir / 'store.db'}"
    else:
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.create_database()
    monkeypatch.setenv("SUPPORTGYM_DATABASE_URL", url)
    yield url
    if request.param == "postgresql":
        cluster.drop_database(url)


@pytest.fixture
def store(database_url: str) -> Iterator[SqlAlchemyStore]:
    """The store on ``database_url``, closed after the test."""
    with open_store() as opened:
        yield opened


@pytest.fixture(scope="session")
def retail() -> Scenario:
    """The built-in retail scenario."""
    return load_scenario("retail")


@pytest.fixture
def make_run(store: SqlAlchemyStore, retail: Scenario) -> Callable[..., Run]:
    """``make_run(**changes)``: create a run of PPO on retail, seed 0, 1000 timesteps."""

    def create(**changes: Any) -> Run:
        fields: dict[str, Any] = {
            "algorithm": "ppo",
            "scenario": retail.name,
            "scenario_version": retail.version,
            "difficulty": retail.difficulty,
            "seed": 0,
            "total_timesteps": 1000,
        }
        return store.create_run(**(fields | changes))

    return create


class Child:
    """A Python subprocess whose stdout is read line by line, with a deadline."""

    def __init__(self, script: str, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(script), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
        )
        self._buffer = b""

    @property
    def pid(self) -> int:
        """The child's process id."""
        return self.process.pid

    def read_line(self, timeout: float = 30.0) -> str:
        """The next line the child prints; fails if none comes within ``timeout`` seconds."""
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self.process.stdout], [], [], max(remaining, 0))
            chunk = os.read(self.process.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                self.process.kill()
                _, stderr = self.process.communicate()
                pytest.fail(f"child gave no line in {timeout} s:\n{stderr.decode()}")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode()

    def send(self, line: str) -> None:
        """Write one line to the child's stdin."""
        assert self.process.stdin is not None
        self.process.stdin.write(line.encode() + b"\n")

    def finish(self, timeout: float = 60.0) -> str:
        """Wait for a clean exit; the child's stderr on failure."""
        _, stderr = self.process.communicate(timeout=timeout)
        assert self.process.returncode == 0, stderr.decode()
        return stderr.decode()


@pytest.fixture
def child() -> Iterator[Callable[..., Child]]:
    """``child(script, *args)``: start ``python -c script``; killed after the test if alive."""
    children: list[Child] = []

    def start(script: str, *args: str) -> Child:
        children.append(Child(script, *args))
        return children[-1]

    yield start
    for started in children:
        if started.process.poll() is None:
            started.process.kill()
        started.process.communicate()
