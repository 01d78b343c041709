"""A comparison report as a folder: ``report.md`` with its tables, and PNG charts.

Everything is written inside the given folder (created if missing), under fixed file
names: ``report.md``, ``normalized_scores.png``, ``kpis_<scenario>.png`` and, for a
transfer matrix, ``transfer_matrix.png``. Scenario names are restricted by the schema
to ``[a-z0-9_-]``, so no name can lead outside the folder.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from supportgym.evaluation import charts
from supportgym.evaluation.results import CONTACTS, Estimate, EvaluationResult
from supportgym.evaluation.statistics import RESAMPLES

if TYPE_CHECKING:
    from supportgym.evaluation.transfer import TransferResult

REPORT_FILE = "report.md"
SCORES_CHART = "normalized_scores.png"
TRANSFER_CHART = "transfer_matrix.png"
KPI_COLUMNS = (
    ("csat", "CSAT", "{:.2f}"),
    ("resolved", "resolved", "{:.0%}"),
    ("first_contact_resolution", "FCR", "{:.0%}"),
    ("escalated", "escalated", "{:.0%}"),
    ("abandoned", "abandoned", "{:.0%}"),
    ("turns", "turns", "{:.1f}"),
    ("handle_minutes", "minutes", "{:.1f}"),
    ("revenue", "revenue", "{:.2f}"),
    ("compensation_cost", "compensation", "{:.2f}"),
    ("net_value", "net value", "{:+.2f}"),
)
"""KPI, column title and number format of the KPI tables."""
READING_GUIDE = f"""## How to read this

- **Normalized score**: the mean return rescaled so that the random policy scores 0 and
  the privileged oracle (which reads the hidden customer state) 1, both played on the
  same episodes. Its CI treats those two reference means as fixed.
- **95% CI**: BCa bootstrap over episodes ({RESAMPLES:,} resamples, seeded: the same inputs give
  the same intervals). Every policy plays the same customers, so rows are comparable.
- **ROI vs playbook**: extra net value per {CONTACTS:,} contacts over the rule-based playbook,
  `{CONTACTS} × mean(net value of the policy − net value of the playbook)` on the same
  episodes, with a paired bootstrap CI. Net value = revenue − compensation − escalation
  cost − handling time cost − the repeat-contact cost of unresolved customers; it does
  not price in customer satisfaction, so read it next to CSAT and resolution.
- **Across training seeds**: runs that differ only by seed are pooled: the interquartile
  mean (IQM) of the runs' mean normalized scores, with a bootstrap over runs,
  and the probability that a run of that configuration beats the playbook
  (Agarwal et al. 2021, `rliable`).
- Evaluation episodes are seeded from a held-out range; training seeds stay below it.
"""


def write_report(result: EvaluationResult, folder: str | Path) -> Path:
    """Write ``report.md`` and the charts of an evaluation into ``folder``.

    Returns:
        The path of ``report.md``.
    """
    folder = _folder(folder)
    _evaluation_charts(result, folder)
    lines = [
        "# SupportGym evaluation",
        "",
        *_evaluation_sections(result),
        READING_GUIDE,
    ]
    return _write(folder / REPORT_FILE, lines)


def write_transfer_report(transfer: TransferResult, folder: str | Path) -> Path:
    """Write the transfer matrix report (heatmap, matrix, per-cell details) into ``folder``.

    Returns:
        The path of ``report.md``.
    """
    folder = _folder(folder)
    industries = list(transfer.industries)
    charts.heatmap_chart(
        transfer.scores,
        industries,
        industries,
        f"{transfer.algorithm}: normalized score (rows trained on, columns evaluated on)",
        folder / TRANSFER_CHART,
    )
    _evaluation_charts(transfer.evaluation, folder)
    header = "| trained on ↓ / evaluated on → | " + " | ".join(industries) + " |"
    rows = [header, "|---|" + "---:|" * len(industries)]
    for industry, row in zip(industries, transfer.scores, strict=True):
        cells = " | ".join(_estimate(cell, "{:.2f}") for cell in row)
        rows.append(f"| {industry} (run {transfer.runs[industry]}) | {cells} |")
    trained = [
        f"- {industry}: run {transfer.runs[industry]}"
        + (" (reused: same configuration already trained)" if transfer.reused[industry] else "")
        for industry in industries
    ]
    lines = [
        f"# Cross-industry transfer: {transfer.algorithm}",
        "",
        f"One {transfer.algorithm} model per industry ({transfer.timesteps:,} timesteps, "
        f"{transfer.n_envs} envs, training seed {transfer.seed}), each evaluated on every "
        "industry. Diagonal: in-domain; off-diagonal: transfer.",
        "",
        "Reproduce: `" + shlex.join(["supportgym", "transfer", *transfer.arguments()]) + "`",
        "",
        "## Normalized score (random 0, oracle 1) with 95% CI",
        "",
        *rows,
        "",
        f"![Transfer matrix]({TRANSFER_CHART})",
        "",
        "## Models",
        "",
        *trained,
        "",
        *_evaluation_sections(transfer.evaluation),
        READING_GUIDE,
    ]
    return _write(folder / REPORT_FILE, lines)


def _evaluation_charts(result: EvaluationResult, folder: Path) -> None:
    charts.normalized_scores_chart(result, folder / SCORES_CHART)
    for scenario in result.scenarios:
        charts.kpi_chart(result, scenario, folder / f"kpis_{scenario}.png")


def _evaluation_sections(result: EvaluationResult) -> list[str]:
    last = result.seed + result.episodes - 1
    lines = [
        f"{len(result.policies)} policies × {len(result.scenarios)} scenarios · "
        f"{result.episodes:,} episodes per policy and scenario, seeds {result.seed} … {last} "
        "(held out from training)",
        "",
        "Reproduce: `" + shlex.join(["supportgym", "compare", *result.arguments()]) + "`",
        "",
        "## Scenarios",
        "",
        "| scenario | version | difficulty | random return | oracle return | playbook return |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for name in result.scenarios:
        refs = result.references[name]
        lines.append(
            f"| {name} | `{result.versions[name]}` | {result.difficulties[name]:g} | "
            f"{refs['random']:+.3f} | {refs['oracle']:+.3f} | {refs['playbook']:+.3f} |"
        )
    lines += [
        "",
        "## Normalized score, return and ROI vs the playbook",
        "",
        f"![Normalized scores]({SCORES_CHART})",
    ]
    for name in result.scenarios:
        lines += [
            "",
            f"### {name}",
            "",
            "| policy | score [95% CI] | return [95% CI] | "
            f"ROI per {CONTACTS:,} contacts [95% CI] |",
            "|---|---:|---:|---:|",
        ]
        for s in result.for_scenario(name):
            lines.append(
                f"| {_cell(s.policy)} | {_estimate(s.normalized, '{:.2f}')} | "
                f"{_estimate(s.episode_return, '{:+.3f}')} | "
                f"{'reference' if s.spec == 'playbook' else _estimate(s.roi, '{:+,.0f}')} |"
            )
    if result.groups:
        lines += [
            "",
            "## Across training seeds",
            "",
            "| configuration | scenario | runs | seeds | IQM score [95% CI] | "
            "P(beats playbook) [95% CI] |",
            "|---|---|---|---|---:|---:|",
        ]
        for g in result.groups:
            lines.append(
                f"| {_cell(g.label)} | {g.scenario} | {_cell(', '.join(g.policies))} | "
                f"{', '.join(map(str, g.seeds))} | {_estimate(g.iqm, '{:.2f}')} | "
                f"{_estimate(g.improvement, '{:.2f}')} |"
            )
    for name in result.scenarios:
        lines += [
            "",
            f"## KPIs on {name} (mean [95% CI])",
            "",
            "| policy | " + " | ".join(title for _, title, _ in KPI_COLUMNS) + " |",
            "|---|" + "---:|" * len(KPI_COLUMNS),
        ]
        for s in result.for_scenario(name):
            cells = " | ".join(_estimate(s.kpis[kpi], fmt) for kpi, _, fmt in KPI_COLUMNS)
            lines.append(f"| {_cell(s.policy)} | {cells} |")
        lines += ["", f"![KPIs on {name}](kpis_{name}.png)"]
    lines += ["", "## Parameters", "", *_parameters(result), ""]
    return lines


def _parameters(result: EvaluationResult) -> Iterable[str]:
    yield f"- policies: {', '.join(f'`{p}`' for p in result.policies)}"
    yield f"- scenarios: {', '.join(f'{n} (`{v}`)' for n, v in result.versions.items())}"
    yield f"- episodes: {result.episodes}"
    yield f"- first episode seed: {result.seed}"
    level = "each scenario's own" if result.difficulty is None else f"{result.difficulty:g}"
    yield f"- difficulty: {level}"


def _estimate(estimate: Estimate, fmt: str) -> str:
    value, low, high = (_number(fmt, v) for v in (estimate.value, estimate.low, estimate.high))
    return value if low == high == value else f"{value} [{low}, {high}]"


def _number(fmt: str, value: float) -> str:
    """``value`` formatted, where anything that rounds to zero reads as zero (no "-0.00")."""
    text = fmt.format(value)
    return fmt.format(0.0) if not any(c in "123456789" for c in text) else text


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _folder(folder: str | Path) -> Path:
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise ValueError(f"{path}: not a folder")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
