"""Simulated logs: seeded, batch-independent, and true to the episodes they record."""

from __future__ import annotations

import hashlib
from importlib import resources

import numpy as np
import pytest

from supportgym.data import read_logs, write_logs
from supportgym.data.sample import sample_logs
from supportgym.data.schema import FEATURE_FIELDS
from supportgym.policies import make_policy, rollout
from supportgym.policies.stochastic import MixedPolicy
from supportgym.sim import compile_scenario, load_scenario
from supportgym.sim.features import FEATURE_INDEX

SAMPLES = resources.files("supportgym.data") / "samples"


def _logs(contacts, seed, epsilon=0.2, scenario="retail", **kwargs):
    definition = load_scenario(scenario)
    base = make_policy("playbook", compile_scenario(definition))
    return sample_logs(MixedPolicy([base], epsilon, seed=7), definition, contacts, seed, **kwargs)


def test_the_same_arguments_write_the_same_file(tmp_path):
    first = write_logs(_logs(300, 5), tmp_path / "a.jsonl").read_bytes()
    second = write_logs(_logs(300, 5), tmp_path / "b.jsonl").read_bytes()
    assert first == second
    assert write_logs(_logs(300, 6), tmp_path / "c.jsonl").read_bytes() != first


def test_a_contact_is_its_episode_seed_whatever_the_batch(monkeypatch):
    import supportgym.data.sample as sample

    alone = _logs(10, 20)
    monkeypatch.setattr(sample, "BATCH", 3)
    batched = _logs(30, 10)
    tail = batched.select(np.arange(10, 20))
    assert list(alone.contact_ids) == [str(s) for s in range(20, 30)] == list(tail.contact_ids)
    np.testing.assert_array_equal(alone.action, tail.action)
    np.testing.assert_array_equal(alone.features, tail.features)
    np.testing.assert_array_equal(alone.reward, tail.reward)


def test_without_exploration_the_logs_are_the_playbooks_episodes():
    scenario = load_scenario("tech")
    logs = _logs(400, 11, epsilon=0.0, scenario="tech")
    played = rollout(make_policy("playbook", compile_scenario(scenario)), scenario, 400, seed=11)
    assert (logs.propensity == 1.0).all()
    np.testing.assert_allclose(np.bincount(logs.contact, logs.reward), played.returns)
    for name, values in logs.outcomes.items():
        np.testing.assert_allclose(values, played.kpis[name])
    assert list(np.diff(logs.starts)) == played.kpis["turns"].astype(int).tolist()


def test_propensities_are_the_logging_policys_probabilities():
    logs = _logs(2000, 1, epsilon=0.4)
    assert set(np.round(logs.propensity, 6)) == {0.05, 0.65}
    # The greedy share of turns matches 1 - epsilon + epsilon / 8.
    assert abs(np.mean(logs.propensity > 0.5) - 0.65) < 0.02


def test_unlogged_features_are_left_out():
    logs = _logs(50, 1, features=("sentiment", "progress"))
    assert logs.logged_features == ("sentiment", "progress")
    assert np.isnan(logs.features[:, FEATURE_INDEX["belief_technical"]]).all()


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="contacts must be at least 1"):
        _logs(0, 1)
    with pytest.raises(ValueError, match="unknown feature 'mood'"):
        _logs(5, 1, features=("mood",))
    with pytest.raises(ValueError, match="epsilon must be between 0 and 1"):
        MixedPolicy([make_policy("random", None)], 1.5)


def test_the_shipped_sample_is_what_its_documented_command_writes(tmp_path):
    truth = load_scenario(str(SAMPLES / "retail_truth.yaml"))
    policy = MixedPolicy([make_policy("playbook", compile_scenario(truth))], 0.2, seed=0)
    fresh = write_logs(sample_logs(policy, truth, 5000, 0, FEATURE_FIELDS), tmp_path / "s.jsonl.gz")
    shipped = (SAMPLES / "retail_sample.jsonl.gz").read_bytes()
    assert hashlib.sha256(fresh.read_bytes()).digest() == hashlib.sha256(shipped).digest()
    assert read_logs(fresh).n_contacts == 5000
