"""What an evaluation produces: estimates with CIs, per-policy summaries, seed aggregates.

Plain frozen dataclasses with ``to_json()`` for the store and the API.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

CONTACTS = 1000
"""ROI is the extra net value per this many contacts."""


@dataclass(frozen=True)
class Estimate:
    """A mean (or other point estimate) with its 95% confidence interval."""

    value: float
    low: float
    high: float

    def scaled(self, factor: float, offset: float = 0.0) -> Estimate:
        """``value * factor + offset`` (and the bounds, kept in order)."""
        low, high = sorted((self.low * factor + offset, self.high * factor + offset))
        return Estimate(self.value * factor + offset, low, high)


@dataclass(frozen=True)
class RunInfo:
    """Where a ``run:`` policy came from: what grouping by training seed looks at."""

    run_id: int
    algorithm: str
    scenario: str
    scenario_version: str
    seed: int
    total_timesteps: int
    n_envs: int
    difficulty: float
    curriculum: bool
    hyperparameters: dict[str, Any]

    def config_key(self) -> str:
        """Everything but the seed, canonical: runs with equal keys differ only by seed."""
        config = asdict(self)
        for name in ("run_id", "seed"):
            config.pop(name)
        return json.dumps(config, sort_keys=True, default=str)


@dataclass(frozen=True)
class PolicySummary:
    """One policy on one scenario.

    ``kpis`` holds every KPI's mean with its CI; ``normalized`` is the mean return
    rescaled so that random scores 0 and the oracle 1 (the CI treats those two
    reference means as fixed); ``roi`` is the extra net value over the playbook per
    1,000 contacts, from the paired per-episode differences.
    """

    policy: str
    spec: str
    scenario: str
    version: str
    difficulty: float
    episodes: int
    seed: int
    episode_return: Estimate
    normalized: Estimate
    roi: Estimate
    kpis: dict[str, Estimate]
    run: RunInfo | None = None
    normalized_episodes: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)
    """``(episodes,)`` normalized return of each episode (kept out of the JSON)."""

    def to_json(self) -> dict[str, Any]:
        """Plain data for the store and the API (without the per-episode scores)."""
        data = asdict(self)
        data.pop("normalized_episodes")
        return data


@dataclass(frozen=True)
class SeedGroup:
    """Runs that differ only by training seed, aggregated on one scenario.

    ``iqm`` is the interquartile mean of the runs' mean normalized scores with a
    bootstrap over runs; ``improvement`` is the probability that a run of this
    configuration beats the playbook (the playbook is one deterministic run).
    """

    label: str
    scenario: str
    version: str
    algorithm: str
    trained_on: str
    policies: list[str]
    seeds: list[int]
    iqm: Estimate
    improvement: Estimate

    def to_json(self) -> dict[str, Any]:
        """Plain data for the store and the API."""
        return asdict(self)


@dataclass(frozen=True)
class EvaluationResult:
    """Every policy on every scenario, the seed aggregates and how it was produced."""

    policies: list[str]
    """The specs, as given (duplicates dropped)."""
    scenarios: list[str]
    versions: dict[str, str]
    """Scenario name to the version evaluated."""
    difficulties: dict[str, float]
    episodes: int
    seed: int
    difficulty: float | None
    summaries: list[PolicySummary]
    groups: list[SeedGroup]
    references: dict[str, dict[str, float]]
    """Scenario name to the mean return of random, the oracle and the playbook."""

    def for_scenario(self, scenario: str) -> list[PolicySummary]:
        """The summaries of one scenario, in the order of the specs."""
        return [s for s in self.summaries if s.scenario == scenario]

    def groups_for(self, scenario: str) -> list[SeedGroup]:
        """The seed aggregates of one scenario."""
        return [g for g in self.groups if g.scenario == scenario]

    def arguments(self) -> list[str]:
        """The ``supportgym compare`` arguments that reproduce this evaluation."""
        args = [*self.policies]
        for name in self.scenarios:
            args += ["--scenario", name]
        args += ["--episodes", str(self.episodes), "--seed", str(self.seed)]
        if self.difficulty is not None:
            args += ["--difficulty", f"{self.difficulty:g}"]
        return args

    def to_json(self) -> dict[str, Any]:
        """Plain data for the store and the API."""
        return {
            "policies": self.policies,
            "scenarios": self.scenarios,
            "versions": self.versions,
            "difficulties": self.difficulties,
            "episodes": self.episodes,
            "seed": self.seed,
            "difficulty": self.difficulty,
            "references": self.references,
            "summaries": [s.to_json() for s in self.summaries],
            "groups": [g.to_json() for g in self.groups],
        }
