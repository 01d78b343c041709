"""``supportgym runs list|show|delete`` on a store in a temporary data directory."""

from __future__ import annotations

import pytest

from supportgym.cli import runs as runs_command
from supportgym.store import MetricPoint, RunStatus, run_dir


@pytest.fixture
def three_runs(store):
    """Run 1 queued (PPO), run 2 completed with metrics (A2C), run 3 failed (DQN)."""
    made = [
        store.create_run(
            algorithm=algorithm,
            scenario="retail",
            scenario_version="7d5d9380efce",
            difficulty=0.5,
            seed=seed,
            total_timesteps=100_000,
            hyperparameters={"learning_rate": 0.0003, "n_steps": 128},
        )
        for seed, algorithm in enumerate(("ppo", "a2c", "dqn"), start=11)
    ]
    store.start_run(2, 4242, "trainer")
    store.update_run(2, timesteps_done=100_000, model_path=str(run_dir(2) / "model.zip"))
    store.add_metrics(2, [MetricPoint(2, 99_840, 61.5, {"reward/total": 1.25, "kpi/csat": 3.9})])
    store.finish_run(2, RunStatus.COMPLETED)
    store.start_run(3, 4243, "trainer")
    store.finish_run(3, RunStatus.FAILED, error="NaN in the policy loss")
    return made


def _row(output, run_id):
    return next(line for line in output.splitlines() if line.startswith(f"│ {run_id:>2} │"))


def test_list_shows_every_run_newest_first(invoke, three_runs):
    result = invoke("runs", "list")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("│ ")]
    assert [line.split()[1] for line in lines] == ["3", "2", "1"]
    completed = _row(result.stdout, 2).split("│")
    assert [cell.strip() for cell in completed[1:7]] == [
        "2",
        "a2c",
        "retail@7d5d9380efce",
        "12",
        "completed",
        "100,000/100,000 (100%)",
    ]
    assert "0/100,000 (0%)" in _row(result.stdout, 1)


def test_list_filters_by_status_and_limits(invoke, three_runs):
    result = invoke("runs", "list", "--status", "failed")
    assert result.exit_code == 0, result.output
    assert "dqn" in result.stdout
    assert "ppo" not in result.stdout and "a2c" not in result.stdout
    result = invoke("runs", "list", "--limit", "1")
    assert "dqn" in result.stdout and "a2c" not in result.stdout
    assert "1 of 3" in result.stdout


def test_list_without_runs(invoke, store):
    assert invoke("runs", "list").stdout.strip() == "No runs."
    assert invoke("runs", "list", "--status", "running").stdout.strip() == "No running runs."


def test_show_prints_fields_hyperparameters_metrics_and_artefacts(invoke, three_runs):
    result = invoke("runs", "show", "2")
    assert result.exit_code == 0, result.output
    out = result.stdout
    for fragment in (
        "Run 2",
        "a2c",
        "7d5d9380efce",
        "completed",
        "trainer",
        "4242",
        "learning_rate",
        "0.0003",
        "Latest metrics (step 99,840, 61.5 s into the run)",
        "reward/total",
        "1.25",
        "kpi/csat",
        str(run_dir(2) / "model.zip"),
        "(missing)",
    ):
        assert fragment in out, fragment


def test_show_a_failed_run_gives_the_error(invoke, three_runs):
    result = invoke("runs", "show", "3")
    assert result.exit_code == 0, result.output
    assert "NaN in the policy loss" in result.stdout
    assert "Latest metrics: none yet" in result.stdout


def test_delete_with_yes(invoke, store, three_runs):
    run_dir(2).mkdir(parents=True)
    (run_dir(2) / "model.zip").write_bytes(b"zip")
    result = invoke("runs", "delete", "2", "--yes")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "Deleted run 2."
    assert store.get_run(2) is None
    assert store.get_metrics(2) == []
    assert not run_dir(2).exists()


def test_delete_asks_on_a_terminal(invoke, store, three_runs, monkeypatch):
    monkeypatch.setattr(runs_command, "_stdin_is_terminal", lambda: True)
    declined = invoke("runs", "delete", "1", input="n\n")
    assert declined.exit_code == 1
    assert "Delete run 1 (ppo on retail, queued)" in declined.output
    assert store.get_run(1) is not None
    accepted = invoke("runs", "delete", "1", input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert store.get_run(1) is None


def test_delete_without_a_terminal_needs_yes(invoke, one_line_error, store, three_runs):
    result = invoke("runs", "delete", "1", input="y\n")
    one_line_error(result, "run 1 not deleted", "--yes")
    assert store.get_run(1) is not None


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["runs", "show", "42"], ["run 42 not found"]),
        (["runs", "delete", "42", "--yes"], ["run 42 not found"]),
        (["runs", "delete", "42"], ["run 42 not found"]),
        (["runs", "show", "two"], ["ID", "integer"]),
        (["runs", "delete", "1.5", "--yes"], ["ID", "integer"]),
        (["runs", "list", "--status", "paused"], ["--status", "paused"]),
        (["runs", "list", "--limit", "0"], ["--limit", "greater than or equal to 1"]),
    ],
)
def test_bad_input_is_one_line(invoke, one_line_error, store, args, fragments):
    one_line_error(invoke(*args), *fragments)
