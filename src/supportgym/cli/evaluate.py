"""``supportgym evaluate``: score policies on held-out seeds, one table per scenario.

Also what ``compare`` and ``transfer`` share: the options naming a report folder, the
results tables, the progress display and recording an evaluation (results and report)
in the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table

from supportgym.cli.options import MAX_SEED, SCENARIO_HELP, Difficulty, make_console
from supportgym.evaluation import HELD_OUT_SEED
from supportgym.evaluation.report import write_report
from supportgym.evaluation.results import CONTACTS, Estimate, EvaluationResult
from supportgym.evaluation.runner import evaluate as score
from supportgym.evaluation.runner import uses_store
from supportgym.policies.registry import CONSTANT_POLICIES
from supportgym.sim import BUILTIN_SCENARIOS
from supportgym.store import AbstractStore, EvaluationStatus, Run, open_store, report_dir

DEFAULT_POLICIES = ("random", *CONSTANT_POLICIES, "playbook", "oracle")
POLICY_HELP = (
    "A built-in policy (random, playbook, oracle, always_<action>), run:<id> (a completed "
    "training run in the store) or a saved model (path.zip, or path.zip@ppo to name the "
    "algorithm when no path.algorithm file says it)."
)
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
ROI_COLUMN = f"ROI /{CONTACTS:,} vs playbook [95% CI]"
NAME_LENGTH = 200
"""Longest evaluation name recorded in the store."""

Scenarios = Annotated[
    list[str] | None,
    typer.Option(
        "--scenario", "-s", help=f"{SCENARIO_HELP} Repeatable; default: every built-in one."
    ),
]
Episodes = Annotated[int, typer.Option(min=1, help="Episodes per policy and scenario.")]
EvalSeed = Annotated[
    int,
    typer.Option(
        min=0, max=MAX_SEED, help="Episode k is seeded seed + k; default: the held-out seeds."
    ),
]
ReportDir = Annotated[
    Path | None,
    typer.Option(
        "--report-dir",
        file_okay=False,
        help="Write the report (report.md and PNG charts) into this folder; "
        "default: reports/<evaluation id> in the data directory.",
    ),
]
NoReport = Annotated[
    bool,
    typer.Option("--no-report", help="Only print the tables: write no report and record nothing."),
]


def evaluate(
    scenario: Scenarios = None,
    policy: Annotated[
        list[str] | None,
        typer.Option(
            "--policy",
            "-p",
            help=f"{POLICY_HELP} Repeatable; default: random, the eight always_<action> "
            "constants, playbook and oracle.",
        ),
    ] = None,
    episodes: Episodes = 1000,
    seed: EvalSeed = HELD_OUT_SEED,
    difficulty: Difficulty = None,
    report_dir: ReportDir = None,
    no_report: NoReport = False,
) -> None:
    """Score policies on held-out episodes: normalized score (random 0, oracle 1) and mean KPIs.

    Every policy plays the same customers (seeds seed … seed + episodes - 1). The
    evaluation is recorded in the store with a report (tables and charts) unless
    --no-report is given.
    """
    specs = policy or list(DEFAULT_POLICIES)
    scenarios = scenario or list(BUILTIN_SCENARIOS)
    score_and_record(
        "evaluate", specs, scenarios, episodes, seed, difficulty, report_dir, no_report
    )


def score_and_record(
    command: str,
    specs: Sequence[str],
    scenarios: Sequence[str],
    episodes: int,
    seed: int,
    difficulty: float | None,
    folder: Path | None,
    no_report: bool,
    roi: bool = False,
) -> None:
    """Evaluate with a progress display, print the tables, then record and report."""
    if no_report and folder is not None:
        raise ValueError("use either --report-dir or --no-report, not both")
    with ExitStack() as stack:
        # The store is opened only to look up runs, or once there is something to record:
        # bad input about built-in policies never touches it.
        uses_runs = uses_store(specs)
        store = stack.enter_context(open_store()) if uses_runs else None
        with progress_display() as progress:
            task = progress.add_task("Scoring", total=len(dict.fromkeys(scenarios)))
            started: list[str] = []

            def on_scenario(name: str) -> None:
                progress.update(task, description=f"Scoring on {name}", completed=len(started))
                started.append(name)

            result = score(specs, scenarios, episodes, seed, difficulty, store, on_scenario)
        # Tables are printed once the progress display is gone, so the two never interleave.
        console = make_console()
        for name in result.scenarios:
            console.print(results_table(result, name, roi))
            if result.groups_for(name):
                console.print(groups_table(result, name))
            console.print()
        if not no_report:
            record(
                console,
                store or stack.enter_context(open_store()),
                f"{command} {' '.join(specs)}",
                result,
                result.to_json(),
                lambda where: write_report(result, where),
                folder,
            )


def record(
    console: Console,
    store: AbstractStore,
    name: str,
    result: EvaluationResult,
    results: dict[str, Any],
    write: Callable[[Path], Path],
    folder: Path | None,
) -> None:
    """Record the evaluation and write its report (into ``folder``, or the store's folder).

    With ``folder`` given, the report is written first, so a folder that cannot be
    written leaves the store untouched.
    """
    fields: dict[str, Any] = {
        "name": name[:NAME_LENGTH],
        "policies": result.policies,
        "scenarios": result.scenarios,
        "scenario_versions": result.versions,
        "episodes": result.episodes,
        "seed": result.seed,
        "status": EvaluationStatus.COMPLETED,
        "results": results,
    }
    if folder is not None:
        report = _write(write, folder)
        evaluation = store.create_evaluation(**fields, report_path=str(report))
    else:
        evaluation = store.create_evaluation(**fields)
        report = _write(write, report_dir(evaluation.id))
        store.update_evaluation(evaluation.id, report_path=str(report))
    console.print(
        f"Recorded evaluation {evaluation.id}; report: {escape(str(report))}", soft_wrap=True
    )


def _write(write: Callable[[Path], Path], folder: Path) -> Path:
    try:
        return write(folder)
    except OSError as error:
        raise ValueError(f"{folder}: cannot write the report ({error.strerror or error})") from None


@contextmanager
def progress_display() -> Iterator[Progress]:
    """A transient progress display on stderr, shown only on a terminal."""
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
    with progress:
        yield progress


def training_hooks(progress: Progress) -> tuple[Callable[..., None], Callable[..., None]]:
    """``(on_start, on_progress)`` that show training runs (trained or reused) on ``progress``."""
    tasks: dict[int, Any] = {}

    def on_start(scenario: str, reused: Run | None) -> None:
        if reused is not None:
            progress.console.print(f"{scenario}: reusing run {reused.id} (same configuration)")

    def on_progress(run: Run, values: dict[str, float]) -> None:
        if run.id not in tasks:
            description = f"Training {run.algorithm} on {run.scenario} (run {run.id})"
            tasks[run.id] = progress.add_task(description, total=run.total_timesteps)
        progress.update(tasks[run.id], completed=run.timesteps_done)

    return on_start, on_progress


def results_table(result: EvaluationResult, scenario: str, roi: bool = False) -> Table:
    """One scenario's policies: scores with CIs, mean KPIs and, with ``roi``, ROI vs playbook."""
    level = result.difficulties[scenario]
    caption = (
        "score: random 0, oracle 1 · 95% bootstrap CIs · CSAT 1-5 · "
        "net value: revenue - compensation - escalation - time - repeat-contact cost, per contact"
    )
    if roi:
        caption += f" · ROI: extra net value over the playbook per {CONTACTS:,} contacts (paired)"
    table = Table(
        title=f"[bold]{scenario}[/] v{result.versions[scenario]} · {result.episodes} episodes "
        f"from seed {result.seed} · difficulty {level:g}",
        caption=caption,
    )
    table.add_column("policy", overflow="fold")  # a long model path wraps, never cut short
    for column in (*COLUMNS[1:], ROI_COLUMN) if roi else COLUMNS[1:]:
        table.add_column(column, justify="right")
    for summary in result.for_scenario(scenario):
        k = {name: estimate.value for name, estimate in summary.kpis.items()}
        cells = [
            escape(summary.policy),
            escape(with_ci(summary.normalized, "")),
            escape(with_ci(summary.episode_return, "+")),
            f"{k['csat']:.2f}",
            f"{k['resolved']:.0%}",
            f"{k['first_contact_resolution']:.0%}",
            f"{k['escalated']:.0%}",
            f"{k['abandoned']:.0%}",
            f"{k['turns']:.1f}",
            f"{k['handle_minutes']:.1f}",
            f"{k['net_value']:+.2f}",
        ]
        if roi:
            reference = summary.spec == "playbook"
            cells.append("reference" if reference else escape(with_ci(summary.roi, "+,", 0)))
        table.add_row(*cells)
    return table


def groups_table(result: EvaluationResult, scenario: str) -> Table:
    """Runs that differ only by training seed: IQM score and P(beats the playbook)."""
    table = Table(
        title=f"Across training seeds on [bold]{scenario}[/]",
        caption="IQM: interquartile mean of the runs' scores, CI bootstrapped over runs · "
        "P(beats playbook): chance a run of this configuration scores above the playbook",
    )
    for column in ("configuration", "runs", "seeds"):
        table.add_column(column, overflow="fold")
    for column in ("IQM score [95% CI]", "P(beats playbook) [95% CI]"):
        table.add_column(column, justify="right")
    for group in result.groups_for(scenario):
        table.add_row(
            escape(group.label),
            escape(", ".join(group.policies)),
            ", ".join(map(str, group.seeds)),
            escape(with_ci(group.iqm, "")),
            escape(with_ci(group.improvement, "")),
        )
    return table


def with_ci(estimate: Estimate, sign: str, digits: int = 2) -> str:
    """``value [low, high]``; ``sign`` is a format flag such as ``+``."""
    fmt = f"{{:{sign}.{digits}f}}"
    values = (estimate.value, estimate.low, estimate.high)
    value, low, high = (_no_negative_zero(fmt, v) for v in values)
    return f"{value} [{low}, {high}]"


def _no_negative_zero(fmt: str, value: float) -> str:
    text = fmt.format(value)
    return fmt.format(0.0) if not any(c in "123456789" for c in text) else text
