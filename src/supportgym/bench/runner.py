"""The suite: every section in order, the Markdown table, and ``latest.json``."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from supportgym.bench import envs, footprint, server, serving, training
from supportgym.bench.common import Budget, Row, format_ratio, format_value
from supportgym.bench.machine import describe_machine, package_versions

Section = tuple[str, Callable[[Budget], list[Row]]]

SECTIONS: tuple[Section, ...] = (
    ("env steps/s", envs.env_rows),
    ("memory", footprint.memory_rows),
    ("cold start", footprint.cold_start_rows),
    ("server", server.server_rows),
    ("decision service", serving.serving_rows),
    ("SB3 PPO", training.ppo_rows),
    ("time to beat the playbook", training.playbook_rows),
)
"""In this order: gymnasium's ``AsyncVectorEnv`` forks its workers before torch is loaded."""


@dataclass
class Report:
    """The rows measured, with the machine and package versions they belong to."""

    budget: Budget
    machine: dict[str, Any]
    versions: dict[str, str | None]
    started_at: str
    seconds: float = 0.0
    rows: list[Row] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The content of ``latest.json``."""
        return {
            "suite": "supportgym bench",
            "mode": "quick" if self.budget.quick else "full",
            "repeats": self.budget.repeats,
            "started_at": self.started_at,
            "seconds": round(self.seconds, 1),
            "machine": self.machine,
            "versions": self.versions,
            "rows": [row.to_json() for row in self.rows],
        }


def run_suite(
    budget: Budget,
    on_start: Callable[[str], None] | None = None,
    on_done: Callable[[str, list[Row], float], None] | None = None,
) -> Report:
    """Run every section.

    Args:
        budget: Quick or full, and the number of rounds.
        on_start: Told each section's name before it runs.
        on_done: Told each section's name, rows and seconds after it ran.
    """
    report = Report(
        budget=budget,
        machine=describe_machine(),
        versions=package_versions(),
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    suite_start = time.perf_counter()
    for name, measure in SECTIONS:
        if on_start is not None:
            on_start(name)
        section_start = time.perf_counter()
        rows = measure(budget)
        report.rows += rows
        if on_done is not None:
            on_done(name, rows, time.perf_counter() - section_start)
    report.seconds = time.perf_counter() - suite_start
    return report


def write_report(report: Report, path: Path) -> None:
    """Write the report as JSON; ``path`` is replaced only once the new file is complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.partial")
    partial.write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")
    partial.replace(path)


def markdown_table(rows: Sequence[Row]) -> str:
    """The table: figure, value, reference, ratio, target and result per row."""
    lines = [
        "| Figure | Value | Reference | Ratio | Target | Result |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        if row.value is None:
            lines.append(f"| {row.label} | — | | | | SKIP ({row.skipped}) |")
            continue
        reference = ""
        if row.reference is not None:
            reference = f"{row.reference.label}: {format_value(row.reference.value, row.unit)}"
        ratio = format_ratio(row.ratio) if row.ratio is not None else ""
        lines.append(
            f"| {row.label} | {format_value(row.value, row.unit)} | {reference} | {ratio} "
            f"| {row.target} | {row.status} |"
        )
    return "\n".join(lines)
