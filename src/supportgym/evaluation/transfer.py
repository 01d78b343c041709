"""Cross-industry transfer: train one model per industry, evaluate each on every industry.

The result is a 3×3 matrix of normalized scores (rows: trained on, columns: evaluated
on) with 95% CIs. A completed run of the same configuration (algorithm, scenario version,
training seed, timesteps, envs, hyperparameters, default difficulty, no curriculum)
whose model file is still there is reused instead of trained again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from supportgym.evaluation.results import Estimate, EvaluationResult
from supportgym.evaluation.runner import HELD_OUT_SEED, evaluate
from supportgym.evaluation.trained_runs import StartHook, TrainFn, train_or_reuse

if TYPE_CHECKING:
    from supportgym.store import AbstractStore
    from supportgym.training.config import TrainConfig

INDUSTRIES = ("bfsi", "retail", "tech")


@dataclass(frozen=True)
class TransferResult:
    """The transfer matrix with its runs and the evaluation behind it."""

    algorithm: str
    timesteps: int
    seed: int
    n_envs: int
    episodes: int
    industries: tuple[str, ...]
    runs: dict[str, int]
    """Trained-on industry to its run id."""
    reused: dict[str, bool]
    """Trained-on industry to whether an existing run was reused."""
    scores: list[list[Estimate]]
    """``scores[i][j]``: model trained on ``industries[i]``, evaluated on ``industries[j]``."""
    evaluation: EvaluationResult

    def arguments(self) -> list[str]:
        """The ``supportgym transfer`` arguments that reproduce this matrix."""
        return [
            "--algo",
            self.algorithm,
            "--timesteps",
            str(self.timesteps),
            "--seed",
            str(self.seed),
            "--n-envs",
            str(self.n_envs),
            "--episodes",
            str(self.episodes),
        ]

    def to_json(self) -> dict[str, Any]:
        """Plain data for the store and the API."""
        return {
            "kind": "transfer",
            "algorithm": self.algorithm,
            "timesteps": self.timesteps,
            "seed": self.seed,
            "n_envs": self.n_envs,
            "episodes": self.episodes,
            "industries": list(self.industries),
            "runs": self.runs,
            "reused": self.reused,
            "scores": [[vars(cell) for cell in row] for row in self.scores],
            "evaluation": self.evaluation.to_json(),
        }


def transfer_matrix(
    algorithm: str,
    timesteps: int,
    seed: int,
    n_envs: int,
    episodes: int,
    store: AbstractStore,
    train_fn: TrainFn | None = None,
    *,
    eval_seed: int = HELD_OUT_SEED,
    overrides: Mapping[str, Any] | None = None,
    on_start: StartHook | None = None,
    on_progress: Callable[..., None] | None = None,
) -> TransferResult:
    """Train (or reuse) one model per industry and score each on every industry.

    Args:
        algorithm: ppo, a2c, dqn or maskable_ppo.
        timesteps: Training timesteps per model.
        seed: Training seed (below the held-out evaluation seeds).
        n_envs: Parallel envs while training.
        episodes: Evaluation episodes per cell.
        store: The run store: runs are looked up, recorded and loaded from it.
        train_fn: Trains a :class:`TrainConfig` into a completed run; default
            :func:`supportgym.training.train.train` (imported only when needed).
        eval_seed: First evaluation episode seed.
        overrides: Hyperparameters replacing the algorithm's defaults.
        on_start: Told which industry comes next and the run reused, if any.
        on_progress: Passed to ``train_fn`` as ``on_progress``.

    Raises:
        ValueError: Bad arguments (checked before anything is trained), or a training
            function that does not return a completed run with a model.
    """
    configs = transfer_configs(algorithm, timesteps, seed, n_envs, episodes, eval_seed, overrides)
    runs: dict[str, int] = {}
    reused: dict[str, bool] = {}
    for industry, config in configs.items():
        run, reused[industry] = train_or_reuse(config, store, train_fn, on_start, on_progress)
        runs[industry] = run.id
    specs = [f"run:{runs[industry]}" for industry in INDUSTRIES]
    result = evaluate(specs, list(INDUSTRIES), episodes, seed=eval_seed, store=store)
    by_cell = {(s.spec, s.scenario): s.normalized for s in result.summaries}
    scores = [
        [by_cell[f"run:{runs[trained]}", evaluated] for evaluated in INDUSTRIES]
        for trained in INDUSTRIES
    ]
    return TransferResult(
        algorithm=algorithm,
        timesteps=timesteps,
        seed=seed,
        n_envs=n_envs,
        episodes=episodes,
        industries=INDUSTRIES,
        runs=runs,
        reused=reused,
        scores=scores,
        evaluation=result,
    )


def transfer_configs(
    algorithm: str,
    timesteps: int,
    seed: int,
    n_envs: int,
    episodes: int,
    eval_seed: int = HELD_OUT_SEED,
    overrides: Mapping[str, Any] | None = None,
) -> dict[str, TrainConfig]:
    """The training configuration of each industry, after checking every argument.

    Raises:
        ValueError: An unknown algorithm or hyperparameter, timesteps, envs or episodes
            below 1, or training seeds that reach the evaluation seeds.
    """
    from supportgym.training.config import TrainConfig

    configs = {
        industry: TrainConfig(
            algorithm=algorithm,
            scenario=industry,
            total_timesteps=timesteps,
            n_envs=n_envs,
            seed=seed,
            overrides=dict(overrides or {}),
        )
        for industry in INDUSTRIES
    }
    if episodes < 1:
        raise ValueError(f"episodes must be at least 1, got {episodes}")
    if seed + n_envs > eval_seed:
        raise ValueError(
            f"training seeds {seed} … {seed + n_envs - 1} reach the evaluation seeds "
            f"(from {eval_seed}); use a smaller seed"
        )
    return configs
