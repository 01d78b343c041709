"""Rows of the benchmark table, the budgets of quick and full mode, repeated measurement."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["PASS", "MISS", "info", "SKIP"]


@dataclass(frozen=True)
class Budget:
    """How long each measurement runs; quick mode trades precision for time."""

    quick: bool
    repeats: int
    """Rounds of every measurement; rows report the median."""
    env_seconds: float
    """Timed stepping per env set-up and round."""
    memory_calls: int
    """Vector-env steps in the memory rows (RSS is read after each)."""
    ppo_n_steps: int
    """PPO ``n_steps`` for the throughput rows (the shipped default is 256)."""
    ppo_rollouts: int
    """Rollouts per timed PPO run."""
    rest_steps: int
    """Sequential REST env steps (and as many health checks) per round."""
    ws_clients: int = 20
    playbook_seeds: tuple[int, ...] = (1, 2, 3)
    playbook_episodes: int = 2000
    """Held-out episodes per evaluation in the time-to-beat-the-playbook rows."""

    @classmethod
    def for_mode(cls, quick: bool, repeats: int | None = None) -> Budget:
        """The quick (about a minute) or full budget, with ``repeats`` rounds (at least 3)."""
        rounds = repeats if repeats is not None else (3 if quick else 5)
        if rounds < 3:
            raise ValueError(f"repeats must be at least 3, got {rounds}")
        if quick:
            return cls(
                quick=True,
                repeats=rounds,
                env_seconds=0.15,
                memory_calls=20,
                ppo_n_steps=32,
                ppo_rollouts=1,
                rest_steps=100,
            )
        return cls(
            quick=False,
            repeats=rounds,
            env_seconds=1.0,
            memory_calls=100,
            ppo_n_steps=256,
            ppo_rollouts=2,
            rest_steps=2000,
        )


@dataclass(frozen=True)
class Reference:
    """What a figure is compared with, measured in the same run."""

    label: str
    samples: tuple[float, ...]

    @property
    def value(self) -> float:
        """The median of the samples."""
        return statistics.median(self.samples)


@dataclass(frozen=True)
class Target:
    """A bound on a row's ratio to its reference, or on its value."""

    bound: float
    at_most: bool
    """``≤ bound`` when true, ``≥ bound`` otherwise."""
    on: Literal["ratio", "value"] = "ratio"

    def met(self, value: float, ratio: float | None) -> bool:
        """Whether the row's value (or ratio) is within the bound."""
        measured = value if self.on == "value" else ratio
        if measured is None:
            return False
        return measured <= self.bound if self.at_most else measured >= self.bound

    def describe(self, unit: str) -> str:
        """The bound in words: ``≥ 100×``, ``≤ 100 MB``."""
        sign = "≤" if self.at_most else "≥"
        return f"{sign} {self.bound:g}×" if self.on == "ratio" else f"{sign} {self.bound:g} {unit}"


@dataclass(frozen=True)
class Row:
    """One line of the table: a median figure, maybe a reference, ratio and targets."""

    key: str
    section: str
    label: str
    unit: str
    samples: tuple[float, ...] = ()
    reference: Reference | None = None
    targets: tuple[Target, ...] = ()
    condition: tuple[str, bool] | None = None
    """A further requirement for PASS, by name, and whether it held (e.g. no torch import)."""
    skipped: str | None = None
    """Why the row was not measured."""
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def value(self) -> float | None:
        """The median of the samples (``None`` when skipped)."""
        return statistics.median(self.samples) if self.samples else None

    @property
    def ratio(self) -> float | None:
        """Value over the reference's value."""
        if self.value is None or self.reference is None or self.reference.value == 0:
            return None
        return self.value / self.reference.value

    @property
    def target(self) -> str:
        """All targets (and the condition) in words; empty for informational rows."""
        parts = [target.describe(self.unit) for target in self.targets]
        if self.condition is not None:
            parts.append(self.condition[0])
        return " and ".join(parts)

    @property
    def status(self) -> Status:
        """PASS or MISS for rows with a target, ``info`` for the others, SKIP if not measured."""
        if self.skipped is not None or self.value is None:
            return "SKIP"
        if not self.targets and self.condition is None:
            return "info"
        met = all(target.met(self.value, self.ratio) for target in self.targets)
        return "PASS" if met and (self.condition is None or self.condition[1]) else "MISS"

    def to_json(self) -> dict[str, Any]:
        """The row for ``latest.json``."""
        reference = None
        if self.reference is not None:
            reference = {
                "label": self.reference.label,
                "value": self.reference.value,
                "samples": list(self.reference.samples),
            }
        return {
            "key": self.key,
            "section": self.section,
            "label": self.label,
            "unit": self.unit,
            "value": self.value,
            "samples": list(self.samples),
            "reference": reference,
            "ratio": self.ratio,
            "target": self.target or None,
            "status": self.status,
            "skipped": self.skipped,
            "details": dict(self.details),
        }


def interleaved(
    measurements: Mapping[str, Callable[[int], float]], repeats: int
) -> dict[str, tuple[float, ...]]:
    """Each measurement once per round (called with the round number), ``repeats`` rounds.

    Rounds rather than one measurement after another, so that a change in the machine's
    load during the run affects a figure and its reference alike.
    """
    samples: dict[str, list[float]] = {name: [] for name in measurements}
    for round_number in range(repeats):
        for name, measure in measurements.items():
            samples[name].append(measure(round_number))
    return {name: tuple(values) for name, values in samples.items()}


def format_value(value: float, unit: str) -> str:
    """A figure with its unit, to a sensible precision."""
    if unit in ("ms", "s"):
        return f"{value:.2f} {unit}"
    if unit in ("MB", "%"):
        return f"{value:.1f} {unit}"
    return f"{value:,.0f} {unit}"


def format_ratio(ratio: float) -> str:
    """``594×``, ``1.12×``, ``0.031×``."""
    return f"{ratio:,.0f}×" if ratio >= 100 else f"{ratio:.3g}×"
