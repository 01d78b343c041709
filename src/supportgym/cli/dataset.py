"""``supportgym dataset export``: Minari datasets from the simulator or from logs."""

from __future__ import annotations

import re
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from supportgym.cli.ope import LOGS_HELP, REPLAY_HELP
from supportgym.cli.options import MAX_SEED, make_console
from supportgym.store import open_store

app = typer.Typer(no_args_is_help=True, help="Export episodes as Minari datasets.")


@app.command()
def export(
    policy: Annotated[
        list[str] | None,
        typer.Option(
            "--policy",
            "-p",
            help="Play episodes with this policy (built-in, run:<id> or a model); repeated, "
            "each turn one of them.",
        ),
    ] = None,
    logs: Annotated[
        str | None, typer.Option(help=f"Export these logs instead. {LOGS_HELP}")
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", "-s", help=f"The scenario played in. {REPLAY_HELP}"),
    ] = None,
    episodes: Annotated[
        int, typer.Option(min=1, max=1_000_000, help="Episodes to play (with --policy).")
    ] = 1000,
    epsilon: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Share of uniformly random actions.")
    ] = 0.0,
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED, help="Episode k is seed + k.")] = 0,
    dataset_id: Annotated[
        str | None,
        typer.Option("--id", help="The Minari id (namespace/name-v0); default from the source."),
    ] = None,
    path: Annotated[
        Path | None,
        typer.Option(
            file_okay=False,
            help="Minari's datasets folder; default MINARI_DATASETS_PATH or ~/.minari/datasets.",
        ),
    ] = None,
) -> None:
    """Write a Minari dataset of simulated episodes (--policy) or of logged contacts (--logs).

    Each episode has its observations, actions, rewards, terminations and truncations, and
    each step's action mask in its infos; the dataset records the scenario's version.
    """
    from supportgym.data.datasets import resolve_logs
    from supportgym.data.minari_export import export_dataset
    from supportgym.data.sample import sample_logs
    from supportgym.evaluation.runner import resolve_policy, uses_store
    from supportgym.policies.stochastic import MixedPolicy
    from supportgym.sim import compile_scenario
    from supportgym.sim.library import load_scenario

    if (policy is None) == (logs is None):
        raise ValueError("name either --policy (to play episodes) or --logs (to export logs)")
    specs = policy or []
    with open_store() if logs or uses_store(specs) else nullcontext() as store:
        if logs is not None:
            logged, dataset = resolve_logs(logs, store)
            industries = sorted(set(logged.industry))
            name = scenario or (industries[0] if len(industries) == 1 else "mixed")
            definition = load_scenario(name)
            source = {"logs": dataset.name if dataset else logs, "contacts": logged.n_contacts}
            if dataset is not None:
                source["sha256"] = dataset.content_hash
            label = dataset.name if dataset else Path(logs).name.split(".")[0]
        else:
            definition = load_scenario(scenario or "mixed")
            cs = compile_scenario(definition)
            bases = [resolve_policy(spec, cs, store, seed)[0] for spec in specs]
            played = MixedPolicy(bases, epsilon, seed=seed)
            logged = sample_logs(played, definition, episodes, seed)
            source = {"policy": "+".join(specs), "epsilon": epsilon, "seed": seed}
            label = f"{definition.name}-{'-'.join(specs)}"
    dataset_id = dataset_id or f"supportgym/{_slug(label)}-v0"
    exported = export_dataset(logged, compile_scenario(definition), dataset_id, source, path)
    make_console().print(
        f"Wrote Minari dataset {escape(dataset_id)}: {exported.total_episodes:,} episodes, "
        f"{exported.total_steps:,} steps, {definition.name} v{definition.version}"
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "logs"
