"""What the store returns: plain frozen dataclasses, independent of any database.

Timestamps are timezone-aware UTC datetimes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any


class RunStatus(StrEnum):
    """A training run's life cycle: queued → running → one of the four final states.

    A stopped run (failed, interrupted, cancelled) may be queued or run again to resume.
    """

    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    INTERRUPTED = "interrupted"
    """The process ended without finishing the run (killed, crashed machine, restart)."""
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        """Whether the run has ended (stopped runs may still be resumed)."""
        return self not in (RunStatus.QUEUED, RunStatus.RUNNING)


class EvaluationStatus(StrEnum):
    """An evaluation's life cycle: pending → running → completed or failed."""

    PENDING = "pending"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def is_final(self) -> bool:
        """Whether the evaluation has ended."""
        return self in (EvaluationStatus.COMPLETED, EvaluationStatus.FAILED)


@dataclass(frozen=True)
class Run:
    """One training run: its configuration, progress, artefacts and outcome."""

    id: int
    algorithm: str
    scenario: str
    """The scenario's name."""
    scenario_version: str
    difficulty: float
    hyperparameters: dict[str, Any]
    seed: int
    n_envs: int
    total_timesteps: int
    curriculum: bool
    package_version: str
    """The ``supportgym`` version that created the run."""
    status: RunStatus
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    timesteps_done: int
    model_path: str | None
    checkpoint_dir: str | None
    tensorboard_dir: str | None
    error: str | None
    pid: int | None
    """The training process, recorded by ``start_run``."""
    hostname: str | None
    parent_run_id: int | None
    """The run this one resumes, if any."""


@dataclass(frozen=True)
class MetricPoint:
    """The metrics a run logged at one step."""

    run_id: int
    step: int
    wall_time: float
    """Seconds since the run started."""
    values: dict[str, float]
    """Metric name (``reward/satisfaction``, ``kpi/csat`` …) to value; NaN and ±inf survive."""


@dataclass(frozen=True)
class Evaluation:
    """A comparison of policies on scenarios, with its results and report."""

    id: int
    created_at: datetime
    name: str
    policies: list[str]
    scenarios: list[str]
    scenario_versions: dict[str, str]
    """Scenario name to the version evaluated."""
    episodes: int
    seed: int
    status: EvaluationStatus
    results: dict[str, Any]
    """KPIs with CIs per policy and scenario, once completed."""
    error: str | None
    """Why it failed, if it did."""
    report_path: str | None


@dataclass(frozen=True)
class Transcript:
    """One saved episode, turn by turn."""

    id: int
    created_at: datetime
    scenario: str
    scenario_version: str
    seed: int
    policy: str
    run_id: int | None
    evaluation_id: int | None
    turns: list[dict[str, Any]]


@dataclass(frozen=True)
class ScenarioRecord:
    """One version of a scenario, as stored; ``definition`` is the scenario's JSON dump."""

    version: str
    name: str
    industry: str
    definition: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class Dataset:
    """Imported support logs: the file's identity and summary, and where the copy is kept."""

    id: int
    name: str
    created_at: datetime
    source: str
    """The file name it was imported from."""
    format: str
    """The file's format suffix: ``.jsonl``, ``.csv.gz``, ``.parquet`` …"""
    content_hash: str
    """SHA-256 of the file's bytes, hex."""
    rows: int
    contacts: int
    industries: list[str]
    summary: list[dict[str, Any]]
    """Per field: how often given, and its range and mean or its values' counts."""
    path: str
    """The stored copy of the file in the data directory."""


class AnalysisKind(StrEnum):
    """What an analysis of a dataset computes."""

    CALIBRATION = "calibration"
    """A scenario fitted to the logs, with its fit report."""
    OPE = "ope"
    """Off-policy estimates of policies' values on the logged contacts."""


@dataclass(frozen=True)
class Analysis:
    """A calibration or off-policy evaluation of one dataset, with its status and results."""

    id: int
    dataset_id: int
    kind: AnalysisKind
    created_at: datetime
    params: dict[str, Any]
    status: EvaluationStatus
    results: dict[str, Any]
    error: str | None
    report_path: str | None


@dataclass(frozen=True)
class Deployment:
    """One version of a named deployment: a run's model exported to ONNX, with guardrails."""

    id: int
    name: str
    version: int
    """1, 2 … per name; the newest ready one is active unless rolled back."""
    run_id: int
    created_at: datetime
    status: EvaluationStatus
    """``pending`` while its worker exports the model, then ``completed`` (ready) or ``failed``."""
    active: bool
    """Whether this version answers the name's decisions."""
    threshold: float
    """Below this top probability the playbook decides instead."""
    algorithm: str
    scenario: str
    scenario_version: str
    model_path: str | None
    """The ONNX file, once exported."""
    ranges: dict[str, list[float]]
    """Feature name to the ``[low, high]`` it took in the model's own episodes."""
    rules: dict[str, Any]
    """The distilled rules (a rules file's content), for saying which rule a decision fits."""
    error: str | None


@dataclass(frozen=True)
class Decision:
    """One decision a deployment served, kept for the decision log."""

    id: int
    deployment_id: int
    version: int
    created_at: datetime
    contact_id: str | None
    turn: int | None
    features: list[float]
    """The 17 features it decided on, in observation order."""
    action: str
    """What was answered (the playbook's action on a fallback)."""
    model_action: str
    probabilities: list[float]
    fallback: str | None
    """Why the playbook decided instead of the model, if it did."""
    rule: str | None
    """The distilled rule the state fits, in words."""


@dataclass(frozen=True)
class ContactOutcome:
    """The outcome of a contact a deployment served, reported after it ended."""

    deployment: str
    """The deployment's name."""
    contact_id: str
    created_at: datetime
    outcome: dict[str, Any]
    """The log format's outcome fields: resolved, escalated, abandoned, csat, …"""
