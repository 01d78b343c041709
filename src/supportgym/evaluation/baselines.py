"""Scoring built-in policies on held-out seeds, normalized between random and the oracle."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supportgym.evaluation.statistics import bootstrap_ci, normalized_score
from supportgym.policies import make_policy, rollout
from supportgym.sim.compile import compile_scenario
from supportgym.sim.library import load_scenario
from supportgym.sim.schema import Scenario

HELD_OUT_SEED = 1_000_000_000
"""Evaluation episodes are seeded from here on; training seeds stay below it."""


@dataclass(frozen=True)
class PolicyScore:
    """One policy on one scenario: mean return and normalized score with 95% CIs, mean KPIs."""

    policy: str
    scenario: str
    version: str
    episodes: int
    mean_return: float
    return_ci: tuple[float, float]
    normalized: float
    normalized_ci: tuple[float, float]
    kpis: dict[str, float]


def score_policies(
    scenario: str | Scenario,
    policies: list[str],
    episodes: int = 2000,
    seed: int = HELD_OUT_SEED,
    difficulty: float | None = None,
) -> list[PolicyScore]:
    """Score built-in policies; random and the oracle are always run as the reference points."""
    loaded = load_scenario(scenario)
    compiled = compile_scenario(loaded)
    names = list(dict.fromkeys(["random", "oracle", *policies]))
    results = {
        name: rollout(make_policy(name, compiled, seed), loaded, episodes, seed, difficulty)
        for name in names
    }
    low, high = results["random"].returns.mean(), results["oracle"].returns.mean()
    scores = []
    for name in policies:
        result = results[name]
        ci = bootstrap_ci(result.returns, seed=seed)
        mean = float(result.returns.mean())
        scores.append(
            PolicyScore(
                policy=name,
                scenario=loaded.name,
                version=compiled.version,
                episodes=episodes,
                mean_return=mean,
                return_ci=ci,
                normalized=normalized_score(mean, low, high),
                normalized_ci=tuple(normalized_score(bound, low, high) for bound in ci),
                kpis={k: float(np.mean(v)) for k, v in result.kpis.items()},
            )
        )
    return scores
