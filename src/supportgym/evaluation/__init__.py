"""Evaluation: KPIs with confidence intervals, normalized scores, ROI, reports, transfer."""

from supportgym.evaluation.results import (
    Estimate,
    EvaluationResult,
    PolicySummary,
    RunInfo,
    SeedGroup,
)
from supportgym.evaluation.runner import (
    HELD_OUT_SEED,
    evaluate,
    group_by_training_seed,
    resolve_policy,
)
from supportgym.evaluation.statistics import bootstrap_ci, normalized_score

__all__ = [
    "HELD_OUT_SEED",
    "Estimate",
    "EvaluationResult",
    "PolicySummary",
    "RunInfo",
    "SeedGroup",
    "bootstrap_ci",
    "evaluate",
    "group_by_training_seed",
    "normalized_score",
    "resolve_policy",
]
