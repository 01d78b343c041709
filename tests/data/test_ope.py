"""Off-policy estimates against the truth the simulator knows."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from supportgym.data.ope import QUANTITIES, evaluate_logs, target_probabilities
from supportgym.data.sample import sample_logs
from supportgym.policies import make_policy, rollout
from supportgym.policies.sb3 import ModelPolicy
from supportgym.policies.stochastic import MixedPolicy
from supportgym.sim import compile_scenario, load_scenario
from supportgym.training.sb3_vec_env import SupportSB3VecEnv

SEED = 300_000


@pytest.fixture(scope="module")
def retail():
    scenario = load_scenario("retail")
    return scenario, compile_scenario(scenario)


@pytest.fixture(scope="module")
def ppo(retail):
    """A PPO model trained for 20,000 steps: much better than the playbook, far from it."""
    from stable_baselines3 import PPO

    scenario, _ = retail
    env = SupportSB3VecEnv(16, scenario, None)
    model = PPO("MlpPolicy", env, seed=1, n_steps=256, batch_size=256, device="cpu")
    return ModelPolicy(model.learn(20_000), "ppo", "ppo")


def _truth(policy, scenario, contacts, seed):
    return rollout(policy, scenario, contacts, seed).returns.mean()


def test_dr_covers_the_true_value_of_the_playbook_and_of_a_trained_model(retail, ppo):
    scenario, cs = retail
    playbook = make_policy("playbook", cs)
    # A logging policy that mixes the two turn by turn and explores, as a pilot would.
    logs = sample_logs(MixedPolicy([playbook, ppo], 0.1, seed=1), scenario, 2000, SEED)
    result = evaluate_logs(logs, {"playbook": playbook, "ppo": ppo}, cs, resamples=400)
    truths = {
        "playbook": _truth(playbook, scenario, 2000, SEED),
        "ppo": _truth(ppo, scenario, 2000, SEED),
    }
    assert truths["ppo"] > truths["playbook"] + 0.2
    for estimates in result.policies:
        dr = estimates.estimates["dr"]["return"]
        assert dr.low <= truths[estimates.policy] <= dr.high, (estimates.policy, dr)
        assert estimates.warnings == []
    by_policy = {p.policy: p.estimates["dr"]["return"].value for p in result.policies}
    assert by_policy["ppo"] > by_policy["playbook"]


def test_on_policy_logs_give_the_logged_mean_exactly(retail):
    scenario, cs = retail
    playbook = make_policy("playbook", cs)
    logs = sample_logs(MixedPolicy([playbook], 0.0), scenario, 300, SEED)
    result = evaluate_logs(logs, {"playbook": playbook}, cs, resamples=50)
    played = rollout(playbook, scenario, 300, SEED)
    (estimates,) = result.policies
    for name in ("pdis", "wpdis"):
        assert estimates.estimates[name]["return"].value == pytest.approx(played.returns.mean())
        for kpi in ("resolved", "csat", "net_value"):
            assert estimates.estimates[name][kpi].value == pytest.approx(played.kpis[kpi].mean())
    assert estimates.effective_contacts == pytest.approx(300)
    assert set(estimates.estimates["dr"]) == set(QUANTITIES)


def test_without_logged_propensities_a_cloned_model_supplies_them(retail):
    scenario, cs = retail
    playbook = make_policy("playbook", cs)
    logs = sample_logs(MixedPolicy([playbook], 0.2, seed=2), scenario, 1500, SEED)
    bare = dataclasses.replace(logs, propensity=np.full(logs.n_turns, np.nan))
    result = evaluate_logs(bare, {"playbook": playbook}, cs, resamples=300)
    assert result.propensities == "cloned"
    dr = result.policies[0].estimates["dr"]["return"]
    assert dr.low <= _truth(playbook, scenario, 1500, SEED) <= dr.high


def test_a_policy_that_leaves_the_logs_support_is_flagged(retail):
    scenario, cs = retail
    logs = sample_logs(MixedPolicy([make_policy("playbook", cs)], 0.2, seed=3), scenario, 600, SEED)
    stubborn = make_policy("always_standard_solution", cs)
    result = evaluate_logs(logs, {"stubborn": stubborn}, cs, resamples=50)
    (estimates,) = result.policies
    assert estimates.matched_contacts < 10
    assert any("effective sample size" in w for w in estimates.warnings)
    assert any("leaves the logs' support" in w for w in estimates.warnings)


def test_the_same_seed_gives_the_same_estimates(retail_logs, retail):
    _, cs = retail
    policies = {"random": make_policy("random", cs)}
    first = evaluate_logs(retail_logs, policies, cs, resamples=100, seed=4).to_json()
    assert evaluate_logs(retail_logs, policies, cs, resamples=100, seed=4).to_json() == first


def test_target_probabilities(retail_logs, retail):
    from supportgym.data import replay

    _, cs = retail
    obs = replay.observations(retail_logs, cs)
    masks = replay.masks(obs, cs)
    playbook = make_policy("playbook", cs)
    one_hot = target_probabilities(playbook, obs, masks)
    np.testing.assert_array_equal(one_hot.argmax(axis=1), playbook.act(obs, masks, None))
    assert (one_hot.sum(axis=1) == 1).all()
    assert (target_probabilities(make_policy("random", cs), obs, masks) == 1 / 8).all()
    with pytest.raises(ValueError, match="the oracle reads the hidden customer state"):
        target_probabilities(make_policy("oracle", cs), obs, masks)
