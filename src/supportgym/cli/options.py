"""Options shared by several commands, as ``Annotated`` aliases and validators."""

from __future__ import annotations

import os
from typing import Annotated

import typer
from rich.console import Console

from supportgym.policies import BUILTIN_POLICIES
from supportgym.sim import BUILTIN_SCENARIOS

PIPE_WIDTH = 160
"""Console width when output goes to a pipe or file, so wide tables are not wrapped."""

MAX_SEED = 2**62
"""Largest seed accepted: episode seeds (seed + k) must stay within int64."""
SCENARIO_HELP = f"A built-in scenario ({', '.join(BUILTIN_SCENARIOS)}) or a scenario YAML file."

Difficulty = Annotated[
    float | None,
    typer.Option(min=0.0, max=1.0, help="Difficulty in [0, 1]; default: the scenario's own."),
]


def check_policies(names: str | list[str] | None) -> str | list[str] | None:
    """Typer callback: every name must be a built-in policy."""
    for name in [names] if isinstance(names, str) else names or []:
        if name not in BUILTIN_POLICIES:
            choices = ", ".join(BUILTIN_POLICIES)
            raise typer.BadParameter(f"unknown policy {name!r}; built-in policies: {choices}")
    return names


def make_console() -> Console:
    """A Rich console on stdout; a pipe or file gets a fixed width rather than 80 columns."""
    console = Console(highlight=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        console.width = PIPE_WIDTH
    return console
