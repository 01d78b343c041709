"""Building a deployment of a trained run: its ONNX model, rules and guardrail ranges.

A deployment version is recorded ``pending``; building it exports the run's model to
``deployments/<name>/v<version>.onnx`` in the data directory, takes the run's distilled
rules (explaining the run first if it was not), measures each feature's range over the
model's own episodes, and marks the version ready and active. torch is needed here,
never by the service that then decides (:mod:`supportgym.serving.service`).
"""

from __future__ import annotations

import re

from supportgym.data import replay
from supportgym.evaluation.runner import resolve_policy
from supportgym.explain.distill import own_states
from supportgym.explain.explanation import explain_run
from supportgym.explain.rules import load_rules, rules_path
from supportgym.serving.export import export_onnx
from supportgym.sim.compile import compile_scenario
from supportgym.sim.features import FEATURE_NAMES
from supportgym.sim.library import parse_scenario
from supportgym.store import AbstractStore, Deployment, EvaluationStatus, data_dir

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
RANGE_EPISODES = 2000
RANGE_SEED = 5_000_000_000
DEFAULT_THRESHOLD = 0.4


def check_name(name: str) -> str:
    """A deployment name: lower-case letters, digits, ``_`` and ``-``, at most 64."""
    if not NAME.match(name):
        raise ValueError(f"deployment name {name!r}: use a-z, 0-9, '_' and '-' (at most 64)")
    return name


def record_deployment(
    store: AbstractStore, run_id: int, name: str, threshold: float = DEFAULT_THRESHOLD
) -> Deployment:
    """The name's next version of run ``run_id``, ``pending`` until :func:`build_deployment`.

    Raises:
        ValueError: A bad name or threshold, or a run that is not completed with a model.
    """
    check_name(name)
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be between 0 and 1, got {threshold}")
    run = store.get_run(run_id)
    if run is None:
        raise ValueError(f"run {run_id} not found")
    if run.model_path is None or run.status != "completed":
        raise ValueError(f"run {run_id} is {run.status.value}; only completed runs are deployed")
    return store.create_deployment(
        name=name,
        run_id=run_id,
        threshold=threshold,
        algorithm=run.algorithm,
        scenario=run.scenario,
        scenario_version=run.scenario_version,
    )


def build_deployment(store: AbstractStore, deployment_id: int) -> Deployment:
    """Export, explain and measure a pending deployment, then make it the active version."""
    deployment = store.get_deployment(deployment_id)
    if deployment is None:
        raise ValueError(f"deployment {deployment_id} not found")
    store.update_deployment(deployment_id, status=EvaluationStatus.RUNNING)
    try:
        record = store.get_scenario(deployment.scenario_version)
        if record is None:
            raise ValueError(
                f"scenario {deployment.scenario} v{deployment.scenario_version} is not stored"
            )
        scenario = parse_scenario(record.definition, deployment.scenario)
        cs = compile_scenario(scenario)
        model, _ = resolve_policy(f"run:{deployment.run_id}", cs, store)
        folder = data_dir() / "deployments" / deployment.name
        folder.mkdir(parents=True, exist_ok=True)
        path = export_onnx(
            model,
            folder / f"v{deployment.version}.onnx",
            {
                "run_id": str(deployment.run_id),
                "scenario": scenario.name,
                "scenario_version": scenario.version,
                "deployment": f"{deployment.name} v{deployment.version}",
            },
        )
        if not rules_path(deployment.run_id).is_file():
            explain_run(deployment.run_id, store)
        rules = load_rules(rules_path(deployment.run_id))
        states = own_states(model, scenario, RANGE_EPISODES, RANGE_SEED)
        observations = replay.observations(states, cs)
        ranges = {
            name: [float(low), float(high)]
            for name, low, high in zip(
                FEATURE_NAMES, observations.min(axis=0), observations.max(axis=0), strict=True
            )
        }
    except Exception as error:  # the deployment's failure, stored for the client to see
        store.update_deployment(deployment_id, status=EvaluationStatus.FAILED, error=str(error))
        raise
    return store.complete_deployment(
        deployment_id,
        model_path=str(path),
        ranges=ranges,
        rules=rules.model_dump(mode="json", exclude_none=True),
    )
