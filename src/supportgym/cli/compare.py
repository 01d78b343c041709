"""``supportgym compare``: policies side by side, with ROI vs the playbook and seed aggregates."""

from __future__ import annotations

from typing import Annotated

import typer

from supportgym.cli.evaluate import (
    POLICY_HELP,
    Episodes,
    EvalSeed,
    NoReport,
    ReportDir,
    Scenarios,
    progress_display,
    score_and_record,
    training_hooks,
)
from supportgym.cli.options import Difficulty
from supportgym.evaluation import HELD_OUT_SEED
from supportgym.evaluation.presets import PRESETS, headline_policies
from supportgym.policies.sb3 import ALGORITHMS
from supportgym.sim import BUILTIN_SCENARIOS
from supportgym.store import open_store


def compare(
    policies: Annotated[
        list[str] | None, typer.Argument(metavar="POLICY", help=POLICY_HELP, show_default=False)
    ] = None,
    scenario: Scenarios = None,
    episodes: Episodes = 1000,
    seed: EvalSeed = HELD_OUT_SEED,
    difficulty: Difficulty = None,
    report_dir: ReportDir = None,
    no_report: NoReport = False,
    preset: Annotated[
        str | None,
        typer.Option(
            help="headline: train (or reuse) every algorithm × 3 seeds per industry at the "
            "shipped defaults and compare them with the playbook, industry by industry."
        ),
    ] = None,
    algo: Annotated[
        list[str] | None,
        typer.Option("--algo", help="With --preset: only these algorithms (repeatable)."),
    ] = None,
) -> None:
    """Compare policies on the same held-out customers, scenario by scenario.

    Prints the normalized score (random 0, oracle 1), return, KPIs and the ROI versus
    the playbook (extra net value per 1,000 contacts), each with a 95% bootstrap CI.
    Stored runs that differ only by training seed also get an aggregate row: the
    interquartile mean of their scores and the probability that such a run beats the
    playbook. The evaluation is recorded in the store with a report (report.md and PNG
    charts) unless --no-report is given.

    Examples: supportgym compare playbook run:3 run:4 models/ppo.zip --scenario retail;
    supportgym compare --preset headline --episodes 4000
    """
    if preset is None:
        if not policies:
            raise ValueError("name the policies to compare, or use --preset")
        scenarios = scenario or list(BUILTIN_SCENARIOS)
        score_and_record(
            "compare",
            policies,
            scenarios,
            episodes,
            seed,
            difficulty,
            report_dir,
            no_report,
            roi=True,
        )
        return
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
    if policies or scenario or difficulty is not None or report_dir is not None:
        raise ValueError("--preset chooses the policies and scenarios itself")
    with open_store() as store, progress_display() as progress:
        on_start, on_progress = training_hooks(progress)
        by_industry = headline_policies(store, algo or ALGORITHMS, None, on_start, on_progress)
    for industry, specs in by_industry.items():
        score_and_record(
            f"compare --preset {preset}",
            specs,
            [industry],
            episodes,
            seed,
            None,
            None,
            no_report,
            roi=True,
        )
