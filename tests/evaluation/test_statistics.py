"""Statistics: BCa intervals as scipy's, IQM, stratified bootstrap, probability of improvement."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from supportgym.evaluation.statistics import (
    bootstrap_ci,
    iqm,
    iqm_ci,
    mean_cis,
    paired_difference_ci,
    probability_of_improvement,
    probability_of_improvement_ci,
)


def _samples(n: int = 600) -> np.ndarray:
    generator = np.random.default_rng(11)
    return np.column_stack(
        [
            generator.normal(size=n),  # symmetric
            (generator.random(n) < 0.3).astype(float),  # a rate (many ties)
            generator.exponential(size=n),  # skewed: BCa differs from the percentile CI
            np.clip(np.rint(generator.normal(3, 1, n)), 1, 5),  # a 1-5 score
        ]
    )


@pytest.mark.parametrize("seed", [0, 1_000_000_000])
def test_mean_cis_equal_scipy_bca_column_by_column(seed: int) -> None:
    data = _samples()
    joint = mean_cis(data, seed=seed)
    for column, interval in zip(data.T, joint, strict=True):
        scipy_ci = stats.bootstrap(
            (column,), np.mean, n_resamples=2000, method="BCa", rng=np.random.default_rng(seed)
        ).confidence_interval
        assert interval == pytest.approx((scipy_ci.low, scipy_ci.high), rel=1e-9, abs=1e-12)
        assert interval == pytest.approx(bootstrap_ci(column, seed=seed), rel=1e-9, abs=1e-12)


def test_mean_cis_of_constant_or_single_rows_are_the_mean() -> None:
    data = np.column_stack([np.full(50, 2.5), np.arange(50.0)])
    constant, varying = mean_cis(data)
    assert constant == (2.5, 2.5)
    assert varying[0] < 24.5 < varying[1]
    assert mean_cis([[3.0, 4.0]]) == [(3.0, 3.0), (4.0, 4.0)]


def test_mean_cis_rejects_empty_or_flat_input() -> None:
    with pytest.raises(ValueError, match="expected"):
        mean_cis(np.zeros((0, 2)))
    with pytest.raises(ValueError, match="expected"):
        mean_cis(np.zeros(5))


def test_paired_difference_of_a_constant_shift_is_exactly_the_shift() -> None:
    a = np.random.default_rng(3).normal(size=200)
    assert paired_difference_ci(a + 1.5, a) == pytest.approx((1.5, 1.5))


def test_paired_difference_ci_is_scipys_bca_of_the_differences() -> None:
    generator = np.random.default_rng(5)
    customer = generator.normal(0, 3, size=400)  # shared by both policies
    a = customer + 0.3 + generator.normal(0, 0.5, size=400)
    b = customer + generator.normal(0, 0.5, size=400)
    low, high = paired_difference_ci(a, b, seed=9)
    expected = stats.bootstrap(
        (a - b,), np.mean, n_resamples=2000, method="BCa", rng=np.random.default_rng(9)
    ).confidence_interval
    assert (low, high) == pytest.approx((expected.low, expected.high), rel=1e-9)
    assert low > 0  # the 0.3 improvement shows once the customer variance cancels
    unpaired = bootstrap_ci(a, seed=9), bootstrap_ci(b, seed=9)
    assert unpaired[0][0] < unpaired[1][1]  # separately, the two intervals overlap


def test_paired_difference_needs_equal_shapes() -> None:
    with pytest.raises(ValueError, match="same 1-d shape"):
        paired_difference_ci([1.0, 2.0], [1.0])


def test_iqm_is_the_mean_of_the_middle_half() -> None:
    assert iqm([1, 2, 3, 4, 5, 6, 7, 100]) == pytest.approx(4.5)  # mean of 3, 4, 5, 6
    values = np.random.default_rng(2).normal(size=101)
    assert iqm(values) == pytest.approx(stats.trim_mean(values, 0.25))


def test_iqm_ci_resamples_runs_within_each_task() -> None:
    # Two tasks whose runs all score the same: every resample is the same matrix.
    assert iqm_ci(np.array([[0.2, 0.8], [0.2, 0.8], [0.2, 0.8]])) == (0.5, 0.5)


def test_iqm_ci_is_seeded_and_covers_the_estimate() -> None:
    runs = np.random.default_rng(4).normal(0.5, 0.1, size=12)
    low, high = iqm_ci(runs, seed=7)
    assert low < iqm(runs) < high
    assert iqm_ci(runs, seed=7) == (low, high)
    assert iqm_ci(runs, seed=8) != (low, high)


def test_iqm_ci_needs_scores() -> None:
    with pytest.raises(ValueError, match="at least one run"):
        iqm_ci([])


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        ([1, 2, 3], [2], 0.5),  # lose, tie (half), win
        ([3, 4], [1, 2], 1.0),
        ([1, 2], [3, 4], 0.0),
        ([1, 1], [1], 0.5),
        ([0.6, 0.7, 0.5], [0.55], 2 / 3),
    ],
)
def test_probability_of_improvement_by_hand(
    x: list[float], y: list[float], expected: float
) -> None:
    assert probability_of_improvement(x, y) == pytest.approx(expected)


def test_probability_of_improvement_is_mann_whitney_u_over_nm() -> None:
    generator = np.random.default_rng(6)
    x, y = generator.normal(0.3, 1, size=7), np.rint(generator.normal(0, 1, size=5))
    pairs = np.mean([(a > b) + 0.5 * (a == b) for a in x for b in y])
    u = stats.mannwhitneyu(x, y).statistic
    assert probability_of_improvement(x, y) == pytest.approx(pairs)
    assert probability_of_improvement(x, y) == pytest.approx(u / (len(x) * len(y)))


def test_probability_of_improvement_ci() -> None:
    assert probability_of_improvement_ci([3.0, 4.0, 5.0], [1.0, 2.0]) == (1.0, 1.0)
    x, y = [0.2, 0.6, 0.7, 0.9], [0.5]
    low, high = probability_of_improvement_ci(x, y, seed=3)
    assert 0.0 <= low <= probability_of_improvement(x, y) <= high <= 1.0
    assert low < high
    assert probability_of_improvement_ci(x, y, seed=3) == (low, high)
    with pytest.raises(ValueError, match="at least one run"):
        probability_of_improvement([], [1.0])
