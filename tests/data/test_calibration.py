"""Calibration recovers the parameters behind the shipped sample, which the tests know."""

from __future__ import annotations

import dataclasses
from importlib import resources

import numpy as np
import pytest

from supportgym.data import read_logs
from supportgym.data.calibration import calibrate, markdown, write_scenario
from supportgym.policies import make_policy, rollout
from supportgym.policies.stochastic import MixedPolicy
from supportgym.sim import compile_scenario, load_scenario
from supportgym.sim.library import load_scenario_file

SAMPLES = resources.files("supportgym.data") / "samples"
KPIS = ("resolved", "abandoned", "escalated", "csat", "handle_minutes")


@pytest.fixture(scope="module")
def sample():
    return read_logs(SAMPLES / "retail_sample.jsonl.gz")


@pytest.fixture(scope="module")
def truth():
    return load_scenario(str(SAMPLES / "retail_truth.yaml"))


@pytest.fixture(scope="module")
def fitted(sample):
    return calibrate(sample, load_scenario("retail"), budget=60, simulated=3000, seed=0)


def _close(found, true, base, tolerance):
    """Within ``tolerance`` of the truth, and at least halfway there from the base."""
    return abs(found - true) <= tolerance and abs(found - true) <= abs(base - true) / 2


def test_the_known_differences_are_recovered(fitted, truth):
    base, found = fitted.base, fitted.fitted
    weights = {i.name: i.weight for i in found.inquiries}
    for inquiry in truth.inquiries:
        assert weights[inquiry.name] == pytest.approx(inquiry.weight, abs=0.02), inquiry.name
    for tier in ("standard", "premium", "vip"):
        true = getattr(truth.customers.tiers, tier)
        assert getattr(found.customers.tiers, tier) == pytest.approx(true, abs=0.02)
    pairs = [
        (
            found.customers.sentiment.mean,
            truth.customers.sentiment.mean,
            base.customers.sentiment.mean,
            0.05,
        ),
        (
            found.customers.patience.mean,
            truth.customers.patience.mean,
            base.customers.patience.mean,
            0.75,
        ),
        (
            found.dynamics.empathy_gain,
            truth.dynamics.empathy_gain,
            base.dynamics.empathy_gain,
            0.07,
        ),
    ]
    # Returns: the playbook rarely tries troubleshooting or compensation on them, so the
    # logs tell the standard share well and compensation from troubleshooting less so.
    fix = {
        s.name: next(i.fix for i in s.inquiries if i.name == "return_refund")
        for s in (found, truth, base)
    }
    found_fix, true_fix, base_fix = fix[found.name], fix[truth.name], fix[base.name]
    pairs.append((found_fix.standard, true_fix.standard, base_fix.standard, 0.1))
    assert abs(found_fix.compensation - true_fix.compensation) < min(
        0.15, abs(base_fix.compensation - true_fix.compensation)
    )
    unsettled = found_fix.compensation + found_fix.technical
    assert unsettled == pytest.approx(true_fix.compensation + true_fix.technical, abs=0.1)
    for found_value, true_value, base_value, tolerance in pairs:
        assert _close(found_value, true_value, base_value, tolerance), (
            found_value,
            true_value,
            base_value,
        )


def test_the_logging_policys_kpis_match_the_logs_in_the_fitted_scenario_only(fitted, sample):
    observed = {s["name"].removeprefix("all/"): s["observed"] for s in fitted.statistics}
    logging = MixedPolicy([make_policy("playbook", compile_scenario(fitted.fitted))], 0.2, seed=1)
    played = {
        key: rollout(logging, scenario, 40_000, seed=5_000_000).kpis
        for key, scenario in (("base", fitted.base), ("fitted", fitted.fitted))
    }
    for kpi in KPIS:
        low, high = observed[kpi]["low"], observed[kpi]["high"]
        assert low <= played["fitted"][kpi].mean() <= high, kpi
    outside = [
        k for k in KPIS if not observed[k]["low"] <= played["base"][k].mean() <= observed[k]["high"]
    ]
    assert outside == list(KPIS)
    assert fitted.distance["fitted"] < fitted.distance["base"] / 20
    assert fitted.within("fitted") > 0.6 > fitted.within("base")


def test_the_fitted_scenario_is_valid_yaml_and_the_report_shows_every_statistic(
    fitted, sample, tmp_path
):
    path = write_scenario(fitted.fitted, tmp_path / "fitted.yaml")
    loaded = load_scenario_file(path)
    assert loaded.version == fitted.fitted.version
    assert loaded.name == "retail-calibrated"
    report = markdown(fitted, sample.source)
    assert f"`{fitted.fitted.version}`" in report
    for statistic in fitted.statistics:
        assert f"`{statistic['name']}`" in report
    assert {p["path"] for p in fitted.parameters} >= {
        "customers.patience.mean",
        "inquiries[return_refund].fix.compensation",
    }


def test_the_same_seed_fits_the_same_scenario_and_logs_without_sentiment_fit_too(sample):
    small = sample.select(np.arange(800))
    first = calibrate(small, load_scenario("retail"), budget=8, simulated=500, seed=3)
    again = calibrate(small, load_scenario("retail"), budget=8, simulated=500, seed=3)
    assert first.fitted.version == again.fitted.version
    blind = dataclasses.replace(small, features=np.full_like(small.features, np.nan))
    without = calibrate(blind, load_scenario("retail"), budget=8, simulated=500, seed=3)
    assert not any(
        s["name"].startswith("sentiment") or "mood" in s["name"] for s in without.statistics
    )
    assert without.distance["fitted"] < without.distance["base"]


def test_a_base_without_the_logged_inquiry_types_is_refused(sample):
    with pytest.raises(ValueError, match=r"inquiry type .* is not in scenario tech"):
        calibrate(sample, load_scenario("tech"), budget=4)
    with pytest.raises(ValueError, match="budget must be at least 1"):
        calibrate(sample, load_scenario("retail"), budget=0)
