"""Shared fixtures: scenarios, action streams, an isolated data dir and store, the CLI,
a stand-in trainer."""

from __future__ import annotations

import ast
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner, Result

import supportgym  # registers the Gymnasium ids
from pg_cluster import PostgresCluster, server_binaries
from supportgym.cli import app
from supportgym.sim import BUILTIN_SCENARIOS, CompiledScenario, compile_scenario
from supportgym.sim.library import builtin_scenario, load_scenario
from supportgym.store import Run, RunStatus, SqlAlchemyStore, open_store, run_dir

ENV_IDS = tuple(sorted(supportgym.ENV_IDS))


@pytest.fixture(scope="session")
def compiled() -> dict[str, CompiledScenario]:
    """Every built-in scenario, compiled, by name."""
    return {name: compile_scenario(builtin_scenario(name)) for name in BUILTIN_SCENARIOS}


@pytest.fixture(params=BUILTIN_SCENARIOS)
def scenario_name(request: pytest.FixtureRequest) -> str:
    """Each built-in scenario name in turn."""
    return request.param


@pytest.fixture(params=ENV_IDS)
def env_id(request: pytest.FixtureRequest) -> str:
    """Each registered Gymnasium id in turn."""
    return request.param


@pytest.fixture(scope="session")
def action_stream() -> Callable[..., np.ndarray]:
    """``action_stream(seed, *shape)``: reproducible pseudo-random actions in 0-7."""

    def make(seed: int, *shape: int) -> np.ndarray:
        return np.random.default_rng([seed, 7919]).integers(0, 8, size=shape)

    return make


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data directory, set as ``SUPPORTGYM_DATA_DIR``; no database URL override."""
    path = tmp_path / "data"
    monkeypatch.setenv("SUPPORTGYM_DATA_DIR", str(path))
    monkeypatch.delenv("SUPPORTGYM_DATABASE_URL", raising=False)
    return path


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster for this test process (``make test`` installs the server)."""
    binaries = server_binaries()
    if binaries is None:
        pytest.skip("no PostgreSQL server binaries (scripts/install-postgres.sh installs them)")
    cluster = PostgresCluster(binaries)
    yield cluster
    cluster.stop()


@pytest.fixture
def store(data_dir: Path) -> Iterator[SqlAlchemyStore]:
    """The store in the data directory's SQLite file, closed after the test."""
    with open_store() as opened:
        yield opened


@pytest.fixture(scope="session")
def loaded_by() -> Callable[..., list[str]]:
    """``loaded_by(code, *modules)``: which of ``modules`` a fresh ``python -c code`` imported."""

    def run(code: str, *modules: str) -> list[str]:
        report = f"\nimport sys\nprint(sorted(set({modules!r}) & set(sys.modules)))\n"
        result = subprocess.run(
            [sys.executable, "-c", code + report],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return ast.literal_eval(result.stdout.strip().splitlines()[-1])

    return run


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """``invoke("play", "--seed", "3", input=...)``: run the app in-process, 200 columns wide."""
    runner = CliRunner(env={"COLUMNS": "200"})

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return run


@pytest.fixture
def one_line_error() -> Callable[..., None]:
    """``one_line_error(result, *fragments)``: exit code 2, no traceback, and exactly one
    ``error: …`` line on stderr that contains every fragment."""

    def check(result: Result, *fragments: str) -> None:
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("error: ")
        for fragment in fragments:
            assert fragment in lines[0]

    return check


class FakeTrainer:
    """Records a completed run per call whose model is a copy of a ready-made one."""

    def __init__(self, models: dict[int, Path], status: RunStatus = RunStatus.COMPLETED):
        self.models = models
        self.status = status
        self.configs: list = []

    def __call__(self, config, store, on_progress=None) -> Run:
        self.configs.append(config)
        scenario = load_scenario(config.scenario)
        run = store.create_run(
            algorithm=config.algorithm,
            scenario=scenario.name,
            scenario_version=scenario.version,
            difficulty=scenario.difficulty,
            seed=config.seed,
            total_timesteps=config.total_timesteps,
            n_envs=config.n_envs,
            hyperparameters=config.hyperparameters,
        )
        store.start_run(run.id, pid=os.getpid(), hostname=socket.gethostname())
        model = run_dir(run.id) / "model.zip"
        model.parent.mkdir(parents=True)
        shutil.copy(self.models[len(self.configs) % len(self.models)], model)
        model.with_suffix(".algorithm").write_text(config.algorithm)
        run = store.update_run(run.id, model_path=str(model), timesteps_done=config.total_timesteps)
        if on_progress is not None:
            on_progress(run, {"progress": 1.0})
        return store.finish_run(run.id, self.status)


@pytest.fixture
def fake_trainer() -> type[FakeTrainer]:
    """:class:`FakeTrainer`, for tests outside this folder's packages to build trainers."""
    return FakeTrainer


@pytest.fixture(scope="session")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PPO model trained for 4,096 timesteps on retail, with its sidecar."""
    from evaluation.conftest import save_model

    return save_model(tmp_path_factory.mktemp("trained-run") / "model.zip", timesteps=4096)


@pytest.fixture
def trained_run(store: SqlAlchemyStore, model_file: Path) -> Run:
    """A completed PPO-on-retail run whose model is ``model_file``; its scenario is stored."""
    retail = load_scenario("retail")
    store.upsert_scenario(retail)
    run = store.create_run(
        algorithm="ppo",
        scenario=retail.name,
        scenario_version=retail.version,
        difficulty=retail.difficulty,
        seed=0,
        total_timesteps=4096,
    )
    store.start_run(run.id, pid=os.getpid(), hostname=socket.gethostname())
    store.update_run(run.id, model_path=str(model_file))
    return store.finish_run(run.id, RunStatus.COMPLETED)
