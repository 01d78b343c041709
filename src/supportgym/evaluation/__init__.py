"""Evaluation: KPIs, confidence intervals and normalized scores on held-out seeds."""

from supportgym.evaluation.baselines import HELD_OUT_SEED, PolicyScore, score_policies
from supportgym.evaluation.statistics import bootstrap_ci, normalized_score

__all__ = ["HELD_OUT_SEED", "PolicyScore", "bootstrap_ci", "normalized_score", "score_policies"]
