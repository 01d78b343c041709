"""The estimators on small hand-computed examples."""

from __future__ import annotations

import numpy as np
import pytest

from supportgym.data.ope import Trajectories, estimate


def _two_contacts() -> Trajectories:
    """Contact A: two turns, ratios 2 and 0.5, rewards 1 and 3. Contact B: one turn, ratio 0,
    reward 2. One reward stream; Q and V chosen by hand."""
    ratios = np.array([[2.0, 0.5], [0.0, 1.0]])
    weights = np.cumprod(ratios, axis=1)  # A: 2, 1; B: 0, 0
    return Trajectories(
        weights=weights,
        previous=np.hstack([np.ones((2, 1)), weights[:, :-1]]),
        rewards=np.array([[[1.0, 3.0], [2.0, 0.0]]]),
        q=np.array([[[1.0, 2.0], [1.0, 0.0]]]),
        v=np.array([[[1.5, 2.5], [0.5, 0.0]]]),
    )


def test_each_estimator_by_hand():
    values = {name: float(v[0, 0]) for name, v in estimate(_two_contacts()).items()}
    # pdis: A 2*1 + 1*3 = 5, B 0 -> 2.5
    assert values["pdis"] == pytest.approx(2.5)
    # wpdis: turn 0 (2*1 + 0*2) / 2 = 1, turn 1 (1*3) / 1 = 3 -> 4
    assert values["wpdis"] == pytest.approx(4.0)
    # dr: A 2*(1-1) + 1*1.5 + 1*(3-2) + 2*2.5 = 7.5; B 0*(2-1) + 1*0.5 = 0.5 -> 4
    assert values["dr"] == pytest.approx(4.0)
    # fqe: the first turns' V, (1.5 + 0.5) / 2
    assert values["fqe"] == pytest.approx(1.0)


def test_resampled_multiplicities_weigh_contacts():
    twice_a = {
        name: float(v[0, 0])
        for name, v in estimate(_two_contacts(), np.array([[2.0, 0.0]])).items()
    }
    assert twice_a == pytest.approx({"pdis": 5.0, "wpdis": 4.0, "dr": 7.5, "fqe": 1.5})


def test_a_turn_no_contact_reaches_adds_nothing_to_the_weighted_estimate():
    only_b = estimate(_two_contacts(), np.array([[0.0, 3.0]]))
    assert only_b["wpdis"][0, 0] == 0.0  # B's weight is 0 from its first turn
    assert only_b["dr"][0, 0] == pytest.approx(0.5)
