"""Shared fixtures: built-in scenarios, compiled once per session, and seeded action streams."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

import supportgym  # registers the Gymnasium ids
from supportgym.sim import BUILTIN_SCENARIOS, CompiledScenario, compile_scenario
from supportgym.sim.library import builtin_scenario

ENV_IDS = tuple(sorted(supportgym.ENV_IDS))


@pytest.fixture(scope="session")
def compiled() -> dict[str, CompiledScenario]:
    """Every built-in scenario, compiled, by name."""
    return {name: compile_scenario(builtin_scenario(name)) for name in BUILTIN_SCENARIOS}


@pytest.fixture(params=BUILTIN_SCENARIOS)
def scenario_name(request: pytest.FixtureRequest) -> str:
    """Each built-in scenario name in turn."""
    return request.param


@pytest.fixture(params=ENV_IDS)
def env_id(request: pytest.FixtureRequest) -> str:
    """Each registered Gymnasium id in turn."""
    return request.param


@pytest.fixture(scope="session")
def action_stream() -> Callable[..., np.ndarray]:
    """``action_stream(seed, *shape)``: reproducible pseudo-random actions in 0-7."""

    def make(seed: int, *shape: int) -> np.ndarray:
        return np.random.default_rng([seed, 7919]).integers(0, 8, size=shape)

    return make
