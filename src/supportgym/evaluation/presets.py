"""The headline experiment: trained policies against the playbook, industry by industry.

PPO (and A2C, DQN, MaskablePPO on the same table) with the shipped default
hyperparameters, three training seeds, 300,000 timesteps per seed on 16 envs, trained
per industry; each model is scored on the held-out evaluation seeds of its industry.
Completed runs of the same configuration are reused, so re-running only evaluates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from supportgym.evaluation.trained_runs import StartHook, TrainFn, train_or_reuse
from supportgym.policies.sb3 import ALGORITHMS

if TYPE_CHECKING:
    from supportgym.store import AbstractStore

HEADLINE_INDUSTRIES = ("bfsi", "retail", "tech")
HEADLINE_SEEDS = (1, 2, 3)
HEADLINE_TIMESTEPS = 300_000
HEADLINE_ENVS = 16
PRESETS = ("headline",)


def headline_policies(
    store: AbstractStore,
    algorithms: Sequence[str] = ALGORITHMS,
    train_fn: TrainFn | None = None,
    on_start: StartHook | None = None,
    on_progress: Callable[..., None] | None = None,
) -> dict[str, list[str]]:
    """Industry to the policies to compare there: the playbook and every trained run.

    Trains what is missing (checking every configuration first), reuses the rest.
    """
    from supportgym.training.config import TrainConfig

    unknown = sorted(set(algorithms) - set(ALGORITHMS))
    if unknown or not algorithms:
        raise ValueError(
            f"unknown algorithm {', '.join(unknown)}; choose from {', '.join(ALGORITHMS)}"
        )
    configs = [
        TrainConfig(algorithm, industry, HEADLINE_TIMESTEPS, HEADLINE_ENVS, seed)
        for industry in HEADLINE_INDUSTRIES
        for algorithm in algorithms
        for seed in HEADLINE_SEEDS
    ]
    policies = {industry: ["playbook"] for industry in HEADLINE_INDUSTRIES}
    for config in configs:
        run, _ = train_or_reuse(config, store, train_fn, on_start, on_progress)
        policies[config.scenario].append(f"run:{run.id}")
    return policies
