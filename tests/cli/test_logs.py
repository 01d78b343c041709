"""``supportgym logs``: validate, import, list, show, delete and sample from the command line."""

from __future__ import annotations

import json

from supportgym.data import read_logs
from supportgym.store import dataset_dir, open_store


def _sample(invoke, path, *args):
    result = invoke("logs", "sample", "-o", str(path), "--contacts", "200", "--seed", "4", *args)
    assert result.exit_code == 0, result.output
    return result


def test_sample_validate_import_list_show_delete(invoke, tmp_path):
    path = tmp_path / "logs.csv"
    written = _sample(invoke, path, "--scenario", "tech", "--epsilon", "0.3")
    assert "200 contacts" in written.stdout and "with propensities" in written.stdout
    checked = invoke("logs", "validate", str(path))
    assert checked.exit_code == 0, checked.output
    assert f"{path}: valid, 200 contacts" in checked.stdout
    assert "features.belief_technical" in checked.stdout
    imported = invoke("logs", "import", str(path), "--name", "tech-week-1")
    assert imported.exit_code == 0, imported.output
    assert "Imported dataset 1 tech-week-1: 200 contacts" in imported.stdout
    with open_store() as store:
        dataset = store.find_dataset("tech-week-1")
    assert dataset.source == "logs.csv" and dataset.industries == ["tech"]
    assert read_logs(dataset.path).n_turns == dataset.rows
    listed = invoke("logs", "list")
    assert "tech-week-1" in listed.stdout and dataset.content_hash[:12] in listed.stdout
    shown = invoke("logs", "show", "tech-week-1")
    assert shown.exit_code == 0 and "inquiry_type" in shown.stdout
    assert invoke("logs", "import", str(path), "--name", "same-file").exit_code == 0
    assert invoke("logs", "delete", "tech-week-1").exit_code == 0
    assert read_logs(dataset.path).n_turns == dataset.rows  # the other dataset keeps the file
    assert invoke("logs", "delete", "same-file").exit_code == 0
    assert "No datasets" in invoke("logs", "list").stdout
    assert not list(dataset_dir().iterdir())


def test_a_bad_file_is_not_imported(invoke, tmp_path, one_line_error):
    path = tmp_path / "logs.jsonl"
    _sample(invoke, path)
    lines = path.read_text().splitlines()
    record = json.loads(lines[5])
    record["tier"] = "gold"
    lines[5] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n")
    result = invoke("logs", "import", str(path), "--name", "bad")
    one_line_error(result, str(path), "line 6", "tier")
    with open_store() as store:
        assert store.list_datasets() == []
    assert not dataset_dir().exists() or not any(dataset_dir().iterdir())
    one_line_error(invoke("logs", "validate", str(path)), "line 6: tier")


def test_names_are_checked_and_never_replaced(invoke, tmp_path, one_line_error):
    path = tmp_path / "logs.jsonl.gz"
    _sample(invoke, path, "--features", "none")
    assert invoke("logs", "import", str(path), "--name", "week").exit_code == 0
    one_line_error(invoke("logs", "import", str(path), "--name", "week"), "week exists already")
    one_line_error(invoke("logs", "import", str(path), "--name", "../x"), "dataset name '../x'")
    with open_store() as store:
        assert [d.name for d in store.list_datasets()] == ["week"]
    assert len(list(dataset_dir().iterdir())) == 1
    one_line_error(invoke("logs", "show", "nothing"), "dataset nothing not found")


def test_bad_sample_options_are_one_line(invoke, tmp_path, one_line_error):
    out = str(tmp_path / "x.jsonl")
    one_line_error(invoke("logs", "sample", "-o", out, "--features", "mood"), "unknown feature")
    one_line_error(invoke("logs", "sample", "-o", out, "--policy", "nobody"), "unknown policy")
    one_line_error(invoke("logs", "sample", "-o", str(tmp_path / "x.txt")), "unknown log format")
    one_line_error(
        invoke("logs", "sample", "-o", str(tmp_path / "no" / "x.csv")), "cannot write the logs"
    )
    one_line_error(invoke("logs", "validate", str(tmp_path / "none.csv")), "cannot read the file")
