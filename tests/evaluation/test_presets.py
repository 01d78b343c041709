"""The headline preset: every algorithm × 3 seeds per industry, trained once, then reused."""

from __future__ import annotations

import pytest

from supportgym.evaluation.presets import (
    HEADLINE_ENVS,
    HEADLINE_INDUSTRIES,
    HEADLINE_SEEDS,
    HEADLINE_TIMESTEPS,
    headline_policies,
)


def test_trains_each_algorithm_and_seed_per_industry(fake_trainer, store, seeded_models) -> None:
    trainer = fake_trainer(seeded_models)
    policies = headline_policies(store, ["ppo", "a2c"], trainer)
    assert list(policies) == list(HEADLINE_INDUSTRIES)
    assert len(trainer.configs) == len(HEADLINE_INDUSTRIES) * 2 * len(HEADLINE_SEEDS)
    assert {(c.total_timesteps, c.n_envs) for c in trainer.configs} == {
        (HEADLINE_TIMESTEPS, HEADLINE_ENVS)
    }
    for industry, specs in policies.items():
        assert specs[0] == "playbook"
        runs = [store.get_run(int(spec.removeprefix("run:"))) for spec in specs[1:]]
        assert {run.scenario for run in runs} == {industry}
        assert sorted((run.algorithm, run.seed) for run in runs) == sorted(
            (algorithm, seed) for algorithm in ("ppo", "a2c") for seed in HEADLINE_SEEDS
        )


def test_a_second_call_reuses_every_run(fake_trainer, store, seeded_models) -> None:
    trainer = fake_trainer(seeded_models)
    first = headline_policies(store, ["ppo"], trainer)
    trained = len(trainer.configs)
    assert headline_policies(store, ["ppo"], trainer) == first
    assert len(trainer.configs) == trained


@pytest.mark.parametrize("algorithms", [["sac"], []])
def test_unknown_algorithms_are_rejected_before_training(
    fake_trainer, store, seeded_models, algorithms
) -> None:
    trainer = fake_trainer(seeded_models)
    with pytest.raises(ValueError, match="algorithm"):
        headline_policies(store, algorithms, trainer)
    assert trainer.configs == []
    assert store.count_runs() == 0
