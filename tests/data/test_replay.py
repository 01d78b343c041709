"""Replaying logs: the observations, masks and rewards a policy would have had."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from data.conftest import contact
from supportgym.data import read_logs, replay
from supportgym.data.sample import sample_logs
from supportgym.policies import make_policy
from supportgym.policies.stochastic import MixedPolicy
from supportgym.sim import FEATURE_NAMES, compile_scenario, load_scenario
from supportgym.sim.features import FEATURE_INDEX

DERIVED = (*replay.DERIVED, "sentiment_trend")


class Recording:
    """The playbook, keeping the masks the environment gave it."""

    name = "recording"

    def __init__(self, cs):
        self.playbook, self.masks = make_policy("playbook", cs), []

    def act(self, observations, action_masks, customers):
        self.masks.append((~customers.done, action_masks.copy()))
        return self.playbook.act(observations, action_masks, customers)


@pytest.fixture(scope="module")
def played():
    scenario = load_scenario("bfsi")
    cs = compile_scenario(scenario)
    recording = Recording(cs)
    logs = sample_logs(MixedPolicy([recording], 0.3, seed=2), scenario, 800, seed=40)
    masks = np.zeros((logs.n_turns, 8), dtype=bool)
    for step, (active, mask) in enumerate(recording.masks):
        lanes = np.flatnonzero(active)
        rows = logs.starts[lanes] + step
        masks[rows] = mask[lanes]
    return cs, logs, masks


def test_logged_features_are_replayed_as_they_were(played):
    cs, logs, _ = played
    obs = replay.observations(logs, cs)
    logged = [FEATURE_INDEX[name] for name in logs.logged_features]
    np.testing.assert_array_equal(obs[:, logged], logs.features[:, logged].astype(np.float32))


@pytest.mark.parametrize("kept", [("sentiment", "resolved"), ("sentiment", "resolved", "progress")])
def test_derived_features_are_what_the_simulator_showed(played, kept):
    cs, logs, _ = played
    full = replay.observations(logs, cs)
    hidden = [FEATURE_INDEX[n] for n in FEATURE_NAMES if n not in kept]
    partial = logs.features.copy()
    partial[:, hidden] = np.nan
    obs = replay.observations(dataclasses.replace(logs, features=partial), cs)
    for name in DERIVED:
        column = FEATURE_INDEX[name]
        np.testing.assert_allclose(obs[:, column], full[:, column], atol=1e-6, err_msg=name)


def test_unknown_features_get_their_documented_defaults(played):
    cs, logs, _ = played
    bare = dataclasses.replace(logs, features=np.full_like(logs.features, np.nan))
    obs = replay.observations(bare, cs)
    inquiry = replay.inquiry_indices(bare, cs)[bare.contact]
    for name in ("sentiment", "sentiment_trend", "progress", "failed_attempts", "resolved"):
        assert (obs[:, FEATURE_INDEX[name]] == 0).all(), name
    np.testing.assert_allclose(
        obs[:, FEATURE_INDEX["belief_escalation"]], cs.fix_prior[inquiry, 2], rtol=1e-6
    )


def test_masks_are_the_simulators(played):
    cs, logs, masks = played
    np.testing.assert_array_equal(replay.masks(replay.observations(logs, cs), cs), masks)


def test_logged_rewards_are_kept_and_missing_ones_follow_the_outcome(played, jsonl):
    cs, logs, _ = played
    np.testing.assert_array_equal(replay.rewards(logs, cs), logs.reward)
    retail = compile_scenario(load_scenario("retail"))
    # Ask (2 min), then a standard solution (3 min) that resolves; the case is not closed.
    records = contact(turns=2)
    records[1]["sentiment"] = 0.5
    derived = replay.rewards(read_logs(jsonl(records)), retail)
    # Turn 0: -0.01 * 2 + 1.0 * (0.5 - 0.1); turn 1: -0.01 * 3 + 1 * (1.0 - 0.5) (tier 1).
    np.testing.assert_allclose(derived, [-0.02 + 0.4, -0.03 + 0.5])


def test_a_scenario_without_the_logged_inquiry_types_is_refused(played):
    _, logs, _ = played
    with pytest.raises(ValueError, match=r"inquiry type .* is not in scenario retail"):
        replay.observations(logs, compile_scenario(load_scenario("retail")))
