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
    score_and_record,
)
from supportgym.cli.options import Difficulty
from supportgym.evaluation import HELD_OUT_SEED
from supportgym.sim import BUILTIN_SCENARIOS


def compare(
    policies: Annotated[list[str], typer.Argument(metavar="POLICY", help=POLICY_HELP)],
    scenario: Scenarios = None,
    episodes: Episodes = 1000,
    seed: EvalSeed = HELD_OUT_SEED,
    difficulty: Difficulty = None,
    report_dir: ReportDir = None,
    no_report: NoReport = False,
) -> None:
    """Compare policies on the same held-out customers, scenario by scenario.

    Prints the normalized score (random 0, oracle 1), return, KPIs and the ROI versus
    the playbook (extra net value per 1,000 contacts), each with a 95% bootstrap CI.
    Stored runs that differ only by training seed also get an aggregate row: the
    interquartile mean of their scores and the probability that such a run beats the
    playbook. The evaluation is recorded in the store with a report (report.md and PNG
    charts) unless --no-report is given.

    Example: supportgym compare playbook run:3 run:4 models/ppo.zip --scenario retail
    """
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
