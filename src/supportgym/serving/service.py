"""The decision service: a deployment's model decides within guardrails, every decision logged.

For each state (the 17 features) the active version's ONNX model gives action
probabilities; the guardrails then

- enforce the action mask: masked actions get no probability and the best allowed one is
  taken (as the simulator would penalize a masked one);
- fall back to the playbook, saying why, when a feature lies outside the range the model
  saw in its own episodes (widened by 5% of the feature's span) or when the model's top
  probability is under the deployment's threshold.

Each answer names the distilled rule the state fits and the version that answered, and
is appended to the decision log in the store (in batches, off the request path: see
:mod:`.decision_writer`). Which version is active is looked up at most once a second,
so a rollback takes effect within a second. No torch, no SB3: onnxruntime only.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from supportgym.data import replay
from supportgym.explain.rules import RuleSet, RulesPolicy, describe
from supportgym.policies.rules import PlaybookPolicy
from supportgym.serving.decision_writer import DecisionWriter
from supportgym.serving.runtime import OnnxPolicy
from supportgym.sim.actions import Action
from supportgym.sim.compile import CompiledScenario, compile_scenario
from supportgym.sim.features import FEATURE_NAMES, FEATURES
from supportgym.sim.library import parse_scenario
from supportgym.store import AbstractStore, Deployment

ACTION_NAMES = tuple(a.name.lower() for a in Action)
ACTIVE_SECONDS = 1.0
"""How long the active version of a name is taken as known."""
RANGE_MARGIN = 0.05
"""Inputs this share of a feature's span beyond what the model saw still count as seen."""
_SPAN = np.array([f.high - f.low for f in FEATURES])


class NotDeployed(LookupError):
    """No ready, active version answers this name."""


@dataclass(frozen=True)
class Served:
    """One decision as answered."""

    deployment: str
    version: int
    action: str
    model_action: str
    probabilities: dict[str, float]
    """The model's probabilities after the mask (masked actions 0)."""
    masked: list[str]
    fallback: str | None
    rule: str | None


@dataclass(frozen=True)
class _Loaded:
    deployment: Deployment
    model: OnnxPolicy
    rules: RuleSet
    matcher: RulesPolicy
    playbook: PlaybookPolicy
    scenario: CompiledScenario
    low: np.ndarray
    high: np.ndarray


class DecisionService:
    """Loaded deployments (by version id), shared by the server's requests."""

    def __init__(self) -> None:
        self._loaded: dict[int, _Loaded] = {}
        self._active: dict[str, tuple[float, Deployment | None]] = {}
        self._writer: DecisionWriter | None = None
        self._lock = threading.Lock()

    def flush(self) -> None:
        """Write the decisions not yet in the store's log."""
        if self._writer is not None:
            self._writer.flush()

    def close(self) -> None:
        """Write what is queued and stop the writer."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def scenario(self, store: AbstractStore, name: str) -> CompiledScenario:
        """The scenario the active version of ``name`` was trained on."""
        return self._load(store, name).scenario

    def decide(
        self,
        store: AbstractStore,
        name: str,
        observations: np.ndarray,
        contacts: Sequence[tuple[str | None, int | None]],
    ) -> list[Served]:
        """Decide for ``(n, 17)`` observations; ``contacts`` gives each one's contact and turn."""
        loaded = self._load(store, name)
        deployment, cs = loaded.deployment, loaded.scenario
        observations = np.asarray(observations, dtype=np.float32)
        masks = replay.masks(observations, cs)
        probabilities = loaded.model.probabilities(observations, masks) * masks
        totals = probabilities.sum(axis=1, keepdims=True)
        probabilities = np.where(
            totals > 0,
            probabilities / np.where(totals > 0, totals, 1),
            masks / masks.sum(axis=1, keepdims=True),
        )
        chosen = probabilities.argmax(axis=1)
        playbook = loaded.playbook.act(observations, masks, None)  # type: ignore[arg-type]
        found, _ = loaded.matcher.matching(observations)
        served, logged = [], []
        for row, (contact, turn) in enumerate(contacts):
            reason = self._fallback(loaded, observations[row], float(probabilities[row].max()))
            action = int(playbook[row]) if reason else int(chosen[row])
            rule = (
                describe(loaded.rules.rules[found[row]], loaded.rules) if found[row] >= 0 else None
            )
            answer = Served(
                deployment=deployment.name,
                version=deployment.version,
                action=ACTION_NAMES[action],
                model_action=ACTION_NAMES[int(chosen[row])],
                probabilities=dict(zip(ACTION_NAMES, map(float, probabilities[row]), strict=True)),
                masked=[ACTION_NAMES[a] for a in np.flatnonzero(~masks[row])],
                fallback=reason,
                rule=rule,
            )
            served.append(answer)
            logged.append(
                {
                    "deployment_id": deployment.id,
                    "version": deployment.version,
                    "contact_id": contact,
                    "turn": turn,
                    "features": [float(x) for x in observations[row]],
                    "action": answer.action,
                    "model_action": answer.model_action,
                    "probabilities": [float(p) for p in probabilities[row]],
                    "fallback": reason,
                    "rule": rule,
                }
            )
        self._log(store).append(logged)
        return served

    def _log(self, store: AbstractStore) -> DecisionWriter:
        with self._lock:
            if self._writer is None or self._writer.store is not store:
                if self._writer is not None:
                    self._writer.close()
                self._writer = DecisionWriter(store)
            return self._writer

    def _fallback(self, loaded: _Loaded, observation: np.ndarray, top: float) -> str | None:
        outside = (observation < loaded.low) | (observation > loaded.high)
        if outside.any():
            k = int(np.flatnonzero(outside)[0])
            return (
                f"{FEATURE_NAMES[k]} {observation[k]:.3g} is outside the range the model saw "
                f"[{loaded.low[k]:.3g}, {loaded.high[k]:.3g}]: the playbook decided"
            )
        threshold = loaded.deployment.threshold
        if top < threshold:
            return (
                f"the model's top probability {top:.2f} is under the threshold {threshold:.2f}: "
                "the playbook decided"
            )
        return None

    def _load(self, store: AbstractStore, name: str) -> _Loaded:
        now = time.monotonic()
        with self._lock:
            seen, deployment = self._active.get(name, (-ACTIVE_SECONDS, None))
        if now - seen >= ACTIVE_SECONDS:
            deployment = store.find_deployment(name)
            with self._lock:
                self._active[name] = (now, deployment)
        if deployment is None or deployment.model_path is None:
            raise NotDeployed(f"deployment {name} not found (or no version of it is ready)")
        with self._lock:
            loaded = self._loaded.get(deployment.id)
            if loaded is None:
                loaded = self._loaded[deployment.id] = _open(store, deployment)
        return loaded


def _open(store: AbstractStore, deployment: Deployment) -> _Loaded:
    record = store.get_scenario(deployment.scenario_version)
    if record is None:
        raise NotDeployed(f"deployment {deployment.name}: its scenario is not stored")
    cs = compile_scenario(parse_scenario(record.definition, deployment.scenario))
    rules = RuleSet.model_validate(deployment.rules)
    low = np.array([deployment.ranges[name][0] for name in FEATURE_NAMES]) - RANGE_MARGIN * _SPAN
    high = np.array([deployment.ranges[name][1] for name in FEATURE_NAMES]) + RANGE_MARGIN * _SPAN
    return _Loaded(
        deployment=deployment,
        model=OnnxPolicy(deployment.model_path, f"{deployment.name} v{deployment.version}"),
        rules=rules,
        matcher=RulesPolicy(rules, cs),
        playbook=PlaybookPolicy(cs),
        scenario=cs,
        low=low,
        high=high,
    )
