"""Built-in policies: their ranking, what they may read, the registry and rollout's checks."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest

from supportgym.envs import SupportVectorEnv
from supportgym.evaluation import HELD_OUT_SEED
from supportgym.policies import (
    BUILTIN_POLICIES,
    ConstantPolicy,
    OraclePolicy,
    PlaybookPolicy,
    Policy,
    make_policy,
    rollout,
)
from supportgym.sim import Action, CompiledScenario
from supportgym.sim.state import CustomerBatch

HIDDEN = (
    "fix",
    "sentiment",
    "initial_sentiment",
    "patience",
    "complexity",
    "progress",
    "savvy",
    "receptiveness",
)


@pytest.mark.parametrize("scenario", ["bfsi", "retail", "tech", "mixed"])
def test_oracle_resolves_more_than_playbook_resolves_more_than_random(
    scenario: str, compiled: dict[str, CompiledScenario]
) -> None:
    rates = {
        name: rollout(
            make_policy(name, compiled[scenario], seed=HELD_OUT_SEED),
            scenario,
            episodes=400,
            seed=HELD_OUT_SEED,
        )
        .kpis["resolved"]
        .mean()
        for name in ("random", "playbook", "oracle")
    }
    # With 400 episodes a resolution rate has a standard error of at most 0.025.
    assert rates["oracle"] > rates["playbook"] + 0.1, rates
    assert rates["playbook"] > rates["random"] + 0.1, rates


def scrambled(customers: CustomerBatch, seed: int) -> CustomerBatch:
    """A copy whose hidden traits are shuffled across lanes and perturbed."""
    generator = np.random.default_rng(seed)
    copy = customers.copy()
    order = generator.permutation(len(customers))
    for name in HIDDEN:
        values = getattr(copy, name)[order]
        if values.dtype.kind == "f":
            values = values + generator.normal(0.0, 0.5, size=values.shape)
        else:
            values = (values + generator.integers(1, 4, size=values.shape)) % 4
        setattr(copy, name, values)
    return copy


def _assert_blind_to_hidden_state(policy: Policy, compiled: CompiledScenario) -> int:
    """Play 40 steps of 256 lanes; returns on how many lane-steps the scramble changed nothing."""
    env = SupportVectorEnv(256, compiled.scenario)
    obs, info = env.reset(seed=123)
    oracle = OraclePolicy(compiled)
    oracle_changed = 0
    for step in range(40):
        masks = info["action_mask"].astype(bool)
        shuffled = scrambled(env.customers, step)
        original = env.customers.copy()
        actions = policy.act(obs, masks, env.customers)
        np.testing.assert_array_equal(actions, policy.act(obs, masks, shuffled))
        for f in fields(CustomerBatch):  # and it does not write to the state either
            np.testing.assert_array_equal(getattr(env.customers, f.name), getattr(original, f.name))
        oracle_changed += int(
            (oracle.act(obs, masks, env.customers) != oracle.act(obs, masks, shuffled)).sum()
        )
        obs, _, _, _, info = env.step(actions)
    return oracle_changed


def test_the_playbook_never_reads_hidden_state(compiled: dict[str, CompiledScenario]) -> None:
    playbook = PlaybookPolicy(compiled["mixed"])
    oracle_changed = _assert_blind_to_hidden_state(playbook, compiled["mixed"])
    # The scramble is strong enough to change what a privileged policy does.
    assert oracle_changed > 500


@pytest.mark.parametrize("action", list(Action))
def test_constant_policies_return_their_action(
    action: Action, compiled: dict[str, CompiledScenario]
) -> None:
    policy = make_policy(f"always_{action.name.lower()}", compiled["bfsi"])
    assert isinstance(policy, ConstantPolicy)
    assert policy.name == f"always_{action.name.lower()}"
    env = SupportVectorEnv(16, "bfsi")
    obs, info = env.reset(seed=1)
    for _ in range(5):
        actions = policy.act(obs, info["action_mask"].astype(bool), env.customers)
        assert actions.dtype == np.int64
        np.testing.assert_array_equal(actions, np.full(16, int(action)))
        obs, _, _, _, info = env.step(actions)


@pytest.mark.parametrize("name", BUILTIN_POLICIES)
def test_make_policy_builds_every_builtin(name: str, compiled: dict[str, CompiledScenario]) -> None:
    policy = make_policy(name, compiled["mixed"], seed=5)
    assert isinstance(policy, Policy)
    assert policy.name == name
    env = SupportVectorEnv(32, "mixed")
    obs, info = env.reset(seed=8)
    actions = policy.act(obs, info["action_mask"].astype(bool), env.customers)
    assert actions.shape == (32,)
    assert np.all((actions >= 0) & (actions < len(Action)))


def test_make_policy_rejects_unknown_names_listing_the_choices(
    compiled: dict[str, CompiledScenario],
) -> None:
    with pytest.raises(ValueError, match="'greedy'") as caught:
        make_policy("greedy", compiled["tech"])
    message = str(caught.value)
    assert all(name in message for name in BUILTIN_POLICIES)


def test_random_policy_is_seeded_and_covers_every_action(
    compiled: dict[str, CompiledScenario],
) -> None:
    env = SupportVectorEnv(2000, "retail")
    obs, info = env.reset(seed=0)
    masks = info["action_mask"].astype(bool)
    first = make_policy("random", compiled["retail"], seed=1).act(obs, masks, env.customers)
    again = make_policy("random", compiled["retail"], seed=1).act(obs, masks, env.customers)
    other = make_policy("random", compiled["retail"], seed=2).act(obs, masks, env.customers)
    np.testing.assert_array_equal(first, again)
    assert np.mean(first != other) > 0.8
    counts = np.bincount(first, minlength=len(Action))
    assert len(counts) == len(Action)
    assert np.all(np.abs(counts - 250) < 5 * np.sqrt(250))


def test_rollout_reports_each_seeded_episode(compiled: dict[str, CompiledScenario]) -> None:
    results = rollout(make_policy("playbook", compiled["bfsi"]), "bfsi", episodes=50, seed=10)
    assert len(results) == 50
    np.testing.assert_array_equal(results.seeds, np.arange(10, 60))
    np.testing.assert_allclose(results.returns, sum(results.components.values()), atol=1e-9)
    assert np.all(np.isin(results.kpis["csat"], [1, 2, 3, 4, 5]))
    assert np.all(results.kpis["turns"] >= 1)


def test_rollout_of_always_close_ends_every_episode_at_once() -> None:
    results = rollout(ConstantPolicy(Action.CLOSE_CASE), "retail", episodes=30)
    np.testing.assert_array_equal(results.kpis["turns"], np.ones(30))
    np.testing.assert_array_equal(results.kpis["resolved"], np.zeros(30))


@pytest.mark.parametrize(
    ("episodes", "seed", "message"),
    [(0, 0, "episodes"), (-3, 0, "episodes"), (5, -1, "seed")],
)
def test_rollout_validates_episodes_and_seed(
    episodes: int, seed: int, message: str, compiled: dict[str, CompiledScenario]
) -> None:
    with pytest.raises(ValueError, match=message):
        rollout(make_policy("random", compiled["bfsi"]), "bfsi", episodes=episodes, seed=seed)


@pytest.mark.parametrize("batch_size", [0, -1])
def test_rollout_validates_batch_size(
    batch_size: int, compiled: dict[str, CompiledScenario]
) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        rollout(make_policy("random", compiled["bfsi"]), "bfsi", episodes=5, batch_size=batch_size)
