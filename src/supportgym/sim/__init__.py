"""The simulator: scenarios as data, compiled to arrays, stepped by one batched kernel."""

from supportgym.sim.actions import Action, FixStrategy, Outcome, Tier
from supportgym.sim.compile import CompiledScenario, compile_scenario
from supportgym.sim.features import FEATURE_NAMES, FEATURES
from supportgym.sim.library import BUILTIN_SCENARIOS, ScenarioError, load_scenario
from supportgym.sim.schema import Scenario

__all__ = [
    "BUILTIN_SCENARIOS",
    "FEATURES",
    "FEATURE_NAMES",
    "Action",
    "CompiledScenario",
    "FixStrategy",
    "Outcome",
    "Scenario",
    "ScenarioError",
    "Tier",
    "compile_scenario",
    "load_scenario",
]
