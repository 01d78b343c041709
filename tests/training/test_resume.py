"""Ctrl-C stops a run with a checkpoint; ``resume`` carries on from it, steps and metrics too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from supportgym.sim.library import builtin_scenario
from supportgym.store import Run, RunStatus, SqlAlchemyStore
from supportgym.training.config import TrainConfig
from supportgym.training.runs import latest_checkpoint
from supportgym.training.train import resume

from .conftest import STOP_AFTER


def test_ctrl_c_leaves_an_interrupted_run_with_a_checkpoint_where_it_stopped(
    interrupted_run: Run, store: SqlAlchemyStore
) -> None:
    assert interrupted_run.status is RunStatus.INTERRUPTED
    assert STOP_AFTER <= interrupted_run.timesteps_done < interrupted_run.total_timesteps
    checkpoint = latest_checkpoint(Path(interrupted_run.checkpoint_dir))
    assert checkpoint is not None
    assert checkpoint.name == f"model_{interrupted_run.timesteps_done}_steps.zip"
    assert store.get_last_metrics(interrupted_run.id).step == interrupted_run.timesteps_done
    assert interrupted_run.model_path is None


def test_resume_completes_the_run_from_where_it_stopped(
    interrupted_run: Run, store: SqlAlchemyStore
) -> None:
    before = store.get_metrics(interrupted_run.id)
    finished = resume(interrupted_run.id, store)
    assert finished.id == interrupted_run.id
    assert finished.status is RunStatus.COMPLETED
    assert finished.timesteps_done >= finished.total_timesteps
    assert Path(finished.model_path).is_file()
    after = store.get_metrics(interrupted_run.id)
    # Appended after the old points, not restarted from step 0 over them.
    assert after[: len(before)] == before
    assert len(after) > len(before)
    assert all(point.step > interrupted_run.timesteps_done for point in after[len(before) :])
    assert after[-1].step == finished.timesteps_done


def test_a_run_on_a_scenario_given_as_an_object_resumes_from_the_stored_definition(
    interrupt: Callable[[TrainConfig], Run],
    make_config: Callable[..., TrainConfig],
    store: SqlAlchemyStore,
) -> None:
    calm = builtin_scenario("retail").model_copy(update={"name": "calm-retail", "difficulty": 0.1})
    run = interrupt(make_config(scenario=calm))
    assert (run.scenario, run.scenario_version, run.difficulty) == (
        "calm-retail",
        calm.version,
        0.1,
    )
    finished = resume(run.id, store)
    assert finished.status is RunStatus.COMPLETED
    assert finished.scenario_version == calm.version


def test_wall_time_carries_on_after_resume(interrupted_run: Run, store: SqlAlchemyStore) -> None:
    before = store.get_metrics(interrupted_run.id)
    resume(interrupted_run.id, store)
    resumed = store.get_metrics(interrupted_run.id)[len(before) :]
    assert resumed[0].wall_time > before[-1].wall_time


def test_the_command_line_resumes_an_interrupted_run(
    interrupted_run: Run, store: SqlAlchemyStore, invoke
) -> None:
    result = invoke("train", "--resume", str(interrupted_run.id))
    assert result.exit_code == 0, result.output
    assert f"run {interrupted_run.id} completed" in result.stdout
    finished = store.get_run(interrupted_run.id)
    assert finished.status is RunStatus.COMPLETED
    assert finished.timesteps_done >= finished.total_timesteps
    assert store.count_runs() == 1


def test_a_completed_run_cannot_be_resumed(store: SqlAlchemyStore, make_config) -> None:
    config = make_config()
    run = store.create_run(
        algorithm=config.algorithm,
        scenario=config.scenario,
        scenario_version="any",
        difficulty=0.5,
        seed=config.seed,
        total_timesteps=config.total_timesteps,
    )
    store.start_run(run.id, pid=1, hostname="elsewhere")
    store.finish_run(run.id, RunStatus.COMPLETED)
    with pytest.raises(ValueError, match=f"run {run.id} is completed"):
        resume(run.id, store)
    assert store.get_run(run.id).status is RunStatus.COMPLETED


def test_an_unknown_run_cannot_be_resumed(store: SqlAlchemyStore) -> None:
    with pytest.raises(ValueError, match="run 999 not found"):
        resume(999, store)
    assert store.count_runs() == 0
