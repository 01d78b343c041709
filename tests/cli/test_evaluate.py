from __future__ import annotations

from pathlib import Path

from supportgym.evaluation import HELD_OUT_SEED
from supportgym.sim import BUILTIN_SCENARIOS, load_scenario
from supportgym.store import open_store

POLICIES = ("random", "always_close_case", "playbook", "oracle")


def _row(out: str, policy: str) -> list[str]:
    line = next(line for line in out.splitlines() if line.startswith(f"│ {policy} "))
    return [cell.strip() for cell in line.strip("│").split("│")]


def test_evaluate_prints_a_row_per_policy(invoke):
    args = ["evaluate", "--scenario", "retail", "--episodes", "50"]
    result = invoke(*args, *(arg for policy in POLICIES for arg in ("--policy", policy)))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert f"retail v{load_scenario('retail').version}" in out
    assert f"50 episodes from seed {HELD_OUT_SEED}" in out
    rows = {policy: _row(out, policy) for policy in POLICIES}
    assert rows["oracle"][1].startswith("1.00 [")
    assert rows["random"][1].startswith("0.00 [")
    assert rows["always_close_case"][8] == "1.0"  # turns
    assert [len(row) for row in rows.values()] == [11] * len(POLICIES)


def test_evaluate_defaults_to_every_scenario_and_policy(invoke):
    result = invoke("evaluate", "--episodes", "10", "--seed", "0", "--difficulty", "1")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for name in BUILTIN_SCENARIOS:
        assert f"{name} v{load_scenario(name).version}" in out
    assert out.count("│ always_") == 8 * len(BUILTIN_SCENARIOS)
    assert out.count("│ oracle ") == len(BUILTIN_SCENARIOS)
    assert "difficulty 1 " in out


def test_evaluate_records_the_evaluation_with_a_report(invoke) -> None:
    result = invoke("evaluate", "-s", "tech", "-p", "playbook", "-p", "oracle", "--episodes", "40")
    assert result.exit_code == 0, result.output
    with open_store() as store:
        (evaluation,) = store.list_evaluations()
    assert evaluation.name == "evaluate playbook oracle"
    assert evaluation.policies == ["playbook", "oracle"]
    assert Path(evaluation.report_path).is_file()
    assert f"Recorded evaluation {evaluation.id}; report: " in result.stdout


def test_evaluate_without_a_report_leaves_the_data_directory_alone(invoke, data_dir) -> None:
    result = invoke("evaluate", "-s", "tech", "-p", "playbook", "--episodes", "40", "--no-report")
    assert result.exit_code == 0, result.output
    assert "Recorded" not in result.stdout
    assert not data_dir.exists()


def test_bad_input_leaves_the_data_directory_alone(invoke, one_line_error, data_dir) -> None:
    one_line_error(invoke("evaluate", "-p", "oracle", "-p", "nobody"), "unknown policy 'nobody'")
    assert not data_dir.exists()
