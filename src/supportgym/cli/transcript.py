"""Rich rendering of one episode for ``supportgym play``: header, turns, KPIs."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from rich.columns import Columns
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from supportgym.envs import SupportEnv
from supportgym.envs.render import mood_bar
from supportgym.sim import FEATURE_NAMES, FEATURES, Action, FixStrategy, Outcome, Tier
from supportgym.sim.actions import INDUSTRIES
from supportgym.sim.replies import ANGRY_BELOW, HAPPY_ABOVE

SHOWN_ELSEWHERE = ("sentiment", "sentiment_trend", "turn_fraction", "last_action")
"""Features left out of a turn's list of changes: the mood bar and turn header show them."""
ENDINGS = {
    Outcome.CLOSED: "the case was closed",
    Outcome.ABANDONED: "the customer gave up and left",
    Outcome.LEFT_SATISFIED: "the customer left satisfied",
    Outcome.TIMEOUT: "the turn limit was reached",
}
YES_NO_KPIS = ("resolved", "first_contact_resolution", "escalated", "abandoned")


def opening(
    console: Console, env: SupportEnv, seed: int, observation: np.ndarray, info: Mapping
) -> None:
    """Who is calling, about what, their first words and everything the agent observes."""
    c, cs = env.customers, env.compiled
    inquiry = int(c.inquiry[0])
    console.print(
        Panel(
            f"{Tier(int(c.tier[0])).name.lower()} customer · "
            f"{INDUSTRIES[cs.inquiry_industry[inquiry]]} / [bold]{cs.inquiry_names[inquiry]}[/] "
            f"(urgency {cs.inquiry_urgency[inquiry]:g})\n"
            f"difficulty {env.difficulty:g} · at most {cs.max_turns} turns · seed {seed}",
            title=f"[bold]{escape(env.scenario.name)}[/] v{cs.version} ({env.scenario.industry})",
            title_align="left",
            expand=False,
        )
    )
    _customer_says(console, info["reply"], observation)
    features(console, observation)


def features(console: Console, observation: np.ndarray) -> None:
    """The 17 observed features, by name, with their values and meaning."""
    table = Table(title="What the agent observes", title_justify="left")
    table.add_column("#", justify="right")
    table.add_column("feature")
    table.add_column("value", justify="right")
    table.add_column("meaning")
    for index, (feature, value) in enumerate(zip(FEATURES, observation, strict=True)):
        table.add_row(str(index), feature.name, _signed(value), feature.description)
    console.print(table)


def action_menu(console: Console, action_mask: np.ndarray) -> None:
    """The actions by number; those discouraged right now are starred (and penalized)."""
    items = [
        f"[bold]{int(a)}[/] {a.name.lower()}"
        if action_mask[a]
        else f"[dim]{int(a)} {a.name.lower()}*[/]"
        for a in Action
    ]
    console.print(Columns(items, padding=(0, 3)))
    if not action_mask.all():
        console.print("[dim]* discouraged now: allowed, but penalized[/]")


def turn(
    console: Console,
    env: SupportEnv,
    who: str,
    action: Action,
    discouraged: bool,
    before: np.ndarray,
    after: np.ndarray,
    info: Mapping,
) -> None:
    """One turn: the action, the customer's reply, mood, reward breakdown and what changed."""
    note = " [yellow](discouraged: penalized)[/]" if discouraged else ""
    console.print(
        f"\n[bold]Turn {int(env.customers.turn[0])}[/] · {escape(who)}: "
        f"[bold cyan]{action.name}[/]{note}"
    )
    _customer_says(console, info["reply"], after)
    components = info["reward_components"]
    parts = " · ".join(
        f"{name} {_signed(value)}"
        for name, value in components.items()
        if _signed(value) != "+0.00"
    )
    console.print(f"  reward {_signed(sum(components.values()), 3)} ({parts or 'nothing'})")
    changes = [
        f"{name} {old:.2f} → {new:.2f}"
        for name, old, new in zip(FEATURE_NAMES, before, after, strict=True)
        if name not in SHOWN_ELSEWHERE and abs(new - old) >= 0.005
    ]
    if changes:
        console.print(f"  [dim]observed: {' · '.join(changes)}[/]")


def ending(console: Console, env: SupportEnv, kpis: Mapping[str, float], total: float) -> None:
    """How the episode ended, what was hidden, the KPIs and the total return."""
    c = env.customers
    end = ENDINGS[Outcome(int(c.outcome[0]))]
    console.print(f"\n[bold]Episode over after {int(c.turn[0])} turns:[/] {end}.")
    console.print(
        f"[dim]Hidden all along: fix strategy {FixStrategy(int(c.fix[0])).name.lower()}, "
        f"true mood {c.sentiment[0]:+.2f}, patience left {max(c.patience[0], 0.0):.1f} turns.[/]"
    )
    table = Table(title="KPIs", title_justify="left")
    table.add_column("KPI")
    table.add_column("value", justify="right")
    for name, value in kpis.items():
        table.add_row(name, _kpi_text(name, value))
    console.print(table)
    console.print(f"[bold]Total return {total:+.3f}[/]")


def _signed(value: float, digits: int = 2) -> str:
    """``value`` with an explicit sign, where a value that rounds to zero is ``+0.00``."""
    text = f"{value:+.{digits}f}"
    return text.replace("-", "+") if float(text) == 0 else text


def _customer_says(console: Console, reply: str, observation: np.ndarray) -> None:
    seen = float(observation[FEATURE_NAMES.index("sentiment")])
    style = "red" if seen < ANGRY_BELOW else "green" if seen > HAPPY_ABOVE else "yellow"
    console.print(f'  Customer: "{escape(reply)}"')
    console.print(f"  mood   [{style}]{escape(mood_bar(seen))}[/]")


def _kpi_text(name: str, value: float) -> str:
    if name in YES_NO_KPIS:
        return "yes" if value else "no"
    if name == "handle_minutes":
        return f"{value:g} min"
    if name == "net_value":
        return _signed(value)
    if name in ("revenue", "compensation_cost"):
        return f"{value:.2f}"
    return f"{value:g}"
