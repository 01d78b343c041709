"""The decision service: the model decides within guardrails, and every decision is logged."""

from __future__ import annotations

import numpy as np
import pytest

from supportgym.data import replay
from supportgym.data.sample import sample_logs
from supportgym.explain.distill import own_states
from supportgym.policies import make_policy
from supportgym.policies.stochastic import MixedPolicy
from supportgym.serving.decision_log import decision_logs
from supportgym.serving.deploy import build_deployment, record_deployment
from supportgym.serving.runtime import OnnxPolicy
from supportgym.serving.service import DecisionService, NotDeployed
from supportgym.sim import compile_scenario, load_scenario
from supportgym.sim.features import FEATURE_INDEX as F


@pytest.fixture
def deployed(store, trained_run):
    pending = record_deployment(store, trained_run.id, "retail-prod", threshold=0.0)
    return build_deployment(store, pending.id)


@pytest.fixture(scope="module")
def retail():
    return compile_scenario(load_scenario("retail"))


def _model_states(deployment, retail, episodes=200):
    model = OnnxPolicy(deployment.model_path)
    states = own_states(model, retail.scenario, episodes, seed=77)
    return replay.observations(states, retail)


def test_a_deployment_is_built_ready_and_active(store, deployed):
    assert (deployed.version, deployed.active, deployed.status) == (1, True, "completed")
    assert set(deployed.ranges) == set(F) and deployed.rules["rules"]
    assert store.find_deployment("retail-prod") == deployed


def test_on_states_like_its_own_the_model_decides_and_rules_are_named(store, deployed, retail):
    observations = _model_states(deployed, retail)
    service = DecisionService()
    served = service.decide(store, "retail-prod", observations, [(None, None)] * len(observations))
    service.flush()
    model = OnnxPolicy(deployed.model_path)
    masks = replay.masks(observations, retail)
    fallbacks = [s for s in served if s.fallback]
    assert len(fallbacks) < 0.02 * len(served)
    answered = [s.model_action for s in served]
    expected = (model.probabilities(observations, masks) * masks).argmax(axis=1)
    assert answered == [replay_action(a) for a in expected]
    assert all(s.rule and s.rule.startswith(("when ", "always ")) for s in served[:20])
    assert all(abs(sum(s.probabilities.values()) - 1) < 1e-6 for s in served)
    assert len(store.list_decisions("retail-prod", limit=10_000)) == len(served)


def replay_action(index):
    from supportgym.serving.service import ACTION_NAMES

    return ACTION_NAMES[int(index)]


def test_masked_actions_never_answer(store, deployed, retail):
    observations = _model_states(deployed, retail)
    resolved = observations.copy()
    resolved[:, F["resolved"]] = 1.0  # resolved: only upsell and close make sense
    resolved[:, F["progress"]] = 1.0
    served = DecisionService().decide(
        store, "retail-prod", resolved, [(None, None)] * len(resolved)
    )
    for answer in served:
        assert answer.model_action in ("upsell", "close_case")
        assert set(answer.masked) >= {"empathize", "escalate", "standard_solution"}
        assert all(answer.probabilities[a] == 0 for a in answer.masked)


def test_unseen_inputs_and_low_confidence_fall_back_to_the_playbook(store, deployed, retail):
    observations = _model_states(deployed, retail, episodes=50)[:40]
    late = observations.copy()
    late[:, F["turn_fraction"]] = 1.0  # the model never played this long
    served = DecisionService().decide(store, "retail-prod", late, [(None, None)] * len(late))
    playbook = make_policy("playbook", retail).act(late, replay.masks(late, retail), None)
    for answer, expected in zip(served, playbook, strict=True):
        assert answer.fallback.startswith("turn_fraction 1 is outside the range the model saw")
        assert answer.action == replay_action(expected)
    cautious = build_deployment(
        store, record_deployment(store, deployed.run_id, "retail-prod", 0.999).id
    )
    served = DecisionService().decide(
        store, "retail-prod", observations, [(None, None)] * len(observations)
    )
    unsure = [s for s in served if s.fallback and "under the threshold 1.00" in s.fallback]
    assert unsure and all(s.version == cautious.version == 2 for s in served)


def test_rollback_and_unknown_names(store, deployed):
    build_deployment(store, record_deployment(store, deployed.run_id, "retail-prod").id)
    assert store.find_deployment("retail-prod").version == 2
    assert store.activate_deployment("retail-prod", 1).active
    assert store.find_deployment("retail-prod").version == 1
    with pytest.raises(NotDeployed, match="deployment other not found"):
        DecisionService().decide(store, "other", np.zeros((1, 17)), [(None, None)])
    with pytest.raises(ValueError, match="run 1 is deployed as retail-prod v1"):
        store.delete_run(deployed.run_id)
    with pytest.raises(ValueError, match="deployment name 'Bad Name'"):
        record_deployment(store, deployed.run_id, "Bad Name")


def test_the_decision_log_exports_as_logs_with_outcomes(store, deployed, retail, tmp_path):
    logs = sample_logs(
        MixedPolicy([make_policy("playbook", retail)], 0.0), retail.scenario, 30, seed=3
    )
    observations = replay.observations(logs, retail)
    contacts = [
        (str(logs.contact_ids[c]), int(t)) for c, t in zip(logs.contact, logs.turn, strict=True)
    ]
    service = DecisionService()
    service.decide(store, "retail-prod", observations, contacts)
    service.close()
    for c in range(20):  # ten contacts never get an outcome
        outcome = {k: float(v[c]) for k, v in logs.outcomes.items()}
        outcome |= {k: bool(outcome[k]) for k in ("resolved", "escalated", "abandoned")}
        store.record_outcome(
            "retail-prod", str(logs.contact_ids[c]), outcome | {"csat": int(outcome["csat"])}
        )
    exported, left_out = decision_logs(store, "retail-prod", retail)
    assert (exported.n_contacts, left_out) == (20, 10)
    assert list(exported.inquiry_type) == list(logs.inquiry_type[:20])
    np.testing.assert_array_equal(exported.tier, logs.tier[:20])
    assert (exported.propensity == 1).all()
    from supportgym.data import read_logs, write_logs

    back = read_logs(write_logs(exported, tmp_path / "decisions.jsonl"))
    np.testing.assert_allclose(
        replay.observations(back, retail), observations[: back.n_turns], atol=1e-4
    )
