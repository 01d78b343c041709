"""``supportgym train``: train a policy with SB3 on the native vector env, as a stored run."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from supportgym.cli.errors import fail
from supportgym.cli.options import MAX_SEED, SCENARIO_HELP, Difficulty, make_console

if TYPE_CHECKING:
    from supportgym.store import Run
    from supportgym.training.train import ProgressHook

ALGORITHM_HELP = "ppo, a2c, dqn or maskable_ppo; bc or cql learn from --dataset."


def train(
    algo: Annotated[str, typer.Option("--algo", "-a", help=ALGORITHM_HELP)] = "ppo",
    scenario: Annotated[
        str | None,
        typer.Option(
            "--scenario",
            "-s",
            help=f"{SCENARIO_HELP} Default: mixed; with --dataset, the logs' industry.",
        ),
    ] = None,
    timesteps: Annotated[int, typer.Option(min=1, help="Environment steps in total.")] = 200_000,
    n_envs: Annotated[
        int, typer.Option("--n-envs", min=1, max=65_536, help="Parallel conversations.")
    ] = 16,
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED, help="Training seed.")] = 0,
    difficulty: Difficulty = None,
    curriculum: Annotated[
        bool, typer.Option(help="Raise the difficulty as the resolution rate improves.")
    ] = False,
    hp: Annotated[
        list[str] | None,
        typer.Option("--hp", help="Override a default hyperparameter: key=value (repeatable)."),
    ] = None,
    checkpoint_every: Annotated[
        int, typer.Option(min=1, help="Save a checkpoint every this many timesteps.")
    ] = 50_000,
    resume: Annotated[
        int | None,
        typer.Option(
            help="Continue stopped run ID from its last checkpoint (other options ignored)."
        ),
    ] = None,
    dataset: Annotated[
        str | None,
        typer.Option(
            help="Learn from this imported dataset (--algo bc or cql) instead of playing; "
            "--timesteps, --n-envs and the curriculum do not apply."
        ),
    ] = None,
) -> None:
    """Train a policy and store the run (checkpoints, final model, TensorBoard logs, metrics)."""
    from supportgym.policies.sb3 import OFFLINE_ALGORITHMS
    from supportgym.store import open_store
    from supportgym.training.config import TrainConfig, parse_overrides
    from supportgym.training.train import resume as resume_run
    from supportgym.training.train import train as train_run

    if dataset is not None or algo in OFFLINE_ALGORITHMS:
        if resume is not None:
            raise ValueError("--resume continues runs in the simulator, not --dataset runs")
        _learn_offline(algo, dataset, scenario, seed, parse_overrides(hp or []))
        return
    if resume is None:
        config = TrainConfig(
            algorithm=algo,
            scenario=scenario or "mixed",
            total_timesteps=timesteps,
            n_envs=n_envs,
            seed=seed,
            difficulty=difficulty,
            curriculum=curriculum,
            overrides=parse_overrides(hp or []),
            checkpoint_every=checkpoint_every,
        )
    with open_store() as store:
        if resume is None:
            run = _run_with_progress(timesteps, lambda hook: train_run(config, store, hook))
        else:
            if store.get_run(resume) is None:
                raise ValueError(f"run {resume} not found")
            run = _run_with_progress(timesteps, lambda hook: resume_run(resume, store, hook))
    make_console().print(
        f"run {run.id} {run.status.value}: {run.algorithm} on {run.scenario} "
        f"v{run.scenario_version}, {run.timesteps_done:,} steps, seed {run.seed}\n"
        f"  model        {run.model_path}\n  tensorboard  {run.tensorboard_dir}"
    )


def _learn_offline(
    algo: str, dataset: str | None, scenario: str | None, seed: int, overrides: dict
) -> None:
    """``train --dataset``: behaviour cloning or conservative Q-learning on imported logs."""
    from supportgym.store import open_store
    from supportgym.training.offline import OfflineConfig, train_offline

    if dataset is None:
        raise ValueError(f"--algo {algo} learns from logs: name them with --dataset NAME")
    config = OfflineConfig(algo, dataset, scenario, seed, overrides)
    with open_store() as store:
        run = _run_with_progress(
            config.hyperparameters["epochs"], lambda hook: train_offline(config, store, hook)
        )
    make_console().print(
        f"run {run.id} {run.status.value}: {run.algorithm} from dataset {dataset}, played in "
        f"{run.scenario} v{run.scenario_version}, {config.hyperparameters['epochs']} epochs "
        f"over {run.total_timesteps // config.hyperparameters['epochs']:,} turns, seed "
        f"{run.seed}\n  model        {run.model_path}"
    )


def _run_with_progress(timesteps: int, start: Callable[[ProgressHook], Run]) -> Run:
    """Run ``start(on_progress)`` under a live progress bar; Ctrl-C says how to resume."""
    progress = Progress(
        TextColumn("[bold]run {task.fields[run]}[/]"),
        BarColumn(),
        TextColumn("{task.completed:,.0f}/{task.total:,.0f} steps"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[stats]}"),
        console=make_console(),
    )
    task = progress.add_task("train", total=timesteps, run="…", stats="")
    current: list[int] = []

    def on_progress(run: Run, values: dict[str, float]) -> None:
        current[:] = [run.id]
        progress.update(
            task,
            completed=run.timesteps_done,
            total=run.total_timesteps,
            run=run.id,
            stats=_stats(values),
        )

    try:
        with progress:
            return start(on_progress)
    except KeyboardInterrupt:
        which = current[0] if current else "<run id>"
        fail(
            f"training interrupted; continue it with `supportgym train --resume {which}`", code=130
        )


def _stats(values: dict[str, float]) -> str:
    parts = []
    if "episode/return" in values:
        parts.append(f"return {values['episode/return']:+.2f}")
    if "kpi/resolved" in values:
        parts.append(f"resolved {values['kpi/resolved']:.0%}")
    if "kpi/csat" in values:
        parts.append(f"CSAT {values['kpi/csat']:.2f}")
    if "curriculum/level" in values:
        parts.append(f"level {values['curriculum/level']:.0f}")
    return " · ".join(parts)
