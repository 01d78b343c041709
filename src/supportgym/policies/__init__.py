"""Policies: one protocol for rules, the oracle and (later) trained models."""

from supportgym.policies.base import Policy
from supportgym.policies.oracle import OraclePolicy
from supportgym.policies.registry import BUILTIN_POLICIES, make_policy
from supportgym.policies.rollout import EpisodeResults, rollout
from supportgym.policies.rules import ConstantPolicy, PlaybookPolicy, RandomPolicy

__all__ = [
    "BUILTIN_POLICIES",
    "ConstantPolicy",
    "EpisodeResults",
    "OraclePolicy",
    "PlaybookPolicy",
    "Policy",
    "RandomPolicy",
    "make_policy",
    "rollout",
]
