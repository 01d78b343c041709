"""Invariants of the dynamics over scenarios, seeds, difficulties and action sequences."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from supportgym.envs import SupportEnv
from supportgym.sim import BUILTIN_SCENARIOS, FEATURES, CompiledScenario, kernel, rng
from supportgym.sim.actions import Action
from supportgym.sim.compile import compile_scenario
from supportgym.sim.library import builtin_scenario
from supportgym.sim.schema import Scenario


def _short_scenario() -> Scenario:
    # Built-in customers run out of patience long before max_turns, so the turn limit
    # is only reached with patient customers and a short limit.
    data = builtin_scenario("retail").model_dump()
    data["customers"]["patience"] = {"mean": 40.0, "std": 5.0}
    return Scenario.model_validate({**data, "name": "retail-short", "max_turns": 5})


LOW = np.array([f.low for f in FEATURES], dtype=np.float32)
HIGH = np.array([f.high for f in FEATURES], dtype=np.float32)
SCENARIOS = {name: builtin_scenario(name) for name in BUILTIN_SCENARIOS} | {
    "short": _short_scenario()
}
ENVS = {name: SupportEnv(scenario) for name, scenario in SCENARIOS.items()}
COMPILED = {name: compile_scenario(scenario) for name, scenario in SCENARIOS.items()}

scenarios = st.sampled_from(sorted(SCENARIOS))
seeds = st.integers(min_value=0, max_value=2**63 - 1)
difficulties = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
# Mostly sensible actions, with enough repeats that masked ones (a second ESCALATE…) occur.
action_lists = st.lists(st.sampled_from(list(Action)), min_size=25, max_size=25)


def assert_in_bounds(env: SupportEnv, obs: np.ndarray) -> None:
    assert env.observation_space.contains(obs), obs
    assert np.all((obs >= LOW) & (obs <= HIGH)), dict(zip(env.feature_names, obs, strict=True))


@settings(max_examples=150, deadline=None)
@given(scenario=scenarios, seed=seeds, difficulty=difficulties, actions=action_lists)
def test_single_env_step_invariants(
    scenario: str, seed: int, difficulty: float, actions: list[Action]
) -> None:
    env = ENVS[scenario]
    env.difficulty = difficulty
    obs, info = env.reset(seed=seed)
    assert_in_bounds(env, obs)
    assert info["reply"].strip()
    max_turns = env.scenario.max_turns
    for turn, action in enumerate(actions, start=1):
        masked = not info["action_mask"][action]
        obs, reward, terminated, truncated, info = env.step(action)
        components = info["reward_components"]
        assert set(components) == set(kernel.REWARD_COMPONENTS)
        assert math.isclose(reward, sum(components.values()), abs_tol=1e-6)
        assert_in_bounds(env, obs)
        assert not (terminated and truncated)
        assert truncated == (turn == max_turns and not terminated)
        assert (components["penalty"] < 0) == masked
        assert info["reply"].strip()
        if terminated or truncated:
            kpis = info["kpis"]
            assert kpis["csat"] in {1.0, 2.0, 3.0, 4.0, 5.0}
            assert kpis["turns"] == turn
            return
        assert "kpis" not in info
    raise AssertionError(f"episode did not end within {len(actions)} turns")


@settings(max_examples=25, deadline=None)
@given(scenario=scenarios, seed=seeds, difficulty=difficulties)
def test_batched_kernel_invariants(scenario: str, seed: int, difficulty: float) -> None:
    cs = COMPILED[scenario]
    n = 64
    batch = kernel.reset(cs, rng.episode_keys(seed + np.arange(n, dtype=np.uint64)), difficulty)
    actions = np.random.default_rng(seed % 2**32).integers(0, 8, size=(cs.max_turns + 2, n))
    for a in actions:
        was_done = batch.done.copy()
        mask = kernel.action_mask(cs, batch)
        before = batch.copy()
        out = kernel.step(cs, batch, a)
        np.testing.assert_allclose(out.reward, sum(out.components.values()), rtol=0, atol=1e-6)
        obs = kernel.observe(cs, batch)
        assert obs.dtype == np.float32 and obs.shape == (n, len(FEATURES))
        assert np.all((obs >= LOW) & (obs <= HIGH))
        assert not np.any(out.terminated & out.truncated)
        assert np.all(batch.turn[out.truncated] == cs.max_turns)
        masked = ~mask[np.arange(n), a]
        np.testing.assert_array_equal(out.components["penalty"] < 0, masked & ~was_done)
        np.testing.assert_array_equal(out.invalid, masked & ~was_done)
        # Lanes that had already ended are frozen: no reward, no end signal, no change.
        assert np.all(out.reward[was_done] == 0.0)
        assert not np.any((out.terminated | out.truncated)[was_done])
        np.testing.assert_array_equal(batch.sentiment[was_done], before.sentiment[was_done])
        np.testing.assert_array_equal(batch.turn[was_done], before.turn[was_done])
        np.testing.assert_array_equal(batch.done, was_done | out.terminated | out.truncated)
    assert batch.done.all()
    texts = cs.replies.texts[batch.reply]
    assert all(text.strip() for text in texts)
    csat = kernel.episode_kpis(cs, batch)["csat"]
    assert np.all(np.isin(csat, [1, 2, 3, 4, 5]))


@settings(max_examples=60, deadline=None)
@given(
    scenario=scenarios,
    seed=seeds,
    d1=difficulties,
    d2=difficulties,
)
def test_harder_customers_are_less_patient_more_complex_and_angrier(
    scenario: str, seed: int, d1: float, d2: float
) -> None:
    low, high = sorted((d1, d2))
    cs: CompiledScenario = COMPILED[scenario]
    keys = rng.episode_keys(seed % 2**62 + np.arange(32, dtype=np.uint64))
    easy, hard = kernel.reset(cs, keys, low), kernel.reset(cs, keys, high)
    # The same customer, only harder.
    np.testing.assert_array_equal(easy.inquiry, hard.inquiry)
    np.testing.assert_array_equal(easy.tier, hard.tier)
    np.testing.assert_array_equal(easy.fix, hard.fix)
    assert np.all(hard.patience <= easy.patience)
    assert np.all(hard.complexity >= easy.complexity)
    assert np.all(hard.sentiment <= easy.sentiment)
    assert np.all(hard.initial_sentiment <= easy.initial_sentiment)


def test_the_turn_limit_truncates_and_only_it() -> None:
    env = ENVS["short"]
    env.difficulty = 0.0
    env.reset(seed=1)
    ends = [env.step(Action.EMPATHIZE)[2:4] for _ in range(5)]
    assert ends == [(False, False)] * 4 + [(False, True)]


def test_difficulty_extremes_differ_strictly() -> None:
    cs = COMPILED["mixed"]
    keys = rng.episode_keys(np.arange(256, dtype=np.uint64))
    easy, hard = kernel.reset(cs, keys, 0.0), kernel.reset(cs, keys, 1.0)
    assert hard.patience.mean() < easy.patience.mean()
    assert hard.complexity.mean() > easy.complexity.mean()
    assert hard.sentiment.mean() < easy.sentiment.mean()
