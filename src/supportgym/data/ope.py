"""Off-policy evaluation: how would a policy have done on the logged contacts?

Four estimators of the mean per contact of the return and of every KPI, each with a
percentile bootstrap CI over contacts (seeded):

- ``pdis``, per-decision importance sampling: ``mean_i sum_t w_it r_it``, where
  ``w_it`` is the product of ``pi(a|s) / mu(a|s)`` over the contact's turns up to ``t``
  (``pi`` the target policy, ``mu`` the logging policy). Unbiased, high variance.
- ``wpdis``, its weighted (self-normalized) form: ``sum_t sum_i w_it r_it / sum_i w_it``.
- ``dr``, doubly robust (Jiang & Li, 2016): ``mean_i sum_t [w_it (r_it - Q(s_it, a_it))
  + w_i,t-1 V(s_it)]`` with ``Q``, ``V`` from fitted Q evaluation; unbiased if either the
  propensities or the model are right, low variance when the model is good.
- ``fqe``, fitted Q evaluation alone: ``mean_i V(s_i0)``.

The model is cross-fitted (fitted on the other folds' contacts), so each contact's
terms do not reuse its own outcome. KPIs come at a contact's end, so for them
per-decision and trajectory importance sampling coincide. Propensities are the
logged ones or, without them, a behaviour-cloned model's; that model also tells how
much of the target's choices fall where the logs rarely go (``off_support``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from supportgym.data import replay
from supportgym.data.behaviour import BehaviourModel
from supportgym.data.fqe import FittedQ
from supportgym.data.logs import Logs
from supportgym.evaluation.results import Estimate
from supportgym.policies.base import Policy
from supportgym.policies.oracle import OraclePolicy
from supportgym.policies.rules import RandomPolicy
from supportgym.policies.stochastic import N_ACTIONS, StochasticPolicy
from supportgym.sim.compile import CompiledScenario
from supportgym.sim.kernel import KPIS
from supportgym.sim.schema import Scenario

ESTIMATORS = ("pdis", "wpdis", "dr", "fqe")
ESTIMATOR_NAMES = {
    "pdis": "per-decision IS",
    "wpdis": "weighted per-decision IS",
    "dr": "doubly robust",
    "fqe": "fitted Q evaluation",
}
QUANTITIES = ("return", *KPIS)
MIN_SUPPORT = 0.01
"""A logging probability below this counts as outside the logs' support."""
_CHUNK = 100


@dataclass(frozen=True)
class PolicyEstimates:
    """One policy's estimates: estimator -> quantity -> :class:`Estimate`, and diagnostics."""

    policy: str
    estimates: dict[str, dict[str, Estimate]]
    effective_contacts: float
    """Kish's effective sample size of the contacts' final importance weights."""
    matched_contacts: int
    """Contacts whose every logged action the policy might have taken (weight > 0)."""
    off_support: float
    """Share of the policy's choices that the logging policy makes with probability < 1%."""
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OfflineEvaluation:
    """Off-policy estimates of several policies on one set of logs."""

    source: str
    scenario: str
    version: str
    contacts: int
    turns: int
    propensities: str
    """``logged``, or ``cloned`` when a behaviour model supplied them."""
    defaulted_features: list[str]
    """Features replayed on defaults because the logs do not carry them."""
    resamples: int
    seed: int
    policies: list[PolicyEstimates]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (estimates as ``{"value", "low", "high"}``)."""
        return asdict(self)


def target_probabilities(policy: Policy, observations: np.ndarray, masks: np.ndarray) -> np.ndarray:
    """``(n, 8)``: the probabilities with which ``policy`` acts on replayed observations.

    Deterministic policies (rules, greedy trained models) put all of it on their action.
    """
    if isinstance(policy, OraclePolicy):
        raise ValueError("the oracle reads the hidden customer state, which logs do not have")
    if isinstance(policy, RandomPolicy):
        return np.full((len(observations), N_ACTIONS), 1.0 / N_ACTIONS)
    if isinstance(policy, StochasticPolicy):
        return policy.probabilities(observations, masks, None)  # type: ignore[arg-type]
    actions = policy.act(observations, masks, None)  # type: ignore[arg-type]
    return np.eye(N_ACTIONS)[np.asarray(actions, dtype=np.int64)]


def evaluate_logs(
    logs: Logs,
    policies: Mapping[str, Policy],
    cs: CompiledScenario,
    resamples: int = 1000,
    seed: int = 0,
    folds: int = 2,
) -> OfflineEvaluation:
    """Estimate each policy's return and KPIs on the logged contacts (see the module docstring).

    Args:
        logs: The logged contacts.
        policies: Label -> policy to evaluate.
        cs: The scenario whose inquiry types, limits and economics the logs are replayed in.
        resamples: Bootstrap resamples for the CIs.
        seed: Seeds the folds, the models and the bootstrap.
        folds: Folds of the cross-fitted Q model (at least 2).
    """
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, got {resamples}")
    if folds < 2 or folds > logs.n_contacts:
        raise ValueError(f"folds must be between 2 and the number of contacts, got {folds}")
    observations = replay.observations(logs, cs)
    masks = replay.masks(observations, cs)
    streams = _streams(logs, cs)
    behaviour = BehaviourModel(replay.known_features(logs), seed).fit(observations, logs.action)
    logging = behaviour.probabilities(observations)
    rows = np.arange(logs.n_turns)
    logged = logs.propensity if logs.has_propensities else logging[rows, logs.action]
    fold = np.random.default_rng(seed).permutation(logs.n_contacts) % folds
    results = []
    for label, policy in policies.items():
        target = target_probabilities(policy, observations, masks)
        ratios = target[rows, logs.action] / logged
        q, v = _cross_fitted(logs, observations, streams, target, fold[logs.contact], seed)
        padded = Trajectories.of(logs, ratios, streams, q, v)
        estimates = _with_intervals(padded, resamples, seed)
        off_support = float((target * (logging < MIN_SUPPORT)).sum() / logs.n_turns)
        final = padded.weights[:, -1]
        ess = float(final.sum() ** 2 / (final**2).sum()) if final.any() else 0.0
        results.append(
            PolicyEstimates(
                policy=label,
                estimates=estimates,
                effective_contacts=ess,
                matched_contacts=int(np.count_nonzero(final)),
                off_support=off_support,
                warnings=_warnings(ess, off_support, logs.n_contacts),
            )
        )
    return OfflineEvaluation(
        source=logs.source,
        scenario=cs.scenario.name,
        version=cs.version,
        contacts=logs.n_contacts,
        turns=logs.n_turns,
        propensities="logged" if logs.has_propensities else "cloned",
        defaulted_features=[n for n in replay.DEFAULTED if n not in logs.logged_features],
        resamples=resamples,
        seed=seed,
        policies=results,
    )


def _streams(logs: Logs, cs: CompiledScenario) -> np.ndarray:
    """``(N, k)`` rewards of each quantity: the return's per turn, each KPI on the last turn."""
    streams = np.zeros((logs.n_turns, len(QUANTITIES)))
    streams[:, 0] = replay.rewards(logs, cs)
    last = logs.starts[1:] - 1
    for column, values in enumerate(replay.kpis(logs, cs).values(), start=1):
        streams[last, column] = values
    return streams


def _cross_fitted(
    logs: Logs,
    observations: np.ndarray,
    streams: np.ndarray,
    target: np.ndarray,
    fold: np.ndarray,
    seed: int,
) -> tuple[np.ndarray, np.ndarray]:
    """``Q(s_t, a_t)`` and ``V(s_t)``, ``(N, k)`` each, every turn's from the other folds' model."""
    q = np.zeros_like(streams)
    v = np.zeros_like(streams)
    last = logs.last
    for held_out in np.unique(fold):
        train = np.flatnonzero(fold != held_out)
        local = np.full(logs.n_turns, -1)
        local[train] = np.arange(len(train))
        following = np.where(last[train], -1, local[np.minimum(train + 1, logs.n_turns - 1)])
        lengths = np.diff(logs.starts)
        model = FittedQ(seed).fit(
            observations[train],
            logs.action[train],
            streams[train],
            following,
            target[train],
            iterations=int(lengths.max()),
        )
        test = np.flatnonzero(fold == held_out)
        q[test] = model.q(observations[test], logs.action[test])
        v[test] = model.values(observations[test], target[test])
    return q, v


@dataclass(frozen=True)
class Trajectories:
    """What the estimators read: contacts as ``(C, H)`` arrays, ``H`` the longest contact.

    Past a contact's end its weight stays as it was and its rewards and values are 0.
    """

    weights: np.ndarray  # (C, H) cumulative importance weights, constant past the end
    previous: np.ndarray  # (C, H) the weights one turn earlier (1 at the start)
    rewards: np.ndarray  # (k, C, H)
    q: np.ndarray  # (k, C, H)
    v: np.ndarray  # (k, C, H)

    @classmethod
    def of(
        cls, logs: Logs, ratios: np.ndarray, streams: np.ndarray, q: np.ndarray, v: np.ndarray
    ) -> Trajectories:
        """Pad per-turn ``(N,)`` ratios and ``(N, k)`` rewards, ``Q`` and ``V`` by contact."""
        lengths = np.diff(logs.starts)
        horizon = int(lengths.max())
        position = (logs.contact, logs.turn)
        padded_ratios = np.ones((logs.n_contacts, horizon))
        padded_ratios[position] = ratios
        weights = np.cumprod(padded_ratios, axis=1)
        previous = np.hstack([np.ones((logs.n_contacts, 1)), weights[:, :-1]])

        def spread(values: np.ndarray) -> np.ndarray:
            out = np.zeros((values.shape[1], logs.n_contacts, horizon))
            out[:, position[0], position[1]] = values.T
            return out

        return cls(weights, previous, spread(streams), spread(q), spread(v))


def estimate(padded: Trajectories, counts: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Each estimator's value, ``(B, k)``, for ``(B, C)`` contact multiplicities.

    By default one row of ones: the estimates on the data as they are; the bootstrap
    passes resampled multiplicities.
    """
    if counts is None:
        counts = np.ones((1, padded.weights.shape[0]))
    w, previous = padded.weights, padded.previous
    n = counts.sum(axis=1, keepdims=True)
    terms = {
        "pdis": (w * padded.rewards).sum(axis=2),
        "dr": (w * (padded.rewards - padded.q) + previous * padded.v).sum(axis=2),
        "fqe": padded.v[:, :, 0],
    }
    out = {name: (counts @ term.T) / n for name, term in terms.items()}
    weighted = np.einsum("bc,kct->bkt", counts, w * padded.rewards)
    mass = (counts @ w)[:, None, :]
    safe = np.where(mass > 0, mass, 1.0)
    out["wpdis"] = np.where(mass > 0, weighted / safe, 0.0).sum(axis=2)
    return out


def _with_intervals(
    padded: Trajectories, resamples: int, seed: int
) -> dict[str, dict[str, Estimate]]:
    contacts = padded.weights.shape[0]
    point = estimate(padded)
    rng = np.random.default_rng(seed)
    draws: dict[str, list[np.ndarray]] = {name: [] for name in ESTIMATORS}
    for start in range(0, resamples, _CHUNK):
        size = min(_CHUNK, resamples - start)
        picks = rng.integers(0, contacts, (size, contacts))
        counts = np.zeros((size, contacts))
        np.add.at(counts, (np.arange(size)[:, None], picks), 1.0)
        for name, values in estimate(padded, counts).items():
            draws[name].append(values)
    estimates = {}
    for name in ESTIMATORS:
        resampled = np.concatenate(draws[name])
        low, high = np.quantile(resampled, [0.025, 0.975], axis=0)
        estimates[name] = {
            quantity: Estimate(float(point[name][0, i]), float(low[i]), float(high[i]))
            for i, quantity in enumerate(QUANTITIES)
        }
    return estimates


def _warnings(ess: float, off_support: float, contacts: int) -> list[str]:
    warnings = []
    if off_support > 0.05:
        warnings.append(
            f"{off_support:.0%} of this policy's choices are actions the logging policy takes "
            f"with probability under {MIN_SUPPORT:.0%}: it leaves the logs' support, so the "
            "importance-sampling estimates rest on few contacts and dr and fqe extrapolate"
        )
    if ess < max(30.0, 0.01 * contacts):
        warnings.append(
            f"the importance weights' effective sample size is {ess:.0f} of {contacts:,} "
            "contacts: trust the importance-sampling estimates little"
        )
    return warnings


def simulated_values(
    policies: Mapping[str, Policy], scenario: Scenario, episodes: int
) -> dict[str, Any]:
    """Each policy's mean return and KPIs with 95% CIs when it plays ``scenario`` itself.

    Played on the held-out evaluation customers: the simulator's answer beside the
    logs' (``{"scenario", "version", "policies": {label: {quantity: {value, low, high}}}}``).
    """
    from supportgym.evaluation import HELD_OUT_SEED
    from supportgym.evaluation.statistics import mean_cis
    from supportgym.policies import rollout

    values = {}
    for label, policy in policies.items():
        played = rollout(policy, scenario, episodes, HELD_OUT_SEED)
        columns = {"return": played.returns, **played.kpis}
        intervals = mean_cis(np.column_stack(list(columns.values())), seed=HELD_OUT_SEED)
        values[label] = {
            name: {"value": float(column.mean()), "low": low, "high": high}
            for (name, column), (low, high) in zip(columns.items(), intervals, strict=True)
        }
    return {"scenario": scenario.name, "version": scenario.version, "policies": values}
