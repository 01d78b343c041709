"""Bad input is refused with a ValueError that names the field, and nothing is written."""

from __future__ import annotations

import math

import pytest

from supportgym.store import validation
from supportgym.store.base import (
    EvaluationChanges,
    NewEvaluation,
    NewRun,
    NewTranscript,
    RunChanges,
)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"algorithm": ""}, "algorithm must be a non-empty string"),
        ({"algorithm": "  "}, "algorithm must be a non-empty string"),
        ({"algorithm": None}, "algorithm must be a non-empty string"),
        ({"total_timesteps": 0}, "total_timesteps must be at least 1, got 0"),
        ({"total_timesteps": 1.5}, "total_timesteps must be an integer"),
        ({"seed": -1}, "seed must be at least 0, got -1"),
        ({"seed": True}, "seed must be an integer"),
        ({"n_envs": 0}, "n_envs must be at least 1"),
        ({"difficulty": 1.5}, r"difficulty must be in \[0, 1\]"),
        ({"difficulty": "hard"}, "difficulty must be a number"),
        ({"curriculum": "yes"}, "curriculum must be true or false"),
        ({"hyperparameters": [1, 2]}, "hyperparameters must be a dict"),
        ({"hyperparameters": {"lr": math.nan}}, "hyperparameters must be JSON"),
        ({"hyperparameters": {"schedule": print}}, "hyperparameters must be JSON"),
        ({"parent_run_id": 99}, "parent run 99 not found"),
        ({"timesteps_done": 5}, "cannot set new run field.* timesteps_done"),
        ({"colour": "blue"}, "cannot set new run field.* colour"),
    ],
)
def test_create_run_refuses(store, make_run, changes, message):
    with pytest.raises(ValueError, match=message):
        make_run(**changes)
    assert store.count_runs() == 0


def test_create_run_names_missing_fields(store):
    with pytest.raises(ValueError, match="a new run needs scenario, scenario_version, seed"):
        store.create_run(algorithm="ppo", difficulty=0.5, total_timesteps=10)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"timesteps_done": -1}, "timesteps_done must be at least 0"),
        ({"total_timesteps": 0}, "total_timesteps must be at least 1"),
        ({"pid": 0}, "pid must be at least 1"),
        ({"id": 5}, "cannot set run field.* id"),
        ({"created_at": None}, "cannot set run field.* created_at"),
        ({"nonsense": 1}, "cannot set run field.* nonsense"),
        ({"parent_run_id": 1}, "run 1 cannot be its own parent"),
        ({"parent_run_id": 7}, "parent run 7 not found"),
    ],
)
def test_update_run_refuses(store, make_run, changes, message):
    run = make_run()
    with pytest.raises(ValueError, match=message):
        store.update_run(run.id, **changes)
    assert store.get_run(run.id) == run


@pytest.mark.parametrize(
    ("pid", "hostname", "message"),
    [(0, "h", "pid must be at least 1"), (1, "", "hostname must be a non-empty string")],
)
def test_start_run_refuses(store, make_run, pid, hostname, message):
    run = make_run()
    with pytest.raises(ValueError, match=message):
        store.start_run(run.id, pid, hostname)


EVALUATION = {
    "name": "e",
    "policies": ["playbook"],
    "scenarios": ["retail"],
    "scenario_versions": {"retail": "v"},
    "episodes": 10,
    "seed": 0,
}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"episodes": 0}, "episodes must be at least 1"),
        ({"seed": -3}, "seed must be at least 0"),
        ({"policies": "playbook"}, "policies must be a list of strings"),
        ({"policies": ["ok", ""]}, r"policies\[1\] must be a non-empty string"),
        ({"results": {"ci": math.inf}}, "results must be JSON"),
        ({"owner": "me"}, "cannot set new evaluation field.* owner"),
    ],
)
def test_create_evaluation_refuses(store, changes, message):
    with pytest.raises(ValueError, match=message):
        store.create_evaluation(**(EVALUATION | changes))
    assert store.list_evaluations() == []


def test_update_evaluation_refuses(store):
    evaluation = store.create_evaluation(**EVALUATION)
    with pytest.raises(ValueError, match=r"cannot set evaluation field.* created_at"):
        store.update_evaluation(evaluation.id, created_at=None)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="evaluation 5 not found"):
        store.update_evaluation(5, name="x")
    with pytest.raises(ValueError, match="a new evaluation needs episodes"):
        store.create_evaluation(**{k: v for k, v in EVALUATION.items() if k != "episodes"})


TRANSCRIPT = {"scenario": "retail", "scenario_version": "v", "seed": 0, "policy": "p", "turns": []}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"run_id": 3}, "run 3 not found"),
        ({"evaluation_id": 4}, "evaluation 4 not found"),
        ({"seed": -1}, "seed must be at least 0"),
        ({"turns": {"a": 1}}, "turns must be a list"),
        ({"turns": [{"when": object()}]}, "turns must be JSON"),
    ],
)
def test_add_transcript_refuses(store, changes, message):
    with pytest.raises(ValueError, match=message):
        store.add_transcript(**(TRANSCRIPT | changes))
    assert store.list_transcripts() == []


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (10, -1), (1.5, 0)])
def test_paging_refuses(store, limit, offset):
    with pytest.raises(ValueError):
        store.list_runs(limit=limit, offset=offset)
    with pytest.raises(ValueError):
        store.list_evaluations(limit=limit, offset=offset)


def test_listing_by_an_unknown_status(store):
    with pytest.raises(ValueError, match="'paused' is not a valid RunStatus"):
        store.list_runs(status="paused")  # type: ignore[arg-type]


def test_every_settable_field_has_a_check():
    assert set(validation.RUN_FIELDS) == set(RunChanges.__annotations__)
    assert set(NewRun.__annotations__) <= set(RunChanges.__annotations__)
    assert set(validation.EVALUATION_FIELDS) == set(EvaluationChanges.__annotations__)
    assert set(NewEvaluation.__annotations__) == set(EvaluationChanges.__annotations__)
    assert set(validation.TRANSCRIPT_FIELDS) == set(NewTranscript.__annotations__)
