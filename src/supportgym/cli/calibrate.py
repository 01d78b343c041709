"""``supportgym calibrate``: fit a scenario to logs, write it as YAML with a fit report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from supportgym.cli.ope import LOGS_HELP
from supportgym.cli.options import MAX_SEED, SCENARIO_HELP, make_console
from supportgym.store import AnalysisKind, EvaluationStatus, open_store

KPI_STATISTICS = ("resolved", "abandoned", "escalated", "csat", "turns", "handle_minutes")


def calibrate(
    logs: Annotated[str, typer.Argument(metavar="LOGS", help=LOGS_HELP)],
    output: Annotated[
        Path, typer.Option("--output", "-o", dir_okay=False, help="The fitted scenario's YAML.")
    ],
    base: Annotated[
        str, typer.Option("--base", "-b", help=f"Where the fit starts. {SCENARIO_HELP}")
    ] = "retail",
    report: Annotated[
        Path | None,
        typer.Option(dir_okay=False, help="The fit report (Markdown); default: beside the YAML."),
    ] = None,
    budget: Annotated[
        int, typer.Option(min=1, max=100_000, help="Candidate parameter sets to simulate.")
    ] = 120,
    simulated: Annotated[
        int | None,
        typer.Option(
            min=100,
            max=100_000,
            help="Contacts simulated per candidate and fix strategy; default: as many as "
            "the logs have (2,000 to 10,000).",
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="The fitted scenario's name; default <base>-calibrated.")
    ] = None,
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED, help="Seeds the fit.")] = 0,
) -> None:
    """Fit a scenario to logs: inquiry and tier mixes, hidden traits, fix mixes, action effects.

    Writes the fitted scenario (valid YAML, usable wherever a scenario is named) and a
    report of every statistic, observed vs simulated with 95% CIs, before and after.
    An imported dataset's calibration is recorded in the store with the fitted scenario.
    """
    from supportgym.data.calibration import calibrate as fit
    from supportgym.data.calibration import markdown, write_scenario
    from supportgym.data.datasets import resolve_logs
    from supportgym.sim.library import load_scenario

    report = report or output.with_suffix(".md")
    for path in (output, report):
        if not path.parent.is_dir():
            raise ValueError(f"{path}: folder {path.parent} does not exist")
    definition = load_scenario(base)
    with open_store() as store:
        logged, dataset = resolve_logs(logs, store)
        with _progress() as progress:
            task = progress.add_task("Calibrating", total=budget)
            result = fit(
                logged,
                definition,
                budget=budget,
                simulated=simulated,
                seed=seed,
                name=name,
                on_progress=lambda done, total, best: progress.update(
                    task, completed=done, description=f"Calibrating (distance {best:,.0f})"
                ),
            )
        write_scenario(result.fitted, output)
        report.write_text(markdown(result, logged.source), encoding="utf-8")
        console = make_console()
        console.print(_parameters_table(result))
        console.print(_kpi_table(result))
        console.print(
            f"Statistics inside the logs' 95% CIs: base {result.within('base'):.0%}, fitted "
            f"{result.within('fitted'):.0%} (distance {result.distance['base']:,.0f} -> "
            f"{result.distance['fitted']:,.0f}, {result.evaluations} candidates)."
        )
        console.print(
            f"Wrote {escape(str(output))} ({result.fitted.name} v{result.fitted.version}) "
            f"and the report {escape(str(report))}."
        )
        if dataset is not None:
            store.upsert_scenario(result.fitted)
            analysis = store.create_analysis(
                dataset_id=dataset.id,
                kind=AnalysisKind.CALIBRATION,
                params={"base": definition.name, "budget": budget, "seed": seed},
                status=EvaluationStatus.COMPLETED,
                results=result.to_json(),
                report_path=str(report.resolve()),
            )
            console.print(f"Recorded analysis {analysis.id} of dataset {escape(dataset.name)}.")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=make_console(),
        transient=True,
    )


def _parameters_table(result: Any) -> Table:
    table = Table(title=f"{result.base.name} -> {result.fitted.name}: what changed")
    for column in ("parameter", "base", "fitted", "how"):
        table.add_column(column, justify="right" if column in ("base", "fitted") else "left")
    for row in result.parameters:
        if abs(row["fitted"] - row["base"]) >= 0.005:
            table.add_row(
                escape(row["path"]), f"{row['base']:.3g}", f"{row['fitted']:.3g}", row["how"]
            )
    return table


def _kpi_table(result: Any) -> Table:
    table = Table(title="The logged agents' KPIs: logs vs simulated (95% CIs; ✓ inside the logs')")
    for column in ("KPI", "logs", "base", "fitted"):
        table.add_column(column, justify="left" if column == "KPI" else "right")
    by_name = {s["name"]: s for s in result.statistics}
    for kpi in KPI_STATISTICS:
        s = by_name[f"all/{kpi}"]
        observed = s["observed"]
        cells = [
            f"{s[key]['value']:.3f}"
            + (" ✓" if observed["low"] <= s[key]["value"] <= observed["high"] else "")
            for key in ("base", "fitted")
        ]
        table.add_row(
            kpi, f"{observed['value']:.3f} [{observed['low']:.3f}, {observed['high']:.3f}]", *cells
        )
    return table
