"""Curriculum learning: raise the difficulty when the rolling success rate is high enough.

:class:`Curriculum` holds the rule (shared by the wrapper here and the training
callback); :class:`CurriculumWrapper` applies it to a single env by watching
episode ends. Success means the customer's issue was resolved.
"""

from __future__ import annotations

from collections import deque
from itertools import pairwise
from typing import Any

import gymnasium as gym
import numpy as np

from supportgym.envs.spaces import check_difficulty

DEFAULT_LEVELS = (0.0, 0.25, 0.5, 0.75, 1.0)


class Curriculum:
    """Difficulty levels, a success threshold and a rolling window of episode outcomes."""

    def __init__(
        self,
        levels: tuple[float, ...] = DEFAULT_LEVELS,
        threshold: float = 0.7,
        window: int = 200,
    ):
        if not levels or any(a >= b for a, b in pairwise(levels)):
            raise ValueError("curriculum levels must be a non-empty, strictly increasing sequence")
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        if window < 1:
            raise ValueError(f"window must be at least 1, got {window}")
        self.levels = tuple(check_difficulty(level) for level in levels)
        self.threshold = threshold
        self.level = 0
        self._outcomes: deque[bool] = deque(maxlen=window)

    @property
    def difficulty(self) -> float:
        """The difficulty of the current level."""
        return self.levels[self.level]

    @property
    def success_rate(self) -> float:
        """Share of resolved episodes in the window (0 while empty)."""
        return float(np.mean(self._outcomes)) if self._outcomes else 0.0

    def record(self, resolved: np.ndarray | list[bool]) -> bool:
        """Add finished episodes' outcomes in order; returns True when the level went up."""
        promoted = False
        for outcome in np.atleast_1d(resolved):
            self._outcomes.append(bool(outcome))
            full = len(self._outcomes) == self._outcomes.maxlen
            if full and self.success_rate >= self.threshold and self.level < len(self.levels) - 1:
                self.level += 1
                self._outcomes.clear()
                promoted = True
        return promoted


class CurriculumWrapper(gym.Wrapper):
    """Applies a :class:`Curriculum` to a :class:`SupportEnv`; new levels apply at the next reset.

    Adds ``info["curriculum_level"]`` (the level now) and ``info["difficulty"]`` (the
    difficulty the current episode runs at) to every reset and step.
    """

    def __init__(self, env: gym.Env, curriculum: Curriculum | None = None):
        super().__init__(env)
        self.curriculum = curriculum or Curriculum()
        self.env.unwrapped.difficulty = self.curriculum.difficulty

    def reset(self, **kwargs: Any) -> tuple[Any, dict[str, Any]]:
        """Reset at the current level's difficulty."""
        obs, info = self.env.reset(**kwargs)
        return obs, self._annotate(info)

    def step(self, action: Any) -> tuple[Any, float, bool, bool, dict[str, Any]]:
        """Step, and record the outcome when the episode ends."""
        obs, reward, terminated, truncated, info = self.env.step(action)
        if (terminated or truncated) and self.curriculum.record([info["kpis"]["resolved"] > 0]):
            self.env.unwrapped.difficulty = self.curriculum.difficulty
        return obs, reward, terminated, truncated, self._annotate(info)

    def _annotate(self, info: dict[str, Any]) -> dict[str, Any]:
        info["curriculum_level"] = self.curriculum.level
        info["difficulty"] = float(self.env.unwrapped.customers.difficulty[0])
        return info
