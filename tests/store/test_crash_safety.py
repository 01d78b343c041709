"""A training process killed with SIGKILL mid-write leaves a readable, consistent database."""

from __future__ import annotations

import signal

from sqlalchemy import text

from supportgym.store import RunStatus, SqlAlchemyStore

TRAINER = """
    import os, socket, sys
    from supportgym.store import MetricPoint, SqlAlchemyStore

    store = SqlAlchemyStore(sys.argv[1])
    run = store.create_run(
        algorithm="ppo", scenario="retail", scenario_version="v", difficulty=0.5,
        seed=0, total_timesteps=10**9,
    )
    store.start_run(run.id, os.getpid(), socket.gethostname())
    print(run.id, flush=True)
    step = 0
    while True:
        values = {"reward/total": float(step), "kpi/csat": 3.0}
        store.add_metrics(run.id, [MetricPoint(run.id, step, step / 10, values)])
        store.update_run(run.id, timesteps_done=step)
        print(step, flush=True)
        step += 1
"""


def test_sigkill_mid_loop_leaves_a_readable_database_and_an_interrupted_run(database_url, child):
    url = database_url
    trainer = child(TRAINER, url)
    run_id = int(trainer.read_line())
    last_reported = -1
    while last_reported < 40:
        last_reported = int(trainer.read_line())
    trainer.process.send_signal(signal.SIGKILL)
    trainer.process.wait(timeout=10)
    assert trainer.process.returncode == -signal.SIGKILL

    with SqlAlchemyStore(url) as store:
        if url.startswith("sqlite"):
            with store.session() as session:
                assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        run = store.get_run(run_id)
        assert run.status is RunStatus.INTERRUPTED
        assert run.pid == trainer.pid
        assert run.finished_at is not None
        steps = [point.step for point in store.get_metrics(run_id)]
        # Every committed step is there, in order, without gaps; the one being
        # written when the signal came is there entirely or not at all.
        assert steps == list(range(len(steps)))
        assert len(steps) - 1 >= last_reported
        assert all(p.values["reward/total"] == p.step for p in store.get_metrics(run_id))
        assert run.timesteps_done in (steps[-1], steps[-1] - 1)
