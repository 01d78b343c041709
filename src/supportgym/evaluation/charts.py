"""PNG charts of an evaluation with matplotlib, imported only when a chart is drawn.

Figures are built with ``matplotlib.figure.Figure`` (the Agg canvas), never through
``pyplot``: no global backend or figure registry is touched, so drawing is safe in a
server's worker and leaves an interactive session's backend alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from supportgym.evaluation.results import Estimate, EvaluationResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

KPI_CHARTS = (
    ("resolved", "Resolution rate"),
    ("csat", "CSAT (1-5)"),
    ("escalated", "Escalation rate"),
    ("abandoned", "Abandonment rate"),
)
"""The KPIs drawn per scenario, with their axis titles."""
DPI = 110


def normalized_scores_chart(result: EvaluationResult, path: Path) -> Path:
    """Horizontal bars of each policy's normalized score with its CI, one panel per scenario."""
    from matplotlib.figure import Figure

    policies = result.policies
    fig = Figure(figsize=(4.2 * len(result.scenarios) + 1.5, 0.45 * len(policies) + 1.6))
    axes = fig.subplots(1, len(result.scenarios), sharey=True, squeeze=False)[0]
    for ax, scenario in zip(axes, result.scenarios, strict=True):
        summaries = result.for_scenario(scenario)
        _bars(ax, [s.normalized for s in summaries], [s.policy for s in summaries])
        ax.axvline(0.0, color="0.5", linewidth=0.8)
        ax.axvline(1.0, color="0.5", linewidth=0.8, linestyle="--")
        ax.set_title(f"{scenario} v{result.versions[scenario]}", fontsize=10)
        ax.set_xlabel("normalized score (random 0, oracle 1)")
    fig.suptitle("Normalized score with 95% CI")
    return _save(fig, path)


def kpi_chart(result: EvaluationResult, scenario: str, path: Path) -> Path:
    """Resolution, CSAT, escalation and abandonment of each policy on one scenario, with CIs."""
    from matplotlib.figure import Figure

    summaries = result.for_scenario(scenario)
    fig = Figure(figsize=(15, 0.45 * len(summaries) + 1.6))
    axes = fig.subplots(1, len(KPI_CHARTS), sharey=True, squeeze=False)[0]
    for ax, (kpi, title) in zip(axes, KPI_CHARTS, strict=True):
        _bars(ax, [s.kpis[kpi] for s in summaries], [s.policy for s in summaries])
        ax.set_title(title, fontsize=10)
        if kpi == "csat":
            ax.set_xlim(1, 5)
        else:
            ax.set_xlim(0, 1)
    fig.suptitle(f"KPIs on {scenario} v{result.versions[scenario]} (95% CI)")
    return _save(fig, path)


def heatmap_chart(
    scores: Sequence[Sequence[Estimate]],
    rows: Sequence[str],
    columns: Sequence[str],
    title: str,
    path: Path,
) -> Path:
    """A matrix of normalized scores (rows: trained on, columns: evaluated on), annotated."""
    from matplotlib.figure import Figure

    values = np.array([[cell.value for cell in row] for row in scores])
    fig = Figure(figsize=(1.9 * len(columns) + 2.5, 1.3 * len(rows) + 1.6))
    ax = fig.subplots()
    image = ax.imshow(values, cmap="viridis", vmin=min(0.0, values.min()), vmax=1.0)
    fig.colorbar(image, ax=ax, label="normalized score")
    ax.set_xticks(range(len(columns)), [f"evaluated on\n{c}" for c in columns])
    ax.set_yticks(range(len(rows)), [f"trained on {r}" for r in rows])
    threshold = (image.norm.vmin + image.norm.vmax) / 2
    for i, row in enumerate(scores):
        for j, cell in enumerate(row):
            ax.text(
                j,
                i,
                f"{cell.value:.2f}\n[{cell.low:.2f}, {cell.high:.2f}]",
                ha="center",
                va="center",
                fontsize=9,
                color="black" if cell.value > threshold else "white",
            )
    ax.set_title(title)
    return _save(fig, path)


def _bars(ax: Axes, estimates: Sequence[Estimate], labels: Sequence[str]) -> None:
    values = np.array([e.value for e in estimates])
    errors = np.array([[e.value - e.low for e in estimates], [e.high - e.value for e in estimates]])
    positions = np.arange(len(estimates))
    ax.barh(positions, values, xerr=np.maximum(errors, 0.0), capsize=3, color="#4c72b0")
    ax.set_yticks(positions, labels, fontsize=8)
    ax.invert_yaxis()
    ax.grid(axis="x", alpha=0.3)


def _save(fig: Figure, path: Path) -> Path:
    fig.tight_layout()
    fig.savefig(path, dpi=DPI, format="png")
    return path
