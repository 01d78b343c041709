"""``supportgym export``, ``deploy`` and ``deployments``: trained runs as ONNX and as a service."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from supportgym.cli.explain import RUN_HELP
from supportgym.cli.options import make_console
from supportgym.store import AbstractStore, Deployment, open_store

app = typer.Typer(no_args_is_help=True, help="List deployments, roll back, export their decisions.")
DeploymentName = Annotated[str, typer.Argument(metavar="NAME", help="The deployment's name.")]


def _run_id(run: str) -> int:
    number = run.removeprefix("run:")
    if not run.startswith("run:") or not number.isdigit():
        raise ValueError(f"{run}: name a stored run as run:<id>")
    return int(number)


def export(
    run: Annotated[str, typer.Argument(metavar="RUN", help=RUN_HELP)],
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="The .onnx file.")],
) -> None:
    """Export a run's model to ONNX (probabilities, or a DQN's Q-values), with its metadata."""
    from supportgym.policies.sb3 import load_model_policy
    from supportgym.serving.export import export_onnx

    if not output.parent.is_dir():
        raise ValueError(f"{output}: folder {output.parent} does not exist")
    run_id = _run_id(run)
    with open_store() as store:
        stored = store.get_run(run_id)
        if stored is None:
            raise ValueError(f"run {run_id} not found")
    if stored.status != "completed" or not stored.model_path:
        raise ValueError(f"run {run_id} is {stored.status.value}; only completed runs are exported")
    policy = load_model_policy(stored.model_path, stored.algorithm)
    export_onnx(
        policy,
        output,
        {
            "run_id": str(run_id),
            "scenario": stored.scenario,
            "scenario_version": stored.scenario_version,
        },
    )
    make_console().print(
        f"Wrote {escape(str(output))}: {stored.algorithm} of {run} ({stored.scenario} "
        f"v{stored.scenario_version}); inputs observations (n, 17)"
        + (" and action_masks (n, 8)" if stored.algorithm == "maskable_ppo" else "")
    )


def deploy(
    run: Annotated[str, typer.Argument(metavar="RUN", help=RUN_HELP)],
    name: Annotated[str, typer.Option("--name", "-n", help="The deployment's name.")],
    threshold: Annotated[
        float,
        typer.Option(
            min=0.0, max=1.0, help="Below this top probability the playbook decides instead."
        ),
    ] = 0.4,
) -> None:
    """Deploy a run as the next version of NAME: ONNX model, rules, guardrails; made active."""
    from supportgym.serving.deploy import build_deployment, record_deployment

    with open_store() as store:
        pending = record_deployment(store, _run_id(run), name, threshold)
        deployment = build_deployment(store, pending.id)
    make_console().print(
        f"Deployed {run} as [bold]{deployment.name} v{deployment.version}[/] (active): "
        f"POST /api/deployments/{deployment.name}/decide"
    )


@app.command("list")
def list_deployments() -> None:
    """Every deployment and its versions, the active one marked."""
    with open_store() as store:
        found = store.list_deployments()
    console = make_console()
    if not found:
        console.print("No deployments; deploy a run with `supportgym deploy run:<id> --name NAME`.")
        return
    console.print(_table(found))


@app.command()
def rollback(
    name: DeploymentName,
    to: Annotated[
        int | None, typer.Option(min=1, help="The version; default: the one before.")
    ] = None,
) -> None:
    """Make another (default: the previous ready) version answer NAME's decisions."""
    with open_store() as store:
        version = to or _previous(store, name)
        deployment = store.activate_deployment(name, version)
    make_console().print(f"{deployment.name} v{deployment.version} is active.")


def _previous(store: AbstractStore, name: str) -> int:
    versions = store.list_deployments(name)
    active = next((d for d in versions if d.active), None)
    if active is None:
        raise ValueError(f"deployment {name} not found (or no version of it is active)")
    older = [d for d in versions if d.version < active.version and d.status == "completed"]
    if not older:
        raise ValueError(f"{name} v{active.version} has no ready version before it")
    return older[0].version


@app.command()
def decisions(
    name: DeploymentName,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many, newest first.")] = 20,
) -> None:
    """NAME's latest decisions, fallbacks to the playbook with their reasons."""
    with open_store() as store:
        found = store.list_decisions(name, limit=limit)
    table = Table(title=f"Decisions of {escape(name)}")
    for column in ("id", "version", "contact", "turn", "action", "model", "fallback"):
        table.add_column(column)
    for d in found:
        table.add_row(
            str(d.id),
            str(d.version),
            escape(d.contact_id or ""),
            "" if d.turn is None else str(d.turn),
            d.action,
            d.model_action,
            escape(d.fallback or ""),
            style="yellow" if d.fallback else None,
        )
    make_console().print(table)


@app.command("export-log")
def export_log(
    name: DeploymentName,
    output: Annotated[Path, typer.Option("--output", "-o", dir_okay=False, help="The log file.")],
) -> None:
    """Write NAME's decisions of contacts with a reported outcome in the log format."""
    from supportgym.data.logs import write_logs
    from supportgym.serving.decision_log import decision_logs
    from supportgym.serving.service import DecisionService

    with open_store() as store:
        cs = DecisionService().scenario(store, name)
        logs, left_out = decision_logs(store, name, cs)
    if logs.n_contacts == 0:
        raise ValueError(f"{name}: no contact has both its decisions and a reported outcome")
    write_logs(logs, output)
    make_console().print(
        f"Wrote {escape(str(output))}: {logs.n_contacts:,} contacts, {logs.n_turns:,} turns; "
        f"{left_out:,} left out (no outcome reported, or turns missing)"
    )


def _table(deployments: list[Deployment]) -> Table:
    table = Table(title="Deployments")
    for column in (
        "name",
        "version",
        "run",
        "algorithm",
        "scenario",
        "threshold",
        "status",
        "created",
    ):
        table.add_column(column)
    for d in deployments:
        table.add_row(
            escape(d.name) + (" [green](active)[/]" if d.active else ""),
            str(d.version),
            f"run:{d.run_id}",
            d.algorithm,
            f"{d.scenario}@{d.scenario_version}",
            f"{d.threshold:g}",
            d.status.value,
            d.created_at.strftime("%Y-%m-%d %H:%M"),
        )
    return table
