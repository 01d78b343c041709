"""One training run, start to finish: store record, env, model, callbacks, artefacts.

Read top to bottom: :func:`train` starts a new run, :func:`resume` continues an
interrupted one from its last checkpoint with the step count (and metrics) carrying on.
"""

from __future__ import annotations

import os
import socket
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stable_baselines3.common.callbacks import CallbackList

from supportgym.envs.curriculum import Curriculum
from supportgym.policies.sb3 import algorithm_class
from supportgym.store import MetricPoint, Run, RunStatus, SqlAlchemyStore
from supportgym.store.config import run_dir
from supportgym.training.callbacks import (
    CheckpointCallback,
    CurriculumCallback,
    EpisodeMetricsCallback,
    checkpoint_path,
    save_atomically,
)
from supportgym.training.config import TrainConfig
from supportgym.training.runs import checkpoints, record_run, run_config
from supportgym.training.sb3_vec_env import SupportSB3VecEnv

ProgressHook = Callable[[Run, dict[str, float]], None]
MODEL_FILE = "model.zip"


def train(
    config: TrainConfig,
    store: SqlAlchemyStore,
    on_progress: ProgressHook | None = None,
    run_id: int | None = None,
) -> Run:
    """Train a model as a stored run and return the finished run.

    ``run_id`` names a run already recorded for ``config`` by :func:`record_run` (the
    server records runs before their job starts); by default a new one is recorded.
    """
    if run_id is None:
        run = record_run(config, store)
    elif (run := store.get_run(run_id)) is None:
        raise ValueError(f"run {run_id} not found")
    env = SupportSB3VecEnv(config.n_envs, config.definition, config.difficulty)
    hyperparameters = dict(config.hyperparameters)
    policy = hyperparameters.pop("policy")
    model = algorithm_class(config.algorithm)(
        policy,
        env,
        seed=config.seed,
        device="cpu",
        verbose=0,
        tensorboard_log=run.tensorboard_dir,
        **hyperparameters,
    )
    env.seed(config.seed)
    return _learn(model, run, store, config, curriculum_level=0, on_progress=on_progress)


def resume(run_id: int, store: SqlAlchemyStore, on_progress: ProgressHook | None = None) -> Run:
    """Continue an interrupted, failed or cancelled run from its latest checkpoint."""
    run = store.get_run(run_id)
    if run is None:
        raise ValueError(f"run {run_id} not found")
    if run.status in (RunStatus.COMPLETED, RunStatus.RUNNING):
        raise ValueError(f"run {run_id} is {run.status.value}; only stopped runs can be resumed")
    config = run_config(run, store)
    env = SupportSB3VecEnv(run.n_envs, config.definition, run.difficulty)
    model = _load_latest_checkpoint(run, env)
    model.tensorboard_log = run.tensorboard_dir
    last = store.get_last_metrics(run.id)
    level = int(last.values.get("curriculum/level", 0)) if last else 0
    elapsed = last.wall_time if last else 0.0
    return _learn(model, run, store, config, level, on_progress, elapsed)


def _load_latest_checkpoint(run: Run, env: SupportSB3VecEnv) -> Any:
    """The newest checkpoint that loads (an unreadable one, say from a full disk, is skipped)."""
    folder = Path(run.checkpoint_dir or run_dir(run.id) / "checkpoints")
    for checkpoint in reversed(checkpoints(folder)):
        try:
            return algorithm_class(run.algorithm).load(checkpoint, env=env, device="cpu")
        except (AssertionError, EOFError, KeyError, RuntimeError, ValueError, zipfile.BadZipFile):
            continue
    raise ValueError(f"run {run.id} has no readable checkpoint to resume from")


def _learn(
    model: Any,
    run: Run,
    store: SqlAlchemyStore,
    config: TrainConfig,
    curriculum_level: int,
    on_progress: ProgressHook | None,
    elapsed: float = 0.0,
) -> Run:
    """Learn the remaining timesteps; ``elapsed`` is the run's wall time before this session."""
    fresh = model.num_timesteps == 0
    remaining = config.total_timesteps - model.num_timesteps
    curriculum = Curriculum() if config.curriculum else None
    if curriculum is not None:
        curriculum.level = curriculum_level
    started = time.monotonic() - elapsed

    def sink(step: int, values: dict[str, float]) -> None:
        store.add_metrics(run.id, [MetricPoint(run.id, step, time.monotonic() - started, values)])
        current = store.update_run(run.id, timesteps_done=step)
        if on_progress is not None:
            on_progress(current, values)

    callbacks = [
        CheckpointCallback(run.checkpoint_dir, config.checkpoint_every),
        EpisodeMetricsCallback(sink, total_timesteps=config.total_timesteps, curriculum=curriculum),
    ]
    if curriculum is not None:
        callbacks.append(CurriculumCallback(curriculum))
    store.start_run(run.id, pid=os.getpid(), hostname=socket.gethostname())
    try:
        model.learn(
            remaining,
            callback=CallbackList(callbacks),
            tb_log_name="run",
            reset_num_timesteps=fresh,
        )
    except KeyboardInterrupt:
        save_atomically(model, checkpoint_path(Path(run.checkpoint_dir), model.num_timesteps))
        store.finish_run(run.id, RunStatus.INTERRUPTED)
        raise
    except Exception as error:
        store.finish_run(run.id, RunStatus.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    model_path = save_atomically(model, run_dir(run.id) / MODEL_FILE)
    model_path.with_suffix(".algorithm").write_text(config.algorithm)
    store.update_run(run.id, model_path=str(model_path), timesteps_done=model.num_timesteps)
    return store.finish_run(run.id, RunStatus.COMPLETED)
