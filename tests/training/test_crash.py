"""A training process killed outright: the store stays readable, and the run resumes."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from supportgym.store import Run, RunStatus, SqlAlchemyStore, open_store
from supportgym.training.runs import latest_checkpoint
from supportgym.training.train import resume

from .conftest import TINY_PPO

CHECKPOINT_EVERY = 512
DEADLINE = 60.0
"""Seconds the process gets to start, log two metric points and save a checkpoint."""


def _wait_for_progress(store: SqlAlchemyStore, process: subprocess.Popen, err: Path) -> Run:
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"training exited with {process.returncode}:\n{err.read_text()}")
        runs = store.list_runs()
        if (
            runs
            and runs[0].status is RunStatus.RUNNING
            and len(store.get_metrics(runs[0].id)) >= 2
            and latest_checkpoint(Path(runs[0].checkpoint_dir)) is not None
        ):
            return runs[0]
        time.sleep(0.2)
    pytest.fail(f"no progress in {DEADLINE} s:\n{err.read_text()}")


def _whole(checkpoint: Path) -> bool:
    # Not zipfile.is_zipfile: a torn SB3 file still ends in the end record of the
    # torch archive nested inside it.
    try:
        with zipfile.ZipFile(checkpoint) as archive:
            return {"data", "policy.pth"} <= set(archive.namelist()) and archive.testzip() is None
    except zipfile.BadZipFile:
        return False


def _stop_between_checkpoints(process: subprocess.Popen, folder: Path) -> Path:
    """Freeze the process at a moment its newest checkpoint is whole; return that checkpoint.

    A checkpoint being written when the process dies is left torn (see
    ``test_a_torn_last_checkpoint_does_not_block_resume``); this test is about the store.
    """
    for _ in range(100):
        process.send_signal(signal.SIGSTOP)
        checkpoint = latest_checkpoint(folder)
        if checkpoint is not None and _whole(checkpoint):
            return checkpoint
        process.send_signal(signal.SIGCONT)
        time.sleep(0.01)
    pytest.fail("never found the newest checkpoint complete")


def test_sigkill_leaves_a_readable_store_and_a_resumable_run(
    store: SqlAlchemyStore, train_process: Callable[..., subprocess.Popen], tmp_path: Path
) -> None:
    process = train_process(
        *("--algo", "ppo", "--scenario", "retail", "--timesteps", "200000", "--n-envs", "4"),
        *("--checkpoint-every", str(CHECKPOINT_EVERY), *TINY_PPO),
    )
    run = _wait_for_progress(store, process, tmp_path / "train.err")
    checkpoint = _stop_between_checkpoints(process, Path(run.checkpoint_dir))
    metrics = store.get_metrics(run.id)  # nothing changes while the process is stopped
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait(timeout=10) == -signal.SIGKILL

    with open_store() as reopened:  # opening notices that the run's process is gone
        killed = reopened.get_run(run.id)
        assert killed.status is RunStatus.INTERRUPTED
        assert reopened.get_metrics(run.id) == metrics
        assert [point.step for point in metrics] == sorted({point.step for point in metrics})

        steps = int(checkpoint.stem.split("_")[1])
        reopened.update_run(run.id, total_timesteps=steps + CHECKPOINT_EVERY)
        finished = resume(run.id, reopened)
    assert finished.status is RunStatus.COMPLETED
    assert finished.timesteps_done >= steps + CHECKPOINT_EVERY
    assert Path(finished.model_path).is_file()


def test_a_torn_last_checkpoint_does_not_block_resume(
    interrupted_run: Run, store: SqlAlchemyStore
) -> None:
    newest = latest_checkpoint(Path(interrupted_run.checkpoint_dir))
    whole = newest.read_bytes()
    newest.write_bytes(whole[: len(whole) // 2])  # what a kill halfway through the save leaves
    finished = resume(interrupted_run.id, store)
    assert finished.status is RunStatus.COMPLETED
    assert finished.timesteps_done >= finished.total_timesteps
