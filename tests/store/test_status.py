"""A run's life cycle: queued → running → final; runs whose process died become interrupted."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from supportgym.store import RunStatus, open_store
from supportgym.store.processes import process_alive, this_host

FINAL = [s for s in RunStatus if s.is_final]


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_start_then_finish(store, make_run):
    run = make_run()
    started = store.start_run(run.id, pid=4321, hostname="trainer-1")
    assert started.status is RunStatus.RUNNING
    assert (started.pid, started.hostname) == (4321, "trainer-1")
    assert started.started_at is not None
    assert started.finished_at is None
    finished = store.finish_run(run.id, RunStatus.COMPLETED)
    assert finished.status is RunStatus.COMPLETED
    assert finished.started_at <= finished.finished_at
    assert store.get_run(run.id) == finished


@pytest.mark.parametrize("status", FINAL)
def test_a_running_run_may_end_in_any_final_status(store, make_run, status):
    run = make_run()
    store.start_run(run.id, os.getpid(), this_host())
    assert store.finish_run(run.id, status, error="why").error == "why"


@pytest.mark.parametrize("status", [RunStatus.CANCELLED, RunStatus.FAILED])
def test_a_queued_run_may_be_cancelled_or_fail(store, make_run, status):
    run = make_run()
    finished = store.finish_run(run.id, status)
    assert finished.status is status
    assert finished.started_at is None
    assert finished.finished_at is not None


@pytest.mark.parametrize("status", [RunStatus.COMPLETED, RunStatus.INTERRUPTED])
def test_a_queued_run_cannot_complete_or_be_interrupted(store, make_run, status):
    run = make_run()
    with pytest.raises(ValueError, match=f"run {run.id} is queued; it cannot become {status}"):
        store.finish_run(run.id, status)


def test_a_completed_run_stays_completed(store, make_run):
    run = make_run()
    store.start_run(run.id, 1, "host")
    store.finish_run(run.id, RunStatus.COMPLETED)
    with pytest.raises(ValueError, match="is completed"):
        store.start_run(run.id, 1, "host")
    with pytest.raises(ValueError, match="is completed"):
        store.finish_run(run.id, RunStatus.FAILED)
    assert store.get_run(run.id).status is RunStatus.COMPLETED


@pytest.mark.parametrize("status", [RunStatus.FAILED, RunStatus.INTERRUPTED, RunStatus.CANCELLED])
def test_a_stopped_run_can_only_be_resumed(store, make_run, status):
    run = make_run()
    first = store.start_run(run.id, 1, "host")
    store.finish_run(run.id, status, error="boom")
    with pytest.raises(ValueError, match=f"is {status}"):
        store.finish_run(run.id, RunStatus.COMPLETED)
    resumed = store.start_run(run.id, 2, "host")
    assert resumed.status is RunStatus.RUNNING
    assert resumed.started_at == first.started_at
    assert resumed.finished_at is None and resumed.error is None
    assert resumed.pid == 2


@pytest.mark.parametrize("status", [RunStatus.FAILED, RunStatus.INTERRUPTED, RunStatus.CANCELLED])
def test_a_stopped_run_can_wait_in_the_queue_to_resume(store, make_run, status):
    run = make_run()
    first = store.start_run(run.id, 1, "host")
    store.finish_run(run.id, status, error="boom")
    queued = store.queue_run(run.id)
    assert queued.status is RunStatus.QUEUED
    assert queued.finished_at is queued.error is queued.pid is None
    assert store.start_run(run.id, 2, "host").started_at == first.started_at


@pytest.mark.parametrize("ended", [None, RunStatus.COMPLETED])
def test_only_a_stopped_run_can_be_queued_again(store, make_run, ended):
    run = make_run()
    store.start_run(run.id, 1, "host")
    if ended is not None:
        store.finish_run(run.id, ended)
    current = ended or RunStatus.RUNNING
    with pytest.raises(ValueError, match=f"is {current}; it cannot become queued"):
        store.queue_run(run.id)
    with pytest.raises(ValueError, match="run 999 not found"):
        store.queue_run(999)


def test_a_run_starts_once(store, make_run):
    run = make_run()
    store.start_run(run.id, 1, "host")
    with pytest.raises(ValueError, match="is running; it cannot become running"):
        store.start_run(run.id, 2, "host")


@pytest.mark.parametrize("status", [RunStatus.QUEUED, RunStatus.RUNNING, "paused"])
def test_finishing_needs_a_final_status(store, make_run, status):
    run = make_run()
    with pytest.raises(ValueError):
        store.finish_run(run.id, status)


def test_status_changes_only_through_start_and_finish(store, make_run):
    run = make_run()
    for field in ("status", "started_at", "finished_at"):
        with pytest.raises(ValueError, match=f"cannot set run field.* {field}: use start_run"):
            store.update_run(run.id, **{field: None})


def test_unknown_runs(store):
    for call in (
        lambda: store.start_run(9, 1, "h"),
        lambda: store.finish_run(9, RunStatus.FAILED),
        lambda: store.update_run(9, timesteps_done=1),
    ):
        with pytest.raises(ValueError, match="run 9 not found"):
            call()
    assert store.get_run(9) is None
    assert store.delete_run(9) is False


def test_opening_marks_runs_of_dead_processes_on_this_host_interrupted(data_dir, make_run, store):
    dead, alive, elsewhere, queued = (make_run() for _ in range(4))
    store.start_run(dead.id, _dead_pid(), this_host())
    store.start_run(alive.id, os.getpid(), this_host())
    store.start_run(elsewhere.id, _dead_pid(), "another-machine")
    with open_store() as reopened:
        after = {run.id: run for run in reopened.list_runs()}
    assert after[dead.id].status is RunStatus.INTERRUPTED
    assert after[dead.id].finished_at is not None
    assert "ended during the run" in after[dead.id].error
    assert after[alive.id].status is RunStatus.RUNNING
    assert after[elsewhere.id].status is RunStatus.RUNNING
    assert after[queued.id].status is RunStatus.QUEUED


def test_mark_interrupted_runs_reports_what_it_marked(store, make_run):
    run = make_run()
    store.start_run(run.id, _dead_pid(), this_host())
    store.update_run(run.id, error="CUDA out of memory")
    [marked] = store.mark_interrupted_runs()
    assert marked.id == run.id
    assert marked.error == "CUDA out of memory"
    assert store.mark_interrupted_runs() == []


def test_process_alive():
    assert process_alive(os.getpid())
    assert process_alive(1)  # init: exists, even where we may not signal it
    assert not process_alive(_dead_pid())


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_an_exited_child_not_yet_reaped_counts_as_gone():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)  # exited, still a zombie
        assert not process_alive(process.pid)
    finally:
        process.wait()
