"""Deleting a run takes its metrics, transcripts and folder, and nothing outside the data dir."""

from __future__ import annotations

from supportgym.store import MetricPoint, run_dir


def _fill(store, run):
    store.add_metrics(run.id, [MetricPoint(run.id, step, 0.0, {"x": 1.0}) for step in range(3)])
    store.add_transcript(
        scenario="retail", scenario_version="v", seed=0, policy="ppo", turns=[], run_id=run.id
    )


def test_delete_cascades_to_metrics_and_transcripts(store, make_run):
    doomed, kept = make_run(), make_run()
    _fill(store, doomed)
    _fill(store, kept)
    assert store.delete_run(doomed.id) is True
    assert store.get_run(doomed.id) is None
    assert store.get_metrics(doomed.id) == []
    assert store.list_transcripts(run_id=doomed.id) == []
    assert len(store.get_metrics(kept.id)) == 3
    assert len(store.list_transcripts(run_id=kept.id)) == 1
    assert store.delete_run(doomed.id) is False


def test_deleting_a_parent_keeps_the_resumed_run(store, make_run):
    parent = make_run()
    child = make_run(parent_run_id=parent.id)
    store.delete_run(parent.id)
    assert store.get_run(child.id).parent_run_id is None


def test_delete_removes_the_run_folder(store, make_run):
    run = make_run()
    folder = run_dir(run.id)
    (folder / "checkpoints").mkdir(parents=True)
    (folder / "checkpoints" / "model_1000.zip").write_bytes(b"zip")
    other = run_dir(run.id + 1)
    other.mkdir()
    store.delete_run(run.id)
    assert not folder.exists()
    assert other.is_dir()


def test_a_run_folder_linking_outside_the_data_dir_is_left_alone(store, make_run, tmp_path):
    run = make_run()
    outside = tmp_path / "precious"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep")
    run_dir(run.id).parent.mkdir(parents=True)
    run_dir(run.id).symlink_to(outside, target_is_directory=True)
    assert store.delete_run(run.id) is True
    assert (outside / "keep.txt").read_text() == "keep"


def test_a_runs_folder_linking_outside_the_data_dir_is_left_alone(
    store, make_run, data_dir, tmp_path
):
    run = make_run()
    outside = tmp_path / "elsewhere"
    (outside / str(run.id)).mkdir(parents=True)
    (outside / str(run.id) / "model.zip").write_bytes(b"zip")
    (data_dir / "runs").symlink_to(outside, target_is_directory=True)
    store.delete_run(run.id)
    assert (outside / str(run.id) / "model.zip").exists()


def test_links_inside_the_folder_are_removed_not_followed(store, make_run, tmp_path):
    run = make_run()
    outside = tmp_path / "precious.txt"
    outside.write_text("keep")
    run_dir(run.id).mkdir(parents=True)
    (run_dir(run.id) / "link").symlink_to(outside)
    store.delete_run(run.id)
    assert not run_dir(run.id).exists()
    assert outside.read_text() == "keep"


def test_deleting_without_a_folder_is_fine(store, make_run):
    run = make_run()
    assert not run_dir(run.id).exists()
    assert store.delete_run(run.id) is True
