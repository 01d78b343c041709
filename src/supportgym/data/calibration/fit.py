"""Calibration: fit a scenario's parameters to logs by simulation (method of simulated moments).

What the logs show directly is read off them: the inquiry mix and the tier mix. The
rest is fitted so that simulated logs look like the real ones (:mod:`.moments`):

- the logged agents' behaviour is cloned (:class:`~supportgym.data.behaviour.ClonedPolicy`)
  and plays the simulated customers, on seeds that stay fixed (common random numbers);
- with a logged sentiment, the mood's distribution is fitted first, to the first turns'
  moods alone (new customers only, no conversation: cheap and exact, Nelder-Mead);
- the other hidden traits and action effects (:data:`PARAMETERS`) are searched by
  Nelder-Mead (scipy) within their bounds, starting from the base scenario (measured on
  the shipped sample: after 100 candidates the distance is a sixth of CMA-ES's);
- for each candidate, the fix-strategy mix of every inquiry type is solved exactly: the
  customers are simulated once per fix strategy, and a mix is a weighting of those
  contacts, so the best mixes follow from a smooth fit of the weights (L-BFGS, scipy).

The distance between logs and simulation is the sum over statistics of
``((simulated - observed) / sigma)^2``, ``sigma`` the observed statistic's standard error
widened for the simulation's own noise.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import Any

import numpy as np

from supportgym.data import replay
from supportgym.data.behaviour import BehaviourModel, ClonedPolicy
from supportgym.data.calibration.report import (
    FIXES,
    PARAMETERS,
    Calibration,
    compare,
    value_at,
)
from supportgym.data.extras import require
from supportgym.data.logs import Logs
from supportgym.data.moments import Moments, moments
from supportgym.data.sample import sample_logs
from supportgym.sim import kernel, rng
from supportgym.sim.actions import Tier
from supportgym.sim.compile import compile_scenario
from supportgym.sim.features import FEATURE_INDEX
from supportgym.sim.schema import Scenario

UNSEEN_WEIGHT = 1e-3
"""Weight kept by an inquiry type that the logs never show (so the scenario keeps it)."""
SIMULATION_SEED = 3_000_000_000
"""Simulated contacts are seeded from here (plus the calibration seed), apart from
training and evaluation seeds."""
Progress = Callable[[int, int, float], None]


def calibrate(
    logs: Logs,
    base: Scenario,
    budget: int = 120,
    simulated: int | None = None,
    seed: int = 0,
    name: str | None = None,
    on_progress: Progress | None = None,
) -> Calibration:
    """Fit ``base``'s parameters to ``logs``.

    Args:
        logs: Logged contacts of the base scenario's inquiry types.
        base: Where the search starts, and whatever the logs cannot tell.
        budget: Candidate parameter sets to simulate.
        simulated: Contacts simulated per fix strategy and candidate; default: as many
            as the logs have (at least 2,000, at most 10,000).
        seed: Seeds the clone, the simulated contacts and the search.
        name: The fitted scenario's name; default ``<base>-calibrated``.
        on_progress: Told ``(evaluations done, budget, best distance)`` as the search goes.
    """
    if budget < 1:
        raise ValueError(f"budget must be at least 1, got {budget}")
    cs = compile_scenario(base)
    replay.inquiry_indices(logs, cs)  # every logged inquiry type must be in the base
    direct = _direct(logs, base)
    observed = moments(logs, cs.inquiry_names, "sentiment" in logs.logged_features)
    simulated = simulated or int(np.clip(logs.n_contacts, 2000, 10_000))
    target, sigma = _target(observed, simulated)
    # The beliefs start from the scenario's fix mixes, which the fit changes: left out.
    inputs = [n for n in replay.known_features(logs) if not n.startswith("belief_")]
    clone = BehaviourModel(inputs, seed).fit(replay.observations(logs, cs), logs.action)
    fitter = _Fitter(logs, direct, clone, target, sigma, simulated, seed)
    start = _vector(base)
    searched = np.arange(len(PARAMETERS))
    if fitter.with_sentiment:
        start[:2] = _mood(direct, observed, target, sigma, seed)
        searched = searched[2:]
    best_x, best_mix, evaluations = _search(fitter, start, searched, budget, on_progress)
    fitted = _scenario(direct, best_x, best_mix, name or f"{base.name}-calibrated")
    (_, before), (_, after) = fitter.simulate(base), fitter.simulate(fitted)
    columns = {"observed": observed, "base": before, "fitted": after}
    distance = {key: fitter.misfit(columns[key].values()) for key in ("base", "fitted")}
    return compare(base, fitted, columns, distance, evaluations)


def _search(
    fitter: _Fitter,
    start: np.ndarray,
    searched: np.ndarray,
    budget: int,
    on_progress: Progress | None,
) -> tuple[np.ndarray, np.ndarray, int]:
    """Nelder-Mead over the ``searched`` parameters (the others stay at ``start``).

    The search runs in the unit cube of the parameters' bounds, from a simplex a tenth of
    it wide; it stops after ``budget`` candidates or once it has settled.
    """
    optimize = require("scipy.optimize", "calibration")
    low = np.array([p[1] for p in PARAMETERS])[searched]
    high = np.array([p[2] for p in PARAMETERS])[searched]
    best: dict[str, Any] = {"distance": np.inf, "x": start, "mix": None, "evaluations": 0}

    def distance(unit: np.ndarray) -> float:
        x = start.copy()
        x[searched] = low + np.clip(unit, 0.0, 1.0) * (high - low)
        value, mix = fitter.distance(x)
        best["evaluations"] += 1
        if value < best["distance"]:
            best.update(distance=value, x=x, mix=mix)
        if on_progress is not None:
            on_progress(best["evaluations"], budget, best["distance"])
        return value

    origin = (start[searched] - low) / (high - low)
    simplex = np.vstack([origin, origin + 0.1 * np.eye(len(searched))])
    options = {"maxfev": budget, "initial_simplex": np.clip(simplex, 0.0, 1.0)}
    options |= {"xatol": 1e-3, "fatol": 0.5}
    bounds = [(0.0, 1.0)] * len(searched)
    optimize.minimize(distance, origin, method="Nelder-Mead", bounds=bounds, options=options)
    return best["x"], best["mix"], best["evaluations"]


def _mood(
    direct: dict[str, Any],
    observed: Moments,
    target: np.ndarray,
    sigma: np.ndarray,
    seed: int,
    customers: int = 20_000,
) -> np.ndarray:
    """Mean and spread of the starting mood that match the logged first turns' mood."""
    optimize = require("scipy.optimize", "calibration")
    rows = [observed.names.index(n) for n in ("sentiment/first", "sentiment/first_squared")]
    keys = rng.episode_keys(SIMULATION_SEED + seed + np.arange(customers, dtype=np.uint64))
    column = FEATURE_INDEX["sentiment"]

    def distance(x: np.ndarray) -> float:
        mean, std = np.clip(
            x, [PARAMETERS[0][1], PARAMETERS[1][1]], [PARAMETERS[0][2], PARAMETERS[1][2]]
        )
        data = deepcopy(direct)
        data["customers"]["sentiment"] = {"mean": float(mean), "std": float(std)}
        cs = compile_scenario(Scenario.model_validate(data))
        first = kernel.observe(cs, kernel.reset(cs, keys, cs.scenario.difficulty))[:, column]
        simulated = np.array([first.mean(), (first.astype(np.float64) ** 2).mean()])
        return float((((simulated - target[rows]) / sigma[rows]) ** 2).sum())

    start = [direct["customers"]["sentiment"]["mean"], direct["customers"]["sentiment"]["std"]]
    found = optimize.minimize(distance, start, method="Nelder-Mead", options={"xatol": 1e-3})
    return np.clip(
        found.x, [PARAMETERS[0][1], PARAMETERS[1][1]], [PARAMETERS[0][2], PARAMETERS[1][2]]
    )


def _direct(logs: Logs, base: Scenario) -> dict[str, Any]:
    """The base scenario's definition with the inquiry and tier mixes read off the logs."""
    data = base.model_dump(mode="json")
    names, counts = np.unique(logs.inquiry_type.astype(str), return_counts=True)
    seen = dict(zip(names, counts / counts.sum(), strict=True))
    for inquiry in data["inquiries"]:
        inquiry["weight"] = round(float(seen.get(inquiry["name"], UNSEEN_WEIGHT)), 4)
    tiers = np.bincount(logs.tier, minlength=len(Tier)) / logs.n_contacts
    data["customers"]["tiers"] = _distribution(tiers, [t.name.lower() for t in Tier])
    return data


def _distribution(probabilities: np.ndarray, names: list[str]) -> dict[str, float]:
    """Probabilities rounded to 4 decimals that still sum to exactly 1."""
    rounded = np.round(probabilities, 4)
    rounded[int(np.argmax(rounded))] += 1.0 - rounded.sum()
    return {name: round(float(p), 4) for name, p in zip(names, rounded, strict=True)}


def _target(observed: Moments, simulated: int) -> tuple[np.ndarray, np.ndarray]:
    values, errors = observed.values(), observed.errors()
    contacts = len(observed.numerators)
    sigma = np.sqrt(errors**2 * (1.0 + contacts / simulated))
    sigma = np.maximum(np.nan_to_num(sigma), 1e-3 + 0.01 * np.abs(np.nan_to_num(values)))
    return values, sigma


def _vector(scenario: Scenario) -> np.ndarray:
    data = scenario.model_dump()
    return np.array([value_at(data, path) for path, _, _ in PARAMETERS])


def _set(data: dict[str, Any], path: str, value: float) -> None:
    *parents, last = path.split(".")
    for part in parents:
        data = data[part]
    data[last] = value


def _scenario(direct: dict[str, Any], x: np.ndarray, mix: np.ndarray | None, name: str) -> Scenario:
    """The scenario with the searched parameters ``x`` and fix mixes ``mix`` (``(K, 4)``)."""
    data = deepcopy(direct)
    data["name"] = name
    for (path, _, _), value in zip(PARAMETERS, x, strict=True):
        _set(data, path, round(float(value), 4))
    if mix is not None:
        for inquiry, row in zip(data["inquiries"], mix, strict=True):
            inquiry["fix"] = _distribution(row, list(FIXES))
    return Scenario.model_validate(data)


class _Fitter:
    """Simulates candidates and scores them against the logs' statistics."""

    def __init__(
        self,
        logs: Logs,
        direct: dict[str, Any],
        clone: BehaviourModel,
        target: np.ndarray,
        sigma: np.ndarray,
        simulated: int,
        seed: int,
    ):
        self.direct, self.target, self.sigma = direct, target, sigma
        self.valid = ~np.isnan(target)
        self.simulated, self.seed = simulated, seed
        self.policy = ClonedPolicy(clone, seed)
        self.with_sentiment = "sentiment" in logs.logged_features
        self.features = logs.logged_features
        self.inquiries = tuple(i["name"] for i in direct["inquiries"])
        self._index = {name: k for k, name in enumerate(self.inquiries)}
        # Every fit of the mixes starts from the base's, so that a candidate's distance
        # does not depend on the candidates before it.
        prior = np.array([[i["fix"].get(f, 0.0) for f in FIXES] for i in direct["inquiries"]])
        self._start = np.log(np.clip(prior, 0.02, None)).ravel()

    def misfit(self, values: np.ndarray) -> float:
        """The distance of simulated statistics ``values`` from the logs'."""
        valid = self.valid & ~np.isnan(values)
        return float((((values - self.target) / self.sigma)[valid] ** 2).sum())

    def simulate(self, scenario: Scenario) -> tuple[Logs, Moments]:
        """Simulated logs of the cloned agents in ``scenario``, and their statistics."""
        seed = SIMULATION_SEED + self.seed
        logs = sample_logs(self.policy, scenario, self.simulated, seed, self.features)
        return logs, moments(logs, self.inquiries, self.with_sentiment)

    def distance(self, x: np.ndarray) -> tuple[float, np.ndarray]:
        """The distance of parameters ``x`` with the best fix mixes, and those mixes."""
        forced = [
            _scenario(self.direct, x, np.tile(one_hot, (len(self.inquiries), 1)), "forced")
            for one_hot in np.eye(len(FIXES))
        ]
        parts = []
        for strategy, (logs, stats) in enumerate(map(self.simulate, forced)):
            inquiry = np.array([self._index[name] for name in logs.inquiry_type])
            parts.append((stats, inquiry, strategy))
        numerators = np.vstack([p[0].numerators for p in parts])
        denominators = np.vstack([p[0].denominators for p in parts])
        cell = np.concatenate([k * len(FIXES) + f for _, k, f in parts])
        mix, distance = self._best_mix(numerators, denominators, cell)
        return distance, mix

    def _best_mix(
        self,
        numerators: np.ndarray,
        denominators: np.ndarray,
        cell: np.ndarray,
    ) -> tuple[np.ndarray, float]:
        """Fix mixes (softmax of logits, per inquiry) minimizing the distance, by L-BFGS.

        A mix weighs each simulated contact by its (inquiry, fix strategy) cell, so the
        weighted sums need only each cell's sums: the fit runs on ``(K * 4, S)`` arrays.
        """
        optimize = require("scipy.optimize", "calibration")
        valid, shape = self.valid, (len(self.inquiries), len(FIXES))
        target, sigma = self.target[valid], self.sigma[valid]
        num = _cell_sums(numerators[:, valid], cell, self._start.size)
        den = _cell_sums(denominators[:, valid], cell, self._start.size)

        def objective(logits: np.ndarray) -> tuple[float, np.ndarray]:
            mix = _softmax(logits.reshape(shape))
            weights = mix.ravel()
            a, b = weights @ num, weights @ den
            b = np.where(b > 0, b, 1e-12)
            residual = (a / b - target) / sigma
            g1 = 2.0 * residual / (sigma * b)
            grad_mix = (num @ g1 - den @ (g1 * a / b)).reshape(shape)
            grad_z = mix * (grad_mix - (mix * grad_mix).sum(axis=1, keepdims=True))
            return float((residual**2).sum()), grad_z.ravel()

        found = optimize.minimize(objective, self._start, jac=True, method="L-BFGS-B")
        return _softmax(found.x.reshape(shape)), float(found.fun)


def _cell_sums(values: np.ndarray, cell: np.ndarray, cells: int) -> np.ndarray:
    """``(cells, S)``: the sums of the rows of ``values`` in each cell."""
    sums = np.zeros((cells, values.shape[1]))
    np.add.at(sums, cell, values)
    return sums


def _softmax(logits: np.ndarray) -> np.ndarray:
    exp = np.exp(logits - logits.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)
