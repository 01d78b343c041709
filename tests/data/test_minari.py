"""Minari datasets from the simulator and from logs, read back with ``minari.load_dataset``."""

from __future__ import annotations

import minari
import numpy as np
import pytest

from supportgym.data import replay
from supportgym.data.minari_export import export_dataset
from supportgym.sim import compile_scenario, load_scenario


@pytest.fixture
def minari_path(tmp_path, monkeypatch):
    path = tmp_path / "minari"
    monkeypatch.setenv("MINARI_DATASETS_PATH", str(path))
    return path


def test_logs_become_episodes_with_masks_and_the_scenario_version(retail_logs, minari_path):
    cs = compile_scenario(load_scenario("retail"))
    logs = retail_logs.select(np.arange(40))
    export_dataset(logs, cs, "supportgym/pilot-v0", {"logs": "pilot"})
    dataset = minari.load_dataset("supportgym/pilot-v0")
    replayed = replay.observations(logs, cs)
    assert dataset.total_episodes == 40
    assert dataset.total_steps == logs.n_turns
    assert dataset.storage.metadata["supportgym_scenario_version"] == cs.version
    assert dataset.env_spec.id == "SupportGym/Retail-v0"
    for k, episode in enumerate(dataset.iterate_episodes()):
        rows = slice(logs.starts[k], logs.starts[k + 1])
        length = logs.starts[k + 1] - logs.starts[k]
        assert episode.observations.shape == (length + 1, 17)
        np.testing.assert_array_equal(episode.actions, logs.action[rows])
        np.testing.assert_allclose(episode.rewards, logs.reward[rows], rtol=1e-6)
        np.testing.assert_array_equal(episode.observations[:-1], replayed[rows])
        assert episode.terminations[-1] and not episode.terminations[:-1].any()
        assert not episode.truncations.any()
        assert episode.infos["action_mask"].shape == (length + 1, 8)


def test_the_command_exports_played_episodes_and_logs(
    invoke, tmp_path, minari_path, one_line_error
):
    played = invoke(
        "dataset",
        "export",
        "--policy",
        "playbook",
        "--scenario",
        "tech",
        "--episodes",
        "30",
        "--epsilon",
        "0.1",
    )
    assert played.exit_code == 0, played.output
    assert "supportgym/tech-playbook-v0: 30 episodes" in played.stdout
    dataset = minari.load_dataset("supportgym/tech-playbook-v0")
    assert dataset.storage.metadata["supportgym_source"]["epsilon"] == 0.1
    path = tmp_path / "week.jsonl"
    assert invoke("logs", "sample", "-o", str(path), "--contacts", "20").exit_code == 0
    exported = invoke("dataset", "export", "--logs", str(path), "--id", "team/week-v1")
    assert exported.exit_code == 0, exported.output
    assert minari.load_dataset("team/week-v1").total_episodes == 20
    one_line_error(
        invoke("dataset", "export", "--logs", str(path), "--id", "team/week-v1"),
        "Minari dataset team/week-v1",
    )
    one_line_error(invoke("dataset", "export"), "name either --policy")
    one_line_error(
        invoke("dataset", "export", "--policy", "oracle", "--logs", str(path)),
        "name either --policy",
    )
