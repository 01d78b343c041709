"""``supportgym logs validate|import|sample|list|show|delete``: support logs and datasets."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from supportgym.cli.options import MAX_SEED, SCENARIO_HELP, Difficulty, make_console
from supportgym.data.datasets import import_file, remove_dataset
from supportgym.data.logs import FORMATS, Logs, log_format, write_logs
from supportgym.data.reader import read_logs
from supportgym.data.schema import FEATURE_FIELDS
from supportgym.data.summary import summarize
from supportgym.sim.library import load_scenario
from supportgym.store import Dataset, open_store

app = typer.Typer(
    no_args_is_help=True,
    help="Check, import and inspect support logs; write simulated ones.",
)
LogFile = Annotated[
    Path, typer.Argument(metavar="FILE", help=f"A log file ({', '.join(FORMATS)}).")
]
Catalogue = Annotated[
    str | None,
    typer.Option(
        "--scenario",
        "-s",
        help="Check inquiry types against this scenario; default: the built-in industries.",
    ),
]
DatasetName = Annotated[str, typer.Argument(metavar="NAME", help="The dataset's name.")]


@app.command()
def validate(file: LogFile, scenario: Catalogue = None) -> None:
    """Check a log file against the format: print its summary, or its first problem and exit 2."""
    logs = read_logs(file, load_scenario(scenario) if scenario else None)
    console = make_console()
    console.print(f"{escape(str(file))}: valid, {_counts(logs)}")
    console.print(summary_table(summarize(logs)))


@app.command("import")
def import_(
    file: LogFile,
    name: Annotated[str, typer.Option("--name", "-n", help="Name of the new dataset.")],
    scenario: Catalogue = None,
) -> None:
    """Check a log file and store it as a dataset (nothing is stored if any record is bad)."""
    with open_store() as store:
        dataset, logs = import_file(
            file, name, store, load_scenario(scenario) if scenario else None
        )
    make_console().print(
        f"Imported dataset {dataset.id} {escape(dataset.name)}: {_counts(logs)}; "
        f"sha256 {dataset.content_hash[:12]}"
    )


@app.command()
def sample(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help=f"The file to write ({', '.join(FORMATS)})."),
    ],
    scenario: Annotated[str, typer.Option("--scenario", "-s", help=SCENARIO_HELP)] = "retail",
    policy: Annotated[
        list[str] | None,
        typer.Option(
            "--policy",
            "-p",
            help="The logging policy: a built-in policy, run:<id> or a model; repeated, "
            "each turn one of them at random. Default: playbook.",
        ),
    ] = None,
    epsilon: Annotated[
        float,
        typer.Option(min=0.0, max=1.0, help="Share of turns with a uniform random action."),
    ] = 0.2,
    contacts: Annotated[int, typer.Option(min=1, max=1_000_000, help="Contacts to log.")] = 5000,
    seed: Annotated[
        int, typer.Option(min=0, max=MAX_SEED, help="Contact k is the episode seeded seed + k.")
    ] = 0,
    features: Annotated[
        str,
        typer.Option(
            help="Features to log: all, none (the sentiment only) or names separated by commas."
        ),
    ] = "all",
    difficulty: Difficulty = None,
) -> None:
    """Write logs from the simulator: a logging policy that explores, with its propensities."""
    from supportgym.data.sample import sample_logs
    from supportgym.evaluation.runner import resolve_policy, uses_store
    from supportgym.policies.stochastic import MixedPolicy
    from supportgym.sim import compile_scenario

    log_format(output)
    definition = load_scenario(scenario)
    chosen = _features(features)
    cs = compile_scenario(definition)
    specs = policy or ["playbook"]
    with open_store() if uses_store(specs) else nullcontext() as store:
        bases = [resolve_policy(spec, cs, store, seed)[0] for spec in specs]
    logger = MixedPolicy(bases, epsilon, seed=seed)
    logs = sample_logs(logger, definition, contacts, seed, chosen, difficulty)
    try:
        write_logs(logs, output)
    except OSError as error:
        raise ValueError(f"{output}: cannot write the logs ({error.strerror or error})") from None
    make_console().print(
        f"Wrote {escape(str(output))}: {_counts(logs)} from {definition.name} "
        f"v{definition.version}, logged by {escape(' + '.join(specs))} with epsilon {epsilon:g}"
    )


def _features(text: str) -> tuple[str, ...]:
    if text == "all":
        return FEATURE_FIELDS
    if text == "none":
        return ("sentiment",)
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = [name for name in names if name not in FEATURE_FIELDS]
    if unknown:
        choices = ", ".join(FEATURE_FIELDS)
        raise ValueError(f"--features: unknown feature {unknown[0]!r}; features: {choices}")
    return names


@app.command("list")
def list_datasets(
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many, newest first.")] = 50,
) -> None:
    """List the imported datasets, newest first."""
    with open_store() as store:
        datasets = store.list_datasets(limit=limit)
    console = make_console()
    if not datasets:
        console.print("No datasets; import logs with `supportgym logs import FILE --name NAME`.")
        return
    table = Table(title="Datasets")
    for column, justify in (
        ("id", "right"),
        ("name", "left"),
        ("source", "left"),
        ("contacts", "right"),
        ("turns", "right"),
        ("industries", "left"),
        ("sha256", "left"),
        ("imported", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for d in datasets:
        table.add_row(
            str(d.id),
            escape(d.name),
            escape(d.source),
            f"{d.contacts:,}",
            f"{d.rows:,}",
            ", ".join(d.industries),
            d.content_hash[:12],
            d.created_at.strftime("%Y-%m-%d %H:%M"),
        )
    console.print(table)


@app.command()
def show(name: DatasetName) -> None:
    """Show a dataset: where it came from and the summary of every field."""
    with open_store() as store:
        dataset = _find(store, name)
    console = make_console()
    console.print(
        f"dataset {dataset.id} [bold]{escape(dataset.name)}[/] from {escape(dataset.source)}: "
        f"{dataset.contacts:,} contacts, {dataset.rows:,} turns; sha256 {dataset.content_hash}"
    )
    console.print(summary_table(dataset.summary))


@app.command()
def delete(name: DatasetName) -> None:
    """Delete a dataset and its analyses from the store."""
    with open_store() as store:
        dataset = _find(store, name)
        remove_dataset(dataset, store)
    make_console().print(f"Deleted dataset {dataset.id} {escape(dataset.name)}.")


def _find(store: Any, name: str) -> Dataset:
    dataset = store.find_dataset(name)
    if dataset is None:
        raise ValueError(f"dataset {name} not found (supportgym logs list shows them)")
    return dataset


def _counts(logs: Logs) -> str:
    industries = ", ".join(sorted(set(logs.industry)))
    propensities = "with" if logs.has_propensities else "without"
    features = f"{len(logs.logged_features)} of {len(FEATURE_FIELDS)} features"
    return (
        f"{logs.n_contacts:,} contacts, {logs.n_turns:,} turns ({industries}), "
        f"{propensities} propensities, {features}"
    )


def summary_table(summary: list[dict[str, Any]]) -> Table:
    """The per-field summary as a table."""
    table = Table(title="Fields")
    table.add_column("field")
    table.add_column("per")
    table.add_column("given", justify="right")
    table.add_column("values")
    for entry in summary:
        table.add_row(entry["field"], entry["per"], f"{entry['given']:,}", _values(entry))
    return table


def _values(entry: dict[str, Any]) -> str:
    if "counts" in entry:
        counts = list(entry["counts"].items())
        shown = ", ".join(f"{escape(k)} {v:,}" for k, v in counts[:6])
        return shown + (f" … ({len(counts)} values)" if len(counts) > 6 else "")
    if "distinct" in entry:
        return f"{entry['distinct']:,} distinct"
    if "mean" in entry:
        return f"{entry['min']:.4g} … {entry['max']:.4g}, mean {entry['mean']:.4g}"
    return "not given"
