"""What a calibration found: the fitted scenario and every statistic before and after.

As JSON for the store and the API, and as Markdown for people.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from supportgym.data.moments import Z95, Moments
from supportgym.sim.actions import FixStrategy, Tier
from supportgym.sim.schema import Scenario

FIXES = tuple(s.name.lower() for s in FixStrategy)
PARAMETERS = (
    ("customers.sentiment.mean", -1.0, 1.0),
    ("customers.sentiment.std", 0.02, 1.0),
    ("customers.patience.mean", 1.0, 30.0),
    ("customers.patience.std", 0.1, 10.0),
    ("dynamics.empathy_gain", 0.0, 1.0),
    ("dynamics.failure_loss", 0.0, 1.0),
    ("dynamics.fix_gain", 0.0, 1.0),
)
"""The parameters searched by simulation: (field path, lower bound, upper bound)."""


@dataclass(frozen=True)
class Calibration:
    """A fitted scenario and how well it matches the logs, before and after."""

    base: Scenario
    fitted: Scenario
    statistics: list[dict[str, Any]]
    """Per statistic: ``name``, then ``observed``, ``base`` and ``fitted``, each a
    ``{"value", "low", "high"}`` 95% CI."""
    parameters: list[dict[str, Any]]
    """Per parameter: ``path``, ``base`` and ``fitted`` values, and ``how`` it was found."""
    distance: dict[str, float]
    """The fit's distance (sum of squared standardized misfits) of base and fitted."""
    evaluations: int
    """Candidates simulated by the search."""

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (the scenarios as their names and versions)."""
        return {
            "base": {"name": self.base.name, "version": self.base.version},
            "fitted": {"name": self.fitted.name, "version": self.fitted.version},
            "statistics": self.statistics,
            "parameters": self.parameters,
            "distance": self.distance,
            "evaluations": self.evaluations,
        }

    def within(self, which: str) -> float:
        """Share of the statistics whose ``which`` (base or fitted) value is in the logs' CI."""
        inside = [
            s["observed"]["low"] <= s[which]["value"] <= s["observed"]["high"]
            for s in self.statistics
        ]
        return float(np.mean(inside))


def value_at(data: dict[str, Any], path: str) -> float:
    """The number at a dotted field path of a scenario's dump."""
    for part in path.split("."):
        data = data[part]
    return float(data)  # type: ignore[arg-type]


def compare(
    base: Scenario,
    fitted: Scenario,
    columns: dict[str, Moments],
    distance: dict[str, float],
    evaluations: int,
) -> Calibration:
    """The calibration of ``columns``' ``observed``, ``base`` and ``fitted`` statistics."""
    intervals = {key: (m.values(), m.errors()) for key, m in columns.items()}
    statistics = []
    for index, name in enumerate(columns["observed"].names):
        if np.isnan(intervals["observed"][0][index]):
            continue
        entry: dict[str, Any] = {"name": name}
        for key, (values, errors) in intervals.items():
            value, error = float(values[index]), float(np.nan_to_num(errors[index]))
            entry[key] = {"value": value, "low": value - Z95 * error, "high": value + Z95 * error}
        statistics.append(entry)
    return Calibration(base, fitted, statistics, _parameters(base, fitted), distance, evaluations)


def _parameters(base: Scenario, fitted: Scenario) -> list[dict[str, Any]]:
    def row(path: str, before: float, after: float, how: str) -> dict[str, Any]:
        return {"path": path, "base": before, "fitted": after, "how": how}

    rows = [
        row(f"inquiries[{b.name}].weight", b.weight, f.weight, "read off the logs")
        for b, f in zip(base.inquiries, fitted.inquiries, strict=True)
    ]
    for tier in (t.name.lower() for t in Tier):
        before, after = getattr(base.customers.tiers, tier), getattr(fitted.customers.tiers, tier)
        rows.append(row(f"customers.tiers.{tier}", before, after, "read off the logs"))
    data_before, data_after = base.model_dump(), fitted.model_dump()
    for path, _, _ in PARAMETERS:
        before, after = value_at(data_before, path), value_at(data_after, path)
        rows.append(row(path, before, after, "simulated moments"))
    for b, f in zip(base.inquiries, fitted.inquiries, strict=True):
        for fix in FIXES:
            path = f"inquiries[{b.name}].fix.{fix}"
            rows.append(row(path, getattr(b.fix, fix), getattr(f.fix, fix), "simulated moments"))
    return rows


def write_scenario(scenario: Scenario, path: str | Path) -> Path:
    """The scenario as YAML, in the form ``supportgym scenarios validate`` reads."""
    path = Path(path)
    text = yaml.safe_dump(scenario.model_dump(mode="json"), sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")
    return path


def markdown(calibration: Calibration, source: str) -> str:
    """The fit report: parameters base -> fitted, then every statistic with its CIs."""
    c = calibration
    lines = [
        f"# Calibration of {c.base.name} to {source}",
        "",
        f"Fitted scenario **{c.fitted.name}** (version `{c.fitted.version}`) from base "
        f"**{c.base.name}** (`{c.base.version}`), {c.evaluations} candidates simulated.",
        f"Distance (sum of squared standardized misfits): base {c.distance['base']:,.0f}, "
        f"fitted {c.distance['fitted']:,.0f}. Statistics inside the logs' 95% CI: base "
        f"{c.within('base'):.0%}, fitted {c.within('fitted'):.0%}.",
        "",
        "## Parameters",
        "",
        "| parameter | base | fitted | how |",
        "|---|---|---|---|",
        *(
            f"| `{p['path']}` | {p['base']:.4g} | {p['fitted']:.4g} | {p['how']} |"
            for p in c.parameters
        ),
        "",
        "## Statistics: observed vs simulated (95% CIs)",
        "",
        "| statistic | logs | base | fitted |",
        "|---|---|---|---|",
    ]
    for s in c.statistics:
        cells = [_interval(s[key]) for key in ("observed", "base", "fitted")]
        marks = ["", *(" ✓" if _inside(s, key) else "" for key in ("base", "fitted"))]
        lines.append(
            f"| `{s['name']}` | "
            + " | ".join(c_ + m for c_, m in zip(cells, marks, strict=True))
            + " |"
        )
    lines += ["", "✓: the simulated value lies inside the logs' 95% CI.", ""]
    return "\n".join(lines)


def _interval(estimate: dict[str, float]) -> str:
    return f"{estimate['value']:.3f} [{estimate['low']:.3f}, {estimate['high']:.3f}]"


def _inside(statistic: dict[str, Any], key: str) -> bool:
    observed = statistic["observed"]
    return bool(observed["low"] <= statistic[key]["value"] <= observed["high"])
