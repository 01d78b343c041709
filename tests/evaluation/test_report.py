"""Reports: report.md with its tables, valid PNG charts, and nothing outside the folder."""

from __future__ import annotations

import struct
from dataclasses import replace
from pathlib import Path

import pytest

from supportgym.evaluation import Estimate, SeedGroup, evaluate
from supportgym.evaluation.report import write_report, write_transfer_report
from supportgym.evaluation.transfer import INDUSTRIES, TransferResult
from supportgym.sim import load_scenario

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header, after checking its signature."""
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, path
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def result():
    return evaluate(["playbook", "oracle", "always_escalate"], ["retail", "tech"], 200)


def files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def test_report_folder_holds_markdown_and_valid_charts(result, tmp_path: Path) -> None:
    folder = tmp_path / "reports" / "1"
    report = write_report(result, folder)
    assert report == folder / "report.md"
    names = {p.name for p in files_under(tmp_path)}
    assert names == {"report.md", "normalized_scores.png", "kpis_retail.png", "kpis_tech.png"}
    for chart in folder.glob("*.png"):
        width, height = png_size(chart)
        assert width > 100 and height > 100


def test_report_tables(result, tmp_path: Path) -> None:
    text = write_report(result, tmp_path).read_text(encoding="utf-8")
    assert f"| retail | `{load_scenario('retail').version}` | 0.5 |" in text
    assert "`supportgym compare playbook oracle always_escalate --scenario retail " in text
    assert "## KPIs on tech (mean [95% CI])" in text
    assert "| playbook | 0.6" in text and "| reference |" in text  # ROI vs itself
    oracle = result.for_scenario("retail")[1]
    roi = f"{oracle.roi.value:+,.0f} [{oracle.roi.low:+,.0f}, {oracle.roi.high:+,.0f}]"
    assert roi in text
    csat = oracle.kpis["csat"]
    assert f"{csat.value:.2f} [{csat.low:.2f}, {csat.high:.2f}]" in text
    assert "![Normalized scores](normalized_scores.png)" in text
    assert "## Across training seeds" not in text


def test_seed_aggregates_get_their_own_table(result, tmp_path: Path) -> None:
    group = SeedGroup(
        label="ppo on retail × 3 seeds",
        scenario="retail",
        version=result.versions["retail"],
        algorithm="ppo",
        trained_on="retail",
        policies=["run:1", "run:2", "run:3"],
        seeds=[0, 1, 2],
        iqm=Estimate(0.61, 0.55, 0.66),
        improvement=Estimate(2 / 3, 0.0, 1.0),
    )
    text = write_report(replace(result, groups=[group]), tmp_path).read_text(encoding="utf-8")
    assert (
        "| ppo on retail × 3 seeds | retail | run:1, run:2, run:3 | 0, 1, 2 | "
        "0.61 [0.55, 0.66] | 0.67 [0.00, 1.00] |"
    ) in text


def test_a_file_in_the_way_is_a_value_error(result, tmp_path: Path) -> None:
    blocker = tmp_path / "report"
    blocker.write_text("")
    with pytest.raises(ValueError, match="not a folder"):
        write_report(result, blocker)


def test_transfer_report_has_a_heatmap(tmp_path: Path) -> None:
    specs = ["random", "playbook", "oracle"]  # stand-ins for the three trained models
    evaluation = evaluate(specs, list(INDUSTRIES), 100)
    scores = [[s.normalized for s in evaluation.summaries if s.spec == spec] for spec in specs]
    transfer = TransferResult(
        algorithm="ppo",
        timesteps=2048,
        seed=0,
        n_envs=4,
        episodes=100,
        industries=INDUSTRIES,
        runs={"bfsi": 1, "retail": 2, "tech": 3},
        reused={"bfsi": False, "retail": True, "tech": False},
        scores=scores,
        evaluation=evaluation,
    )
    report = write_transfer_report(transfer, tmp_path / "t")
    assert png_size(tmp_path / "t" / "transfer_matrix.png")[0] > 100
    text = report.read_text(encoding="utf-8")
    assert "`supportgym transfer --algo ppo --timesteps 2048 --seed 0" in text
    assert "| trained on ↓ / evaluated on → | bfsi | retail | tech |" in text
    assert "| tech (run 3) | 1.00 [" in text
    assert "retail: run 2 (reused" in text
