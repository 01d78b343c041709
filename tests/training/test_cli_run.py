"""``supportgym train`` end to end: a tiny run leaves a complete record and its artefacts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from typer.testing import CliRunner, Result

from supportgym.cli import app
from supportgym.policies.rollout import rollout
from supportgym.policies.sb3 import load_model_policy
from supportgym.sim import load_scenario
from supportgym.store import MetricPoint, Run, RunStatus, SqlAlchemyStore, open_store
from supportgym.training.config import default_hyperparameters
from supportgym.training.runs import latest_checkpoint

from .conftest import TINY_PPO

TIMESTEPS = 2000
CHECKPOINT_EVERY = 500


@dataclass(frozen=True)
class Trained:
    """What one CLI run left behind, read from its data directory."""

    result: Result
    runs: list[Run]
    metrics: list[MetricPoint]

    @property
    def run(self) -> Run:
        return self.runs[0]


@pytest.fixture(scope="module")
def ppo_run(tmp_path_factory: pytest.TempPathFactory, frequent_metrics: None) -> Trained:
    """One PPO run through the CLI, shared by this module's tests (training is the slow part)."""
    folder = tmp_path_factory.mktemp("data")
    env = {"COLUMNS": "200", "SUPPORTGYM_DATA_DIR": str(folder), "SUPPORTGYM_DATABASE_URL": None}
    result = CliRunner(env=env).invoke(
        app,
        [
            "train",
            "--algo",
            "ppo",
            "--scenario",
            "retail",
            "--timesteps",
            str(TIMESTEPS),
            "--n-envs",
            "4",
            "--seed",
            "1",
            "--checkpoint-every",
            str(CHECKPOINT_EVERY),
            *TINY_PPO,
        ],
    )
    assert result.exit_code == 0, result.output
    with SqlAlchemyStore(f"sqlite:///{folder / 'supportgym.db'}") as store:
        runs = store.list_runs()
        return Trained(result, runs, store.get_metrics(runs[0].id))


def test_the_run_is_recorded_as_completed_with_its_configuration(ppo_run: Trained) -> None:
    assert len(ppo_run.runs) == 1
    run = ppo_run.run
    assert run.status is RunStatus.COMPLETED
    assert (run.algorithm, run.scenario, run.seed, run.n_envs) == ("ppo", "retail", 1, 4)
    assert run.scenario_version == load_scenario("retail").version
    assert run.total_timesteps == TIMESTEPS
    assert run.timesteps_done >= TIMESTEPS
    assert run.hyperparameters == {
        **default_hyperparameters("ppo"),
        "n_steps": 64,
        "batch_size": 64,
    }
    assert f"run {run.id} completed" in ppo_run.result.stdout


def test_checkpoints_are_saved_every_so_many_steps(ppo_run: Trained) -> None:
    folder = Path(ppo_run.run.checkpoint_dir)
    steps = range(CHECKPOINT_EVERY, TIMESTEPS + 1, CHECKPOINT_EVERY)
    assert {path.name for path in folder.iterdir()} == {f"model_{s}_steps.zip" for s in steps}
    assert latest_checkpoint(folder) == folder / f"model_{TIMESTEPS}_steps.zip"


def test_the_final_model_loads_as_a_policy_that_acts(ppo_run: Trained) -> None:
    model = Path(ppo_run.run.model_path)
    assert model.is_file()
    assert model.with_suffix(".algorithm").read_text() == "ppo"
    results = rollout(load_model_policy(model), "retail", episodes=8)
    assert len(results) == 8
    assert np.isfinite(results.returns).all()


def test_tensorboard_has_every_reward_component_and_kpi(
    ppo_run: Trained, logged_names: set[str]
) -> None:
    (events,) = Path(ppo_run.run.tensorboard_dir).iterdir()
    scalars = EventAccumulator(str(events)).Reload().Tags()["scalars"]
    assert logged_names <= set(scalars)


def test_the_store_has_the_same_metrics_as_training_went_on(
    ppo_run: Trained, logged_names: set[str]
) -> None:
    steps = [point.step for point in ppo_run.metrics]
    assert len(steps) >= 2
    assert steps == sorted(set(steps))
    assert steps[-1] == ppo_run.run.timesteps_done
    assert logged_names <= {name for point in ppo_run.metrics for name in point.values}
    assert ppo_run.metrics[-1].values["progress"] == 1.0


@pytest.mark.parametrize(
    ("algorithm", "options"),
    [
        ("a2c", ()),
        ("dqn", ("--hp", "learning_starts=100", "--hp", "buffer_size=5000")),
        ("maskable_ppo", TINY_PPO),
    ],
)
def test_other_algorithms_complete_and_store_a_model(invoke, algorithm: str, options) -> None:
    args = ["train", "--algo", algorithm, "-s", "retail", "--timesteps", "512", "--n-envs", "4"]
    result = invoke(*args, *options)
    assert result.exit_code == 0, result.output
    with open_store() as store:
        (run,) = store.list_runs()
    assert (run.algorithm, run.status) == (algorithm, RunStatus.COMPLETED)
    assert run.timesteps_done >= 512
    assert Path(run.model_path).with_suffix(".algorithm").read_text() == algorithm
    results = rollout(load_model_policy(run.model_path), "retail", episodes=4)
    assert np.isfinite(results.returns).all()
