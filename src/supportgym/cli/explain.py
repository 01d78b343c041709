"""``supportgym explain run:N``: a trained policy as readable rules, with how far to trust them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from supportgym.cli.options import MAX_SEED, make_console
from supportgym.store import open_store

RUN_HELP = "A completed training run, run:<id>."


def explain(
    run: Annotated[str, typer.Argument(metavar="RUN", help=RUN_HELP)],
    episodes: Annotated[
        int, typer.Option(min=100, max=100_000, help="Episodes of its own the tree learns from.")
    ] = 2000,
    evaluation_episodes: Annotated[
        int, typer.Option(min=100, max=100_000, help="Held-out episodes the scores use.")
    ] = 2000,
    rules_out: Annotated[
        Path | None,
        typer.Option(dir_okay=False, help="Also write the rules file here (see rules:FILE)."),
    ] = None,
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED, help="Seeds the episodes.")] = 0,
) -> None:
    """Distil a run's model into a shallow decision tree and print it as rules.

    Also its fidelity (agreement with the model, 95% CI), the normalized scores of the
    model, the tree (tree:run:<id>) and the playbook with 95% CIs, and the permutation
    importance of each feature for the model's choices and the playbook's. Stored with
    the run.
    """
    from supportgym.explain.explanation import explain_run
    from supportgym.explain.rules import rules_path

    number = run.removeprefix("run:")
    if not run.startswith("run:") or not number.isdigit():
        raise ValueError(f"{run}: name a stored run as run:<id>")
    if rules_out is not None and not rules_out.parent.is_dir():
        raise ValueError(f"{rules_out}: folder {rules_out.parent} does not exist")
    with open_store() as store:
        explanation = explain_run(int(number), store, episodes, evaluation_episodes, seed)
    if rules_out is not None:
        shutil.copyfile(rules_path(int(number)), rules_out)
    console = make_console()
    fidelity = explanation["fidelity"]
    console.print(
        f"[bold]{run}[/] ({explanation['algorithm']}) on {explanation['scenario']['name']} "
        f"v{explanation['scenario']['version']}: a depth-{explanation['depth']} tree agrees with "
        f"the model on {fidelity['value']:.1%} of held-out states "
        f"[95% CI {fidelity['low']:.1%}, {fidelity['high']:.1%}]"
    )
    for number_, rule in enumerate(explanation["rules"], start=1):
        console.print(
            f"{number_:>3}. {escape(rule['text'])}  [dim]({rule['states']:,} states, "
            f"{rule['agreement']:.0%} as the model)[/]",
            soft_wrap=True,
        )
    console.print(f"     otherwise → {explanation['default'].replace('_', ' ')}")
    console.print(_scores(explanation, run))
    console.print(_importance(explanation))
    where = rules_out or rules_path(int(number))
    console.print(f"Stored with the run; rules file {escape(str(where))} (play it as tree:{run}).")


def _scores(explanation: dict[str, Any], run: str) -> Table:
    table = Table(title="Normalized score on held-out customers (random 0, oracle 1; 95% CI)")
    table.add_column("policy")
    table.add_column("score", justify="right")
    for key, label in (("model", run), ("tree", f"tree:{run}"), ("playbook", "playbook")):
        s = explanation["scores"][key]
        table.add_row(label, f"{s['value']:.2f} [{s['low']:.2f}, {s['high']:.2f}]")
    return table


def _importance(explanation: dict[str, Any]) -> Table:
    table = Table(
        title="Permutation importance: share of choices that change when the feature is shuffled"
    )
    table.add_column("feature")
    table.add_column("model", justify="right")
    table.add_column("playbook", justify="right")
    model, playbook = explanation["importance"]["model"], explanation["importance"]["playbook"]
    for name in sorted(model, key=lambda n: -model[n]["mean"]):
        if model[name]["mean"] >= 0.005 or playbook[name]["mean"] >= 0.005:
            table.add_row(name, f"{model[name]['mean']:.1%}", f"{playbook[name]['mean']:.1%}")
    return table
