"""One loader for JSONL, CSV and Parquet logs (``.gz`` for the text ones), checked on the way in.

Every record is validated by the :data:`~supportgym.data.schema.LogRecord` schema, then
against its contact: the inquiry type must be one of its industry's, a contact keeps
its industry, inquiry type and tier, its turns go 0, 1, 2 … in file order (contacts may
interleave), and its outcome is given, whole and the same wherever it is repeated.
Problems are :class:`LogError`: one line naming the file, the line (or Parquet row) and
the field. Nothing is returned unless the whole file is good.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import ValidationError

from supportgym.data.extras import require
from supportgym.data.logs import Logs, log_format
from supportgym.data.schema import (
    ACTION_NAMES,
    CONTACT_FIELDS,
    FEATURES_PREFIX,
    FIELDS,
    NESTED_FEATURES,
    OUTCOME_FIELDS,
    TIER_NAMES,
    LogRecord,
)
from supportgym.sim.actions import INDUSTRIES
from supportgym.sim.features import FEATURE_NAMES
from supportgym.sim.library import builtin_scenario
from supportgym.sim.schema import Scenario

MAX_LOG_BYTES = 256 * 2**20
"""The largest log file read (also after decompression): about a million turns."""
MAX_ERRORS = 20
"""Problems collected before reading stops."""


class LogError(ValueError):
    """Logs that cannot be read; ``errors`` lists ``(where, field, problem)``, first one first.

    ``where`` is ``"line 12"`` (JSONL, CSV) or ``"row 12"`` (Parquet), or empty for the
    file as a whole; ``field`` is empty when no single field is at fault.
    """

    def __init__(self, source: str, errors: list[tuple[str, str, str]]):
        self.source = source
        self.errors = errors
        where, name, problem = errors[0]
        parts = [source, *(part for part in (where, name) if part), problem]
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(": ".join(parts) + more)


def known_inquiries(scenario: Scenario | None = None) -> dict[str, frozenset[str]]:
    """Inquiry types by industry: ``scenario``'s, or those of the built-in industries."""
    if scenario is not None:
        found: dict[str, set[str]] = {industry: set() for industry in INDUSTRIES}
        for inquiry in scenario.inquiries:
            found[inquiry.industry].add(inquiry.name)
        return {industry: frozenset(names) for industry, names in found.items()}
    return _builtin_inquiries()


@cache
def _builtin_inquiries() -> dict[str, frozenset[str]]:
    return {i: frozenset(q.name for q in builtin_scenario(i).inquiries) for i in INDUSTRIES}


def read_logs(path: str | Path, scenario: Scenario | None = None) -> Logs:
    """Read and check a log file; inquiry types are those of ``scenario`` or the built-ins.

    Raises:
        LogError: The file cannot be read, or a record breaks the format.
    """
    path = Path(path)
    source = str(path)
    try:
        suffix = log_format(path)
    except ValueError as error:
        raise LogError(source, [("", "", str(error).removeprefix(f"{path}: "))]) from None
    raw = read_bytes(path, source)
    return parse_logs(raw, suffix, source, scenario)


def content_hash(raw: bytes) -> str:
    """The SHA-256 of a log file's bytes, in hex: a dataset's identity."""
    return hashlib.sha256(raw).hexdigest()


def parse_logs(raw: bytes, suffix: str, source: str, scenario: Scenario | None = None) -> Logs:
    """Check the bytes of a log file in the format ``suffix`` (see ``logs.FORMATS``)."""
    if suffix.endswith(".gz"):
        raw = _gunzip(raw, source)
    builder = _Builder(source, known_inquiries(scenario))
    errors: list[tuple[str, str, str]] = []
    try:
        for where, data in _rows(raw, suffix, source):
            _check(where, data, builder, errors)
            if len(errors) >= MAX_ERRORS:
                break
    except LogError as error:  # the file itself is broken from here on
        errors += error.errors
    if not errors:
        try:
            return builder.finish()
        except LogError as error:
            errors += error.errors
    raise LogError(source, errors)


def _check(
    where: str, data: dict[str, Any], builder: _Builder, errors: list[tuple[str, str, str]]
) -> None:
    """Validate one record; after the first problem, only against the schema."""
    try:
        record = LogRecord.model_validate(data)
    except ValidationError as error:
        errors.append(_schema_problem(where, error))
        return
    if not errors:
        try:
            builder.add(where, record)
        except LogError as error:
            errors += error.errors


def read_bytes(path: Path, source: str) -> bytes:
    """The bytes of a log file, refusing one larger than :data:`MAX_LOG_BYTES`."""
    try:
        size = path.stat().st_size
        if size > MAX_LOG_BYTES:
            raise LogError(source, [("", "", f"the file has {_size(size)}; {_LIMIT}")])
        with path.open("rb") as handle:
            return handle.read(MAX_LOG_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise LogError(source, [("", "", f"cannot read the file: {reason}")]) from None


_LIMIT = f"a log file may have at most {MAX_LOG_BYTES // 2**20} MB (split it into several)"


def _size(n: int) -> str:
    return f"{n / 2**30:.1f} GB" if n >= 2**30 else f"{n / 2**20:.0f} MB"


def _gunzip(raw: bytes, source: str) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as handle:
            data = handle.read(MAX_LOG_BYTES + 1)
    except (OSError, EOFError) as error:
        raise LogError(source, [("", "", f"not a readable gzip file ({error})")]) from None
    if len(data) > MAX_LOG_BYTES:
        raise LogError(source, [("", "", f"the file decompresses to more; {_LIMIT}")])
    return data


def _rows(raw: bytes, suffix: str, source: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(where, fields)`` per record; missing values (CSV's empty cells, nulls) left out."""
    if suffix.startswith(".parquet"):
        yield from _parquet_rows(raw, source)
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise LogError(source, [(f"line {line}", "", "not UTF-8 text")]) from None
    yield from (_jsonl_rows if suffix.startswith(".jsonl") else _csv_rows)(text, source)


def _jsonl_rows(text: str, source: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise LogError(source, [(where, "", f"not valid JSON ({error.msg})")]) from None
        if not isinstance(data, dict):
            raise LogError(source, [(where, "", "expected a JSON object per line")])
        yield where, {k: v for k, v in data.items() if v is not None}


def _csv_rows(text: str, source: str) -> Iterator[tuple[str, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="")
    try:
        header = reader.fieldnames or []
        unknown = [name for name in header if name not in FIELDS]
        if unknown:
            raise LogError(source, [("line 1", unknown[0], "unknown field")])
        for row in reader:
            where = f"line {reader.line_num}"
            if "" in row:
                raise LogError(source, [(where, "", "more values than the header has columns")])
            yield where, _nested({k: v for k, v in row.items() if v not in ("", None)})
    except csv.Error as error:
        where = f"line {reader.line_num}"
        raise LogError(source, [(where, "", f"not valid CSV ({error})")]) from None


def _parquet_rows(raw: bytes, source: str) -> Iterator[tuple[str, dict[str, Any]]]:
    pa = require("pyarrow", "reading Parquet")
    parquet = require("pyarrow.parquet", "reading Parquet")
    try:
        table = parquet.read_table(pa.BufferReader(raw))
    except (pa.ArrowException, OSError) as error:
        raise LogError(source, [("", "", f"not a readable Parquet file ({error})")]) from None
    unknown = [name for name in table.column_names if name not in FIELDS]
    if unknown:
        raise LogError(source, [("", unknown[0], "unknown field")])
    for number, row in enumerate(table.to_pylist(), start=1):
        yield f"row {number}", _nested({k: v for k, v in row.items() if v is not None})


def _schema_problem(where: str, error: ValidationError) -> tuple[str, str, str]:
    item = error.errors()[0]
    name = ".".join(str(part) for part in item["loc"])
    message = "unknown field" if item["type"] == "extra_forbidden" else item["msg"]
    return where, name, message


@dataclass
class _Contact:
    index: int
    first: str
    fields: tuple[str, ...]
    turn: int
    last: str
    outcome: tuple[float, ...] | None = None
    outcome_at: str = ""


@dataclass
class _Builder:
    """Collects checked records into columns, contact by contact."""

    source: str
    inquiries: Mapping[str, frozenset[str]]
    contacts: dict[str, _Contact] = field(default_factory=dict)
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    optional_seen: dict[str, dict[bool, str]] = field(
        default_factory=lambda: {"propensity": {}, "reward": {}}
    )

    def fail(self, where: str, name: str, problem: str) -> LogError:
        return LogError(self.source, [(where, name, problem)])

    def add(self, where: str, record: Any) -> None:
        if record.inquiry_type not in self.inquiries[record.industry]:
            known = ", ".join(sorted(self.inquiries[record.industry])) or "none"
            raise self.fail(
                where,
                "inquiry_type",
                f"unknown inquiry type {record.inquiry_type!r} for {record.industry}; "
                f"known: {known}",
            )
        fields = tuple(getattr(record, name) for name in CONTACT_FIELDS)
        contact = self.contacts.get(record.contact_id)
        if contact is None:
            if record.turn != 0:
                raise self.fail(
                    where,
                    "turn",
                    f"contact {record.contact_id}'s first turn is {record.turn}, not 0",
                )
            contact = _Contact(len(self.contacts), where, fields, 0, where)
            self.contacts[record.contact_id] = contact
        else:
            self._check_next(where, record, contact, fields)
        contact.last = where
        self._check_outcome(where, record, contact)
        for name, seen in self.optional_seen.items():
            seen.setdefault(getattr(record, name) is not None, where)
        self.rows.append(
            (
                contact.index,
                record.turn,
                ACTION_NAMES.index(record.action),
                _nan(record.propensity),
                _nan(record.reward),
                *_features(record),
            )
        )

    def _check_next(self, where: str, record: Any, contact: _Contact, fields: tuple) -> None:
        for name, before, now in zip(CONTACT_FIELDS, contact.fields, fields, strict=True):
            if before != now:
                raise self.fail(
                    where, name, f"contact {record.contact_id} had {before!r} ({contact.first})"
                )
        if record.turn != contact.turn + 1:
            raise self.fail(
                where,
                "turn",
                f"contact {record.contact_id}'s turn {record.turn} follows turn {contact.turn} "
                f"({contact.last}); turns go 0, 1, 2 … in order",
            )
        contact.turn = record.turn

    def _check_outcome(self, where: str, record: Any, contact: _Contact) -> None:
        values = [getattr(record, name) for name in OUTCOME_FIELDS]
        given = [value is not None for value in values]
        if not any(given):
            return
        if not all(given):
            missing = OUTCOME_FIELDS[given.index(False)]
            raise self.fail(
                where, missing, "missing: an outcome gives all of " + ", ".join(OUTCOME_FIELDS)
            )
        if record.resolved and record.abandoned:
            raise self.fail(where, "abandoned", "a contact cannot be both resolved and abandoned")
        outcome = tuple(float(value) for value in values)
        if contact.outcome is not None and outcome != contact.outcome:
            name = next(
                n
                for n, a, b in zip(OUTCOME_FIELDS, outcome, contact.outcome, strict=True)
                if a != b
            )
            raise self.fail(
                where,
                name,
                f"differs from contact {record.contact_id}'s outcome on {contact.outcome_at}",
            )
        contact.outcome, contact.outcome_at = outcome, where

    def finish(self) -> Logs:
        if not self.rows:
            raise self.fail("", "", "no records")
        for name, seen in self.optional_seen.items():
            if len(seen) == 2:
                raise self.fail(
                    seen[False], name, f"missing, while {seen[True]} gives it (all turns or none)"
                )
        for contact_id, contact in self.contacts.items():
            if contact.outcome is None:
                raise self.fail(
                    contact.last,
                    "",
                    f"contact {contact_id} has no outcome (give {', '.join(OUTCOME_FIELDS)} "
                    "on its last turn)",
                )
        return self._columns()

    def _columns(self) -> Logs:
        rows = np.array(self.rows, dtype=np.float64)
        order = np.argsort(rows[:, 0], kind="stable")
        rows = rows[order]
        contacts = list(self.contacts.items())
        lengths = np.bincount(rows[:, 0].astype(np.int64), minlength=len(contacts))
        outcomes = np.array([c.outcome for _, c in contacts], dtype=np.float64)
        return Logs(
            contact_ids=np.array([contact_id for contact_id, _ in contacts], dtype=object),
            industry=np.array([c.fields[1] for _, c in contacts], dtype=object),
            inquiry_type=np.array([c.fields[2] for _, c in contacts], dtype=object),
            tier=np.array([TIER_NAMES.index(c.fields[3]) for _, c in contacts], dtype=np.int64),
            outcomes=dict(zip(OUTCOME_FIELDS, outcomes.T, strict=True)),
            starts=np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
            turn=rows[:, 1].astype(np.int64),
            action=rows[:, 2].astype(np.int64),
            propensity=rows[:, 3].copy(),
            reward=rows[:, 4].copy(),
            features=rows[:, 5:].copy(),
            source=self.source,
        )


def _features(record: Any) -> list[float]:
    """The record's features in observation order, NaN where not given."""
    nested = record.features
    return [
        _nan(record.sentiment)
        if name == "sentiment"
        else _nan(getattr(nested, name))
        if nested is not None and name in NESTED_FEATURES
        else np.nan
        for name in FEATURE_NAMES
    ]


def _nested(row: dict[str, Any]) -> dict[str, Any]:
    """A tabular row with its ``features.<name>`` columns gathered under ``features``."""
    features = {
        name.removeprefix(FEATURES_PREFIX): row.pop(name)
        for name in [n for n in row if n.startswith(FEATURES_PREFIX)]
    }
    return {**row, "features": features} if features else row


def _nan(value: float | None) -> float:
    return np.nan if value is None else float(value)
