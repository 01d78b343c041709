"""Evaluating any policies on scenarios: KPIs with CIs, normalized scores, ROI, seed aggregates.

A policy is named by a *spec*:

- a built-in policy: ``random``, ``playbook``, ``oracle``, ``always_<action>``;
- ``run:<id>``: the model of a completed training run in the store;
- ``path/to/model.zip``: a saved Stable-Baselines3 model, its algorithm read from the
  ``model.algorithm`` file beside it, or named as ``path/to/model.zip@ppo``.

Every policy plays the same customers: episode ``k`` is seeded ``seed + k``, from the
held-out range that starts at :data:`~supportgym.evaluation.HELD_OUT_SEED`. Training seeds
stay below it: a run seeded ``s`` with ``n`` envs starts with episodes ``s … s + n - 1``
and continues each lane with hashed 64-bit episode keys, so no model is scored on a
customer it trained on. Random, the oracle and the playbook are always played on those
same seeds as references, whether asked for or not. All bootstraps are seeded with the
evaluation seed, so the same inputs give the same tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from supportgym.envs.spaces import check_difficulty, check_seed
from supportgym.evaluation.results import (
    CONTACTS,
    Estimate,
    EvaluationResult,
    PolicySummary,
    RunInfo,
    SeedGroup,
)
from supportgym.evaluation.statistics import (
    iqm,
    iqm_ci,
    mean_cis,
    probability_of_improvement,
    probability_of_improvement_ci,
)
from supportgym.explain.rules import RulesPolicy, load_rules, rules_path
from supportgym.policies import BUILTIN_POLICIES, EpisodeResults, Policy, make_policy, rollout
from supportgym.policies.sb3 import MODEL_ALGORITHMS, load_model_policy
from supportgym.sim.compile import CompiledScenario, compile_scenario
from supportgym.sim.library import load_scenario
from supportgym.sim.schema import Scenario

if TYPE_CHECKING:
    from supportgym.store import AbstractStore, Run

HELD_OUT_SEED = 1_000_000_000
"""Evaluation episodes are seeded from here on; training seeds stay below it."""
RULES_SPECS = ("tree:", "rules:")
"""Specs of rule policies, which are built for each scenario they play."""
REFERENCES = ("random", "oracle", "playbook")
"""Always played: random and the oracle anchor the normalized score, the playbook the ROI."""


def uses_store(specs: Iterable[str]) -> bool:
    """Whether any spec names something in the run store (a run, or its distilled tree)."""
    return any(spec.startswith(("run:", "tree:run:")) for spec in specs)


def resolve_policy(
    spec: str, scenario: CompiledScenario, store: AbstractStore | None = None, seed: int = 0
) -> tuple[Policy, str]:
    """The policy a spec names, and its label for tables.

    Args:
        spec: A built-in name, ``run:<id>``, or ``path.zip`` / ``path.zip@algorithm``.
        scenario: The scenario the built-in rules are made for.
        store: Where ``run:<id>`` is looked up.
        seed: Seeds the random policy.

    Raises:
        ValueError: One line saying what is wrong with the spec (unknown name, run
            missing or not completed, model file missing or unreadable).
    """
    policy, _ = _resolve(spec, scenario, store, seed)
    return policy, spec


def evaluate(
    specs: Sequence[str],
    scenarios: Sequence[str | Scenario],
    episodes: int,
    seed: int = HELD_OUT_SEED,
    difficulty: float | None = None,
    store: AbstractStore | None = None,
    on_scenario: Callable[[str], None] | None = None,
) -> EvaluationResult:
    """Play every policy on every scenario over the same episodes and summarize.

    Every spec is resolved (and every model loaded) before any episode is played, so
    a bad spec fails fast. Deterministic: the same arguments give the same result.

    Args:
        specs: Policy specs (see the module docstring); duplicates are dropped.
        scenarios: Built-in names, YAML paths or :class:`Scenario` objects.
        episodes: Episodes per policy and scenario.
        seed: Episode ``k`` is seeded ``seed + k``; it also seeds the bootstraps.
        difficulty: Overrides every scenario's own difficulty.
        store: Where ``run:<id>`` specs are looked up.
        on_scenario: Told the name of each scenario before it is played (progress).

    Raises:
        ValueError: A bad spec, scenario, episode count, seed or difficulty.
    """
    specs = list(dict.fromkeys(specs))
    if not specs:
        raise ValueError("name at least one policy")
    if not scenarios:
        raise ValueError("name at least one scenario")
    if episodes < 1:
        raise ValueError(f"episodes must be at least 1, got {episodes}")
    check_seed(seed)
    check_seed(seed + episodes - 1)
    if difficulty is not None:
        difficulty = check_difficulty(difficulty)
    loaded = list({s.name: s for s in map(load_scenario, scenarios)}.values())
    compiled = {s.name: compile_scenario(s) for s in loaded}
    models = {
        spec: _resolve(spec, compiled[loaded[0].name], store, seed)
        for spec in specs
        if spec not in BUILTIN_POLICIES
    }
    summaries: list[PolicySummary] = []
    references: dict[str, dict[str, float]] = {}
    for scenario in loaded:
        if on_scenario is not None:
            on_scenario(scenario.name)
        cs = compiled[scenario.name]
        played = {}
        for name in dict.fromkeys([*REFERENCES, *specs]):
            if name in models and not name.startswith(RULES_SPECS):
                policy = models[name][0]
            else:  # rules name inquiry types: they are matched in each scenario anew
                policy = _resolve(name, cs, store, seed)[0]
            played[name] = rollout(policy, scenario, episodes, seed, difficulty)
        references[scenario.name] = {n: float(played[n].returns.mean()) for n in REFERENCES}
        runs = {spec: models[spec][1] if spec in models else None for spec in specs}
        level = scenario.difficulty if difficulty is None else difficulty
        summaries += _summarize(played, specs, runs, scenario, cs.version, level, seed)
    playbook = {
        name: (means["playbook"] - means["random"]) / (means["oracle"] - means["random"])
        for name, means in references.items()
    }
    return EvaluationResult(
        policies=specs,
        scenarios=[s.name for s in loaded],
        versions={name: cs.version for name, cs in compiled.items()},
        difficulties={s.name: s.difficulty if difficulty is None else difficulty for s in loaded},
        episodes=episodes,
        seed=seed,
        difficulty=difficulty,
        summaries=summaries,
        groups=group_by_training_seed(summaries, playbook, seed=seed),
        references=references,
    )


def group_by_training_seed(
    summaries: Iterable[PolicySummary],
    playbook: Mapping[str, float],
    resamples: int = 2000,
    seed: int = 0,
) -> list[SeedGroup]:
    """Aggregate ``run:`` policies that share everything but the training seed.

    For each scenario and each configuration (algorithm, training scenario version,
    timesteps, envs, difficulty, curriculum, hyperparameters) with runs of at least two
    different seeds: the IQM of the runs' mean normalized scores with a bootstrap CI
    over runs (rliable's definitions), and the probability of improvement over the
    playbook (per-run mean normalized scores against the playbook's one score).

    Args:
        summaries: Policy summaries; those without a run are ignored.
        playbook: Scenario name to the playbook's normalized score.
        resamples: Bootstrap resamples.
        seed: Seeds the bootstraps.
    """
    buckets: dict[tuple[str, str], list[PolicySummary]] = {}
    for summary in summaries:
        if summary.run is not None:
            key = (summary.scenario, summary.run.config_key())
            buckets.setdefault(key, []).append(summary)
    groups = []
    for (scenario, _), members in buckets.items():
        if len({m.run.seed for m in members if m.run is not None}) < 2:
            continue
        runs = [m.run for m in members if m.run is not None]
        per_run = [m.normalized_episodes for m in members]
        means = np.array([scores.mean() for scores in per_run])
        reference = np.array([playbook[scenario]])
        groups.append(
            SeedGroup(
                label=f"{runs[0].algorithm} on {runs[0].scenario} × {len(members)} seeds",
                scenario=scenario,
                version=members[0].version,
                algorithm=runs[0].algorithm,
                trained_on=runs[0].scenario,
                policies=[m.policy for m in members],
                seeds=[r.seed for r in runs],
                iqm=Estimate(iqm(means), *iqm_ci(means, 0.95, resamples, seed)),
                improvement=Estimate(
                    probability_of_improvement(means, reference),
                    *probability_of_improvement_ci(means, reference, 0.95, resamples, seed),
                ),
            )
        )
    return groups


def _resolve(
    spec: str, scenario: CompiledScenario, store: AbstractStore | None, seed: int
) -> tuple[Policy, RunInfo | None]:
    if spec in BUILTIN_POLICIES:
        return make_policy(spec, scenario, seed), None
    if spec.startswith("run:"):
        return _resolve_run(spec, store)
    if spec.startswith("tree:run:"):
        return _tree(spec, scenario, store), None
    if spec.startswith("rules:"):
        return RulesPolicy(load_rules(spec.removeprefix("rules:")), scenario, spec), None
    path, at, algorithm = spec.rpartition("@") if "@" in spec else (spec, "", "")
    if path.endswith(".zip"):
        if at and algorithm not in MODEL_ALGORITHMS:
            choices = ", ".join(MODEL_ALGORITHMS)
            raise ValueError(f"{spec}: unknown algorithm {algorithm!r}; choose one of {choices}")
        return load_model_policy(path, algorithm or None), None
    raise ValueError(
        f"unknown policy {spec!r}; built-in policies: {', '.join(BUILTIN_POLICIES)}; "
        "or run:<id> (a stored run), tree:run:<id> (its distilled rules), rules:FILE "
        "or a model .zip (path.zip or path.zip@algorithm)"
    )


def _tree(spec: str, scenario: CompiledScenario, store: AbstractStore | None) -> Policy:
    """``tree:run:<id>``: the rules ``supportgym explain`` distilled from the run's model."""
    run_id = _stored_run(spec.removeprefix("tree:"), store).id
    path = rules_path(run_id)
    if not path.is_file():
        raise ValueError(
            f"{spec}: run {run_id} has no distilled tree; run supportgym explain run:{run_id}"
        )
    return RulesPolicy(load_rules(path), scenario, spec)


def _stored_run(spec: str, store: AbstractStore | None) -> Run:
    """The run ``run:<id>`` names."""
    number = spec.removeprefix("run:")
    if not number.isdigit():
        raise ValueError(f"{spec}: a stored run is named run:<id>, with a number")
    if store is None:
        raise ValueError(f"{spec}: no run store to look the run up in")
    run = store.get_run(int(number))
    if run is None:
        raise ValueError(f"run {int(number)} not found")
    return run


def _resolve_run(spec: str, store: AbstractStore | None) -> tuple[Policy, RunInfo]:
    run = _stored_run(spec, store)
    if run.status != "completed":  # RunStatus.COMPLETED, a str enum
        raise ValueError(
            f"run {run.id} is {run.status.value}; only completed runs can be evaluated"
        )
    if not run.model_path:
        raise ValueError(f"run {run.id} has no saved model")
    policy = load_model_policy(run.model_path, run.algorithm)
    info = RunInfo(
        run_id=run.id,
        algorithm=run.algorithm,
        scenario=run.scenario,
        scenario_version=run.scenario_version,
        seed=run.seed,
        total_timesteps=run.total_timesteps,
        n_envs=run.n_envs,
        difficulty=run.difficulty,
        curriculum=run.curriculum,
        hyperparameters=run.hyperparameters,
    )
    return policy, info


def _summarize(
    played: Mapping[str, EpisodeResults],
    specs: Sequence[str],
    runs: Mapping[str, RunInfo | None],
    scenario: Scenario,
    version: str,
    difficulty: float,
    seed: int,
) -> list[PolicySummary]:
    """Summaries of one scenario; one joint bootstrap over episodes for every column."""
    low, high = played["random"].returns.mean(), played["oracle"].returns.mean()
    if not high > low:
        raise ValueError(
            f"{scenario.name}: the oracle ({high:+.3f}) does not beat random ({low:+.3f}) on "
            "these episodes, so normalized scores are undefined"
        )
    playbook_value = played["playbook"].kpis["net_value"]
    columns: list[np.ndarray] = []
    for spec in specs:
        result = played[spec]
        columns += [
            result.returns,
            (result.returns - low) / (high - low),
            CONTACTS * (result.kpis["net_value"] - playbook_value),
            *result.kpis.values(),
        ]
    intervals = mean_cis(np.column_stack(columns), seed=seed)
    estimates = [
        Estimate(float(column.mean()), *ci) for column, ci in zip(columns, intervals, strict=True)
    ]
    summaries = []
    width = len(columns) // len(specs)
    for index, spec in enumerate(specs):
        result = played[spec]
        own = estimates[index * width : (index + 1) * width]
        summaries.append(
            PolicySummary(
                policy=spec,
                spec=spec,
                scenario=scenario.name,
                version=version,
                difficulty=difficulty,
                episodes=len(result),
                seed=seed,
                episode_return=own[0],
                normalized=own[1],
                roi=own[2],
                kpis=dict(zip(result.kpis, own[3:], strict=True)),
                run=runs[spec],
                normalized_episodes=columns[index * width + 1],
            )
        )
    return summaries
