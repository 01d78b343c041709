"""The problem is worth learning: adapting pays, the playbook is beatable, difficulty bites.

Normalized score = (R - R_random) / (R_oracle - R_random) with R the mean return on
held-out seeds. Thresholds are the product's contract (README, "Baselines").
"""

import numpy as np
import pytest
from gymnasium.vector import AutoresetMode

from supportgym.envs import SupportVectorEnv
from supportgym.evaluation import HELD_OUT_SEED, evaluate
from supportgym.policies import BUILTIN_POLICIES, make_policy, rollout
from supportgym.sim import compile_scenario, load_scenario

INDUSTRIES = ["bfsi", "retail", "tech"]
EPISODES = 4000
SEQUENCES, SELECTION_EPISODES = 1000, 100


def open_loop_returns(scenario: str, sequences: np.ndarray, episodes: int, seed: int) -> np.ndarray:
    """Mean return of each fixed action sequence over the same ``episodes`` customers."""
    n_seq = len(sequences)
    env = SupportVectorEnv(n_seq * episodes, scenario, autoreset_mode=AutoresetMode.DISABLED)
    env.reset(seed=np.tile(seed + np.arange(episodes), n_seq).tolist())
    totals = np.zeros(n_seq * episodes)
    for turn in range(sequences.shape[1]):
        _, reward, *_ = env.step(np.repeat(sequences[:, turn], episodes))
        totals += reward
    assert env.customers.done.all()
    return totals.reshape(n_seq, episodes).mean(axis=1)


@pytest.fixture(scope="module", params=INDUSTRIES)
def industry_scores(request):
    result = evaluate(list(BUILTIN_POLICIES), [request.param], EPISODES)
    return request.param, {s.policy: s for s in result.summaries}


def test_constant_policies_score_at_most_half(industry_scores):
    _, scores = industry_scores
    best = max(
        (s for name, s in scores.items() if name.startswith("always_")),
        key=lambda s: s.normalized.value,
    )
    assert best.normalized.value <= 0.5, best


def test_best_open_loop_sequence_scores_at_most_half(industry_scores):
    name, scores = industry_scores
    scenario = load_scenario(name)
    sequences = np.random.default_rng(7).integers(0, 8, size=(SEQUENCES, scenario.max_turns))
    selection = open_loop_returns(name, sequences, SELECTION_EPISODES, seed=0)
    best = sequences[np.argmax(selection)][None, :]
    held_out = open_loop_returns(name, best, EPISODES, seed=HELD_OUT_SEED)[0]
    low, high = scores["random"].episode_return.value, scores["oracle"].episode_return.value
    assert (held_out - low) / (high - low) <= 0.5, best


def test_playbook_is_good_but_beatable(industry_scores):
    _, scores = industry_scores
    assert 0.5 <= scores["playbook"].normalized.value <= 0.85


def test_oracle_clearly_beats_playbook(industry_scores):
    _, scores = industry_scores
    assert scores["oracle"].episode_return.low > scores["playbook"].episode_return.high


@pytest.mark.parametrize("industry", INDUSTRIES)
def test_playbook_resolution_falls_with_difficulty(industry):
    playbook = make_policy("playbook", compile_scenario(load_scenario(industry)))
    rates = [
        rollout(playbook, industry, EPISODES, HELD_OUT_SEED, difficulty).kpis["resolved"].mean()
        for difficulty in (0.0, 0.5, 1.0)
    ]
    assert rates[0] > rates[1] > rates[2], rates
