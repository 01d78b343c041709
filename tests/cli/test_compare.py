"""``supportgym compare``: tables with ROI and seed aggregates, a stored evaluation and report."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from supportgym.evaluation import HELD_OUT_SEED
from supportgym.sim import load_scenario
from supportgym.store import RunStatus, open_store

BUILT_IN = ("playbook", "oracle", "random", "always_close_case")


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Untrained but real PPO models of seeds 0, 1, 2, each with its ``.algorithm`` file."""
    from stable_baselines3 import PPO

    from supportgym.training.sb3_vec_env import SupportSB3VecEnv

    folder = tmp_path_factory.mktemp("models")
    paths = {}
    for seed in (0, 1, 2):
        model = PPO("MlpPolicy", SupportSB3VecEnv(2, "retail"), n_steps=64, seed=seed)
        paths[seed] = folder / f"seed{seed}.zip"
        model.save(paths[seed])
        paths[seed].with_suffix(".algorithm").write_text("ppo")
    return paths


def completed_runs(models: dict[int, Path]) -> list[int]:
    retail = load_scenario("retail")
    with open_store() as store:
        ids = []
        for seed, path in models.items():
            run = store.create_run(
                algorithm="ppo",
                scenario="retail",
                scenario_version=retail.version,
                difficulty=retail.difficulty,
                seed=seed,
                total_timesteps=128,
            )
            store.start_run(run.id, pid=os.getpid(), hostname=socket.gethostname())
            store.update_run(run.id, model_path=str(path))
            ids.append(store.finish_run(run.id, RunStatus.COMPLETED).id)
        return ids


def row(out: str, label: str) -> list[str]:
    line = next(line for line in out.splitlines() if line.startswith(f"│ {label} "))
    return [cell.strip() for cell in line.strip("│").split("│")]


def stored_evaluations() -> list:
    with open_store() as store:
        return store.list_evaluations()


def test_compare_built_ins_prints_roi_and_records_the_evaluation(invoke) -> None:
    result = invoke("compare", *BUILT_IN, "--scenario", "retail", "--episodes", "100")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert (
        f"retail v{load_scenario('retail').version} · 100 episodes from seed {HELD_OUT_SEED}" in out
    )
    rows = {label: row(out, label) for label in BUILT_IN}
    assert [len(cells) for cells in rows.values()] == [12] * len(BUILT_IN)
    assert rows["oracle"][1].startswith("1.00 [")
    assert rows["random"][1].startswith("0.00 [")
    assert rows["playbook"][11] == "reference"
    assert rows["oracle"][11].startswith("+")  # the oracle earns more than the playbook
    assert rows["random"][11].startswith("-")
    (evaluation,) = stored_evaluations()
    assert evaluation.policies == list(BUILT_IN)
    assert evaluation.scenario_versions == {"retail": load_scenario("retail").version}
    assert evaluation.episodes == 100
    assert evaluation.results["summaries"][1]["policy"] == "oracle"
    report = Path(evaluation.report_path)
    assert report.name == "report.md" and report.parent.name == str(evaluation.id)
    assert (report.parent / "normalized_scores.png").stat().st_size > 0
    assert f"Recorded evaluation {evaluation.id}" in out


def test_compare_into_a_chosen_folder_or_without_a_report(invoke, tmp_path: Path, data_dir) -> None:
    folder = tmp_path / "my report"
    result = invoke(
        "compare", "playbook", "-s", "tech", "--episodes", "30", "--report-dir", str(folder)
    )
    assert result.exit_code == 0, result.output
    assert {p.name for p in folder.iterdir()} == {
        "report.md",
        "normalized_scores.png",
        "kpis_tech.png",
    }
    assert stored_evaluations()[0].report_path == str(folder / "report.md")
    assert not (data_dir / "reports").exists()
    quiet = invoke("compare", "oracle", "-s", "tech", "--episodes", "30", "--no-report")
    assert quiet.exit_code == 0, quiet.output
    assert "Recorded" not in quiet.stdout
    assert len(stored_evaluations()) == 1


def test_compare_runs_of_several_seeds_adds_iqm_and_probability_of_improvement(
    invoke, models
) -> None:
    ids = completed_runs(models)
    specs = [f"run:{i}" for i in ids]
    result = invoke("compare", *specs, "playbook", "-s", "retail", "--episodes", "60")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Across training seeds on retail" in out
    line = next(line for line in out.splitlines() if "ppo on retail × 3 seeds" in line)
    assert ", ".join(specs) in line and "0, 1, 2" in line
    (evaluation,) = stored_evaluations()
    assert evaluation.results["groups"][0]["seeds"] == [0, 1, 2]


def test_compare_a_model_file_by_path(invoke, models, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(models[0].parent)
    spec = f"{models[0].name}@ppo"
    result = invoke("compare", spec, "-s", "retail", "--episodes", "30", "--no-report")
    assert result.exit_code == 0, result.output
    assert f"│ {spec} " in result.stdout


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["ppo"], ["unknown policy 'ppo'", "run:<id>", ".zip"]),
        (["run:99"], ["run 99 not found"]),
        (["nowhere/model.zip"], ["model.zip: model file not found"]),
        (["playbook", "--scenario", "atlantis"], ["unknown scenario 'atlantis'"]),
        (["playbook", "--episodes", "0"], ["--episodes"]),
        (["playbook", "--no-report", "--report-dir", "x"], ["either --report-dir or --no-report"]),
    ],
)
def test_bad_input_is_one_line_and_nothing_is_recorded(invoke, one_line_error, args, fragments):
    result = invoke("compare", *args)
    one_line_error(result, *fragments)
    assert stored_evaluations() == []


def test_a_report_dir_that_is_a_file_is_refused(invoke, one_line_error, tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("")
    result = invoke("compare", "playbook", "--episodes", "5", "--report-dir", str(blocker))
    one_line_error(result, "taken")
    assert stored_evaluations() == []
