"""SB3 callbacks: episode metrics (TensorBoard + a sink such as the run store) and curriculum."""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from stable_baselines3.common.callbacks import BaseCallback

from supportgym.envs.curriculum import Curriculum

MetricsSink = Callable[[int, dict[str, float]], None]


class EpisodeMetricsCallback(BaseCallback):
    """Averages finished episodes' return, reward components and KPIs.

    Every ``interval`` seconds (and at the end) it records them under
    ``rollout/ep_rew_mean``-style names to SB3's logger (TensorBoard):
    ``reward/<component>``, ``kpi/<name>``, ``episode/return``, ``episode/length``,
    plus ``progress`` and ``curriculum/level``; and hands the same values to ``sink``.
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
        self._values: dict[str, list[float]] = {}
        self._last_emit = 0.0

    def _on_step(self) -> bool:
        for info in self.locals["infos"]:
            episode = info.get("episode")
            if episode is None or "kpis" not in info:
                continue
            self._add("episode/return", episode["r"])
            self._add("episode/length", episode["l"])
            for name, value in info["reward_components"].items():
                self._add(f"reward/{name}", value)
            for name, value in info["kpis"].items():
                self._add(f"kpi/{name}", value)
        if self._values and time.monotonic() - self._last_emit >= self.interval:
            self.emit()
        return True

    def _on_training_end(self) -> None:
        self.emit()

    def emit(self) -> None:
        """Record and hand over the averages since the last emission."""
        values = {name: float(np.mean(series)) for name, series in self._values.items()}
        if self.total_timesteps:
            values["progress"] = min(self.num_timesteps / self.total_timesteps, 1.0)
        if self.curriculum is not None:
            values["curriculum/level"] = float(self.curriculum.level)
            values["curriculum/difficulty"] = self.curriculum.difficulty
        for name, value in values.items():
            self.logger.record(name, value)
        if self.sink is not None:
            self.sink(self.num_timesteps, values)
        self._values.clear()
        self._last_emit = time.monotonic()

    def _add(self, name: str, value: float) -> None:
        self._values.setdefault(name, []).append(float(value))


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
