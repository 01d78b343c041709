"""What goes in comes back out, as plain entities, also after reopening the database."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest

import supportgym
from supportgym.store import (
    Evaluation,
    EvaluationStatus,
    Run,
    RunStatus,
    ScenarioRecord,
    Transcript,
    open_store,
)
from supportgym.store.orm import RunRow


def _reopened(get, *args):
    with open_store() as store:
        return get(store)(*args)


def test_a_run_round_trips(store, make_run):
    before = datetime.now(UTC)
    run = make_run(
        hyperparameters={"learning_rate": 3e-4, "net_arch": [64, 64], "gae": {"lambda": 0.95}},
        seed=2**62,
        n_envs=8,
        curriculum=True,
        model_path="/models/m.zip",
    )
    assert isinstance(run, Run)
    assert run.status is RunStatus.QUEUED
    assert run.package_version == supportgym.__version__
    assert run.timesteps_done == 0
    assert run.started_at is run.finished_at is run.pid is run.hostname is None
    assert run.created_at.tzinfo is UTC
    assert before - timedelta(seconds=1) <= run.created_at <= datetime.now(UTC)
    assert store.get_run(run.id) == run
    assert _reopened(lambda s: s.get_run, run.id) == run


def test_runs_are_frozen(make_run):
    run = make_run()
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.seed = 3  # type: ignore[misc]


def test_list_and_count_runs_newest_first_by_status(store, make_run):
    runs = [make_run(seed=seed) for seed in range(5)]
    store.finish_run(runs[1].id, RunStatus.CANCELLED)
    assert [r.id for r in store.list_runs()] == [r.id for r in reversed(runs)]
    assert [r.id for r in store.list_runs(limit=2, offset=1)] == [runs[3].id, runs[2].id]
    assert [r.id for r in store.list_runs(status=RunStatus.CANCELLED)] == [runs[1].id]
    assert store.count_runs() == 5
    assert store.count_runs(RunStatus.QUEUED) == 4
    assert store.count_runs("running") == 0


def test_update_run_changes_only_what_is_given(store, make_run):
    run = make_run()
    updated = store.update_run(run.id, timesteps_done=512, checkpoint_dir="/ck", error=None)
    assert updated == dataclasses.replace(run, timesteps_done=512, checkpoint_dir="/ck")
    assert store.get_run(run.id) == updated


def test_a_resumed_run_points_to_its_parent(make_run):
    parent = make_run()
    child = make_run(parent_run_id=parent.id)
    assert child.parent_run_id == parent.id


def test_numpy_numbers_are_stored_as_python_numbers(make_run):
    np = pytest.importorskip("numpy")
    run = make_run(seed=np.int64(5), total_timesteps=np.int32(100), difficulty=np.float32(0.25))
    assert (run.seed, run.total_timesteps, run.difficulty) == (5, 100, 0.25)
    assert type(run.seed) is int


def test_a_scenario_round_trips_and_is_recorded_once(store, retail):
    record = store.upsert_scenario(retail)
    assert isinstance(record, ScenarioRecord)
    assert (record.version, record.name, record.industry) == (
        retail.version,
        "retail",
        "retail",
    )
    assert type(retail).model_validate(record.definition) == retail
    assert store.upsert_scenario(retail) == record
    assert store.get_scenario(retail.version) == record
    assert store.get_scenario("nope") is None
    harder = retail.with_difficulty(0.9)
    store.upsert_scenario(harder)
    assert [s.version for s in store.list_scenarios()] == [retail.version, harder.version]
    assert _reopened(lambda s: s.get_scenario, retail.version) == record


def test_an_evaluation_round_trips(store):
    evaluation = store.create_evaluation(
        name="playbook vs oracle",
        policies=["playbook", "oracle"],
        scenarios=["retail"],
        scenario_versions={"retail": "abc123"},
        episodes=100,
        seed=1_000_000,
    )
    assert isinstance(evaluation, Evaluation)
    assert evaluation.status is EvaluationStatus.PENDING
    assert evaluation.results == {}
    assert evaluation.error is evaluation.report_path is None
    results = {"retail": {"playbook": {"csat": [3.1, 3.0, 3.2]}}}
    changes = {"status": EvaluationStatus.COMPLETED, "results": results, "report_path": "/r/1"}
    updated = store.update_evaluation(evaluation.id, **changes)
    assert updated == dataclasses.replace(evaluation, **changes)
    assert store.get_evaluation(evaluation.id) == updated
    assert _reopened(lambda s: s.get_evaluation, evaluation.id) == updated
    second = store.create_evaluation(
        name="again",
        policies=["random"],
        scenarios=["tech"],
        scenario_versions={},
        episodes=1,
        seed=0,
        status=EvaluationStatus.FAILED,
        error="no such run",
    )
    assert (second.status, second.error) == (EvaluationStatus.FAILED, "no such run")
    with pytest.raises(ValueError, match="status must be one of pending, running"):
        store.update_evaluation(second.id, status="paused")
    assert [e.id for e in store.list_evaluations()] == [second.id, evaluation.id]
    assert store.list_evaluations(limit=1, offset=1) == [updated]
    assert store.get_evaluation(99) is None


def test_transcripts_round_trip_and_filter(store, make_run):
    run = make_run()
    evaluation = store.create_evaluation(
        name="e", policies=["p"], scenarios=["retail"], scenario_versions={}, episodes=1, seed=0
    )
    turns = [{"turn": 1, "action": "empathize", "reward": {"satisfaction": 0.5}}]
    common = {"scenario": "retail", "scenario_version": "v1", "seed": 3, "turns": turns}
    loose = store.add_transcript(policy="you", **common)
    of_run = store.add_transcript(policy="ppo", run_id=run.id, **common)
    of_evaluation = store.add_transcript(policy="oracle", evaluation_id=evaluation.id, **common)
    assert isinstance(loose, Transcript)
    assert loose.turns == turns
    assert loose.run_id is loose.evaluation_id is None
    assert store.get_transcript(of_run.id) == of_run
    assert store.list_transcripts() == [loose, of_run, of_evaluation]
    assert store.list_transcripts(run_id=run.id) == [of_run]
    assert store.list_transcripts(evaluation_id=evaluation.id) == [of_evaluation]
    assert _reopened(lambda s: s.list_transcripts) == [loose, of_run, of_evaluation]


def test_timestamps_are_utc_whatever_zone_they_came_in(store, make_run):
    run = make_run()
    tokyo = datetime(2030, 1, 2, 18, 0, tzinfo=timezone(timedelta(hours=9)))
    with store.session(write=True) as session:
        session.get(RunRow, run.id).started_at = tokyo
    started = store.get_run(run.id).started_at
    assert started == datetime(2030, 1, 2, 9, 0, tzinfo=UTC)
    assert started.tzinfo is UTC
