"""Checks on values before they reach the database, each failing with a ``ValueError``.

A converter takes the field's name and value and returns the value to store (numpy
integers and floats become Python ones) or raises ``ValueError`` naming the field.
"""

from __future__ import annotations

import json
import math
import numbers
import operator
from collections.abc import Callable, Collection, Mapping
from typing import Any

from supportgym.store.entities import AnalysisKind, EvaluationStatus, RunStatus

Converter = Callable[[str, Any], Any]


def text(name: str, value: Any) -> str:
    """A non-empty string."""
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name} must be a non-empty string, got {value!r}")
    return value


def optional_text(name: str, value: Any) -> str | None:
    """None or a non-empty string."""
    return None if value is None else text(name, value)


def evaluation_status(name: str, value: Any) -> EvaluationStatus:
    """One of the :class:`EvaluationStatus` values."""
    try:
        return EvaluationStatus(value)
    except ValueError:
        choices = ", ".join(EvaluationStatus)
        raise ValueError(f"{name} must be one of {choices}, got {value!r}") from None


def integer(minimum: int) -> Converter:
    """An integer (not a bool) of at least ``minimum``."""

    def convert(name: str, value: Any) -> int:
        try:
            if isinstance(value, bool):
                raise TypeError
            number = operator.index(value)
        except TypeError:
            raise ValueError(f"{name} must be an integer, got {value!r}") from None
        if number < minimum:
            raise ValueError(f"{name} must be at least {minimum}, got {number}")
        return number

    return convert


def optional_integer(minimum: int) -> Converter:
    """None or an integer of at least ``minimum``."""
    convert = integer(minimum)
    return lambda name, value: None if value is None else convert(name, value)


def real(name: str, value: Any) -> float:
    """A real number, NaN and infinities included."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number, got {value!r}")
    return float(value)


def probability(name: str, value: Any) -> float:
    """A number in [0, 1]."""
    number = real(name, value)
    if not 0.0 <= number <= 1.0:
        raise ValueError(f"{name} must be in [0, 1], got {number:g}")
    return number


def flag(name: str, value: Any) -> bool:
    """A bool."""
    if not isinstance(value, bool):
        raise ValueError(f"{name} must be true or false, got {value!r}")
    return value


def json_of(kind: type[dict[str, Any]] | type[list[Any]]) -> Converter:
    """A JSON object (``dict``) or array (``list``) without NaN, which strict JSON lacks."""

    def convert(name: str, value: Any) -> Any:
        if not isinstance(value, kind):
            raise ValueError(f"{name} must be a {kind.__name__}, got {type(value).__name__}")
        try:
            json.dumps(value, allow_nan=False)
        except (TypeError, ValueError) as error:
            raise ValueError(f"{name} must be JSON: {error}") from None
        return value

    return convert


def string_list(name: str, value: Any) -> list[str]:
    """A list of non-empty strings."""
    if not isinstance(value, list):
        raise ValueError(f"{name} must be a list of strings, got {type(value).__name__}")
    return [text(f"{name}[{i}]", item) for i, item in enumerate(value)]


def metric_values(name: str, value: Any) -> dict[str, float]:
    """Metric name to number; NaN and infinities are allowed (a diverging loss is data)."""
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must be a mapping of metric names to numbers")
    return {text(f"{name} key", key): real(f"{name}[{key!r}]", v) for key, v in value.items()}


def finite(name: str, value: Any) -> float:
    """A finite number."""
    number = real(name, value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {number}")
    return number


def strict_json(node: Any) -> Any:
    """``node`` with NaN and infinities (an undefined CI, say) as null, as strict JSON needs."""
    if isinstance(node, float):
        return node if math.isfinite(node) else None
    if isinstance(node, dict):
        return {key: strict_json(value) for key, value in node.items()}
    if isinstance(node, list | tuple):
        return [strict_json(item) for item in node]
    return node


def converted(
    values: Mapping[str, Any],
    converters: Mapping[str, Converter],
    what: str,
    required: Collection[str] = (),
) -> dict[str, Any]:
    """Every value through its field's converter; a field without one is refused.

    Args:
        values: Field name to value.
        converters: The fields allowed, with their converters.
        what: What the fields belong to, for messages ("run", "new evaluation").
        required: Fields that must be among ``values``.
    """
    unknown = sorted(set(values) - set(converters))
    if unknown:
        raise ValueError(f"cannot set {what} field(s) {', '.join(unknown)}")
    missing = sorted(set(required) - set(values))
    if missing:
        raise ValueError(f"a {what} needs {', '.join(missing)}")
    return {name: converters[name](name, value) for name, value in values.items()}


RUN_FIELDS: dict[str, Converter] = {
    "algorithm": text,
    "scenario": text,
    "scenario_version": text,
    "difficulty": probability,
    "seed": integer(0),
    "total_timesteps": integer(1),
    "hyperparameters": json_of(dict),
    "n_envs": integer(1),
    "curriculum": flag,
    "package_version": text,
    "parent_run_id": optional_integer(1),
    "model_path": optional_text,
    "checkpoint_dir": optional_text,
    "tensorboard_dir": optional_text,
    "timesteps_done": integer(0),
    "error": optional_text,
    "pid": optional_integer(1),
    "hostname": optional_text,
}
"""How each run field is checked; the fields ``update_run`` may set (see ``RunChanges``)."""

EVALUATION_FIELDS: dict[str, Converter] = {
    "name": text,
    "policies": string_list,
    "scenarios": string_list,
    "scenario_versions": json_of(dict),
    "episodes": integer(1),
    "seed": integer(0),
    "status": evaluation_status,
    "results": json_of(dict),
    "error": optional_text,
    "report_path": optional_text,
}
"""How each evaluation field is checked."""

TRANSCRIPT_FIELDS: dict[str, Converter] = {
    "scenario": text,
    "scenario_version": text,
    "seed": integer(0),
    "policy": text,
    "turns": json_of(list),
    "run_id": optional_integer(1),
    "evaluation_id": optional_integer(1),
}
"""How each transcript field is checked."""

DATASET_FIELDS: dict[str, Converter] = {
    "name": text,
    "source": text,
    "format": text,
    "content_hash": text,
    "rows": integer(1),
    "contacts": integer(1),
    "industries": string_list,
    "summary": json_of(list),
    "path": text,
}
"""How each dataset field is checked; all are required."""


def analysis_kind(name: str, value: Any) -> AnalysisKind:
    """One of the :class:`AnalysisKind` values."""
    try:
        return AnalysisKind(value)
    except ValueError:
        raise ValueError(
            f"{name} must be one of {', '.join(AnalysisKind)}, got {value!r}"
        ) from None


ANALYSIS_FIELDS: dict[str, Converter] = {
    "dataset_id": integer(1),
    "kind": analysis_kind,
    "params": json_of(dict),
    "status": evaluation_status,
    "results": json_of(dict),
    "error": optional_text,
    "report_path": optional_text,
}
"""How each analysis field is checked."""

DEPLOYMENT_FIELDS: dict[str, Converter] = {
    "name": text,
    "run_id": integer(1),
    "threshold": probability,
    "algorithm": text,
    "scenario": text,
    "scenario_version": text,
    "status": evaluation_status,
    "model_path": optional_text,
    "ranges": json_of(dict),
    "rules": json_of(dict),
    "error": optional_text,
}
"""How each deployment field is checked."""


def optional_string(name: str, value: Any) -> str | None:
    """None or a string (possibly empty)."""
    if value is not None and not isinstance(value, str):
        raise ValueError(f"{name} must be a string, got {value!r}")
    return value


DECISION_FIELDS: dict[str, Converter] = {
    "deployment_id": integer(1),
    "version": integer(1),
    "contact_id": optional_string,
    "turn": optional_integer(0),
    "features": json_of(list),
    "action": text,
    "model_action": text,
    "probabilities": json_of(list),
    "fallback": optional_text,
    "rule": optional_text,
}
"""How each decision field is checked; all are given."""

_RESUMABLE = {RunStatus.QUEUED, RunStatus.RUNNING}
NEXT_STATUSES = {
    RunStatus.QUEUED: {RunStatus.RUNNING, RunStatus.CANCELLED, RunStatus.FAILED},
    RunStatus.RUNNING: {
        RunStatus.COMPLETED,
        RunStatus.FAILED,
        RunStatus.INTERRUPTED,
        RunStatus.CANCELLED,
    },
    RunStatus.FAILED: _RESUMABLE,
    RunStatus.INTERRUPTED: _RESUMABLE,
    RunStatus.CANCELLED: _RESUMABLE,
}
"""The allowed status changes: a stopped run may only be resumed (queued or run again);
a completed one stays."""


def transition(run_id: int, current: RunStatus, new: RunStatus) -> None:
    """Refuse a status change that :data:`NEXT_STATUSES` does not allow."""
    if new not in NEXT_STATUSES.get(current, ()):
        raise ValueError(f"run {run_id} is {current}; it cannot become {new}")
