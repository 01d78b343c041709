"""Rules files: trees become rules that decide exactly as the tree, read as words, and play
in any scenario by inquiry name."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.tree import DecisionTreeClassifier

from supportgym.data import replay
from supportgym.evaluation import evaluate
from supportgym.explain import RuleSet, RulesPolicy, describe, load_rules, save_rules
from supportgym.explain.distill import distill, own_states, tree_rules
from supportgym.explain.rules import Bounds, Rule
from supportgym.policies import make_policy
from supportgym.sim import ScenarioError, compile_scenario, load_scenario


@pytest.fixture(scope="module")
def retail():
    scenario = load_scenario("retail")
    return scenario, compile_scenario(scenario)


def test_rules_decide_exactly_as_the_tree_they_come_from(retail):
    scenario, cs = retail
    states = own_states(make_policy("playbook", cs), scenario, 600, seed=5)
    x = replay.observations(states, cs)
    tree = DecisionTreeClassifier(max_depth=6, random_state=0).fit(x, states.action)
    rules = tree_rules(tree, cs)
    other = replay.observations(own_states(make_policy("random", cs), scenario, 300, seed=9), cs)
    policy = RulesPolicy(rules, cs)
    np.testing.assert_array_equal(policy.act(other, None, None), tree.predict(other))
    assert sum(r.states for r in rules.rules) == len(x)


def test_the_playbook_distils_into_a_faithful_shallow_tree(retail):
    scenario, cs = retail
    found = distill(make_policy("playbook", cs), scenario, episodes=1500, seed=1)
    assert found.depth in (3, 4, 5, 6)
    assert found.fidelity.value > 0.9
    assert found.fidelity.low <= found.fidelity.value <= found.fidelity.high
    best = max(found.fidelity_by_depth.values())
    assert found.fidelity_by_depth[found.depth] >= best - 0.01
    assert all(
        found.fidelity_by_depth[d] < best - 0.01 for d in found.fidelity_by_depth if d < found.depth
    )


def test_rules_read_as_words():
    rules = RuleSet(
        max_asks=2,
        rules=[
            Rule(
                when={
                    "failed_attempts": Bounds(above=0.125, at_most=0.375),
                    "belief_technical": Bounds(above=0.6),
                    "resolved": Bounds(at_most=0.5),
                    "tier": Bounds(above=0.25),
                    "last_action": Bounds(at_most=0.125),
                },
                inquiry_types=["login_issue", "bug_report"],
                action="technical_troubleshooting",
            ),
            Rule(when={"clarifications": Bounds(at_most=0.25)}, action="ask_clarifying_question"),
        ],
    )
    first, second = (describe(rule, rules) for rule in rules.rules)
    assert first == (
        "when the inquiry is login_issue or bug_report, a premium or VIP customer, "
        "belief_technical is above 0.60, 1 failed attempt, the issue is not resolved "
        "and the last action was nothing yet or empathize → troubleshoot technically"
    )
    assert second == "when no clarifying questions asked → ask a clarifying question"


def test_a_rules_file_plays_in_every_scenario_by_inquiry_name(tmp_path):
    rules = RuleSet(
        rules=[Rule(inquiry_types=["return_refund"], action="offer_compensation")],
        default="standard_solution",
    )
    path = save_rules(rules, tmp_path / "rules.yaml")
    assert load_rules(path) == rules
    result = evaluate([f"rules:{path}"], ["retail", "tech"], episodes=50)
    assert {s.scenario for s in result.summaries} == {"retail", "tech"}
    tech = compile_scenario(load_scenario("tech"))
    obs = replay.observations(own_states(make_policy("random", tech), tech.scenario, 50, 1), tech)
    assert (RulesPolicy(rules, tech).act(obs, None, None) == 2).all()  # no return_refund in tech


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("rules: []\n", "rules: List should have at least 1 item"),
        ("rules: [{action: dance}]\n", "rules[0].action: Input should be"),
        ("rules: [{action: upsell, when: {mood: {above: 0}}}]\n", "rules[0].when.mood"),
        (
            "rules: [{action: upsell, when: {sentiment: {above: 0.5, at_most: 0.1}}}]\n",
            "sentiment: 'above' must be less than 'at_most'",
        ),
        ("rules: [{action: upsell\n", "not valid YAML"),
    ],
)
def test_a_bad_rules_file_is_one_line(tmp_path, text, message):
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as caught:
        load_rules(path)
    assert message in str(caught.value) and "\n" not in str(caught.value)
