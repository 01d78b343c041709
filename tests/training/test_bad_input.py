"""Bad input to ``train`` (and bad models to ``evaluate``): one error line, nothing recorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportgym.store import open_store
from supportgym.store.config import DATABASE_FILE

from .conftest import TINY_PPO


def _nothing_recorded(data_dir: Path) -> None:
    assert not (data_dir / "runs").exists()
    assert not (data_dir / "reports").exists()
    if (data_dir / DATABASE_FILE).exists():  # opening the store to look a run up creates it
        with open_store() as store:
            assert store.count_runs() == 0
            assert store.list_evaluations() == []


@pytest.mark.parametrize(
    ("options", "fragments"),
    [
        (["--algo", "sac"], ["unknown algorithm 'sac'", "maskable_ppo"]),
        (["--scenario", "nowhere"], ["unknown scenario 'nowhere'"]),
        (["--timesteps", "0"], ["--timesteps", "greater than or equal to 1"]),
        (["--timesteps", "-5"], ["--timesteps", "greater than or equal to 1"]),
        (["--n-envs", "0"], ["--n-envs", "greater than or equal to 1"]),
        (["--algo", "dqn", "--hp", "n_epochs=3"], ["dqn has no hyperparameter n_epochs"]),
        (["--hp", "nonsense"], ["key=value", "'nonsense'"]),
        (["--resume", "999"], ["run 999 not found"]),
    ],
)
def test_train_rejects_bad_input(invoke, one_line_error, data_dir: Path, options, fragments):
    args = ["train", "-s", "retail", "--timesteps", "256", "--n-envs", "4", *TINY_PPO, *options]
    one_line_error(invoke(*args), *fragments)
    _nothing_recorded(data_dir)


def test_evaluate_rejects_a_missing_model(invoke, one_line_error, data_dir, tmp_path) -> None:
    result = invoke("evaluate", "--policy", str(tmp_path / "missing.zip"))
    one_line_error(result, "missing.zip: model file not found")
    _nothing_recorded(data_dir)


def test_evaluate_rejects_a_file_that_is_no_model(invoke, one_line_error, data_dir, tmp_path):
    garbage = tmp_path / "x.zip"
    garbage.write_bytes(bytes(range(256)) * 8)
    garbage.with_suffix(".algorithm").write_text("ppo")
    result = invoke("evaluate", "--policy", str(garbage), "-s", "retail", "--episodes", "5")
    one_line_error(result, "x.zip: not a readable ppo model")
    _nothing_recorded(data_dir)


def test_evaluate_rejects_a_cut_off_model(invoke, one_line_error, data_dir, model_file) -> None:
    whole = model_file.read_bytes()
    model_file.write_bytes(whole[: len(whole) // 2])
    result = invoke("evaluate", "--policy", str(model_file), "-s", "retail", "--episodes", "5")
    one_line_error(result, "model.zip: not a readable ppo model")
    _nothing_recorded(data_dir)
