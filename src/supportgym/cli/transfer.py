"""``supportgym transfer``: train on each industry, evaluate on every industry (3×3 matrix)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from supportgym.cli.evaluate import (
    NoReport,
    ReportDir,
    progress_display,
    record,
    training_hooks,
    with_ci,
)
from supportgym.cli.options import make_console
from supportgym.evaluation import HELD_OUT_SEED
from supportgym.evaluation.report import write_transfer_report
from supportgym.evaluation.transfer import TransferResult, transfer_configs, transfer_matrix
from supportgym.store import open_store

DEFAULT_TIMESTEPS = 200_000
DEFAULT_N_ENVS = 16


def transfer(
    algo: Annotated[
        str, typer.Option("--algo", help="The algorithm: ppo, a2c, dqn or maskable_ppo.")
    ],
    timesteps: Annotated[
        int, typer.Option(min=1, help="Training timesteps per industry.")
    ] = DEFAULT_TIMESTEPS,
    seed: Annotated[
        int,
        typer.Option(
            min=0,
            max=HELD_OUT_SEED - 1,
            help="Training seed (below the held-out evaluation seeds).",
        ),
    ] = 0,
    n_envs: Annotated[
        int, typer.Option("--n-envs", min=1, help="Parallel conversations while training.")
    ] = DEFAULT_N_ENVS,
    episodes: Annotated[
        int, typer.Option(min=1, help="Evaluation episodes per cell of the matrix.")
    ] = 1000,
    report_dir: ReportDir = None,
    no_report: NoReport = False,
) -> None:
    """Cross-industry transfer: one model per industry (bfsi, retail, tech), each scored on all.

    Prints a 3×3 matrix of normalized scores (rows: trained on, columns: evaluated on)
    with 95% CIs. A completed run with the same configuration (algorithm, scenario
    version, seed, timesteps, envs, hyperparameters) is reused rather than trained
    again. The evaluation is recorded in the store with a report (heatmap, tables)
    unless --no-report is given; the trained runs are recorded in any case.
    """
    if no_report and report_dir is not None:
        raise ValueError("use either --report-dir or --no-report, not both")
    transfer_configs(algo, timesteps, seed, n_envs, episodes)  # bad input: before the store
    console = make_console()
    with open_store() as store, progress_display() as progress:
        on_start, on_progress = training_hooks(progress)
        result = transfer_matrix(
            algo,
            timesteps,
            seed,
            n_envs,
            episodes,
            store,
            on_start=on_start,
            on_progress=on_progress,
        )
        console.print(matrix_table(result))
        if not no_report:
            record(
                console,
                store,
                f"transfer {' '.join(result.arguments())}",
                result.evaluation,
                result.to_json(),
                lambda where: write_transfer_report(result, where),
                report_dir,
            )


def matrix_table(result: TransferResult) -> Table:
    """Rows: trained on; columns: evaluated on; cells: normalized score [95% CI]."""
    evaluation = result.evaluation
    table = Table(
        title=f"[bold]{escape(result.algorithm)}[/] transfer · {result.timesteps:,} timesteps, "
        f"seed {result.seed} · {evaluation.episodes} episodes from seed {evaluation.seed}",
        caption="normalized score (random 0, oracle 1) with 95% bootstrap CI · "
        "diagonal: in-domain, off-diagonal: transfer",
    )
    table.add_column("trained on ↓ / evaluated on →")
    for industry in result.industries:
        table.add_column(f"{industry} v{evaluation.versions[industry]}", justify="right")
    for industry, row in zip(result.industries, result.scores, strict=True):
        note = ", reused" if result.reused[industry] else ""
        label = f"{industry} (run {result.runs[industry]}{note})"
        table.add_row(label, *(escape(with_ci(cell, "")) for cell in row))
    return table
