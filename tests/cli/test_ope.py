"""``supportgym ope`` from the command line: tables, the simulator beside them, the record."""

from __future__ import annotations

from supportgym.store import AnalysisKind, open_store


def test_estimates_on_a_file_and_on_a_dataset(invoke, tmp_path):
    path = tmp_path / "logs.parquet"
    sampled = invoke("logs", "sample", "-o", str(path), "--contacts", "300", "--seed", "9")
    assert sampled.exit_code == 0, sampled.output
    result = invoke(
        "ope",
        str(path),
        "-p",
        "playbook",
        "-p",
        "random",
        "--resamples",
        "50",
        "--simulate",
        "retail",
    )
    assert result.exit_code == 0, result.output
    for text in (
        "playbook on 300 logged contacts",
        "random on 300",
        "pdis",
        "wpdis",
        "dr",
        "fqe",
        "simulated in retail",
        "propensities logged",
    ):
        assert text in result.stdout, text
    assert "Recorded analysis" not in result.stdout
    assert invoke("logs", "import", str(path), "--name", "pilot").exit_code == 0
    recorded = invoke("ope", "pilot", "-p", "playbook", "--resamples", "50")
    assert recorded.exit_code == 0, recorded.output
    assert "Recorded analysis 1 of dataset pilot" in recorded.stdout
    with open_store() as store:
        (analysis,) = store.list_analyses()
    assert analysis.kind is AnalysisKind.OPE
    (estimates,) = analysis.results["policies"]
    assert estimates["policy"] == "playbook"
    assert set(estimates["estimates"]) == {"pdis", "wpdis", "dr", "fqe"}


def test_bad_input_is_one_line(invoke, tmp_path, one_line_error):
    path = tmp_path / "logs.jsonl"
    assert invoke("logs", "sample", "-o", str(path), "--contacts", "50").exit_code == 0
    one_line_error(invoke("ope", str(path), "-p", "oracle"), "the oracle reads the hidden")
    one_line_error(invoke("ope", str(path), "-p", "genius"), "unknown policy 'genius'")
    one_line_error(invoke("ope", str(path), "-p", "run:4"), "run 4 not found")
    one_line_error(
        invoke("ope", "nowhere", "-p", "playbook"), "nowhere: no such log file or dataset"
    )
    one_line_error(
        invoke("ope", str(path), "-p", "playbook", "--scenario", "tech"),
        "is not in scenario tech",
    )
