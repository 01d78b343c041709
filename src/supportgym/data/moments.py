"""The statistics calibration matches: per-contact and per-turn summaries of logs.

Every statistic is a ratio of sums over contacts, ``sum_c w_c num_c / sum_c w_c den_c``,
over all contacts or those of one inquiry type, so the same code gives it for logs
(``w = 1``) and for weighted mixtures of simulated contacts. Its standard error comes
from the delta method, its 95% CI as ``value ± 1.96 se``.

Statistics only read what logs show: outcomes, actions, the contact's length and, when
logged, the sentiment. Simulated logs are summarized the same way, from the same columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supportgym.data.logs import Logs
from supportgym.sim.actions import Action
from supportgym.sim.features import FEATURE_INDEX

Z95 = 1.959964
SOLUTIONS = (
    Action.STANDARD_SOLUTION,
    Action.TECHNICAL_TROUBLESHOOTING,
    Action.OFFER_COMPENSATION,
    Action.ESCALATE,
)
_WORDS = {a: a.name.lower() for a in Action}
OUTCOMES = ("resolved", "escalated", "abandoned", "csat", "handle_minutes")


@dataclass(frozen=True)
class Moments:
    """``S`` statistics as per-contact numerators and denominators, ``(C, S)`` each."""

    names: tuple[str, ...]
    numerators: np.ndarray
    denominators: np.ndarray

    def values(self, weights: np.ndarray | None = None) -> np.ndarray:
        """``(S,)``: each statistic, NaN where no contact counts."""
        numerator, denominator = self._sums(weights)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(denominator > 0, numerator / denominator, np.nan)

    def errors(self, weights: np.ndarray | None = None) -> np.ndarray:
        """``(S,)``: each statistic's standard error (delta method)."""
        w = np.ones(len(self.numerators)) if weights is None else weights
        value = np.nan_to_num(self.values(weights))
        residual = self.numerators - value * self.denominators
        spread = np.sqrt((w[:, None] ** 2 * residual**2).sum(axis=0))
        _, denominator = self._sums(weights)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(denominator > 0, spread / denominator, np.nan)

    def _sums(self, weights: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
        if weights is None:
            return self.numerators.sum(axis=0), self.denominators.sum(axis=0)
        return weights @ self.numerators, weights @ self.denominators


def moments(logs: Logs, inquiries: tuple[str, ...], with_sentiment: bool) -> Moments:
    """The calibration statistics of ``logs``, per inquiry type of ``inquiries`` and overall."""
    columns: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    ones = np.ones(logs.n_contacts)
    length = np.diff(logs.starts).astype(np.float64)
    outcome = {name: logs.outcomes[name] for name in OUTCOMES}
    outcome["turns"] = length
    outcome["compensated"] = (logs.outcomes["compensation_cost"] > 0).astype(np.float64)
    outcome["upsold"] = (logs.outcomes["revenue"] > 0).astype(np.float64)
    closer = _last_solution(logs)
    resolved = logs.outcomes["resolved"] > 0.5
    groups = {"all": ones.astype(bool)}
    groups |= {name: logs.inquiry_type == name for name in inquiries}
    for group, members in groups.items():
        inside = members.astype(np.float64)
        for name, values in outcome.items():
            columns[f"{group}/{name}"] = (values * inside, inside)
        for action in SOLUTIONS:
            hit = (resolved & (closer == action)).astype(np.float64)
            columns[f"{group}/resolved_after_{_WORDS[action]}"] = (hit * inside, inside)
    columns |= _action_mix(logs)
    if with_sentiment:
        columns |= _sentiment(logs, groups)
    names = tuple(columns)
    return Moments(
        names=names,
        numerators=np.column_stack([columns[n][0] for n in names]),
        denominators=np.column_stack([columns[n][1] for n in names]),
    )


def _last_solution(logs: Logs) -> np.ndarray:
    """``(C,)``: each contact's last solution action (-1 if it tried none)."""
    tried = np.isin(logs.action, SOLUTIONS)
    row = np.where(tried, np.arange(logs.n_turns), -1)
    last = np.maximum.reduceat(row, logs.starts[:-1]) if logs.n_turns else row
    return np.where(last >= 0, logs.action[np.maximum(last, 0)], -1)


def _action_mix(logs: Logs) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per action, its share of all turns: how the agents responded to these customers."""
    turns = np.diff(logs.starts).astype(np.float64)
    return {
        f"turns/{_WORDS[a]}": (np.bincount(logs.contact, logs.action == a, logs.n_contacts), turns)
        for a in Action
    }


def _sentiment(
    logs: Logs, groups: dict[str, np.ndarray]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Mood statistics: the first turn's mood and its square, the last turn's.

    Also the mood change after each action, and after each solution per inquiry type
    too: whether an attempt helped shows in the mood.
    """
    sentiment = logs.features[:, FEATURE_INDEX["sentiment"]]
    first = sentiment[logs.starts[:-1]]
    ones = np.ones(logs.n_contacts)
    columns = {
        "sentiment/first": (first, ones),
        "sentiment/first_squared": (first**2, ones),
        "sentiment/last": (sentiment[logs.starts[1:] - 1], ones),
    }
    follows = ~logs.last
    change = np.where(follows, np.roll(sentiment, -1) - sentiment, 0.0)
    for group, members in groups.items():
        for action in Action if group == "all" else SOLUTIONS:
            counted = follows & (logs.action == action) & members[logs.contact]
            columns[f"{group}/mood_change_after_{_WORDS[action]}"] = (
                np.bincount(logs.contact, change * counted, logs.n_contacts),
                np.bincount(logs.contact, counted, logs.n_contacts),
            )
    return columns
