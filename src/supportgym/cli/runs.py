"""``supportgym runs list|show|delete``: training runs in the store."""

from __future__ import annotations

import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from supportgym.cli.errors import fail
from supportgym.cli.options import make_console
from supportgym.store import Run, RunStatus, open_store, run_dir

app = typer.Typer(no_args_is_help=True, help="List, inspect and delete training runs.")

RunId = Annotated[int, typer.Argument(metavar="ID", help="The run's id (see `runs list`).")]

STATUS_STYLES = {
    RunStatus.QUEUED: "dim",
    RunStatus.RUNNING: "cyan",
    RunStatus.COMPLETED: "green",
    RunStatus.FAILED: "red",
    RunStatus.INTERRUPTED: "yellow",
    RunStatus.CANCELLED: "magenta",
}
ARTEFACTS = ("model_path", "checkpoint_dir", "tensorboard_dir")


@app.command("list")
def list_runs(
    status: Annotated[
        RunStatus | None, typer.Option("--status", help="Only runs with this status.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many, newest first.")] = 20,
) -> None:
    """List runs, newest first: configuration, status, progress and duration."""
    with open_store() as store:
        runs = store.list_runs(status=status, limit=limit)
        total = store.count_runs(status=status)
    console = make_console()
    if not runs:
        console.print(f"No {status} runs." if status else "No runs.")
        return
    table = Table(title="Runs", caption=f"{len(runs)} of {total}" if total > len(runs) else None)
    table.add_column("id", justify="right")
    table.add_column("algorithm")
    table.add_column("scenario@version")
    table.add_column("seed", justify="right")
    table.add_column("status")
    table.add_column("progress", justify="right")
    table.add_column("created")
    table.add_column("duration", justify="right")
    for run in runs:
        table.add_row(
            str(run.id),
            escape(run.algorithm),
            escape(f"{run.scenario}@{run.scenario_version}"),
            str(run.seed),
            _status(run.status),
            _progress(run),
            _time(run.created_at),
            _duration(run),
        )
    console.print(table)


@app.command()
def show(run_id: RunId) -> None:
    """Show a run: every field, its hyperparameters, its latest metrics and artefact paths."""
    with open_store() as store:
        run = _find(store.get_run(run_id), run_id)
        last = store.get_last_metrics(run_id)
    console = make_console()
    rows = {
        name: escape(_format(value))
        for name, value in asdict(run).items()
        if name not in ("hyperparameters", *ARTEFACTS)
    }
    rows |= {"status": _status(run.status), "progress": _progress(run), "duration": _duration(run)}
    _section(console, f"Run {run.id}", rows)
    hyperparameters = {name: escape(_format(v)) for name, v in run.hyperparameters.items()}
    console.print()
    _section(console, "Hyperparameters", hyperparameters or {"(none)": ""})
    console.print()
    if last is None:
        console.print("[bold]Latest metrics[/]: none yet")
    else:
        title = f"Latest metrics (step {last.step:,}, {last.wall_time:.1f} s into the run)"
        _section(console, title, {k: f"{v:.6g}" for k, v in sorted(last.values.items())})
    paths = {name: getattr(run, name) for name in ARTEFACTS} | {"run folder": run_dir(run.id)}
    console.print()
    _section(console, "Artefacts", {name: _path(path) for name, path in paths.items()})


@app.command()
def delete(
    run_id: RunId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a run with its metrics, transcripts and artefact folder in the data directory."""
    with open_store() as store:
        run = _find(store.get_run(run_id), run_id)
        folder = run_dir(run_id)
        if not yes:
            if not _stdin_is_terminal():
                fail(f"run {run_id} not deleted: input is not a terminal; pass --yes to confirm")
            still = " It is still running." if run.status is RunStatus.RUNNING else ""
            typer.confirm(
                f"Delete run {run_id} ({run.algorithm} on {run.scenario}, {run.status}) with "
                f"its metrics, transcripts and folder {folder}?{still}",
                abort=True,
            )
        store.delete_run(run_id)
    kept = " Its folder is outside the data directory and was kept." if folder.exists() else ""
    make_console().print(f"Deleted run {run_id}.{escape(kept)}")


def _stdin_is_terminal() -> bool:
    return sys.stdin.isatty()


def _find(run: Run | None, run_id: int) -> Run:
    if run is None:
        raise ValueError(f"run {run_id} not found")
    return run


def _section(console: Console, title: str, rows: dict[str, str]) -> None:
    """A heading, then a two-column table of names and values (values are Rich markup)."""
    table = Table(show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    for name, value in rows.items():
        table.add_row(escape(name), value)
    console.print(f"[bold]{escape(title)}[/]")
    console.print(table)


def _format(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return _time(value, seconds=True)
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _status(status: RunStatus) -> str:
    return f"[{STATUS_STYLES[status]}]{status}[/]"


def _progress(run: Run) -> str:
    share = run.timesteps_done / run.total_timesteps
    return f"{run.timesteps_done:,}/{run.total_timesteps:,} ({share:.0%})"


def _time(moment: datetime, *, seconds: bool = False) -> str:
    """Local time, as people read clocks."""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def _duration(run: Run) -> str:
    if run.started_at is None:
        return ""
    end = run.finished_at or datetime.now(UTC)
    total = max(0, round((end - run.started_at).total_seconds()))
    hours, rest = divmod(total, 3600)
    return f"{hours}:{rest // 60:02}:{rest % 60:02}"


def _path(path: str | Path | None) -> str:
    if path is None:
        return "—"
    missing = "" if Path(path).exists() else " [dim](missing)[/]"
    return f"{escape(str(path))}{missing}"
