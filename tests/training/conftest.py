"""Fixtures for training: a fresh data directory, tiny runs, the command line."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from supportgym.sim import CompiledScenario, kernel
from supportgym.store import Run, SqlAlchemyStore
from supportgym.training import train as train_module
from supportgym.training.callbacks import EpisodeMetricsCallback
from supportgym.training.config import TrainConfig, parse_overrides

SHORT_ROLLOUTS = ("n_steps=64", "batch_size=64")
"""PPO-family overrides: rollouts of 64 steps per env, so a 2,048-step run trains 8 times."""

TINY_PPO = tuple(arg for item in SHORT_ROLLOUTS for arg in ("--hp", item))
"""The same overrides as ``supportgym train`` options."""

METRICS_INTERVAL = 0.05
"""Seconds between metric points in the store (the callback's default is one second)."""

STOP_AFTER = 1000
"""The ``interrupted_run`` fixture presses Ctrl-C once the run has done this many steps."""


@pytest.fixture(autouse=True)
def _isolated(data_dir: Path) -> Path:
    """Every test gets its own data directory: runs never land in the cwd."""
    return data_dir


@pytest.fixture(scope="module")
def frequent_metrics() -> Iterator[None]:
    """Metric points every 50 ms (for the rest of the module), not every second.

    A run of a second or two then has several points whatever the machine's speed,
    and an ``on_progress`` hook gets called mid-run.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            train_module,
            "EpisodeMetricsCallback",
            functools.partial(EpisodeMetricsCallback, interval=METRICS_INTERVAL),
        )
        yield


@pytest.fixture(scope="session")
def logged_names(compiled: dict[str, CompiledScenario]) -> set[str]:
    """What every run logs: ``episode/return``, ``reward/<component>`` and ``kpi/<name>``."""
    retail = compiled["retail"]
    customers = kernel.reset(retail, np.arange(1, dtype=np.uint64), 0.5)
    return {
        "episode/return",
        *(f"reward/{name}" for name in kernel.REWARD_COMPONENTS),
        *(f"kpi/{name}" for name in kernel.episode_kpis(retail, customers)),
    }


@pytest.fixture
def make_config() -> Callable[..., TrainConfig]:
    """``make_config(**changes)``: PPO, retail, 2,048 steps, 4 envs, seed 1, checkpoints per 512."""

    def create(**changes: Any) -> TrainConfig:
        fields: dict[str, Any] = {
            "algorithm": "ppo",
            "scenario": "retail",
            "total_timesteps": 2048,
            "n_envs": 4,
            "seed": 1,
            "overrides": parse_overrides(list(SHORT_ROLLOUTS)),
            "checkpoint_every": 512,
        }
        return TrainConfig(**(fields | changes))

    return create


@pytest.fixture
def interrupt(store: SqlAlchemyStore, frequent_metrics: None) -> Callable[[TrainConfig], Run]:
    """``interrupt(config)``: train ``config`` until Ctrl-C past ``STOP_AFTER`` steps; the run.

    The interrupt is raised from the ``on_progress`` hook, as a terminal's SIGINT would
    be raised wherever training happens to be; it must reach the caller.
    """

    def press_ctrl_c(run: Run, values: dict[str, float]) -> None:
        if run.timesteps_done >= STOP_AFTER:
            raise KeyboardInterrupt

    def run_until_interrupted(config: TrainConfig) -> Run:
        with pytest.raises(KeyboardInterrupt):
            train_module.train(config, store, press_ctrl_c)
        return store.list_runs()[0]

    return run_until_interrupted


@pytest.fixture
def interrupted_run(
    interrupt: Callable[[TrainConfig], Run], make_config: Callable[..., TrainConfig]
) -> Run:
    """A ``make_config()`` run stopped by Ctrl-C once past ``STOP_AFTER`` steps, as stored then."""
    return interrupt(make_config())


@pytest.fixture
def model_file(tmp_path: Path) -> Path:
    """An untrained PPO model saved as ``tmp_path / "model.zip"``, with its ``.algorithm`` file."""
    from stable_baselines3 import PPO

    from supportgym.training.sb3_vec_env import SupportSB3VecEnv

    path = tmp_path / "model.zip"
    PPO("MlpPolicy", SupportSB3VecEnv(1, "retail"), n_steps=64, batch_size=64, device="cpu").save(
        path
    )
    path.with_suffix(".algorithm").write_text("ppo")
    return path


@pytest.fixture
def train_process(data_dir: Path, tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen]]:
    """``train_process(*options)``: ``supportgym train`` in its own process on the data dir.

    Its stderr goes to ``tmp_path / "train.err"``; it is killed after the test if still alive.
    """
    started: list[subprocess.Popen] = []
    executable = Path(sys.executable).with_name("supportgym")

    def start(*options: str) -> subprocess.Popen:
        env = {**os.environ, "SUPPORTGYM_DATA_DIR": str(data_dir)}
        with (tmp_path / "train.err").open("wb") as stderr:
            started.append(
                subprocess.Popen(
                    [str(executable), "train", *options],
                    env=env,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                )
            )
        return started[-1]

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()
