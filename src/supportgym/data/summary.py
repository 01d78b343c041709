"""A per-field summary of logs: how often each field is given, its range and mean, or its counts."""

from __future__ import annotations

from typing import Any

import numpy as np

from supportgym.data.logs import Logs
from supportgym.data.schema import (
    ACTION_NAMES,
    FEATURES_PREFIX,
    NESTED_FEATURES,
    OUTCOME_FIELDS,
    TIER_NAMES,
)
from supportgym.sim.features import FEATURE_INDEX


def summarize(logs: Logs) -> list[dict[str, Any]]:
    """One entry per field, the form stored with a dataset.

    Each has ``field``, ``per`` (``turn`` or ``contact``) and ``given`` (how many turns or
    contacts give it), then ``counts`` for categories or ``min``, ``max`` and ``mean``
    (over the values given) for numbers.
    """
    tiers = np.array(TIER_NAMES, dtype=object)[logs.tier]
    actions = np.array(ACTION_NAMES, dtype=object)[logs.action]
    numbers = {
        "turn": logs.turn.astype(np.float64),
        "propensity": logs.propensity,
        "reward": logs.reward,
        "sentiment": logs.features[:, FEATURE_INDEX["sentiment"]],
        **{FEATURES_PREFIX + n: logs.features[:, FEATURE_INDEX[n]] for n in NESTED_FEATURES},
    }
    return [
        _categories("contact_id", "contact", None, logs.n_contacts),
        _categories("industry", "contact", logs.industry),
        _categories("inquiry_type", "contact", logs.inquiry_type),
        _categories("tier", "contact", tiers),
        _categories("action", "turn", actions),
        *(_numbers(name, "turn", values) for name, values in numbers.items()),
        *(_numbers(name, "contact", logs.outcomes[name]) for name in OUTCOME_FIELDS),
    ]


def _categories(
    field: str, per: str, values: np.ndarray | None, distinct: int | None = None
) -> dict[str, Any]:
    if values is None:
        return {"field": field, "per": per, "given": distinct, "distinct": distinct}
    names, counts = np.unique(values.astype(str), return_counts=True)
    order = np.argsort(-counts, kind="stable")
    return {
        "field": field,
        "per": per,
        "given": int(counts.sum()),
        "counts": {str(names[i]): int(counts[i]) for i in order},
    }


def _numbers(field: str, per: str, values: np.ndarray) -> dict[str, Any]:
    given = values[~np.isnan(values)]
    entry: dict[str, Any] = {"field": field, "per": per, "given": len(given)}
    if len(given):
        entry |= {
            "min": float(given.min()),
            "max": float(given.max()),
            "mean": float(given.mean()),
        }
    return entry
