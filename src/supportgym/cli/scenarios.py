"""``supportgym scenarios list|show|validate``: the scenario library and users' own files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import BaseModel
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from supportgym.cli.errors import fail
from supportgym.cli.options import SCENARIO_HELP, make_console
from supportgym.sim import BUILTIN_SCENARIOS, Scenario, ScenarioError, Tier, load_scenario
from supportgym.sim.library import load_scenario_file
from supportgym.sim.schema import FixMix

app = typer.Typer(no_args_is_help=True, help="List, inspect and validate scenarios.")


@app.command("list")
def list_scenarios() -> None:
    """List the built-in scenarios."""
    table = Table(title="Built-in scenarios")
    for column in ("name", "industry"):
        table.add_column(column)
    for column in ("inquiries", "max turns", "difficulty"):
        table.add_column(column, justify="right")
    table.add_column("version")
    for name in BUILTIN_SCENARIOS:
        s = load_scenario(name)
        table.add_row(
            s.name,
            s.industry,
            str(len(s.inquiries)),
            str(s.max_turns),
            f"{s.difficulty:g}",
            s.version,
        )
    make_console().print(table)


@app.command()
def show(scenario: Annotated[str, typer.Argument(help=SCENARIO_HELP)]) -> None:
    """Show a scenario's parameters: inquiries, customers, dynamics, economics and rewards."""
    s = load_scenario(scenario)
    console = make_console()
    console.print(
        Panel(
            f"{escape(s.description) or '(no description)'}\n\n"
            f"industry [bold]{s.industry}[/] · at most {s.max_turns} turns · "
            f"difficulty {s.difficulty:g} · version [bold]{s.version}[/]",
            title=f"[bold]{s.name}[/]",
            title_align="left",
            expand=False,
        )
    )
    console.print()
    console.print(_inquiries_table(s))
    sections = {
        "Customers": s.customers,
        "Dynamics": s.dynamics,
        "Economics": s.economics,
        "Reward weights": s.rewards,
        "Difficulty effects (at difficulty 1)": s.difficulty_effects,
    }
    for title, model in sections.items():
        console.print()
        console.print(_parameters_table(title, model))


@app.command()
def validate(file: Annotated[Path, typer.Argument(help="A scenario YAML file.")]) -> None:
    """Check a scenario file: print "FILE: valid (name, version)", or its problems and exit 2.

    On problems, the first line sums them up; if there are several, one line per
    problem follows, as "field.path: problem".
    """
    try:
        s = load_scenario_file(file)
    except ScenarioError as error:
        details = [f"{path}: {problem}" if path else problem for path, problem in error.errors]
        fail(str(error), details=details if len(details) > 1 else ())
    make_console().print(
        f"{escape(str(file))}: valid ({s.name}, version {s.version})", soft_wrap=True
    )


def _inquiries_table(s: Scenario) -> Table:
    strategies = tuple(FixMix.model_fields)
    table = Table(
        title="Inquiries: share of each fix strategy (what actually resolves the issue)",
        title_justify="left",
    )
    table.add_column("inquiry")
    table.add_column("industry")
    for column in ("weight", "urgency", "complexity", *strategies):
        table.add_column(column, justify="right")
    table.add_column("playbook action")
    for i in s.inquiries:
        table.add_row(
            i.name,
            i.industry,
            f"{i.weight:g}",
            f"{i.urgency:g}",
            f"{i.complexity:g}",
            *(f"{share:.0%}" if share else "" for share in (getattr(i.fix, n) for n in strategies)),
            i.playbook_action,
        )
    return table


def _parameters_table(title: str, model: BaseModel) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("parameter", "value", "meaning"):
        table.add_column(column)
    for name, field in type(model).model_fields.items():
        table.add_row(name, escape(_format(getattr(model, name))), field.description or "")
    return table


def _format(value: Any) -> str:
    if isinstance(value, BaseModel):
        return _format(dict(value))
    if isinstance(value, dict):
        if any(isinstance(v, dict) for v in value.values()):
            return "\n".join(f"{key}: {_format(v)}" for key, v in value.items())
        return " · ".join(f"{key} {_format(v)}" for key, v in value.items())
    if isinstance(value, tuple):  # the schema's only tuples are per-tier values
        return _format({tier.name.lower(): v for tier, v in zip(Tier, value, strict=True)})
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
