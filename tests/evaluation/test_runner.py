"""The evaluation runner: deterministic tables, reference points, ROI, KPI intervals."""

from __future__ import annotations

import json

import numpy as np
import pytest

from supportgym.evaluation import HELD_OUT_SEED, evaluate
from supportgym.evaluation.results import CONTACTS
from supportgym.policies import make_policy, rollout
from supportgym.sim import compile_scenario, load_scenario

KPIS = (
    "csat",
    "resolved",
    "first_contact_resolution",
    "escalated",
    "abandoned",
    "turns",
    "handle_minutes",
    "revenue",
    "compensation_cost",
    "net_value",
)


@pytest.fixture(scope="module")
def retail_result():
    return evaluate(["playbook", "oracle", "random", "always_close_case"], ["retail"], 1000)


def test_same_inputs_give_identical_results() -> None:
    args = (["oracle", "always_standard_solution"], ["bfsi", "tech"], 200)
    first, second = evaluate(*args), evaluate(*args)
    assert json.dumps(first.to_json()) == json.dumps(second.to_json())


def test_a_policys_numbers_do_not_depend_on_the_other_policies() -> None:
    alone = evaluate(["oracle"], ["tech"], 200).summaries[0]
    among = evaluate(["random", "playbook", "oracle"], ["tech"], 200).summaries[-1]
    assert alone.to_json() == among.to_json()


def test_random_scores_zero_and_the_oracle_one(retail_result) -> None:
    by_policy = {s.policy: s for s in retail_result.for_scenario("retail")}
    assert by_policy["random"].normalized.value == pytest.approx(0.0, abs=1e-12)
    assert by_policy["oracle"].normalized.value == pytest.approx(1.0)
    assert 0.5 < by_policy["playbook"].normalized.value < 0.85
    refs = retail_result.references["retail"]
    assert by_policy["oracle"].episode_return.value == pytest.approx(refs["oracle"])


def test_references_are_played_on_the_same_seeds_even_when_not_asked_for() -> None:
    result = evaluate(["always_empathize"], ["retail"], 300, seed=5_000)
    compiled = compile_scenario(load_scenario("retail"))
    random_return = rollout(make_policy("random", compiled, 5_000), "retail", 300, 5_000).returns
    assert result.references["retail"]["random"] == pytest.approx(random_return.mean())
    assert [s.policy for s in result.summaries] == ["always_empathize"]


def test_oracle_earns_more_than_the_playbook_per_thousand_contacts(retail_result) -> None:
    by_policy = {s.policy: s for s in retail_result.for_scenario("retail")}
    oracle, playbook = by_policy["oracle"], by_policy["playbook"]
    assert oracle.roi.low > 0
    expected = CONTACTS * (oracle.kpis["net_value"].value - playbook.kpis["net_value"].value)
    assert oracle.roi.value == pytest.approx(expected)
    assert playbook.roi.value == playbook.roi.low == playbook.roi.high == 0.0


def test_every_kpi_and_the_return_have_a_mean_and_an_interval(retail_result) -> None:
    for summary in retail_result.summaries:
        assert tuple(summary.kpis) == KPIS
        for estimate in (summary.episode_return, summary.normalized, *summary.kpis.values()):
            assert estimate.low <= estimate.value <= estimate.high
    playbook = retail_result.summaries[0]
    assert playbook.kpis["resolved"].low < playbook.kpis["resolved"].high
    assert 1 <= playbook.kpis["csat"].low < playbook.kpis["csat"].high <= 5


def test_the_normalized_interval_is_the_return_interval_rescaled(retail_result) -> None:
    refs = retail_result.references["retail"]
    scale = refs["oracle"] - refs["random"]
    for summary in retail_result.summaries:
        low = (summary.episode_return.low - refs["random"]) / scale
        assert summary.normalized.low == pytest.approx(low, abs=1e-9)
        assert len(summary.normalized_episodes) == summary.episodes
        assert np.mean(summary.normalized_episodes) == pytest.approx(summary.normalized.value)


def test_result_records_how_it_was_produced(retail_result) -> None:
    assert retail_result.versions == {"retail": load_scenario("retail").version}
    assert retail_result.seed == HELD_OUT_SEED
    assert retail_result.arguments() == [
        "playbook",
        "oracle",
        "random",
        "always_close_case",
        "--scenario",
        "retail",
        "--episodes",
        "1000",
        "--seed",
        str(HELD_OUT_SEED),
    ]
    data = json.loads(json.dumps(retail_result.to_json(), allow_nan=False))
    assert "normalized_episodes" not in data["summaries"][0]
    assert data["summaries"][0]["kpis"]["csat"].keys() == {"value", "low", "high"}


def test_difficulty_override_applies_to_every_scenario() -> None:
    easy = evaluate(["playbook"], ["retail"], 300, difficulty=0.0)
    hard = evaluate(["playbook"], ["retail"], 300, difficulty=1.0)
    assert easy.difficulties == {"retail": 0.0}
    assert "--difficulty" in hard.arguments()
    resolved = [r.summaries[0].kpis["resolved"].value for r in (easy, hard)]
    assert resolved[0] > resolved[1]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"specs": []}, "at least one policy"),
        ({"scenarios": []}, "at least one scenario"),
        ({"episodes": 0}, "episodes must be at least 1"),
        ({"seed": 2**63 - 5}, "seed must be between"),
        ({"difficulty": 1.5}, "difficulty must be between"),
        ({"scenarios": ["atlantis"]}, "unknown scenario 'atlantis'"),
    ],
)
def test_bad_arguments_are_one_line_value_errors(kwargs: dict, message: str) -> None:
    arguments = {"specs": ["playbook"], "scenarios": ["retail"], "episodes": 10} | kwargs
    with pytest.raises(ValueError, match=message):
        evaluate(**arguments)
