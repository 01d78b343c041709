"""``supportgym transfer``: the 3×3 matrix printed, stored and reported; runs reused."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportgym.sim import load_scenario
from supportgym.store import Run, open_store

ARGS = ("transfer", "--algo", "ppo", "--timesteps", "256", "--n-envs", "2", "--episodes", "40")


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An untrained but real PPO model."""
    from stable_baselines3 import PPO

    from supportgym.training.sb3_vec_env import SupportSB3VecEnv

    path = tmp_path_factory.mktemp("model") / "model.zip"
    PPO("MlpPolicy", SupportSB3VecEnv(2, "retail"), n_steps=64, seed=0).save(path)
    return path


@pytest.fixture
def trained(model: Path, fake_trainer, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace training by a stand-in that stores a completed run with a copy of ``model``.

    The list of the industries trained on, in order.
    """
    import supportgym.training.train

    trainer = fake_trainer({0: model})
    industries: list[str] = []

    def train(config, store, on_progress=None) -> Run:
        industries.append(config.scenario)
        return trainer(config, store, on_progress)

    monkeypatch.setattr(supportgym.training.train, "train", train)
    return industries


def matrix_rows(out: str) -> list[list[str]]:
    lines = [line for line in out.splitlines() if line.startswith("│ ") and "(run " in line]
    return [[cell.strip() for cell in line.strip("│").split("│")] for line in lines]


def test_transfer_prints_the_matrix_and_records_it(invoke, trained: list[str]) -> None:
    result = invoke(*ARGS)
    assert result.exit_code == 0, result.output
    assert trained == ["bfsi", "retail", "tech"]
    rows = matrix_rows(result.stdout)
    assert [row[0] for row in rows] == ["bfsi (run 1)", "retail (run 2)", "tech (run 3)"]
    assert all(len(row) == 4 and all(" [" in cell for cell in row[1:]) for row in rows)
    assert f"retail v{load_scenario('retail').version}" in result.stdout
    with open_store() as store:
        (evaluation,) = store.list_evaluations()
    assert evaluation.policies == ["run:1", "run:2", "run:3"]
    assert evaluation.results["kind"] == "transfer"
    assert len(evaluation.results["scores"]) == 3
    report = Path(evaluation.report_path)
    assert (report.parent / "transfer_matrix.png").read_bytes()[:4] == b"\x89PNG"
    assert "supportgym transfer --algo ppo --timesteps 256" in report.read_text(encoding="utf-8")


def test_transfer_reuses_runs_of_the_same_configuration(invoke, trained: list[str]) -> None:
    assert invoke(*ARGS, "--no-report").exit_code == 0
    again = invoke(*ARGS, "--no-report")
    assert again.exit_code == 0, again.output
    assert len(trained) == 3
    assert "tech: reusing run 3" in again.stderr
    rows = matrix_rows(again.stdout)
    assert [row[0] for row in rows] == [
        "bfsi (run 1, reused)",
        "retail (run 2, reused)",
        "tech (run 3, reused)",
    ]
    with open_store() as store:
        assert store.count_runs() == 3
        assert store.list_evaluations() == []


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--algo", "sac"], ["unknown algorithm 'sac'"]),
        (["--algo", "ppo", "--seed", "1000000000"], ["--seed"]),
        (["--algo", "ppo", "--timesteps", "0"], ["--timesteps"]),
        (["--algo", "ppo", "--no-report", "--report-dir", "x"], ["either --report-dir"]),
    ],
)
def test_bad_input_is_one_line_and_touches_no_store(
    invoke,
    one_line_error,
    trained: list[str],
    data_dir: Path,
    args: list[str],
    fragments: list[str],
) -> None:
    one_line_error(invoke("transfer", *args), *fragments)
    assert trained == []
    assert not data_dir.exists()
