"""Logged contacts in memory, column by column, and writing them as JSONL, CSV or Parquet.

:class:`Logs` holds turns sorted by contact (in the order contacts first appear), then
by turn, so each contact's turns are one slice (``starts``). Features that a record
does not give, a propensity or reward a log does not carry, are NaN.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from supportgym.data.extras import require
from supportgym.data.schema import (
    ACTION_NAMES,
    CONTACT_FIELDS,
    FEATURE_FIELDS,
    FEATURES_PREFIX,
    FIELDS,
    NESTED_FEATURES,
    OUTCOME_FIELDS,
    TIER_NAMES,
)
from supportgym.sim.features import FEATURE_INDEX, FEATURE_NAMES

FORMATS = (".jsonl", ".jsonl.gz", ".csv", ".csv.gz", ".parquet")
"""File suffixes the loader and the writer know."""
_FLAGS = ("resolved", "escalated", "abandoned")
DIGITS = 4
"""Decimals written for features, propensities and rewards."""


def log_format(path: str | Path) -> str:
    """The suffix of ``path`` that names its format (one of :data:`FORMATS`)."""
    name = Path(path).name.lower()
    for suffix in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    known = ", ".join(FORMATS)
    raise ValueError(f"{path}: unknown log format; the file name must end in one of {known}")


@dataclass(frozen=True, eq=False)
class Logs:
    """``C`` logged contacts with ``N`` agent turns in all."""

    contact_ids: np.ndarray  # (C,) str
    industry: np.ndarray  # (C,) str
    inquiry_type: np.ndarray  # (C,) str
    tier: np.ndarray  # (C,) int64 Tier
    outcomes: dict[str, np.ndarray]  # OUTCOME_FIELDS -> (C,) float64
    starts: np.ndarray  # (C + 1,) int64: contact c's turns are starts[c]:starts[c + 1]
    turn: np.ndarray  # (N,) int64
    action: np.ndarray  # (N,) int64 Action
    propensity: np.ndarray  # (N,) float64, NaN if not logged
    reward: np.ndarray  # (N,) float64, NaN if not logged
    features: np.ndarray  # (N, 17) float64 in observation order, NaN where not logged
    source: str = "<logs>"

    @property
    def n_contacts(self) -> int:
        """``C``."""
        return len(self.contact_ids)

    @property
    def n_turns(self) -> int:
        """``N``."""
        return len(self.turn)

    @property
    def contact(self) -> np.ndarray:
        """``(N,)`` int64: the index of each turn's contact."""
        return np.repeat(np.arange(self.n_contacts), np.diff(self.starts))

    @property
    def last(self) -> np.ndarray:
        """``(N,)`` bool: the turn is its contact's last."""
        ends = np.zeros(self.n_turns, dtype=bool)
        ends[self.starts[1:] - 1] = True
        return ends

    @property
    def has_propensities(self) -> bool:
        """Every turn carries the logging policy's propensity."""
        return bool(self.n_turns) and not np.isnan(self.propensity).any()

    @property
    def has_rewards(self) -> bool:
        """Every turn carries a reward."""
        return bool(self.n_turns) and not np.isnan(self.reward).any()

    @property
    def logged_features(self) -> tuple[str, ...]:
        """The features given on every turn."""
        complete = ~np.isnan(self.features).any(axis=0)
        return tuple(name for name, given in zip(FEATURE_NAMES, complete, strict=True) if given)

    def select(self, contacts: np.ndarray) -> Logs:
        """The logs of the contacts at the given indices (in that order)."""
        contacts = np.asarray(contacts, dtype=np.int64)
        lengths = np.diff(self.starts)[contacts]
        rows = np.concatenate(
            [np.arange(self.starts[c], self.starts[c + 1]) for c in contacts] or [np.zeros(0, int)]
        ).astype(np.int64)
        return Logs(
            contact_ids=self.contact_ids[contacts],
            industry=self.industry[contacts],
            inquiry_type=self.inquiry_type[contacts],
            tier=self.tier[contacts],
            outcomes={k: v[contacts] for k, v in self.outcomes.items()},
            starts=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
            turn=self.turn[rows],
            action=self.action[rows],
            propensity=self.propensity[rows],
            reward=self.reward[rows],
            features=self.features[rows],
            source=self.source,
        )

    @classmethod
    def concatenate(cls, parts: list[Logs]) -> Logs:
        """The contacts of every part, in order."""
        offsets = np.cumsum([0] + [p.n_turns for p in parts[:-1]])
        starts = [p.starts[1:] + offset for p, offset in zip(parts, offsets, strict=True)]
        return cls(
            contact_ids=np.concatenate([p.contact_ids for p in parts]),
            industry=np.concatenate([p.industry for p in parts]),
            inquiry_type=np.concatenate([p.inquiry_type for p in parts]),
            tier=np.concatenate([p.tier for p in parts]),
            outcomes={k: np.concatenate([p.outcomes[k] for p in parts]) for k in OUTCOME_FIELDS},
            starts=np.concatenate([[0], *starts]).astype(np.int64),
            turn=np.concatenate([p.turn for p in parts]),
            action=np.concatenate([p.action for p in parts]),
            propensity=np.concatenate([p.propensity for p in parts]),
            reward=np.concatenate([p.reward for p in parts]),
            features=np.concatenate([p.features for p in parts]),
            source=parts[0].source,
        )

    def records(self, tabular: bool = False) -> Iterator[dict[str, Any]]:
        """One dict per turn in the log format; the outcome on each contact's last turn.

        Features go under ``features``, or with ``tabular`` as ``features.<name>`` keys.
        """
        nested = [name for name in self._given_features() if name in NESTED_FEATURES]
        columns = [FEATURE_INDEX[name] for name in nested]
        sentiment = "sentiment" in self._given_features()
        for c in range(self.n_contacts):
            contact = {
                "contact_id": str(self.contact_ids[c]),
                "industry": str(self.industry[c]),
                "inquiry_type": str(self.inquiry_type[c]),
                "tier": TIER_NAMES[int(self.tier[c])],
            }
            start, end = int(self.starts[c]), int(self.starts[c + 1])
            for row in range(start, end):
                record: dict[str, Any] = {
                    **contact,
                    "turn": int(self.turn[row]),
                    "action": ACTION_NAMES[int(self.action[row])],
                    "propensity": _number(self.propensity[row]),
                    "reward": _number(self.reward[row]),
                }
                if sentiment:
                    record["sentiment"] = _number(self.features[row, FEATURE_INDEX["sentiment"]])
                features = {
                    name: _number(self.features[row, column])
                    for name, column in zip(nested, columns, strict=True)
                }
                if tabular:
                    record.update({FEATURES_PREFIX + k: v for k, v in features.items()})
                elif features:
                    record["features"] = features
                if row == end - 1:
                    record.update(self._outcome(c))
                yield record

    def _given_features(self) -> list[str]:
        given = ~np.isnan(self.features).all(axis=0)
        return [name for name in FEATURE_FIELDS if given[FEATURE_INDEX[name]]]

    def _outcome(self, c: int) -> dict[str, Any]:
        values = {name: self.outcomes[name][c] for name in OUTCOME_FIELDS}
        return {
            name: bool(value)
            if name in _FLAGS
            else int(value)
            if name == "csat"
            else round(float(value), DIGITS)
            for name, value in values.items()
        }

    def columns(self) -> list[str]:
        """The fields these logs give, in the order of the format."""
        features = self._given_features()
        given = {*CONTACT_FIELDS, "turn", "action", *OUTCOME_FIELDS}
        given |= {name if name == "sentiment" else FEATURES_PREFIX + name for name in features}
        if not np.isnan(self.propensity).all():
            given.add("propensity")
        if not np.isnan(self.reward).all():
            given.add("reward")
        return [name for name in FIELDS if name in given]


def _number(value: float) -> float | None:
    return None if math.isnan(value) else round(float(value), DIGITS)


def write_logs(logs: Logs, path: str | Path) -> Path:
    """Write ``logs`` in the format the file name says (see :data:`FORMATS`)."""
    path = Path(path)
    suffix = log_format(path)
    columns = logs.columns()
    if suffix == ".parquet":
        _write_parquet(logs, columns, path)
        return path
    buffer = io.StringIO()
    if suffix.startswith(".jsonl"):
        for record in logs.records():
            given = {k: v for k, v in record.items() if v is not None}
            buffer.write(json.dumps(given, separators=(",", ":")) + "\n")
    else:
        writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(logs.records(tabular=True))
    data = buffer.getvalue().encode()
    path.write_bytes(gzip.compress(data, mtime=0) if suffix.endswith(".gz") else data)
    return path


def _write_parquet(logs: Logs, columns: list[str], path: Path) -> None:
    pa = require("pyarrow", "writing Parquet")
    parquet = require("pyarrow.parquet", "writing Parquet")
    records = logs.records(tabular=True)
    rows = [{name: record.get(name) for name in columns} for record in records]
    parquet.write_table(pa.Table.from_pylist(rows), path)
