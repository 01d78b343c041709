"""The ``supportgym`` command: every subcommand, registered on one Typer app."""

from __future__ import annotations

from typing import Annotated

import typer

from supportgym import __version__
from supportgym.cli import (
    bench,
    calibrate,
    compare,
    dataset,
    deploy,
    evaluate,
    explain,
    logs,
    ope,
    play,
    runs,
    scenarios,
    serve,
    train,
    transfer,
)
from supportgym.cli.errors import OneLineErrors

app = typer.Typer(
    cls=OneLineErrors,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.command()(play.play)
app.add_typer(scenarios.app, name="scenarios")
app.command()(train.train)
app.add_typer(runs.app, name="runs")
app.add_typer(logs.app, name="logs")
app.add_typer(dataset.app, name="dataset")
app.add_typer(deploy.app, name="deployments")
app.command()(evaluate.evaluate)
app.command()(compare.compare)
app.command()(calibrate.calibrate)
app.command()(ope.ope)
app.command()(transfer.transfer)
app.command()(explain.explain)
app.command()(deploy.export)
app.command()(deploy.deploy)
app.command()(serve.serve)
app.command()(bench.bench)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"supportgym {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """SupportGym: simulated customer-support conversations for reinforcement learning.

    Bad input prints one "error: …" line on stderr and exits with code 2.
    """
