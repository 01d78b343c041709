"""``supportgym bench``: the benchmark suite, as a Markdown table and ``latest.json``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from supportgym.cli.errors import fail
from supportgym.cli.options import make_console

if TYPE_CHECKING:
    from supportgym.bench import Row

RESULTS = Path("benchmarks/results")
"""Default outputs: ``latest.json`` (full mode, committed with the README's table) and
``latest-quick.json`` (quick mode, so a quick check never replaces the full results)."""


def bench(
    quick: Annotated[
        bool,
        typer.Option(
            help="About a minute: shorter measurements, no time-to-beat-the-playbook rows."
        ),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option(
            help="Where to write the JSON report (its folder is created); default "
            "benchmarks/results/latest.json, or latest-quick.json with --quick.",
            show_default=False,
        ),
    ] = None,
    repeats: Annotated[
        int | None,
        typer.Option(
            min=3, help="Rounds of every measurement (median reported); default 3 quick, 5 full."
        ),
    ] = None,
) -> None:
    """Measure SupportGym against gymnasium and SB3 reference set-ups on this machine.

    Every target is a ratio to a reference measured in the same run, since machines are
    shared and noisy. Prints a Markdown table (value, reference, ratio, target, PASS or
    MISS) and writes the rows with the machine description and package versions to
    OUTPUT. The full run takes 4–10 minutes on 2 cores.
    """
    from supportgym.bench import Budget, markdown_table, run_suite, write_report

    budget = Budget.for_mode(quick, repeats)
    output = output or RESULTS / ("latest-quick.json" if quick else "latest.json")
    _check_output(output)
    progress = Console(stderr=True, highlight=False)

    def on_start(section: str) -> None:
        progress.print(f"[bold]{section}[/] …")

    def on_done(section: str, rows: list[Row], seconds: float) -> None:
        for row in rows:
            progress.print(f"  {row.label}: {row.status}")
        progress.print(f"  [dim]{section}: {seconds:.1f} s[/]")

    report = run_suite(budget, on_start, on_done)
    try:
        write_report(report, output)
    except OSError as error:
        fail(f"cannot write the report to {output}: {error.strerror or error}")
    console = make_console()
    console.print(markdown_table(report.rows), markup=False, soft_wrap=True)
    mode = "quick" if quick else "full"
    console.print(f"\n{mode} mode, {report.seconds:.0f} s; results in {output}", markup=False)


def _check_output(path: Path) -> None:
    """Fail now rather than after the run if the report cannot go to ``path``."""
    if path.is_dir():
        fail(f"--output {path} is a folder; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        fail(f"cannot create the folder of --output {path}: {error.strerror or error}")
    if not os.access(path.parent, os.W_OK):
        fail(f"cannot write to the folder of --output {path}")
