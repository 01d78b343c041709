"""Policies learned from logs: behaviour cloning copies the logged agents, CQL learns from
them, and both are ordinary runs that play in the simulator."""

from __future__ import annotations

import numpy as np
import pytest

from supportgym.data import replay, write_logs
from supportgym.data.datasets import import_file
from supportgym.data.sample import sample_logs
from supportgym.evaluation import resolve_policy
from supportgym.policies import make_policy, rollout
from supportgym.policies.stochastic import MixedPolicy
from supportgym.sim import compile_scenario, load_scenario
from supportgym.store import RunStatus
from supportgym.training.offline import OfflineConfig, train_offline


@pytest.fixture
def logged(store, tmp_path):
    """1,500 retail contacts logged by the playbook with epsilon 0.2, imported as "pilot"."""
    scenario = load_scenario("retail")
    playbook = make_policy("playbook", compile_scenario(scenario))
    logs = sample_logs(MixedPolicy([playbook], 0.2, seed=1), scenario, 1500, seed=10)
    import_file(write_logs(logs, tmp_path / "pilot.jsonl.gz"), "pilot", store)
    return scenario, playbook


def test_behaviour_cloning_takes_the_logged_agents_actions(store, logged):
    scenario, playbook = logged
    run = train_offline(OfflineConfig("bc", "pilot", overrides={"epochs": 20}), store)
    assert run.status is RunStatus.COMPLETED and run.algorithm == "bc"
    assert run.hyperparameters["dataset"] == "pilot"
    cs = compile_scenario(scenario)
    cloned, _ = resolve_policy(f"run:{run.id}", cs, store)
    fresh = sample_logs(MixedPolicy([playbook], 0.2, seed=2), scenario, 500, seed=50_000)
    observations = replay.observations(fresh, cs)
    masks = replay.masks(observations, cs)
    agree = np.mean(
        cloned.act(observations, masks, None) == playbook.act(observations, masks, None)
    )
    assert agree > 0.85
    metrics = store.get_metrics(run.id)
    assert [p.values["offline/epoch"] for p in metrics] == [float(e) for e in range(1, 21)]
    assert metrics[-1].values["offline/loss"] < metrics[0].values["offline/loss"]
    assert "kpi/resolved" in metrics[-1].values


def test_conservative_q_learning_plays_better_than_random(store, logged):
    scenario, _ = logged
    run = train_offline(OfflineConfig("cql", "pilot", seed=3, overrides={"epochs": 6}), store)
    assert run.status is RunStatus.COMPLETED
    cs = compile_scenario(scenario)
    learned, _ = resolve_policy(f"run:{run.id}", cs, store)
    ours = rollout(learned, scenario, 1000, seed=1_000_000_000).returns.mean()
    chance = rollout(make_policy("random", cs), scenario, 1000, seed=1_000_000_000).returns.mean()
    assert ours > chance + 0.5


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (dict(algorithm="ppo", dataset="pilot"), "unknown offline algorithm 'ppo'"),
        (
            dict(algorithm="bc", dataset="pilot", overrides={"n_steps": 4}),
            "bc has no hyperparameter n_steps",
        ),
        (
            dict(algorithm="cql", dataset="pilot", overrides={"epochs": 0}),
            "epochs must be a positive integer",
        ),
    ],
)
def test_bad_configurations_are_refused(config, message):
    with pytest.raises(ValueError, match=message):
        OfflineConfig(**config)


def test_an_unknown_dataset_is_refused_and_records_nothing(store):
    with pytest.raises(ValueError, match="dataset nothing not found"):
        train_offline(OfflineConfig("bc", "nothing"), store)
    assert store.list_runs() == []


def test_train_with_a_dataset_from_the_command_line(invoke, logged, one_line_error):
    result = invoke("train", "--algo", "bc", "--dataset", "pilot", "--hp", "epochs=2")
    assert result.exit_code == 0, result.output
    assert "bc from dataset pilot, played in retail" in result.stdout
    one_line_error(
        invoke("train", "--algo", "ppo", "--dataset", "pilot"), "unknown offline algorithm"
    )
    one_line_error(invoke("train", "--algo", "cql"), "name them with --dataset NAME")
    one_line_error(
        invoke("train", "--dataset", "pilot", "--algo", "bc", "--resume", "1"), "--resume"
    )
