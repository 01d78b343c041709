"""Several processes or threads on one database: no lock errors, no lost writes, no corruption."""

from __future__ import annotations

import os
import threading

import pytest
from sqlalchemy import text

from supportgym.store import MetricPoint, RunStatus, SqlAlchemyStore

POINTS = 150

WRITER = """
    import sys
    from supportgym.store import MetricPoint, SqlAlchemyStore

    url, name, points = sys.argv[1], sys.argv[2], int(sys.argv[3])
    print("ready", flush=True)
    sys.stdin.readline()  # both start together
    store = SqlAlchemyStore(url)  # the database may not exist yet: both migrate it
    run = store.create_run(
        algorithm=name, scenario="retail", scenario_version="v", difficulty=0.5,
        seed=0, total_timesteps=points,
    )
    for step in range(points):
        store.add_metrics(run.id, [MetricPoint(run.id, step, 0.0, {"step": float(step)})])
        store.update_run(run.id, timesteps_done=step + 1)
    # A step written again: the later write wins.
    store.add_metrics(run.id, [MetricPoint(run.id, 0, 1.0, {"step": -1.0})])
    store.close()
"""


def test_two_processes_write_metrics_to_one_new_database(database_url, child):
    url = database_url
    writers = [child(WRITER, url, name, str(POINTS)) for name in ("ppo", "a2c")]
    for writer in writers:
        assert writer.read_line() == "ready"
    for writer in writers:
        writer.send("go")
    for writer in writers:
        writer.finish(timeout=60)

    with SqlAlchemyStore(url) as store:
        if url.startswith("sqlite"):
            with store.session() as session:
                assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        runs = store.list_runs()
        assert sorted(run.algorithm for run in runs) == ["a2c", "ppo"]
        for run in runs:
            assert run.timesteps_done == POINTS
            points = store.get_metrics(run.id)
            assert [p.step for p in points] == list(range(POINTS))
            assert points[0].values == {"step": -1.0}
            assert [p.values["step"] for p in points[1:]] == list(range(1, POINTS))


def test_reading_while_another_process_writes(database_url, child):
    url = database_url
    with SqlAlchemyStore(url) as store:
        writer = child(WRITER, url, "ppo", str(POINTS))
        assert writer.read_line() == "ready"
        writer.send("go")
        errors: list[BaseException] = []
        reads = 0

        def read_until_done() -> None:
            nonlocal reads
            try:
                while writer.process.poll() is None:
                    for run in store.list_runs():
                        steps = [p.step for p in store.get_metrics(run.id)]
                        assert steps == sorted(set(steps))
                    reads += 1
            except BaseException as error:  # reported by the assertion below
                errors.append(error)

        reader = threading.Thread(target=read_until_done)
        reader.start()
        writer.finish(timeout=60)
        reader.join(timeout=60)
        assert errors == []
        assert reads > 0
        [run] = store.list_runs()
        assert len(store.get_metrics(run.id)) == POINTS
        store.add_metrics(run.id, [MetricPoint(run.id, POINTS, 0.0, {})])


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_a_forked_child_opens_its_own_connections(store, make_run):
    run = make_run()
    assert store.engine.pool.checkedin() >= 1  # the parent's pooled connection
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, write through the inherited store, leave at once
        try:
            fresh = store.engine.pool.checkedin() == 0
            store.add_metrics(run.id, [MetricPoint(run.id, 1, 0.0, {"x": 1.0})])
            os.write(write_end, b"fresh" if fresh else b"inherited")
        finally:
            os._exit(0)
    os.close(write_end)
    os.waitpid(pid, 0)
    assert os.read(read_end, 16) == b"fresh"
    os.close(read_end)
    assert [p.step for p in store.get_metrics(run.id)] == [1]


def test_of_racing_transitions_exactly_one_wins(database_url, make_run, store):
    # Eight resumes of one interrupted run at once, each through its own store (as
    # several server workers would): one may queue it, the others must see it queued.
    run = make_run()
    store.start_run(run.id, os.getpid(), "trainer")
    store.finish_run(run.id, RunStatus.INTERRUPTED)
    stores = [SqlAlchemyStore(database_url) for _ in range(8)]
    barrier = threading.Barrier(len(stores))
    outcomes: list[str] = []

    def resume(own: SqlAlchemyStore) -> None:
        barrier.wait()
        try:
            own.queue_run(run.id)
            outcomes.append("queued")
        except ValueError as error:
            outcomes.append(str(error))

    threads = [threading.Thread(target=resume, args=(own,)) for own in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for own in stores:
        own.close()
    assert outcomes.count("queued") == 1, outcomes
    assert store.get_run(run.id).status is RunStatus.QUEUED
