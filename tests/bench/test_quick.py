"""``supportgym bench --quick``: every row is produced, with the machine and versions.

Speed is not checked here: the figures belong to the benchmark report, not the tests.
"""

from __future__ import annotations

import json

import pytest

ROWS = {
    "env.single",
    "env.sync16",
    "env.async2",
    "env.native16",
    "env.native256",
    "env.native1024",
    "env.native4096",
    "env.cartpole_single",
    "env.cartpole_native1024",
    "ppo.native",
    "ppo.dummy",
    "ppo.subproc",
    "ppo.env_share",
    "memory.native4096",
    "cold_start",
    "server.rest_step_p50",
    "server.rest_step_p99",
    "server.ws_fan_out",
    "serving.decide_p50",
    "serving.decide_p99",
    "serving.batch_decisions",
    "serving.onnx_predict_1",
    "serving.onnx_predict_1024",
    "playbook.timesteps",
    "playbook.seconds",
}
FULL_MODE_ONLY = {"playbook.timesteps", "playbook.seconds"}


def test_quick_mode_reports_every_row(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default output is relative: benchmarks/results/
    result = invoke("bench", "--quick")
    assert result.exit_code == 0, result.output
    output = tmp_path / "benchmarks" / "results" / "latest-quick.json"
    assert not output.with_name("latest.json").exists()  # the full results stay as they are
    report = json.loads(output.read_text())
    assert report["mode"] == "quick"
    rows = {row["key"]: row for row in report["rows"]}
    assert set(rows) == ROWS
    for key, row in rows.items():
        if key in FULL_MODE_ONLY:
            assert (row["status"], row["value"], row["skipped"]) == ("SKIP", None, "full mode only")
            continue
        assert row["value"] > 0, key
        assert len(row["samples"]) >= 3, key
        assert row["status"] in {"PASS", "MISS", "info"}, key
        if row["reference"] is not None:
            assert row["reference"]["value"] > 0, key
            assert row["ratio"] > 0, key
        assert f"| {row['label']} |" in result.stdout
    machine = report["machine"]
    for field in ("cpu_model", "logical_cores", "memory_gb", "os", "python"):
        assert machine[field], field
    packages = ("numpy", "gymnasium", "torch", "stable-baselines3", "fastapi", "uvicorn")
    for package in (*packages, "supportgym"):
        assert report["versions"][package], package


def test_fewer_than_three_repeats_is_refused(invoke, one_line_error, tmp_path):
    output = tmp_path / "latest.json"
    one_line_error(invoke("bench", "--repeats", "0", "--output", str(output)), "--repeats")
    assert not output.exists()


@pytest.mark.parametrize("where", ["folder", "under_a_file"])
def test_an_unwritable_output_is_refused_before_the_run(invoke, one_line_error, tmp_path, where):
    blocker = tmp_path / "blocker"
    blocker.write_text("keep")
    output = tmp_path if where == "folder" else blocker / "latest.json"
    result = invoke("bench", "--quick", "--output", str(output))
    one_line_error(result, str(output))
    assert "| Figure |" not in result.stdout  # nothing was measured
    assert blocker.read_text() == "keep"
