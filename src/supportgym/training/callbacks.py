"""SB3 callbacks: episode metrics (TensorBoard + a sink such as the run store) and curriculum."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from stable_baselines3.common.callbacks import BaseCallback

from supportgym.envs.curriculum import Curriculum

MetricsSink = Callable[[int, dict[str, float]], None]


class EpisodeMetricsCallback(BaseCallback):
    """Averages finished episodes' return, reward components and KPIs.

    Names: ``episode/return``, ``episode/length``, ``reward/<component>``,
    ``kpi/<name>``, plus ``progress`` and ``curriculum/level``. They go to SB3's logger
    (TensorBoard) at the end of every rollout, and to ``sink`` (the run store, a
    progress bar) at most every ``interval`` seconds and when training ends.
    """

    def __init__(
        self,
        sink: MetricsSink | None = None,
        interval: float = 1.0,
        total_timesteps: int | None = None,
        curriculum: Curriculum | None = None,
    ):
        super().__init__()
        self.sink = sink
        self.interval = interval
        self.total_timesteps = total_timesteps
        self.curriculum = curriculum
        self._for_logger: dict[str, list[float]] = {}
        self._for_sink: dict[str, list[float]] = {}
        self._last_sink = time.monotonic()

    def _on_step(self) -> bool:
        for info in self.locals["infos"]:
            if "kpis" not in info:
                continue
            self._add("episode/return", info["episode"]["r"])
            self._add("episode/length", info["episode"]["l"])
            for name, value in info["reward_components"].items():
                self._add(f"reward/{name}", value)
            for name, value in info["kpis"].items():
                self._add(f"kpi/{name}", value)
        if time.monotonic() - self._last_sink >= self.interval:
            self._to_sink()
        return True

    def _on_rollout_end(self) -> None:
        for name, value in self._averages(self._for_logger).items():
            self.logger.record(name, value)
        self._for_logger.clear()

    def _on_training_end(self) -> None:
        self._on_rollout_end()
        self.logger.dump(self.num_timesteps)
        self._to_sink()

    def _to_sink(self) -> None:
        if self.sink is not None:
            self.sink(self.num_timesteps, self._averages(self._for_sink))
        self._for_sink.clear()
        self._last_sink = time.monotonic()

    def _averages(self, series: dict[str, list[float]]) -> dict[str, float]:
        values = {name: float(np.mean(points)) for name, points in series.items()}
        if self.total_timesteps:
            values["progress"] = min(self.num_timesteps / self.total_timesteps, 1.0)
        if self.curriculum is not None:
            values["curriculum/level"] = float(self.curriculum.level)
            values["curriculum/difficulty"] = self.curriculum.difficulty
        return values

    def _add(self, name: str, value: float) -> None:
        self._for_logger.setdefault(name, []).append(float(value))
        self._for_sink.setdefault(name, []).append(float(value))


class CurriculumCallback(BaseCallback):
    """Feeds finished episodes to a :class:`Curriculum` and raises the env's difficulty."""

    def __init__(self, curriculum: Curriculum):
        super().__init__()
        self.curriculum = curriculum

    def _on_training_start(self) -> None:
        self.training_env.set_attr("difficulty", self.curriculum.difficulty)

    def _on_step(self) -> bool:
        outcomes = [info["kpis"]["resolved"] > 0 for info in self.locals["infos"] if "kpis" in info]
        if outcomes and self.curriculum.record(outcomes):
            self.training_env.set_attr("difficulty", self.curriculum.difficulty)
        return True


def save_atomically(model: Any, path: Path) -> Path:
    """Save ``model`` to ``path`` through a temporary file, so a kill never leaves half a file."""
    partial = path.with_name(f"{path.stem}.partial.zip")
    model.save(partial)
    os.replace(partial, path)
    return path


class CheckpointCallback(BaseCallback):
    """Saves ``model_<timesteps>_steps.zip`` into ``folder`` every ``every`` timesteps."""

    def __init__(self, folder: str | Path, every: int):
        super().__init__()
        self.folder = Path(folder)
        self.every = every
        self._saved = 0

    def _on_training_start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._saved = self.num_timesteps // self.every

    def _on_step(self) -> bool:
        if self.num_timesteps // self.every > self._saved:
            self._saved = self.num_timesteps // self.every
            save_atomically(self.model, checkpoint_path(self.folder, self.num_timesteps))
        return True


def checkpoint_path(folder: Path, timesteps: int) -> Path:
    """Where the checkpoint after ``timesteps`` steps lives."""
    return folder / f"model_{timesteps}_steps.zip"
