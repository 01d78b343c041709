from __future__ import annotations

from supportgym.evaluation import HELD_OUT_SEED
from supportgym.sim import BUILTIN_SCENARIOS, load_scenario

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
