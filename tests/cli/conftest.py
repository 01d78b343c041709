"""Fixtures for the command line: a runner, and scenario files with one thing wrong."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner, Result

from supportgym.cli import app
from supportgym.sim.library import builtin_scenario


@pytest.fixture
def invoke() -> Callable[..., Result]:
    """``invoke("play", "--seed", "3", input=...)``: run the app in-process, 200 columns wide."""
    runner = CliRunner(env={"COLUMNS": "200"})

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    return run


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


@pytest.fixture
def one_line_error() -> Callable[..., None]:
    """``one_line_error(result, *fragments)``: exit code 2, no traceback, and exactly one
    ``error: …`` line on stderr that contains every fragment."""

    def check(result: Result, *fragments: str) -> None:
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("error: ")
        for fragment in fragments:
            assert fragment in lines[0]

    return check
