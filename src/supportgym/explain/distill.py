"""Distilling a policy into a shallow decision tree (scikit-learn), then into readable rules.

The policy plays its own episodes; a tree of each depth from 3 to 6 learns its action
from what it saw, and the shallowest tree within a percentage point of the most faithful
one is kept (readability first). Fidelity is the share of states of other episodes where
tree and policy agree, with a 95% bootstrap CI over episodes. Each leaf becomes a rule:
the path's splits as bounds, those on the inquiry type as the names of the types, so the
rules mean the same in any scenario.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supportgym.data import replay
from supportgym.data.extras import require
from supportgym.data.logs import Logs
from supportgym.data.sample import sample_logs
from supportgym.evaluation.results import Estimate
from supportgym.explain.rules import Bounds, Rule, RuleSet
from supportgym.policies.base import Policy
from supportgym.policies.stochastic import MixedPolicy
from supportgym.sim.actions import Action
from supportgym.sim.compile import CompiledScenario, compile_scenario
from supportgym.sim.features import FEATURE_NAMES
from supportgym.sim.schema import Scenario

DEPTHS = (3, 4, 5, 6)
READABILITY = 0.01
"""A shallower tree is kept if its fidelity is within this of the most faithful one's."""
DISTILL_SEED = 4_000_000_000
"""The distilling episodes are seeded from here, the fidelity ones from here + 10**8."""
MIN_LEAF = 20


@dataclass(frozen=True)
class Distillation:
    """A policy's tree as rules, and how faithful trees of each depth were."""

    rules: RuleSet
    depth: int
    fidelity: Estimate
    fidelity_by_depth: dict[int, float]
    states: int


def own_states(policy: Policy, scenario: Scenario, episodes: int, seed: int) -> Logs:
    """The policy's own episodes (every feature logged, its actions taken, no exploration)."""
    return sample_logs(MixedPolicy([policy], 0.0), scenario, episodes, seed)


def distill(
    policy: Policy, scenario: Scenario, episodes: int = 2000, seed: int = 0, source: str = ""
) -> Distillation:
    """Fit trees to ``policy``'s choices on ``episodes`` of its own and keep the best, as rules."""
    tree_module = require("sklearn.tree", "distilling a policy")
    cs = compile_scenario(scenario)
    train = own_states(policy, scenario, episodes, DISTILL_SEED + seed)
    held = own_states(policy, scenario, max(episodes // 2, 1), DISTILL_SEED + 10**8 + seed)
    x, y = replay.observations(train, cs), train.action
    x_held = replay.observations(held, cs)
    trees, fidelity = {}, {}
    for depth in DEPTHS:
        tree = tree_module.DecisionTreeClassifier(
            max_depth=depth, min_samples_leaf=MIN_LEAF, random_state=seed
        ).fit(x, y)
        trees[depth] = tree
        fidelity[depth] = float(np.mean(tree.predict(x_held) == held.action))
    best = max(fidelity.values())
    depth = min(d for d in DEPTHS if fidelity[d] >= best - READABILITY)
    agree = trees[depth].predict(x_held) == held.action
    rules = tree_rules(trees[depth], cs, source)
    return Distillation(
        rules=rules,
        depth=depth,
        fidelity=Estimate(fidelity[depth], *_episode_ci(agree, held, seed)),
        fidelity_by_depth=fidelity,
        states=train.n_turns,
    )


def tree_rules(tree: object, cs: CompiledScenario, source: str = "") -> RuleSet:
    """A fitted ``DecisionTreeClassifier`` on the 17 features as a :class:`RuleSet`."""
    t = tree.tree_  # type: ignore[attr-defined]
    classes = tree.classes_  # type: ignore[attr-defined]
    rules: list[Rule] = []

    def walk(node: int, bounds: dict[int, list[float | None]]) -> None:
        if t.children_left[node] == t.children_right[node]:  # a leaf
            counts = t.value[node][0]
            rules.append(_leaf_rule(bounds, classes[int(np.argmax(counts))], counts, t, node, cs))
            return
        feature, threshold = int(t.feature[node]), float(t.threshold[node])
        low, high = bounds.get(feature, [None, None])
        walk(t.children_left[node], {**bounds, feature: [low, threshold]})
        walk(t.children_right[node], {**bounds, feature: [threshold, high]})

    walk(0, {})
    return RuleSet(
        source=source,
        max_turns=cs.max_turns,
        max_asks=int(cs.scalars.max_asks),
        rules=sorted(rules, key=lambda r: -r.states),
        default=Action(int(classes[int(np.argmax(t.value[0][0]))])).name.lower(),
    )


def _leaf_rule(
    bounds: dict[int, list[float | None]],
    action: int,
    counts: np.ndarray,
    t: object,
    node: int,
    cs: CompiledScenario,
) -> Rule:
    when, inquiries = {}, None
    for feature, (low, high) in sorted(bounds.items()):
        name = FEATURE_NAMES[feature]
        if name == "inquiry_type":
            index = np.arange(len(cs.inquiry_names)) / max(len(cs.inquiry_names) - 1, 1)
            inside = Bounds(above=low, at_most=high).holds(index.astype(np.float32))
            inquiries = [cs.inquiry_names[k] for k in np.flatnonzero(inside)]
        else:
            when[name] = Bounds(above=low, at_most=high)
    return Rule(
        when=when,
        inquiry_types=inquiries,
        action=Action(int(action)).name.lower(),
        states=int(t.n_node_samples[node]),  # type: ignore[attr-defined]
        agreement=float(counts.max() / counts.sum()),
    )


def _episode_ci(
    agree: np.ndarray, logs: Logs, seed: int, resamples: int = 2000
) -> tuple[float, float]:
    """95% percentile bootstrap CI of the agreement share, resampling whole episodes."""
    hits = np.bincount(logs.contact, agree, logs.n_contacts)
    turns = np.diff(logs.starts).astype(np.float64)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, logs.n_contacts, (resamples, logs.n_contacts))
    shares = hits[picks].sum(axis=1) / turns[picks].sum(axis=1)
    low, high = np.quantile(shares, [0.025, 0.975])
    return float(low), float(high)
