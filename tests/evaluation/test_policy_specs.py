"""Policy specs: built-in names, ``run:<id>`` and model files, and one-line errors for bad ones."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from supportgym.evaluation import evaluate, resolve_policy
from supportgym.policies import PlaybookPolicy
from supportgym.sim import CompiledScenario
from supportgym.store import RunStatus


@pytest.fixture
def retail(compiled: dict[str, CompiledScenario]) -> CompiledScenario:
    return compiled["retail"]


def test_built_in_names_resolve_to_their_policies(retail: CompiledScenario) -> None:
    policy, label = resolve_policy("playbook", retail)
    assert isinstance(policy, PlaybookPolicy)
    assert label == "playbook"


def test_an_unknown_name_lists_what_is_accepted(retail: CompiledScenario) -> None:
    with pytest.raises(ValueError, match="unknown policy 'ppo'") as error:
        resolve_policy("ppo", retail)
    message = str(error.value)
    assert "\n" not in message
    assert "playbook" in message and "run:<id>" in message and ".zip" in message


def test_a_trained_model_file_is_evaluated_by_path(trained_model: Path) -> None:
    result = evaluate([str(trained_model), "random"], ["retail"], 300)
    model = result.summaries[0]
    assert model.policy == str(trained_model)
    assert model.run is None
    assert model.normalized.low > 0.0  # 2,048 timesteps already beat random


def test_the_algorithm_can_be_named_after_the_path(trained_model: Path, tmp_path: Path) -> None:
    bare = tmp_path / "bare.zip"
    shutil.copy(trained_model, bare)  # no bare.algorithm beside it
    with pytest.raises(ValueError, match="cannot tell which algorithm"):
        evaluate([str(bare)], ["retail"], 20)
    by_name = evaluate([f"{bare}@ppo"], ["retail"], 100).summaries[0]
    by_sidecar = evaluate([str(trained_model)], ["retail"], 100).summaries[0]
    assert by_name.normalized == by_sidecar.normalized
    with pytest.raises(ValueError, match="unknown algorithm 'sac'"):
        evaluate([f"{bare}@sac"], ["retail"], 20)


def test_missing_and_corrupt_model_files(tmp_path: Path, retail: CompiledScenario) -> None:
    with pytest.raises(ValueError, match=r"missing\.zip: model file not found"):
        resolve_policy(str(tmp_path / "missing.zip"), retail)
    corrupt = tmp_path / "corrupt.zip"
    corrupt.write_bytes(b"not a zip archive")
    with pytest.raises(ValueError, match="not a readable ppo model"):
        resolve_policy(f"{corrupt}@ppo", retail)


def test_a_completed_run_is_evaluated_like_its_model_file(
    store, completed_run, trained_model: Path
) -> None:
    run = completed_run(trained_model)
    result = evaluate([f"run:{run.id}", str(trained_model)], ["retail"], 200, store=store)
    by_run, by_path = result.summaries
    assert by_run.policy == f"run:{run.id}"
    assert by_run.run is not None and by_run.run.run_id == run.id
    assert by_run.run.algorithm == "ppo" and by_run.run.scenario == "retail"
    assert by_run.normalized == by_path.normalized
    assert by_run.kpis == by_path.kpis


def test_run_spec_errors(store, completed_run, retail: CompiledScenario, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="run 42 not found"):
        resolve_policy("run:42", retail, store)
    with pytest.raises(ValueError, match="run:x: a stored run is named run:<id>"):
        resolve_policy("run:x", retail, store)
    with pytest.raises(ValueError, match="no run store"):
        resolve_policy("run:1", retail)
    without_model = completed_run(None)
    with pytest.raises(ValueError, match=f"run {without_model.id} has no saved model"):
        resolve_policy(f"run:{without_model.id}", retail, store)
    gone = completed_run(tmp_path / "deleted" / "model.zip")
    with pytest.raises(ValueError, match="model file not found"):
        resolve_policy(f"run:{gone.id}", retail, store)


def test_only_completed_runs_are_evaluated(store, retail: CompiledScenario) -> None:
    run = store.create_run(
        algorithm="ppo",
        scenario="retail",
        scenario_version=retail.version,
        difficulty=0.5,
        seed=0,
        total_timesteps=100,
    )
    with pytest.raises(ValueError, match=f"run {run.id} is queued; only completed runs"):
        resolve_policy(f"run:{run.id}", retail, store)
    store.finish_run(run.id, RunStatus.CANCELLED)
    with pytest.raises(ValueError, match="is cancelled"):
        evaluate([f"run:{run.id}"], ["retail"], 10, store=store)
