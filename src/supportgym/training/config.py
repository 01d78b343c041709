"""Training configuration: algorithm defaults from YAML, overrides checked against SB3."""

from __future__ import annotations

import copy
import inspect
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from supportgym.envs.spaces import check_difficulty, check_seed
from supportgym.policies.sb3 import ALGORITHMS, algorithm_class
from supportgym.sim import Scenario
from supportgym.sim.library import load_scenario

NOT_HYPERPARAMETERS = {
    "self",
    "env",
    "seed",
    "device",
    "tensorboard_log",
    "verbose",
    "_init_setup_model",
}


@dataclass(frozen=True)
class TrainConfig:
    """Everything a training run needs; validated on construction."""

    algorithm: str
    """One of ppo, a2c, dqn, maskable_ppo."""
    scenario: str | Scenario = "mixed"
    """Built-in scenario name, YAML path or the scenario itself."""
    total_timesteps: int = 200_000
    """Environment steps to train for (over all envs)."""
    n_envs: int = 16
    """Parallel conversations in the native vector env."""
    seed: int = 0
    """Seeds the model and the training episodes (lane i plays seed + i first)."""
    difficulty: float | None = None
    """Fixed difficulty; default the scenario's (the curriculum starts at 0)."""
    curriculum: bool = False
    """Raise the difficulty as the rolling resolution rate passes the threshold."""
    overrides: dict[str, Any] = field(default_factory=dict)
    """Hyperparameters replacing the algorithm's defaults."""
    checkpoint_every: int = 50_000
    """Save a checkpoint every this many timesteps."""

    def __post_init__(self) -> None:
        if self.algorithm not in ALGORITHMS:
            raise ValueError(
                f"unknown algorithm {self.algorithm!r}; choose one of {', '.join(ALGORITHMS)}"
            )
        _ = self.definition
        if self.total_timesteps < 1:
            raise ValueError(f"timesteps must be at least 1, got {self.total_timesteps}")
        if self.n_envs < 1:
            raise ValueError(f"n_envs must be at least 1, got {self.n_envs}")
        if self.checkpoint_every < 1:
            raise ValueError(f"checkpoint_every must be at least 1, got {self.checkpoint_every}")
        check_seed(self.seed)
        if self.difficulty is not None:
            check_difficulty(self.difficulty)
        unknown = sorted(set(self.overrides) - accepted_hyperparameters(self.algorithm))
        if unknown:
            raise ValueError(f"{self.algorithm} has no hyperparameter {', '.join(unknown)}")

    @cached_property
    def definition(self) -> Scenario:
        """The scenario trained on (loaded once)."""
        return load_scenario(self.scenario)

    @property
    def hyperparameters(self) -> dict[str, Any]:
        """The defaults with the overrides applied (a fresh copy each time)."""
        return {**default_hyperparameters(self.algorithm), **copy.deepcopy(self.overrides)}


def default_hyperparameters(algorithm: str) -> dict[str, Any]:
    """The shipped defaults (``training/hyperparams/<algorithm>.yml``), a fresh copy each call.

    A fresh copy, because SB3 writes into the dicts it is given (A2C adds an optimizer
    class to ``policy_kwargs``).
    """
    return copy.deepcopy(_shipped_defaults(algorithm))


@cache
def _shipped_defaults(algorithm: str) -> dict[str, Any]:
    folder = resources.files("supportgym.training").joinpath("hyperparams")
    return yaml.safe_load(folder.joinpath(f"{algorithm}.yml").read_text())


def accepted_hyperparameters(algorithm: str) -> set[str]:
    """Constructor arguments of the algorithm that a user may set."""
    signature = inspect.signature(algorithm_class(algorithm).__init__)
    return set(signature.parameters) - NOT_HYPERPARAMETERS


def parse_overrides(items: list[str]) -> dict[str, Any]:
    """``["key=value", ...]`` with YAML values (numbers incl. ``1e-3``, lists, mappings)."""
    overrides = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ValueError(f"hyperparameter override must look like key=value, got {item!r}")
        try:
            parsed = yaml.safe_load(value)
        except yaml.YAMLError:
            raise ValueError(f"cannot parse the value of {key.strip()!r}: {value!r}") from None
        overrides[key.strip()] = _number(parsed) if isinstance(parsed, str) else parsed
    return overrides


def _number(text: str) -> str | float:
    """YAML 1.1 reads ``1e-3`` as text; hyperparameters mean the number."""
    try:
        return float(text)
    except ValueError:
        return text
