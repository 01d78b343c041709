"""A training run's record and files, without SB3: recording a run, finding its checkpoints.

The CLI trains right after recording; the server records first (so the API can
answer with the run's id while the job waits in its queue) and trains in a worker.
"""

from __future__ import annotations

from pathlib import Path

import supportgym
from supportgym.sim.library import parse_scenario
from supportgym.store import AbstractStore, Run, run_dir
from supportgym.training.config import TrainConfig


def run_config(run: Run, store: AbstractStore, checkpoint_every: int | None = None) -> TrainConfig:
    """The configuration a recorded run trains with (to start or resume it).

    The scenario is the definition stored at the run's version, whatever its name now
    stands for.

    Raises:
        ValueError: The store lacks the run's scenario version.
    """
    record = store.get_scenario(run.scenario_version)
    if record is None:
        raise ValueError(
            f"run {run.id}: scenario {run.scenario} v{run.scenario_version} is not stored"
        )
    extra = {} if checkpoint_every is None else {"checkpoint_every": checkpoint_every}
    return TrainConfig(
        algorithm=run.algorithm,
        scenario=parse_scenario(record.definition, f"{run.scenario} v{run.scenario_version}"),
        total_timesteps=run.total_timesteps,
        n_envs=run.n_envs,
        seed=run.seed,
        difficulty=run.difficulty,
        curriculum=run.curriculum,
        overrides=run.hyperparameters,
        **extra,
    )


def record_run(config: TrainConfig, store: AbstractStore) -> Run:
    """A new ``queued`` run for ``config``, with its scenario and artefact folders recorded."""
    scenario = config.definition
    store.upsert_scenario(scenario)
    run = store.create_run(
        algorithm=config.algorithm,
        scenario=scenario.name,
        scenario_version=scenario.version,
        difficulty=scenario.difficulty if config.difficulty is None else config.difficulty,
        hyperparameters=config.hyperparameters,
        seed=config.seed,
        n_envs=config.n_envs,
        total_timesteps=config.total_timesteps,
        curriculum=config.curriculum,
        package_version=supportgym.__version__,
    )
    folder = run_dir(run.id)
    return store.update_run(
        run.id,
        checkpoint_dir=str(folder / "checkpoints"),
        tensorboard_dir=str(folder / "tensorboard"),
    )


def checkpoints(folder: Path) -> list[Path]:
    """The checkpoints in ``folder`` (``model_<steps>_steps.zip``), newest last."""
    found = [p for p in folder.glob("model_*_steps.zip") if p.stem.split("_")[1].isdigit()]
    return sorted(found, key=lambda p: int(p.stem.split("_")[1]))


def latest_checkpoint(folder: Path) -> Path | None:
    """The checkpoint with the most timesteps in ``folder``."""
    found = checkpoints(folder)
    return found[-1] if found else None


def has_checkpoint(run: Run) -> bool:
    """Whether the run saved a checkpoint it can resume from."""
    return run.checkpoint_dir is not None and bool(checkpoints(Path(run.checkpoint_dir)))
