"""Confidence intervals and scores, on top of scipy."""

from __future__ import annotations

import numpy as np
from scipy import stats


def bootstrap_ci(
    values: np.ndarray, confidence: float = 0.95, resamples: int = 2000, seed: int = 0
) -> tuple[float, float]:
    """Percentile-BCa bootstrap confidence interval of the mean (scipy), seeded."""
    values = np.asarray(values, dtype=np.float64)
    if len(values) < 2 or np.ptp(values) == 0.0:
        mean = float(values.mean())
        return mean, mean
    result = stats.bootstrap(
        (values,),
        np.mean,
        confidence_level=confidence,
        n_resamples=resamples,
        method="BCa",
        rng=np.random.default_rng(seed),
    )
    return float(result.confidence_interval.low), float(result.confidence_interval.high)


def normalized_score(value: float, random_value: float, oracle_value: float) -> float:
    """``(value - random) / (oracle - random)``: random scores 0 and the oracle 1."""
    return float((value - random_value) / (oracle_value - random_value))
