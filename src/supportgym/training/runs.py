"""Recording a training run in the store before any training happens (no SB3 imports).

The CLI trains right after recording; the server records first (so the API can
answer with the run's id while the job waits in its queue) and trains in a worker.
"""

from __future__ import annotations

import supportgym
from supportgym.sim.library import load_scenario
from supportgym.store import AbstractStore, Run, run_dir
from supportgym.training.config import TrainConfig


def record_run(config: TrainConfig, store: AbstractStore) -> Run:
    """A new ``queued`` run for ``config``, with its scenario and artefact folders recorded."""
    scenario = load_scenario(config.scenario)
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
