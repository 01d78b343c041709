"""``supportgym ope``: estimate how policies would have done on logged contacts."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from supportgym.cli.evaluate import POLICY_HELP, progress_display
from supportgym.cli.options import MAX_SEED, make_console
from supportgym.store import AnalysisKind, EvaluationStatus, open_store

LOGS_HELP = "A log file, or the name of an imported dataset (supportgym logs list)."
REPLAY_HELP = (
    "The scenario the logs are replayed in (inquiry types, limits, economics); "
    "default: the built-in scenario of the logs' industry."
)
COLUMNS = {
    "return": "return",
    "resolved": "resolved",
    "csat": "CSAT",
    "abandoned": "abandoned",
    "escalated": "escalated",
    "handle_minutes": "minutes",
    "net_value": "net value",
}
PERCENT = {"resolved", "abandoned", "escalated"}


def ope(
    logs: Annotated[str, typer.Argument(metavar="LOGS", help=LOGS_HELP)],
    policy: Annotated[
        list[str],
        typer.Option("--policy", "-p", help=f"{POLICY_HELP} Repeatable; not the oracle."),
    ],
    scenario: Annotated[str | None, typer.Option("--scenario", "-s", help=REPLAY_HELP)] = None,
    simulate: Annotated[
        str | None,
        typer.Option(
            help="Also play each policy in this scenario (say, a calibrated one) and show "
            "its value there beside the estimates."
        ),
    ] = None,
    resamples: Annotated[
        int, typer.Option(min=10, max=100_000, help="Bootstrap resamples.")
    ] = 1000,
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED, help="Seeds folds, models, CIs.")] = 0,
) -> None:
    """Off-policy evaluation: each policy's return and KPIs on the logged contacts.

    Four estimators with 95% bootstrap CIs: per-decision importance sampling (pdis), its
    weighted form (wpdis), doubly robust (dr) and fitted Q evaluation (fqe, whose interval
    leaves out the model's own error). An imported dataset's analysis is recorded in the store.
    """
    from supportgym.data.analyses import ope_results
    from supportgym.data.datasets import resolve_logs
    from supportgym.data.ope import evaluate_logs, simulated_values
    from supportgym.evaluation.runner import resolve_policy
    from supportgym.sim import compile_scenario
    from supportgym.sim.library import load_scenario

    specs = list(dict.fromkeys(policy))
    with open_store() as store:
        logged, dataset = resolve_logs(logs, store)
        cs = compile_scenario(load_scenario(scenario or _industry_scenario(logged.industry)))
        policies = {spec: resolve_policy(spec, cs, store, seed)[0] for spec in specs}
        with progress_display() as progress:
            progress.add_task(f"Estimating {len(specs)} policies on {logged.n_contacts:,} contacts")
            result = evaluate_logs(logged, policies, cs, resamples=resamples, seed=seed)
        simulated = (
            simulated_values(policies, load_scenario(simulate), logged.n_contacts)
            if simulate
            else {}
        )
        console = make_console()
        for estimates in result.policies:
            own = simulated["policies"][estimates.policy] if simulated else None
            console.print(_table(estimates, result, own, simulated.get("scenario")))
            for warning in estimates.warnings:
                console.print(f"[yellow]warning:[/] {escape(warning)}")
            console.print()
        if result.defaulted_features:
            console.print(
                "Replayed on defaults (not in the logs): " + ", ".join(result.defaulted_features)
            )
        if dataset is not None:
            analysis = store.create_analysis(
                dataset_id=dataset.id,
                kind=AnalysisKind.OPE,
                params={"policies": specs, "scenario": cs.scenario.name, "seed": seed},
                status=EvaluationStatus.COMPLETED,
                results=ope_results(result, simulated),
            )
            console.print(f"Recorded analysis {analysis.id} of dataset {escape(dataset.name)}.")


def _industry_scenario(industries: Any) -> str:
    found = sorted(set(industries))
    return found[0] if len(found) == 1 else "mixed"


def _table(
    estimates: Any, result: Any, simulated: dict[str, Any] | None, where: str | None
) -> Table:
    from supportgym.data.ope import ESTIMATORS

    table = Table(
        title=f"[bold]{escape(estimates.policy)}[/] on {result.contacts:,} logged contacts "
        f"({escape(result.source)}), replayed in {result.scenario} v{result.version}",
        caption="pdis: per-decision importance sampling · wpdis: weighted pdis · dr: doubly "
        "robust · fqe: fitted Q evaluation (its CI leaves out the model's error) · 95% "
        f"bootstrap CIs ({result.resamples:,} resamples) · propensities "
        f"{result.propensities} · effective contacts {estimates.effective_contacts:,.0f}, "
        f"matched {estimates.matched_contacts:,}, off support {estimates.off_support:.1%}",
    )
    table.add_column("estimator")
    for label in COLUMNS.values():
        table.add_column(label, justify="right")
    for name in ESTIMATORS:
        row = estimates.estimates[name]
        table.add_row(
            name,
            *(_cell(k, row[k].value, row[k].low, row[k].high) for k in COLUMNS),
        )
    if simulated is not None:
        table.add_row(
            f"simulated in {escape(str(where))}",
            *(_cell(k, **simulated[k]) for k in COLUMNS),
            style="dim",
        )
    return table


def _cell(quantity: str, value: float, low: float, high: float) -> str:
    if quantity in PERCENT:
        return f"{value:.0%} [{low:.0%}, {high:.0%}]"
    form = "+.2f" if quantity == "return" else ".1f" if abs(value) >= 10 else ".2f"
    return f"{value:{form}} [{low:{form}}, {high:{form}}]"
