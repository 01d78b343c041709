"""``supportgym play``: one customer conversation in the terminal, played by you or a policy."""

from __future__ import annotations

import secrets
import sys
from collections import deque
from typing import Annotated

import numpy as np
import typer
from rich.console import Console
from rich.markup import escape

from supportgym.cli import transcript
from supportgym.cli.errors import fail
from supportgym.cli.options import (
    MAX_SEED,
    SCENARIO_HELP,
    Difficulty,
    check_policies,
    make_console,
)
from supportgym.envs import SupportEnv
from supportgym.policies import make_policy
from supportgym.sim import Action

INPUT_ENDED = 1
"""Exit code when stdin ends before the episode does."""
FRESH_SEEDS = 1_000_000
"""Without ``--seed``, the customer is drawn with a seed below this (shown, to replay it)."""


def play(
    scenario: Annotated[str, typer.Option("--scenario", "-s", help=SCENARIO_HELP)] = "mixed",
    seed: Annotated[
        int | None,
        typer.Option(
            min=0,
            max=MAX_SEED,
            help="Seed of the customer; default: a fresh one, shown in the header.",
        ),
    ] = None,
    difficulty: Difficulty = None,
    policy: Annotated[
        str | None,
        typer.Option(
            "--policy",
            "-p",
            callback=check_policies,
            help="Let a built-in policy play without prompts: playbook, oracle, random or "
            "always_<action>.",
        ),
    ] = None,
    actions: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated actions (numbers 0-7, names or unique prefixes) to play "
            "first; you are prompted for any further turns.",
        ),
    ] = None,
) -> None:
    """Play one customer conversation: pick a response each turn, the customer replies.

    Type an action's number 0-7 (0 empathize … 7 close_case), name or unique prefix.
    "?" shows the observation again. Discouraged actions are allowed but penalized.
    Input may come from a pipe; --actions scripts the first turns.

    Exit codes: 0 the episode ended, 1 the input ended first, 2 bad input.
    """
    if policy is not None and actions is not None:
        raise ValueError("use either --policy or --actions, not both")
    scripted = deque(_parse_actions(actions or ""))
    env = SupportEnv(scenario, difficulty)
    seed = secrets.randbelow(FRESH_SEEDS) if seed is None else seed
    agent = None if policy is None else make_policy(policy, env.compiled, seed)
    console = make_console()
    observation, info = env.reset(seed=seed)
    transcript.opening(console, env, seed, observation, info)
    total, done = 0.0, False
    while not done:
        mask = info["action_mask"].astype(bool)
        if agent is not None:
            who = policy
            action = Action(int(agent.act(observation[None], mask[None], env.customers)[0]))
        elif scripted:
            who, action = "script", scripted.popleft()
        else:
            who, action = "you", _ask(console, observation, mask, int(env.customers.turn[0]) + 1)
        before = observation
        observation, reward, terminated, truncated, info = env.step(action)
        total += reward
        transcript.turn(console, env, who, action, not mask[action], before, observation, info)
        done = terminated or truncated
    transcript.ending(console, env, info["kpis"], total)


def _parse_actions(text: str) -> list[Action]:
    try:
        return [Action.parse(part) for part in text.split(",") if part.strip()]
    except ValueError as error:
        raise ValueError(f"--actions: {error}") from None


def _ask(console: Console, observation: np.ndarray, mask: np.ndarray, turn: int) -> Action:
    """Prompt until the player names an action; the input ending exits with code 1."""
    console.print()
    transcript.action_menu(console, mask)
    while True:
        try:
            text = console.input(
                f"[bold]Turn {turn}, your action (0-7, name or prefix; ? shows the features):[/] "
            )
        except EOFError:
            console.print()
            fail(f"input ended before the episode did (at turn {turn})", code=INPUT_ENDED)
        if not sys.stdin.isatty():
            console.print(escape(text), highlight=False)  # echo piped input, as a terminal would
        text = text.strip()
        if text == "?":
            transcript.features(console, observation)
        elif text:
            try:
                return Action.parse(text)
            except ValueError as error:
                console.print(f"[red]{escape(str(error))}[/]; try again", soft_wrap=True)
