"""Stable-Baselines3 PPO on SupportGym: throughput per vector-env set-up, time to beat the playbook.

Throughput: PPO with the shipped hyperparameters (quick mode: ``n_steps`` 32, which keeps
every per-timestep cost the same) on retail with 16 envs, through the native adapter,
``DummyVecEnv`` and ``SubprocVecEnv`` of ``Monitor``-wrapped gymnasium envs; the clock
covers ``learn()``. ``SubprocVecEnv`` forks its workers: with SB3's default
``forkserver`` each of the 16 workers imports torch again before the clock starts,
which costs the suite time and the figure nothing. Further runs of the native adapter,
timing the adapter's ``step_wait`` and ``reset`` (a clock around each call, no
profiler: cProfile's per-call cost would inflate the kernel's many small calls more than
torch's few large ones) give the share of PPO's wall time spent stepping the envs; one
run under cProfile lists the hot spots.

Time to beat the playbook (full mode only): PPO with the shipped hyperparameters on
retail, seeded as ``supportgym train`` seeds it; after every update the greedy policy
plays the same held-out episodes as the playbook (from
:data:`~supportgym.evaluation.HELD_OUT_SEED`). The figures are the timesteps and the
training wall time (evaluations excluded) until its normalized score first exceeds
the playbook's, up to the headline budget of 300,000 timesteps; a seed that does not
get there counts with the whole budget, and the rows are skipped unless most seeds do.
"""

from __future__ import annotations

import cProfile
import functools
import pstats
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from supportgym.bench.common import Budget, Reference, Row, Target, interleaved

SECTION_PPO = "SB3 PPO"
SECTION_PLAYBOOK = "time to beat the playbook"
ENV_ID = "SupportGym/Retail-v0"
SCENARIO = "retail"
N_ENVS = 16
HOT_SPOTS = 12
SETUPS = ("native", "dummy", "subproc")


def ppo_rows(budget: Budget) -> list[Row]:
    """PPO timesteps/s: native adapter vs ``DummyVecEnv`` vs ``SubprocVecEnv``; env share."""
    envs = {name: _make_vec_env(name) for name in SETUPS}
    try:
        hyperparameters = _hyperparameters(budget)
        timesteps = budget.ppo_rollouts * N_ENVS * hyperparameters["n_steps"]
        samples = interleaved(
            {
                name: functools.partial(_timesteps_per_second, env, hyperparameters, timesteps)
                for name, env in envs.items()
            },
            budget.repeats,
        )
        shares = tuple(
            _env_share(envs["native"], hyperparameters, timesteps, seed)
            for seed in range(budget.repeats)
        )
        hot_spots = _hot_spots(envs["native"], hyperparameters, timesteps)
    finally:
        for env in envs.values():
            env.close()
    dummy = Reference("DummyVecEnv ×16", samples["dummy"])
    shared = {"n_envs": N_ENVS, "timesteps": timesteps, "hyperparameters": hyperparameters}
    return [
        Row(
            "ppo.native",
            SECTION_PPO,
            "PPO, native adapter ×16",
            "timesteps/s",
            samples["native"],
            reference=dummy,
            targets=(Target(1.1, at_most=False),),
            details=shared,
        ),
        Row("ppo.dummy", SECTION_PPO, "PPO, DummyVecEnv ×16", "timesteps/s", samples["dummy"]),
        Row(
            "ppo.subproc",
            SECTION_PPO,
            "PPO, SubprocVecEnv ×16",
            "timesteps/s",
            samples["subproc"],
            reference=dummy,
        ),
        Row(
            "ppo.env_share",
            SECTION_PPO,
            "PPO, native adapter: env stepping share of wall time",
            "%",
            shares,
            targets=(Target(5, at_most=True, on="value"),),
            details={**shared, "hot_spots": hot_spots},
        ),
    ]


def playbook_rows(budget: Budget) -> list[Row]:
    """Timesteps and wall time for PPO to beat the playbook on retail; skipped in quick mode."""
    labels = ("PPO timesteps to beat the playbook", "PPO wall time to beat the playbook")
    keys = ("playbook.timesteps", "playbook.seconds")
    units = ("timesteps", "s")
    if budget.quick:
        return [
            Row(key, SECTION_PLAYBOOK, label, unit, skipped="full mode only")
            for key, label, unit in zip(keys, labels, units, strict=True)
        ]
    from supportgym.evaluation import HELD_OUT_SEED, evaluate, normalized_score
    from supportgym.evaluation.presets import HEADLINE_TIMESTEPS

    references = evaluate(["playbook"], [SCENARIO], budget.playbook_episodes).references[SCENARIO]
    target = normalized_score(references["playbook"], references["random"], references["oracle"])
    runs = [
        _time_to_beat(seed, target, references, budget.playbook_episodes, HEADLINE_TIMESTEPS)
        for seed in budget.playbook_seeds
    ]
    details = {
        "seeds": list(budget.playbook_seeds),
        "playbook_normalized_score": target,
        "episodes": budget.playbook_episodes,
        "first_episode_seed": HELD_OUT_SEED,
        "budget_timesteps": HEADLINE_TIMESTEPS,
        "runs": runs,
    }
    if 2 * sum(run["reached"] for run in runs) <= len(runs):
        missed = f"most seeds not there within {HEADLINE_TIMESTEPS:,} timesteps"
        return [
            Row(key, SECTION_PLAYBOOK, label, unit, skipped=missed, details=details)
            for key, label, unit in zip(keys, labels, units, strict=True)
        ]
    return [
        Row(key, SECTION_PLAYBOOK, label, unit, tuple(run[field] for run in runs), details=details)
        for key, label, unit, field in zip(
            keys, labels, units, ("timesteps", "seconds"), strict=True
        )
    ]


def _hyperparameters(budget: Budget) -> dict[str, Any]:
    from supportgym.training.config import default_hyperparameters

    return {**default_hyperparameters("ppo"), "n_steps": budget.ppo_n_steps}


def _monitored_env() -> Any:
    import gymnasium
    from stable_baselines3.common.monitor import Monitor

    return Monitor(gymnasium.make(ENV_ID))


def _make_vec_env(name: str) -> Any:
    from stable_baselines3.common.vec_env import DummyVecEnv, SubprocVecEnv

    from supportgym.training.sb3_vec_env import SupportSB3VecEnv

    if name == "native":
        return SupportSB3VecEnv(N_ENVS, SCENARIO)
    if name == "dummy":
        return DummyVecEnv([_monitored_env] * N_ENVS)
    return SubprocVecEnv([_monitored_env] * N_ENVS, start_method="fork")


def _ppo(env: Any, hyperparameters: dict[str, Any], seed: int) -> Any:
    from supportgym.policies.sb3 import algorithm_class

    settings = dict(hyperparameters)
    policy = settings.pop("policy")
    return algorithm_class("ppo")(policy, env, seed=seed, device="cpu", verbose=0, **settings)


def _timesteps_per_second(
    env: Any, hyperparameters: dict[str, Any], timesteps: int, seed: int
) -> float:
    model = _ppo(env, hyperparameters, seed)
    start = time.perf_counter()
    model.learn(timesteps)
    return model.num_timesteps / (time.perf_counter() - start)


def _env_share(env: Any, hyperparameters: dict[str, Any], timesteps: int, seed: int) -> float:
    """Percent of ``learn()`` spent in the adapter's ``step_wait`` and ``reset``, by the clock."""
    model = _ppo(env, hyperparameters, seed)
    inside = 0.0

    def timed(method: Callable[[], Any]) -> Callable[[], Any]:
        def call() -> Any:
            nonlocal inside
            start = time.perf_counter()
            try:
                return method()
            finally:
                inside += time.perf_counter() - start

        return call

    env.step_wait, env.reset = timed(env.step_wait), timed(env.reset)
    try:
        start = time.perf_counter()
        model.learn(timesteps)
        total = time.perf_counter() - start
    finally:
        del env.step_wait, env.reset  # the class's methods again
    return 100 * inside / total


def _hot_spots(env: Any, hyperparameters: dict[str, Any], timesteps: int) -> list[dict[str, Any]]:
    """The functions with the most own time in one ``learn()`` under cProfile."""
    model = _ppo(env, hyperparameters, seed=0)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.runcall(model.learn, timesteps)
    total = time.perf_counter() - start
    stats: dict[tuple[str, int, str], tuple[Any, ...]] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    by_own_time = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)
    return [
        {
            "function": f"{_short(path)}:{line}({name})",
            "calls": calls,
            "own_percent": 100 * own / total,
            "cumulative_percent": 100 * cumulative / total,
        }
        for (path, line, name), (_, calls, own, cumulative, _) in by_own_time[:HOT_SPOTS]
    ]


def _short(path: str) -> str:
    """``supportgym/sim/kernel.py`` rather than the full path; built-ins stay as they are."""
    parts = Path(path).parts
    for anchor in ("supportgym", "site-packages"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) + (anchor == "site-packages") :])
    return path


class _BeatPlaybook:
    """SB3 callback (a plain callable): stop once the greedy policy beats the playbook.

    SB3 calls it after every vector step; it evaluates on the first step of each
    rollout, when the policy is the one the last update produced.
    """

    def __init__(self, target: float, evaluate: Callable[[Any], float]):
        self.target = target
        self.evaluate = evaluate
        self.started = time.perf_counter()
        self.evaluating = 0.0
        """Seconds spent evaluating so far, not counted as training time."""
        self.scores: list[tuple[int, float]] = []
        self.beaten: tuple[int, float] | None = None
        """Timesteps trained and training seconds when the playbook was first beaten."""

    def __call__(self, local_vars: dict[str, Any], _globals: dict[str, Any]) -> bool:
        model = local_vars["self"]
        trained = model.num_timesteps - model.n_envs
        if local_vars["n_steps"] != 0 or trained == 0:
            return True
        start = time.perf_counter()
        training_seconds = start - self.started - self.evaluating
        score = self.evaluate(model)
        self.evaluating += time.perf_counter() - start
        self.scores.append((trained, score))
        if score > self.target:
            self.beaten = (trained, training_seconds)
            return False
        return True


def _time_to_beat(
    seed: int,
    target: float,
    references: dict[str, float],
    episodes: int,
    budget_timesteps: int,
) -> dict[str, Any]:
    """One seed: timesteps and training seconds until the playbook is beaten, or the budget's."""
    from supportgym.evaluation import HELD_OUT_SEED, normalized_score
    from supportgym.policies import rollout
    from supportgym.policies.sb3 import ModelPolicy
    from supportgym.training.config import default_hyperparameters
    from supportgym.training.sb3_vec_env import SupportSB3VecEnv

    def score(model: Any) -> float:
        played = rollout(ModelPolicy(model, "ppo"), SCENARIO, episodes, HELD_OUT_SEED)
        return normalized_score(
            float(played.returns.mean()), references["random"], references["oracle"]
        )

    env = SupportSB3VecEnv(N_ENVS, SCENARIO)
    model = _ppo(env, default_hyperparameters("ppo"), seed)
    env.seed(seed)
    callback = _BeatPlaybook(target, score)
    model.learn(budget_timesteps, callback=callback)
    timesteps, seconds = callback.beaten or (
        model.num_timesteps,
        time.perf_counter() - callback.started - callback.evaluating,
    )
    return {
        "seed": seed,
        "reached": callback.beaten is not None,
        "timesteps": timesteps,
        "seconds": seconds,
        "evaluation_seconds": callback.evaluating,
        "scores": callback.scores,
    }
