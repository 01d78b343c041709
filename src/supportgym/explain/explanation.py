"""``supportgym explain run:N``: a trained run's distilled playbook, stored with the run.

The explanation of run ``N`` holds the tree's rules (also as ``rules.yaml`` in the run's
folder, so that ``tree:run:N`` plays them), its depth and fidelity with a CI, the
normalized scores with CIs of the model, the tree and the playbook on the same held-out
customers, and the permutation importance of every feature for the model's choices and
for the playbook's. It lives as ``explanation.json`` in the run's folder.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from supportgym.data import replay
from supportgym.evaluation.runner import evaluate, resolve_policy
from supportgym.explain.distill import distill, own_states
from supportgym.explain.importance import decision_importance
from supportgym.explain.rules import describe, rules_path, save_rules
from supportgym.policies import make_policy
from supportgym.sim.compile import compile_scenario
from supportgym.sim.library import parse_scenario
from supportgym.store import AbstractStore, run_dir
from supportgym.store.validation import strict_json

EXPLANATION_FILE = "explanation.json"
FAILURE_FILE = "explanation-error.txt"


def read_explanation(run_id: int) -> dict[str, Any] | None:
    """Run ``run_id``'s stored explanation, if it was explained."""
    path = run_dir(run_id) / EXPLANATION_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def read_failure(run_id: int) -> str | None:
    """Why the last explanation of run ``run_id`` failed, if it did."""
    path = run_dir(run_id) / FAILURE_FILE
    return path.read_text(encoding="utf-8") if path.is_file() else None


def record_failure(run_id: int, message: str) -> None:
    """Keep why explaining run ``run_id`` failed (the next success clears it)."""
    run_dir(run_id).mkdir(parents=True, exist_ok=True)
    (run_dir(run_id) / FAILURE_FILE).write_text(message, encoding="utf-8")


def explain_run(
    run_id: int,
    store: AbstractStore,
    episodes: int = 2000,
    evaluation_episodes: int = 2000,
    seed: int = 0,
) -> dict[str, Any]:
    """Distil run ``run_id``'s model, score it, its tree and the playbook; store and return it.

    Raises:
        ValueError: Unknown run, a run without a model, or a scenario the store lacks.
    """
    spec = f"run:{run_id}"
    run = store.get_run(run_id)
    if run is None:
        raise ValueError(f"run {run_id} not found")
    record = store.get_scenario(run.scenario_version)
    if record is None:
        raise ValueError(f"{spec}: scenario {run.scenario} v{run.scenario_version} is not stored")
    scenario = parse_scenario(record.definition, f"{run.scenario} v{run.scenario_version}")
    cs = compile_scenario(scenario)
    model, _ = resolve_policy(spec, cs, store)
    source = f"{spec} ({run.algorithm}) on {scenario.name} v{scenario.version}"
    distilled = distill(model, scenario, episodes, seed, source)
    run_dir(run_id).mkdir(parents=True, exist_ok=True)
    save_rules(distilled.rules, rules_path(run_id))
    scored = evaluate(
        [spec, f"tree:{spec}", "playbook"], [scenario], evaluation_episodes, store=store
    )
    scores = {s.spec: asdict(s.normalized) for s in scored.summaries}
    playbook = make_policy("playbook", cs)
    importance = {}
    for label, policy in (("model", model), ("playbook", playbook)):
        states = own_states(policy, scenario, max(episodes // 2, 1), seed)
        observations = replay.observations(states, cs)
        importance[label] = decision_importance(
            policy, observations, replay.masks(observations, cs), seed
        )
    explanation = {
        "run_id": run_id,
        "algorithm": run.algorithm,
        "scenario": {"name": scenario.name, "version": scenario.version},
        "created_at": datetime.now(UTC).isoformat(),
        "episodes": episodes,
        "seed": seed,
        "states": distilled.states,
        "depth": distilled.depth,
        "fidelity": asdict(distilled.fidelity),
        "fidelity_by_depth": {str(d): f for d, f in distilled.fidelity_by_depth.items()},
        "rules": [
            {
                "text": describe(rule, distilled.rules),
                **rule.model_dump(mode="json", exclude_none=True),
            }
            for rule in distilled.rules.rules
        ],
        "default": distilled.rules.default,
        "scores": {
            "model": scores[spec],
            "tree": scores[f"tree:{spec}"],
            "playbook": scores["playbook"],
        },
        "importance": importance,
    }
    _write(run_dir(run_id) / EXPLANATION_FILE, strict_json(explanation))
    (run_dir(run_id) / FAILURE_FILE).unlink(missing_ok=True)
    return explanation


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        json.dump(data, file, indent=1)
    os.replace(temporary, path)
