"""``supportgym evaluate``: score built-in policies on held-out seeds, one table per scenario."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from supportgym.cli.options import (
    MAX_SEED,
    SCENARIO_HELP,
    Difficulty,
    check_policies,
    make_console,
)
from supportgym.evaluation import HELD_OUT_SEED, PolicyScore, score_policies
from supportgym.policies.registry import CONSTANT_POLICIES
from supportgym.sim import BUILTIN_SCENARIOS, Scenario, load_scenario

DEFAULT_POLICIES = ("random", *CONSTANT_POLICIES, "playbook", "oracle")
COLUMNS = (
    "policy",
    "score [95% CI]",
    "return [95% CI]",
    "CSAT",
    "resolved",
    "FCR",
    "escalated",
    "abandoned",
    "turns",
    "minutes",
    "net value",
)


def evaluate(
    scenario: Annotated[
        list[str] | None,
        typer.Option(
            "--scenario", "-s", help=f"{SCENARIO_HELP} Repeatable; default: every built-in one."
        ),
    ] = None,
    policy: Annotated[
        list[str] | None,
        typer.Option(
            "--policy",
            "-p",
            callback=check_policies,
            help="A built-in policy (random, playbook, oracle, always_<action>). Repeatable; "
            "default: random, the eight always_<action> constants, playbook and oracle.",
        ),
    ] = None,
    episodes: Annotated[int, typer.Option(min=1, help="Episodes per policy and scenario.")] = 1000,
    seed: Annotated[
        int,
        typer.Option(
            min=0, max=MAX_SEED, help="Episode k is seeded seed + k; default: the held-out seeds."
        ),
    ] = HELD_OUT_SEED,
    difficulty: Difficulty = None,
) -> None:
    """Score policies on held-out episodes: normalized score (random 0, oracle 1) and mean KPIs.

    Every policy plays the same customers (seeds seed … seed + episodes - 1).
    """
    scenarios = [load_scenario(name) for name in scenario or BUILTIN_SCENARIOS]
    policies = policy or list(DEFAULT_POLICIES)
    status = Console(stderr=True)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=status,
        transient=True,
        disable=not status.is_terminal,
    )
    # Tables are printed once the progress display is gone, so the two never interleave.
    results: list[tuple[Scenario, list[PolicyScore]]] = []
    with progress:
        task = progress.add_task("Scoring", total=len(scenarios))
        for s in scenarios:
            progress.update(task, description=f"Scoring policies on {s.name}")
            results.append((s, score_policies(s, policies, episodes, seed, difficulty)))
            progress.advance(task)
    console = make_console()
    for s, scores in results:
        level = s.difficulty if difficulty is None else difficulty
        console.print(_scores_table(scores, seed, level))
        console.print()


def _scores_table(scores: list[PolicyScore], seed: int, difficulty: float) -> Table:
    first = scores[0]
    table = Table(
        title=f"[bold]{first.scenario}[/] v{first.version} · {first.episodes} episodes from seed "
        f"{seed} · difficulty {difficulty:g}",
        caption="score: random 0, oracle 1 · 95% bootstrap CIs · CSAT 1-5 · "
        "net value: revenue - compensation - escalation - time cost, per contact",
    )
    for column in COLUMNS:
        table.add_column(column, justify="left" if column == "policy" else "right")
    for score in scores:
        k = score.kpis
        table.add_row(
            score.policy,
            escape(_with_ci(score.normalized, score.normalized_ci, "")),
            escape(_with_ci(score.mean_return, score.return_ci, "+")),
            f"{k['csat']:.2f}",
            f"{k['resolved']:.0%}",
            f"{k['first_contact_resolution']:.0%}",
            f"{k['escalated']:.0%}",
            f"{k['abandoned']:.0%}",
            f"{k['turns']:.1f}",
            f"{k['handle_minutes']:.1f}",
            f"{k['net_value']:+.2f}",
        )
    return table


def _with_ci(value: float, ci: tuple[float, float], sign: str) -> str:
    low, high = ci
    return f"{value:{sign}.2f} [{low:{sign}.2f}, {high:{sign}.2f}]"
