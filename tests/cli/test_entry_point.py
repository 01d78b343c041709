from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import supportgym


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("supportgym")
    return subprocess.run(
        [str(script), *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_console_script_plays_an_episode():
    result = _run("play", "--policy", "playbook", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert "Episode over after" in result.stdout
    assert "Total return" in result.stdout


def test_version(invoke):
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"supportgym {supportgym.__version__}"


def test_the_console_script_prints_the_version_of_pyproject():
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert supportgym.__version__ == pyproject["project"]["version"]
    result = _run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"supportgym {pyproject['project']['version']}\n"


def test_loading_the_cli_leaves_heavy_libraries_for_the_commands_that_use_them(loaded_by):
    heavy = ("torch", "stable_baselines3", "scipy", "sqlalchemy", "alembic", "matplotlib")
    heavy += ("sklearn", "pyarrow", "minari", "h5py")
    assert loaded_by("import supportgym.cli.main", *heavy) == []
