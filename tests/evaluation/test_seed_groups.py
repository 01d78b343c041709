"""Aggregates across training seeds: IQM with a stratified CI, probability of improvement."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from supportgym.evaluation import (
    Estimate,
    PolicySummary,
    RunInfo,
    evaluate,
    group_by_training_seed,
)
from supportgym.evaluation.statistics import iqm

NO_CI = Estimate(0.0, 0.0, 0.0)
RUN = RunInfo(
    run_id=1,
    algorithm="ppo",
    scenario="retail",
    scenario_version="abc",
    seed=0,
    total_timesteps=1000,
    n_envs=4,
    difficulty=0.5,
    curriculum=False,
    hyperparameters={"n_steps": 128},
)


def summary(run: RunInfo | None, scores: list[float], scenario: str = "retail") -> PolicySummary:
    return PolicySummary(
        policy=f"run:{run.run_id}" if run else "playbook",
        spec=f"run:{run.run_id}" if run else "playbook",
        scenario=scenario,
        version="abc",
        difficulty=0.5,
        episodes=len(scores),
        seed=0,
        episode_return=NO_CI,
        normalized=Estimate(float(np.mean(scores)), 0.0, 0.0),
        roi=NO_CI,
        kpis={},
        run=run,
        normalized_episodes=np.array(scores),
    )


def seeds(*values: int, **changes: object) -> list[RunInfo]:
    return [replace(RUN, run_id=10 + i, seed=s, **changes) for i, s in enumerate(values)]


def test_runs_differing_only_by_seed_are_pooled() -> None:
    scores = [[0.2, 0.4, 0.6, 0.8], [0.5, 0.7, 0.9, 1.1], [0.0, 0.1, 0.2, 0.3]]
    summaries = [summary(run, s) for run, s in zip(seeds(0, 1, 2), scores, strict=True)]
    (group,) = group_by_training_seed([summary(None, [0.5]), *summaries], {"retail": 0.5})
    assert group.seeds == [0, 1, 2]
    assert group.policies == ["run:10", "run:11", "run:12"]
    assert group.label == "ppo on retail × 3 seeds"
    assert group.iqm.value == pytest.approx(iqm([np.mean(run) for run in scores]))
    assert group.iqm.low <= group.iqm.value <= group.iqm.high
    # Run means 0.5 (tie), 0.8 (beats), 0.15 (loses) against the playbook's 0.5.
    assert group.improvement.value == pytest.approx(0.5)
    assert 0.0 <= group.improvement.low <= 0.5 <= group.improvement.high <= 1.0


def test_different_configurations_or_a_single_seed_are_not_pooled() -> None:
    other = seeds(1, hyperparameters={"n_steps": 256})
    longer = seeds(2, total_timesteps=5000)
    summaries = [summary(run, [0.5, 0.6]) for run in [*seeds(0), *other, *longer]]
    assert group_by_training_seed(summaries, {"retail": 0.5}) == []
    same_seed = [summary(run, [0.5, 0.6]) for run in seeds(3, 3)]
    assert group_by_training_seed(same_seed, {"retail": 0.5}) == []


def test_groups_are_per_evaluated_scenario() -> None:
    runs = seeds(0, 1)
    summaries = [
        summary(run, [0.4, 0.6], scenario) for scenario in ("bfsi", "tech") for run in runs
    ]
    groups = group_by_training_seed(summaries, {"bfsi": 0.9, "tech": 0.1})
    assert [(g.scenario, g.improvement.value) for g in groups] == [("bfsi", 0.0), ("tech", 1.0)]


def test_evaluating_runs_of_three_seeds_adds_an_aggregate(
    store, completed_run, seeded_models: dict[int, Path]
) -> None:
    runs = [completed_run(path, seed=seed) for seed, path in seeded_models.items()]
    other = completed_run(seeded_models[0], seed=7, total_timesteps=4096)
    specs = [f"run:{run.id}" for run in [*runs, other]]
    result = evaluate([*specs, "playbook"], ["retail", "tech"], 150, store=store)
    assert [g.scenario for g in result.groups] == ["retail", "tech"]
    group = result.groups_for("retail")[0]
    assert group.seeds == [0, 1, 2]
    assert group.policies == specs[:3]
    members = [s for s in result.for_scenario("retail") if s.policy in specs[:3]]
    run_means = [m.normalized_episodes.mean() for m in members]
    assert group.iqm.value == pytest.approx(iqm(run_means))
    playbook = result.for_scenario("retail")[-1].normalized.value
    beats = np.mean([(m.normalized.value > playbook) for m in members])
    assert group.improvement.value == pytest.approx(beats)
    assert result.to_json()["groups"][0]["seeds"] == [0, 1, 2]
