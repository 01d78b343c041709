"""Analyses of stored datasets (calibrations, off-policy evaluations) as the server runs them.

A worker process gets the analysis's id and the scenario definitions it needs, marks it
``running``, computes, and stores the results (strict JSON) or the error. A calibration
also stores the fitted scenario, so that sessions, runs and evaluations can use it, and
writes its YAML and report to ``analyses/<id>/`` in the data directory.
"""

from __future__ import annotations

from typing import Any

from supportgym.data.datasets import load_dataset
from supportgym.data.ope import OfflineEvaluation, evaluate_logs, simulated_values
from supportgym.sim.compile import compile_scenario
from supportgym.sim.schema import Scenario
from supportgym.store import AbstractStore, Analysis, AnalysisKind, EvaluationStatus, data_dir
from supportgym.store.validation import strict_json


def ope_results(result: OfflineEvaluation, simulated: dict[str, Any]) -> dict[str, Any]:
    """An off-policy evaluation's stored results, with the simulator's values if any."""
    return strict_json({**result.to_json(), "simulated": simulated or None})


def run_analysis(
    store: AbstractStore, analysis_id: int, scenario: Scenario, simulate: Scenario | None = None
) -> None:
    """Compute a pending analysis and store what it found (or why it failed).

    Args:
        store: Where the analysis and its dataset are.
        analysis_id: The analysis to run.
        scenario: The calibration's base, or the scenario the logs are replayed in.
        simulate: For an off-policy evaluation, also play the policies in this scenario.
    """
    analysis = store.get_analysis(analysis_id)
    if analysis is None:
        return
    store.update_analysis(analysis_id, status=EvaluationStatus.RUNNING)
    try:
        dataset = store.get_dataset(analysis.dataset_id)
        if dataset is None:
            raise ValueError(f"dataset {analysis.dataset_id} was deleted")
        logs = load_dataset(dataset)
        if analysis.kind is AnalysisKind.OPE:
            results, report = _ope(store, analysis, logs, scenario, simulate), None
        else:
            results, report = _calibration(store, analysis, logs, scenario)
    except Exception as error:  # the analysis's failure, stored for the client to see
        store.update_analysis(analysis_id, status=EvaluationStatus.FAILED, error=str(error))
        return
    store.update_analysis(
        analysis_id, status=EvaluationStatus.COMPLETED, results=results, report_path=report
    )


def _ope(
    store: AbstractStore,
    analysis: Analysis,
    logs: Any,
    scenario: Scenario,
    simulate: Scenario | None,
) -> dict[str, Any]:
    from supportgym.evaluation.runner import resolve_policy

    params = analysis.params
    cs = compile_scenario(scenario)
    seed = int(params.get("seed", 0))
    policies = {spec: resolve_policy(spec, cs, store, seed)[0] for spec in params["policies"]}
    result = evaluate_logs(logs, policies, cs, int(params.get("resamples", 1000)), seed)
    simulated = simulated_values(policies, simulate, logs.n_contacts) if simulate else {}
    return ope_results(result, simulated)


def _calibration(
    store: AbstractStore, analysis: Analysis, logs: Any, base: Scenario
) -> tuple[dict[str, Any], str]:
    from supportgym.data.calibration import calibrate, markdown, write_scenario

    params = analysis.params
    result = calibrate(
        logs, base, budget=int(params.get("budget", 120)), seed=int(params.get("seed", 0))
    )
    store.upsert_scenario(result.fitted)
    folder = data_dir() / "analyses" / str(analysis.id)
    folder.mkdir(parents=True, exist_ok=True)
    write_scenario(result.fitted, folder / "fitted.yaml")
    report = folder / "report.md"
    report.write_text(markdown(result, logs.source), encoding="utf-8")
    return strict_json(result.to_json()), str(report)
