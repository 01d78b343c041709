"""``supportgym explain``: a run's distilled playbook, scores and importances, stored with it."""

from __future__ import annotations

import json

from supportgym.evaluation import evaluate
from supportgym.explain.explanation import explain_run, read_explanation
from supportgym.explain.rules import load_rules, rules_path
from supportgym.sim import FEATURE_NAMES


def test_a_run_is_explained_and_its_tree_plays(store, trained_run):
    found = explain_run(trained_run.id, store, episodes=400, evaluation_episodes=300)
    assert read_explanation(trained_run.id) == json.loads(json.dumps(found))
    assert 0.5 < found["fidelity"]["value"] <= 1.0
    assert found["fidelity"]["low"] <= found["fidelity"]["value"] <= found["fidelity"]["high"]
    assert found["depth"] in (3, 4, 5, 6)
    assert all(rule["text"].startswith(("when ", "always ")) for rule in found["rules"])
    rules = load_rules(rules_path(trained_run.id))
    assert [r.action for r in rules.rules] == [r["action"] for r in found["rules"]]
    assert set(found["scores"]) == {"model", "tree", "playbook"}
    model, playbook = found["importance"]["model"], found["importance"]["playbook"]
    assert set(model) == set(playbook) == set(FEATURE_NAMES)
    # The playbook never reads the beliefs, and always reads the mood and the clarifications.
    assert playbook["belief_technical"]["mean"] == playbook["belief_escalation"]["mean"] == 0
    assert playbook["sentiment"]["mean"] > 0.05 and playbook["clarifications"]["mean"] > 0.05
    result = evaluate([f"tree:run:{trained_run.id}"], ["retail", "bfsi"], 100, store=store)
    assert len(result.summaries) == 2


def test_explain_from_the_command_line(invoke, trained_run, tmp_path, one_line_error):
    out = tmp_path / "playbook.yaml"
    result = invoke(
        "explain",
        f"run:{trained_run.id}",
        "--episodes",
        "300",
        "--evaluation-episodes",
        "200",
        "--rules-out",
        str(out),
    )
    assert result.exit_code == 0, result.output
    assert "a depth-" in result.stdout and "agrees with the model on" in result.stdout
    assert "Permutation importance" in result.stdout and "otherwise →" in result.stdout
    assert load_rules(out) == load_rules(rules_path(trained_run.id))
    evaluated = invoke(
        "evaluate", "-p", f"rules:{out}", "-s", "tech", "--episodes", "50", "--no-report"
    )
    assert evaluated.exit_code == 0, evaluated.output
    one_line_error(invoke("explain", "7"), "name a stored run as run:<id>")
    one_line_error(invoke("explain", "run:99"), "run 99 not found")
    one_line_error(invoke("evaluate", "-p", "tree:run:99", "--no-report"), "run 99 not found")
