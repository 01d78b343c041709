"""Env steps per second: SupportGym's single and native vector env against gymnasium's set-ups.

Every set-up is stepped with random valid actions drawn before the clock starts, for a
fixed time per round; the figure counts env-steps (lanes × calls). Ended episodes are
reset inside the timed loop, as in any rollout: by ``reset()`` for a single env, by the
vector env's own autoreset otherwise.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence
from typing import Any

import gymnasium
import numpy as np
from gymnasium.vector import AsyncVectorEnv, SyncVectorEnv, VectorEnv

from supportgym.bench.common import Budget, Reference, Row, Target, interleaved

ENV_ID = "SupportGym/Retail-v0"
CARTPOLE_ID = "CartPole-v1"
NATIVE_SIZES = (16, 256, 1024, 4096)
WARMUP_CALLS = 5
ACTION_ELEMENTS = 2**18
"""Pre-drawn actions per set-up: cycled through while the clock runs."""
SECTION = "env steps/s"
UNIT = "env-steps/s"


def env_rows(budget: Budget) -> list[Row]:
    """Single env, ``SyncVectorEnv`` ×16, ``AsyncVectorEnv`` ×2, native ×16 … ×4,096, CartPole."""
    setups: dict[str, Callable[[], Any]] = {
        "single": functools.partial(_make, ENV_ID),
        "sync16": functools.partial(_make_sync, ENV_ID, 16),
        "async2": functools.partial(_make_async, ENV_ID, 2),
        **{f"native{n}": functools.partial(_make_native, ENV_ID, n) for n in NATIVE_SIZES},
        "cartpole_single": functools.partial(_make, CARTPOLE_ID),
        "cartpole_sync16": functools.partial(_make_sync, CARTPOLE_ID, 16),
        "cartpole_native1024": functools.partial(_make_native, CARTPOLE_ID, 1024),
    }
    samples = interleaved(
        {
            name: functools.partial(_steps_per_second, make, budget.env_seconds)
            for name, make in setups.items()
        },
        budget.repeats,
    )
    sync16 = Reference("SyncVectorEnv ×16", samples["sync16"])
    cartpole_native = Reference("CartPole native ×1,024", samples["cartpole_native1024"])

    def row(key: str, label: str, **kwargs: Any) -> Row:
        return Row(f"env.{key}", SECTION, label, UNIT, samples[key], **kwargs)

    return [
        row(
            "single",
            "SupportGym single env",
            reference=Reference("CartPole-v1 single env", samples["cartpole_single"]),
            targets=(Target(0.25, at_most=False),),
        ),
        row("sync16", "SupportGym SyncVectorEnv ×16"),
        row("async2", "SupportGym AsyncVectorEnv ×2", reference=sync16),
        row("native16", "Native vector env ×16", reference=sync16),
        row("native256", "Native vector env ×256", reference=sync16),
        row(
            "native1024",
            "Native vector env ×1,024",
            reference=cartpole_native,
            targets=(Target(0.5, at_most=False),),
        ),
        row(
            "native4096",
            "Native vector env ×4,096",
            reference=sync16,
            targets=(Target(100, at_most=False),),
        ),
        row("cartpole_single", "CartPole-v1 single env"),
        row(
            "cartpole_native1024",
            "CartPole native vector env ×1,024",
            reference=Reference("CartPole SyncVectorEnv ×16", samples["cartpole_sync16"]),
        ),
    ]


def _make(env_id: str) -> Any:
    return gymnasium.make(env_id)


def _make_sync(env_id: str, num_envs: int) -> Any:
    return SyncVectorEnv([functools.partial(_make, env_id)] * num_envs)


def _make_async(env_id: str, num_envs: int) -> Any:
    return AsyncVectorEnv([functools.partial(_make, env_id)] * num_envs)


def _make_native(env_id: str, num_envs: int) -> Any:
    return gymnasium.make_vec(env_id, num_envs=num_envs, vectorization_mode="vector_entry_point")


def _steps_per_second(make: Callable[[], Any], seconds: float, seed: int) -> float:
    """Env-steps per second of a fresh env from ``make``, stepped for ``seconds``."""
    env = make()
    try:
        rng = np.random.default_rng(seed)
        if isinstance(env, VectorEnv):
            lanes = env.num_envs
            actions: Sequence[Any] = list(
                rng.integers(0, env.single_action_space.n, size=(ACTION_ELEMENTS // lanes, lanes))
            )
            env.reset(seed=seed)
            step: Callable[[Any], object] = env.step
        else:
            lanes = 1
            actions = rng.integers(0, env.action_space.n, size=ACTION_ELEMENTS // 64).tolist()
            env.reset(seed=seed)
            step = functools.partial(_step_single, env)
        return lanes * _calls_per_second(step, actions, seconds)
    finally:
        env.close()


def _step_single(env: Any, action: int) -> None:
    _, _, terminated, truncated, _ = env.step(action)
    if terminated or truncated:
        env.reset()


def _calls_per_second(
    step: Callable[[Any], object], actions: Sequence[Any], seconds: float
) -> float:
    for action in actions[:WARMUP_CALLS]:
        step(action)
    calls = 0
    start = time.perf_counter()
    while True:
        step(actions[calls % len(actions)])
        calls += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return calls / elapsed
