"""Metric points: one per (run, step), the later write winning, read back in step order."""

from __future__ import annotations

import math

import pytest

from supportgym.store import MetricPoint


def _points(run_id, steps, scale=1.0):
    return [
        MetricPoint(run_id, step, step / 100, {"reward/total": step * scale, "kpi/csat": 3.5})
        for step in steps
    ]


def test_points_come_back_in_step_order(store, make_run):
    run = make_run()
    store.add_metrics(run.id, _points(run.id, [300, 100, 200]))
    store.add_metrics(run.id, _points(run.id, [50]))
    assert [p.step for p in store.get_metrics(run.id)] == [50, 100, 200, 300]
    assert store.get_metrics(run.id)[1] == _points(run.id, [100])[0]


def test_after_step_returns_only_newer_points(store, make_run):
    run = make_run()
    store.add_metrics(run.id, _points(run.id, range(0, 1000, 100)))
    assert [p.step for p in store.get_metrics(run.id, after_step=700)] == [800, 900]
    assert store.get_metrics(run.id, after_step=900) == []
    assert len(store.get_metrics(run.id, after_step=-1)) == 10


def test_writing_a_step_again_replaces_it(store, make_run):
    run = make_run()
    store.add_metrics(run.id, _points(run.id, [1, 2, 3]))
    store.add_metrics(run.id, _points(run.id, [2, 3, 4], scale=10.0))
    store.add_metrics(run.id, _points(run.id, [2, 3, 4], scale=10.0))
    points = store.get_metrics(run.id)
    assert [p.step for p in points] == [1, 2, 3, 4]
    assert [p.values["reward/total"] for p in points] == [1.0, 20.0, 30.0, 40.0]


def test_within_one_batch_the_last_point_of_a_step_wins(store, make_run):
    run = make_run()
    store.add_metrics(
        run.id, [MetricPoint(run.id, 5, 1.0, {"a": 1.0}), MetricPoint(run.id, 5, 2.0, {"b": 2.0})]
    )
    assert store.get_metrics(run.id) == [MetricPoint(run.id, 5, 2.0, {"b": 2.0})]


def test_a_large_batch_is_merged_in_chunks(store, make_run):
    run = make_run()
    store.add_metrics(run.id, _points(run.id, range(0, 2400, 2)))
    store.add_metrics(run.id, _points(run.id, range(0, 2400, 3), scale=-1.0))
    points = store.get_metrics(run.id)
    assert len(points) == len(set(range(0, 2400, 2)) | set(range(0, 2400, 3)))
    assert all((p.values["reward/total"] < 0) == (p.step % 3 == 0 and p.step > 0) for p in points)


def test_metrics_are_per_run(store, make_run):
    first, second = make_run(), make_run()
    store.add_metrics(first.id, _points(first.id, [1, 2]))
    store.add_metrics(second.id, _points(second.id, [2]))
    assert [p.step for p in store.get_metrics(first.id)] == [1, 2]
    assert [p.run_id for p in store.get_metrics(second.id)] == [second.id]


def test_non_finite_values_survive(store, make_run):
    run = make_run()
    values = {"loss": math.nan, "ratio": math.inf, "log_prob": -math.inf, "ok": 1.5}
    store.add_metrics(run.id, [MetricPoint(run.id, 0, 0.0, values)])
    stored = store.get_metrics(run.id)[0].values
    assert math.isnan(stored["loss"])
    assert stored["ratio"] == math.inf
    assert stored["log_prob"] == -math.inf
    assert stored["ok"] == 1.5


def test_last_metrics(store, make_run):
    run = make_run()
    assert store.get_last_metrics(run.id) is None
    store.add_metrics(run.id, _points(run.id, [10, 30, 20]))
    assert store.get_last_metrics(run.id) == _points(run.id, [30])[0]


def test_nothing_to_add_is_fine(store, make_run):
    run = make_run()
    store.add_metrics(run.id, [])
    assert store.get_metrics(run.id) == []


@pytest.mark.parametrize(
    ("point", "message"),
    [
        (MetricPoint(1, -1, 0.0, {}), "step must be at least 0"),
        (MetricPoint(1, 1.5, 0.0, {}), "step must be an integer"),  # type: ignore[arg-type]
        (MetricPoint(1, 0, math.nan, {}), "wall_time must be finite"),
        (MetricPoint(1, 0, 0.0, {"x": "high"}), "values['x'] must be a number"),  # type: ignore[dict-item]
        (MetricPoint(1, 0, 0.0, {"": 1.0}), "values key must be a non-empty string"),
        (MetricPoint(2, 0, 0.0, {}), "a metric point of run 2 given for run 1"),
    ],
)
def test_bad_points_are_refused_whole(store, make_run, point, message):
    run = make_run()
    assert run.id == 1
    with pytest.raises(ValueError, match=message.replace("[", r"\[")):
        store.add_metrics(run.id, [MetricPoint(run.id, 0, 0.0, {"fine": 1.0}), point])
    assert store.get_metrics(run.id) == []


def test_metrics_of_an_unknown_run(store):
    with pytest.raises(ValueError, match="run 42 not found"):
        store.add_metrics(42, _points(42, [1]))
    assert store.get_metrics(42) == []
    assert store.get_last_metrics(42) is None
