"""Confidence intervals, normalized scores and comparisons across training seeds, on scipy.

Every bootstrap here is seeded, so the same data always gives the same interval.

- :func:`bootstrap_ci`: BCa interval of one sample's mean (``scipy.stats.bootstrap``).
- :func:`mean_cis`: the same BCa intervals for many columns at once, from one shared set
  of resamples (the very resamples ``scipy.stats.bootstrap`` draws for the same seed,
  so each column's interval equals :func:`bootstrap_ci` of that column).
- :func:`paired_difference_ci`: BCa interval of ``mean(a - b)`` for paired observations
  (two policies on the same episodes).
- :func:`iqm`, :func:`iqm_ci`: interquartile mean of per-run scores, with rliable's
  bootstrap over runs (stratified by task).
- :func:`probability_of_improvement`, :func:`probability_of_improvement_ci`: how likely
  a run of X scores higher than a run of Y (Mann-Whitney U / (n m)).

The last two follow Agarwal et al., "Deep RL at the edge of the statistical precipice"
(NeurIPS 2021, the ``rliable`` library): with a handful of training seeds, report
robust aggregates with interval estimates rather than a mean of means.

scipy is imported where it is used: it takes most of a second, and the CLI and the
server import this module at start-up.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

RESAMPLES = 2000
"""Bootstrap resamples unless told otherwise."""
_CELLS_PER_CHUNK = 1 << 22
"""Resampled values held at once (32 MB of float64): resamples go in chunks of rows."""
_CELLS_IN_ONE_DRAW = 1 << 25
"""Up to this many indices (resamples × n), they are drawn in one call, as scipy does."""


def bootstrap_ci(
    values: np.ndarray, confidence: float = 0.95, resamples: int = RESAMPLES, seed: int = 0
) -> tuple[float, float]:
    """Percentile-BCa bootstrap confidence interval of the mean (scipy), seeded."""
    from scipy import stats

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


def mean_cis(
    columns: ArrayLike, confidence: float = 0.95, resamples: int = RESAMPLES, seed: int = 0
) -> list[tuple[float, float]]:
    """BCa intervals of the mean of each column of ``(n, k)`` data, resampling rows jointly.

    Equivalent to :func:`bootstrap_ci` on each column with the same ``seed`` (the same
    row resamples as ``scipy.stats.bootstrap``), but the resampled means of all columns
    come from one matrix product and the jackknife of a mean is closed-form, so ``k``
    KPIs of thousands of episodes take milliseconds. Because rows are resampled jointly,
    a column holding paired differences gets the paired interval.

    Args:
        columns: ``(n, k)`` observations (rows: episodes; columns: quantities).
        confidence: Coverage of the two-sided interval.
        resamples: Bootstrap resamples.
        seed: Seeds the resampling.

    Returns:
        One ``(low, high)`` per column; a constant column (or ``n < 2``) gets
        ``(mean, mean)``.
    """
    from scipy import special

    data = np.asarray(columns, dtype=np.float64)
    if data.ndim != 2 or data.shape[0] == 0:
        raise ValueError(f"expected (n, k) data with n >= 1, got shape {data.shape}")
    n = data.shape[0]
    means = data.mean(axis=0)
    intervals = [(float(m), float(m)) for m in means]
    varying = np.flatnonzero(np.ptp(data, axis=0) > 0.0) if n >= 2 else np.array([], int)
    if len(varying) == 0:
        return intervals
    x = data[:, varying]
    rng = np.random.default_rng(seed)
    # scipy.stats.bootstrap draws all resamples in one call (rows of indices into the data);
    # drawing the same way gives the very same resamples. Past a size where that would not
    # fit in memory, each chunk of rows is drawn on its own (a different, equally valid draw).
    indices = rng.integers(0, n, (resamples, n)) if resamples * n <= _CELLS_IN_ONE_DRAW else None
    chunk = max(1, _CELLS_PER_CHUNK // n)
    boot = np.empty((resamples, x.shape[1]))
    for start in range(0, resamples, chunk):
        size = min(chunk, resamples - start)
        rows = (
            indices[start : start + size] if indices is not None else rng.integers(0, n, (size, n))
        )
        offsets = np.arange(size)[:, None] * n
        counts = np.bincount((rows + offsets).ravel(), minlength=size * n)
        boot[start : start + size] = counts.reshape(size, n) @ x / n
    theta = x.mean(axis=0)
    # Bias correction, as scipy: the share of resampled means below the estimate (ties half).
    below = (boot < theta).sum(axis=0) + (boot <= theta).sum(axis=0)
    z0 = special.ndtri(below / (2.0 * resamples))
    # Acceleration from the jackknife; for the mean it only needs the deviations.
    deviations = x - theta
    acceleration = (deviations**3).sum(axis=0) / (6.0 * ((deviations**2).sum(axis=0)) ** 1.5)
    z_alpha = special.ndtri((1.0 - confidence) / 2.0)
    levels = []
    for tail, z in ((1.0 - confidence) / 2.0, z_alpha), ((1.0 + confidence) / 2.0, -z_alpha):
        shifted = z0 + z
        level = special.ndtr(z0 + shifted / (1.0 - acceleration * shifted))
        levels.append(np.where(np.isnan(level), tail, level))  # degenerate: percentile
    for column, index in enumerate(varying):
        low, high = (np.quantile(boot[:, column], level[column]) for level in levels)
        intervals[index] = (float(low), float(high))
    return intervals


def paired_difference_ci(
    a: ArrayLike,
    b: ArrayLike,
    confidence: float = 0.95,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> tuple[float, float]:
    """BCa interval of ``mean(a - b)`` where ``a[i]`` and ``b[i]`` are paired.

    Two policies played on the same episodes differ far less than their separate
    intervals suggest: the customer-to-customer variance cancels in ``a - b``.
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"paired samples need the same 1-d shape, got {a.shape} and {b.shape}")
    return mean_cis((a - b)[:, None], confidence, resamples, seed)[0]


def normalized_score(value: float, random_value: float, oracle_value: float) -> float:
    """``(value - random) / (oracle - random)``: random scores 0 and the oracle 1."""
    return float((value - random_value) / (oracle_value - random_value))


def iqm(values: ArrayLike) -> float:
    """Interquartile mean: the mean of the middle 50% (``scipy.stats.trim_mean(x, 0.25)``)."""
    from scipy import stats

    return float(stats.trim_mean(np.asarray(values, dtype=np.float64), 0.25, axis=None))


def iqm_ci(
    run_scores: ArrayLike,
    confidence: float = 0.95,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile interval of the IQM of per-run scores, as rliable computes it.

    ``run_scores`` is ``(runs,)`` or ``(runs, tasks)``: one aggregate score (say, the
    mean normalized score) per training run and task. Each resample draws the runs
    with replacement separately within every task (rliable's stratified bootstrap)
    and takes the IQM of the whole matrix.

    Args:
        run_scores: Scores, one row per run.
        confidence: Coverage of the two-sided interval.
        resamples: Bootstrap resamples.
        seed: Seeds the resampling.
    """
    from scipy import stats

    scores = np.asarray(run_scores, dtype=np.float64)
    scores = scores.reshape(len(scores), -1) if scores.size else scores.reshape(0, 0)
    if scores.shape[0] == 0 or scores.shape[1] == 0:
        raise ValueError("iqm_ci needs at least one run with a score")
    runs, tasks = scores.shape
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, runs, size=(resamples, runs, tasks))
    resampled = np.take_along_axis(scores[None, :, :], picks, axis=1).reshape(resamples, -1)
    return _percentile_interval(stats.trim_mean(resampled, 0.25, axis=1), confidence)


def probability_of_improvement(x_runs: ArrayLike, y_runs: ArrayLike) -> float:
    """``P(X > Y) + P(X = Y) / 2`` for a random run of X and a random run of Y.

    The mean over all ``n × m`` pairs of runs, i.e. the Mann-Whitney U statistic of X
    divided by ``n m``: 1 means every run of X beats every run of Y, 0.5 a toss-up.
    """
    from scipy import stats

    x, y = _runs(x_runs), _runs(y_runs)
    return float(stats.mannwhitneyu(x, y).statistic / (len(x) * len(y)))


def probability_of_improvement_ci(
    x_runs: ArrayLike,
    y_runs: ArrayLike,
    confidence: float = 0.95,
    resamples: int = RESAMPLES,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile interval of :func:`probability_of_improvement`.

    The runs of X and of Y are resampled independently (``rliable``'s
    ``StratifiedIndependentBootstrap`` for one task). With few runs the interval is
    wide, and it should be.
    """
    x, y = _runs(x_runs), _runs(y_runs)
    rng = np.random.default_rng(seed)
    xs = x[rng.integers(0, len(x), (resamples, len(x)))][:, :, None]
    ys = y[rng.integers(0, len(y), (resamples, len(y)))][:, None, :]
    estimates = (xs > ys).mean(axis=(1, 2)) + 0.5 * (xs == ys).mean(axis=(1, 2))
    return _percentile_interval(estimates, confidence)


def _runs(values: ArrayLike) -> np.ndarray:
    runs = np.asarray(values, dtype=np.float64).ravel()
    if len(runs) == 0:
        raise ValueError("probability of improvement needs at least one run on each side")
    return runs


def _percentile_interval(estimates: np.ndarray, confidence: float) -> tuple[float, float]:
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(estimates, [tail, 1.0 - tail])
    return float(low), float(high)
