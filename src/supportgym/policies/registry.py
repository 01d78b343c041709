"""Built-in policies by name: ``random``, ``playbook``, ``oracle`` and ``always_<action>``."""

from __future__ import annotations

from supportgym.policies.base import Policy
from supportgym.policies.oracle import OraclePolicy
from supportgym.policies.rules import ConstantPolicy, PlaybookPolicy, RandomPolicy
from supportgym.sim.actions import Action
from supportgym.sim.compile import CompiledScenario

CONSTANT_POLICIES = tuple(f"always_{a.name.lower()}" for a in Action)
BUILTIN_POLICIES = ("random", "playbook", "oracle", *CONSTANT_POLICIES)


def make_policy(name: str, scenario: CompiledScenario, seed: int = 0) -> Policy:
    """A built-in policy for ``scenario``; ``seed`` drives the random policy."""
    if name == "random":
        return RandomPolicy(seed)
    if name == "playbook":
        return PlaybookPolicy(scenario)
    if name == "oracle":
        return OraclePolicy(scenario)
    if name in CONSTANT_POLICIES:
        return ConstantPolicy(Action[name.removeprefix("always_").upper()])
    raise ValueError(f"unknown policy {name!r}; built-in policies: {', '.join(BUILTIN_POLICIES)}")
