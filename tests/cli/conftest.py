"""Fixtures for the command line: a runner, and scenario files with one thing wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from supportgym.sim.library import builtin_scenario


@pytest.fixture(autouse=True)
def _isolated(data_dir: Path) -> Path:
    """Every command runs against its own empty data directory, never the cwd's."""
    return data_dir


@pytest.fixture
def scenario_file(tmp_path: Path) -> Callable[..., Path]:
    """``scenario_file(edit)``: the retail scenario as YAML, after ``edit(data)`` changed it."""

    def write(edit: Callable[[dict[str, Any]], None] = lambda data: None) -> Path:
        data = builtin_scenario("retail").model_dump(mode="json")
        edit(data)
        path = tmp_path / "scenario.yaml"
        path.write_text(yaml.safe_dump(data), encoding="utf-8")
        return path

    return write
