"""Trained models for evaluation presets: reuse a matching completed run, or train one.

A completed run of the same configuration (algorithm, scenario version, training
seed, timesteps, envs, hyperparameters, difficulty, curriculum) whose model file is
still there is reused instead of trained again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supportgym.sim.library import load_scenario

if TYPE_CHECKING:
    from supportgym.store import AbstractStore, Run
    from supportgym.training.config import TrainConfig

TrainFn = Callable[..., "Run"]
"""``train(config, store, on_progress=None) -> Run``, as :func:`supportgym.training.train.train`."""
StartHook = Callable[[str, "Run | None"], None]
"""Called before each model: the scenario and the run reused (None: training)."""
_PAGE = 200


def train_or_reuse(
    config: TrainConfig,
    store: AbstractStore,
    train_fn: TrainFn | None = None,
    on_start: StartHook | None = None,
    on_progress: Callable[..., None] | None = None,
) -> tuple[Run, bool]:
    """A completed run for ``config`` and whether it was reused rather than trained now.

    Raises:
        ValueError: The training function did not return a completed run with a model.
    """
    if train_fn is None:
        from supportgym.training.train import train as train_fn
    run = find_matching_run(store, config)
    if on_start is not None:
        on_start(config.scenario, run)
    if run is not None:
        return run, True
    run = train_fn(config, store, on_progress=on_progress)
    if str(run.status) != "completed" or not run.model_path:
        raise ValueError(f"training on {config.scenario} did not complete (run {run.id})")
    return run, False


def find_matching_run(store: AbstractStore, config: TrainConfig) -> Run | None:
    """The newest completed run trained exactly as ``config`` says, with its model file."""
    from supportgym.store import RunStatus

    scenario = load_scenario(config.scenario)
    wanted = {
        "algorithm": config.algorithm,
        "scenario_version": scenario.version,
        "seed": config.seed,
        "total_timesteps": config.total_timesteps,
        "n_envs": config.n_envs,
        "curriculum": config.curriculum,
        "hyperparameters": _canonical(config.hyperparameters),
    }
    difficulty = scenario.difficulty if config.difficulty is None else config.difficulty
    offset = 0
    while True:
        page = store.list_runs(status=RunStatus.COMPLETED, limit=_PAGE, offset=offset)
        for run in page:
            found = {name: getattr(run, name) for name in wanted}
            found["hyperparameters"] = _canonical(run.hyperparameters)
            if (
                found == wanted
                and abs(run.difficulty - difficulty) < 1e-12
                and run.model_path
                and Path(run.model_path).is_file()
            ):
                return run
        if len(page) < _PAGE:
            return None
        offset += _PAGE


def _canonical(hyperparameters: Mapping[str, Any]) -> str:
    """JSON with sorted keys: tuples and lists (a JSON round trip) compare equal."""
    return json.dumps(hyperparameters, sort_keys=True, default=str)
