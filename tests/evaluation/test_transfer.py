"""The transfer matrix: one model per industry, each scored on all, stored runs reused."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportgym.evaluation.transfer import INDUSTRIES, transfer_matrix
from supportgym.store import RunStatus

ARGS = {"algorithm": "ppo", "timesteps": 2048, "seed": 0, "n_envs": 4, "episodes": 100}


def test_one_model_per_industry_scored_on_every_industry(
    fake_trainer, store, seeded_models
) -> None:
    trainer = fake_trainer(seeded_models)
    result = transfer_matrix(**ARGS, store=store, train_fn=trainer)
    assert [c.scenario for c in trainer.configs] == list(INDUSTRIES)
    assert {(c.algorithm, c.total_timesteps, c.seed, c.n_envs) for c in trainer.configs} == {
        ("ppo", 2048, 0, 4)
    }
    assert result.reused == dict.fromkeys(INDUSTRIES, False)
    assert len(set(result.runs.values())) == 3
    assert [len(row) for row in result.scores] == [3, 3, 3]
    for i, trained in enumerate(INDUSTRIES):
        for j, evaluated in enumerate(INDUSTRIES):
            (cell,) = [
                s.normalized
                for s in result.evaluation.summaries
                if s.spec == f"run:{result.runs[trained]}" and s.scenario == evaluated
            ]
            assert result.scores[i][j] == cell
    assert result.evaluation.episodes == 100
    assert result.to_json()["scores"][0][0].keys() == {"value", "low", "high"}


def test_runs_of_the_same_configuration_are_reused(fake_trainer, store, seeded_models) -> None:
    trainer = fake_trainer(seeded_models)
    first = transfer_matrix(**ARGS, store=store, train_fn=trainer)
    started: list[tuple[str, int | None]] = []
    second = transfer_matrix(
        **ARGS,
        store=store,
        train_fn=trainer,
        on_start=lambda industry, run: started.append((industry, run and run.id)),
    )
    assert len(trainer.configs) == 3  # nothing trained the second time
    assert second.runs == first.runs
    assert second.reused == dict.fromkeys(INDUSTRIES, True)
    assert started == [(industry, first.runs[industry]) for industry in INDUSTRIES]
    assert second.scores == first.scores


def test_a_different_configuration_or_a_lost_model_trains_again(
    fake_trainer, store, seeded_models
) -> None:
    trainer = fake_trainer(seeded_models)
    first = transfer_matrix(**ARGS, store=store, train_fn=trainer)
    transfer_matrix(**(ARGS | {"seed": 1}), store=store, train_fn=trainer)
    assert len(trainer.configs) == 6
    tuned = transfer_matrix(**ARGS, store=store, train_fn=trainer, overrides={"n_steps": 64})
    assert len(trainer.configs) == 9
    assert tuned.reused == dict.fromkeys(INDUSTRIES, False)
    Path(store.get_run(first.runs["tech"]).model_path).unlink()
    again = transfer_matrix(**ARGS, store=store, train_fn=trainer)
    assert len(trainer.configs) == 10
    assert again.reused == {"bfsi": True, "retail": True, "tech": False}


def test_bad_arguments_fail_before_anything_is_trained(fake_trainer, store, seeded_models) -> None:
    trainer = fake_trainer(seeded_models)
    with pytest.raises(ValueError, match="unknown algorithm 'sac'"):
        transfer_matrix(**(ARGS | {"algorithm": "sac"}), store=store, train_fn=trainer)
    with pytest.raises(ValueError, match="episodes must be at least 1"):
        transfer_matrix(**(ARGS | {"episodes": 0}), store=store, train_fn=trainer)
    with pytest.raises(ValueError, match="reach the evaluation seeds"):
        transfer_matrix(**(ARGS | {"seed": 999_999_998}), store=store, train_fn=trainer)
    with pytest.raises(ValueError, match="has no hyperparameter"):
        transfer_matrix(**ARGS, store=store, train_fn=trainer, overrides={"nope": 1})
    assert trainer.configs == []
    assert store.count_runs() == 0


def test_a_training_that_does_not_complete_is_an_error(fake_trainer, store, seeded_models) -> None:
    trainer = fake_trainer(seeded_models, status=RunStatus.FAILED)
    with pytest.raises(ValueError, match="training on bfsi did not complete"):
        transfer_matrix(**ARGS, store=store, train_fn=trainer)
