"""The store's interface, so another backend can stand beside the SQLAlchemy one.

Every method is one short transaction. Bad input and unknown ids (where the method
changes something) raise ``ValueError``; the CLI and the server report those as the
user's mistake.
"""

# No "from __future__ import annotations": TypedDict needs NotRequired unquoted at runtime.

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, NotRequired, Self, TypedDict, Unpack

from supportgym.store.entities import (
    Analysis,
    AnalysisKind,
    ContactOutcome,
    Dataset,
    Decision,
    Deployment,
    Evaluation,
    EvaluationStatus,
    MetricPoint,
    Run,
    RunStatus,
    ScenarioRecord,
    Transcript,
)

if TYPE_CHECKING:
    from types import TracebackType

    from supportgym.sim import Scenario


class NewRun(TypedDict):
    """The fields ``create_run`` takes; the rest start empty (status queued, 0 timesteps)."""

    algorithm: str
    scenario: str
    scenario_version: str
    difficulty: float
    seed: int
    total_timesteps: int
    hyperparameters: NotRequired[dict[str, Any]]
    n_envs: NotRequired[int]
    curriculum: NotRequired[bool]
    package_version: NotRequired[str]
    """Defaults to the installed ``supportgym`` version."""
    parent_run_id: NotRequired[int | None]
    model_path: NotRequired[str | None]
    checkpoint_dir: NotRequired[str | None]
    tensorboard_dir: NotRequired[str | None]


class RunChanges(TypedDict, total=False):
    """The fields ``update_run`` may change: all but id, status and timestamps."""

    algorithm: str
    scenario: str
    scenario_version: str
    difficulty: float
    seed: int
    total_timesteps: int
    hyperparameters: dict[str, Any]
    n_envs: int
    curriculum: bool
    package_version: str
    parent_run_id: int | None
    model_path: str | None
    checkpoint_dir: str | None
    tensorboard_dir: str | None
    timesteps_done: int
    error: str | None
    pid: int | None
    hostname: str | None


class NewEvaluation(TypedDict):
    """The fields ``create_evaluation`` takes."""

    name: str
    policies: list[str]
    scenarios: list[str]
    scenario_versions: dict[str, str]
    episodes: int
    seed: int
    status: NotRequired[EvaluationStatus]
    """Defaults to ``pending``."""
    results: NotRequired[dict[str, Any]]
    """Defaults to ``{}``."""
    error: NotRequired[str | None]
    report_path: NotRequired[str | None]


class EvaluationChanges(TypedDict, total=False):
    """The fields ``update_evaluation`` may change: all but id and creation time."""

    name: str
    policies: list[str]
    scenarios: list[str]
    scenario_versions: dict[str, str]
    episodes: int
    seed: int
    status: EvaluationStatus
    results: dict[str, Any]
    error: str | None
    report_path: str | None


class NewTranscript(TypedDict):
    """The fields ``add_transcript`` takes."""

    scenario: str
    scenario_version: str
    seed: int
    policy: str
    turns: list[dict[str, Any]]
    run_id: NotRequired[int | None]
    evaluation_id: NotRequired[int | None]


class NewDataset(TypedDict):
    """The fields ``create_dataset`` takes; all are required."""

    name: str
    source: str
    format: str
    content_hash: str
    rows: int
    contacts: int
    industries: list[str]
    summary: list[dict[str, Any]]
    path: str


class NewAnalysis(TypedDict):
    """The fields ``create_analysis`` takes."""

    dataset_id: int
    kind: AnalysisKind
    params: dict[str, Any]
    status: NotRequired[EvaluationStatus]
    """Defaults to ``pending``."""
    results: NotRequired[dict[str, Any]]
    error: NotRequired[str | None]
    report_path: NotRequired[str | None]


class AnalysisChanges(TypedDict, total=False):
    """The fields ``update_analysis`` may change."""

    status: EvaluationStatus
    results: dict[str, Any]
    error: str | None
    report_path: str | None


class NewDeployment(TypedDict):
    """The fields ``create_deployment`` takes; the version is the name's next."""

    name: str
    run_id: int
    threshold: float
    algorithm: str
    scenario: str
    scenario_version: str


class DeploymentChanges(TypedDict, total=False):
    """The fields ``update_deployment`` may change (activation goes through ``activate``)."""

    status: EvaluationStatus
    model_path: str | None
    ranges: dict[str, list[float]]
    rules: dict[str, Any]
    error: str | None


class NewDecision(TypedDict):
    """The fields ``add_decisions`` takes per decision."""

    deployment_id: int
    version: int
    contact_id: str | None
    turn: int | None
    features: list[float]
    action: str
    model_action: str
    probabilities: list[float]
    fallback: str | None
    rule: str | None


class AbstractStore(ABC):
    """Scenarios, training runs with their metrics, evaluations and transcripts.

    A store is a context manager; leaving the ``with`` block closes it.
    """

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: "TracebackType | None",
    ) -> None:
        self.close()

    def close(self) -> None:  # noqa: B027 - a backend without resources needs nothing here
        """Release connections; the store must not be used afterwards."""

    # Scenarios

    @abstractmethod
    def upsert_scenario(self, scenario: "Scenario") -> ScenarioRecord:
        """Record a scenario under its version (content hash); an existing record is kept."""

    @abstractmethod
    def get_scenario(self, version: str) -> ScenarioRecord | None:
        """The scenario recorded under ``version``, if any."""

    @abstractmethod
    def list_scenarios(self) -> list[ScenarioRecord]:
        """Every recorded scenario version, by name, oldest version first."""

    # Runs

    @abstractmethod
    def create_run(self, **fields: Unpack[NewRun]) -> Run:
        """Record a new run, queued.

        Raises:
            ValueError: An empty algorithm, ``total_timesteps`` < 1, ``seed`` < 0,
                ``n_envs`` < 1, hyperparameters that are not JSON, a missing or unknown
                field, or an unknown parent run.
        """

    @abstractmethod
    def get_run(self, run_id: int) -> Run | None:
        """The run with this id, if any."""

    @abstractmethod
    def list_runs(
        self, status: RunStatus | None = None, limit: int = 100, offset: int = 0
    ) -> list[Run]:
        """Runs, newest first, optionally only those with ``status``."""

    @abstractmethod
    def count_runs(self, status: RunStatus | None = None) -> int:
        """How many runs there are (with ``status``, if given)."""

    @abstractmethod
    def update_run(self, run_id: int, **changes: Unpack[RunChanges]) -> Run:
        """Change some of a run's fields; status changes go through start/finish.

        Raises:
            ValueError: Unknown run, a field that is not in :class:`RunChanges`, or an
                invalid value (as for ``create_run``; ``timesteps_done`` < 0).
        """

    @abstractmethod
    def start_run(self, run_id: int, pid: int, hostname: str) -> Run:
        """Mark a queued run as running in process ``pid`` on ``hostname``, from now.

        Raises:
            ValueError: Unknown run, or the run is not queued.
        """

    @abstractmethod
    def queue_run(self, run_id: int) -> Run:
        """Queue a stopped run again: a resume that waits for a worker.

        Raises:
            ValueError: Unknown run, or the run is not failed, interrupted or cancelled.
        """

    @abstractmethod
    def finish_run(self, run_id: int, status: RunStatus, error: str | None = None) -> Run:
        """End a run now with a final ``status`` (and an error message, if any).

        A running run may end in any final status; a queued one only ``cancelled`` or
        ``failed``. A worker can poll :meth:`get_run` to notice a cancellation.

        Raises:
            ValueError: Unknown run, ``status`` is not final, or the run already ended.
        """

    @abstractmethod
    def delete_run(self, run_id: int) -> bool:
        """Delete a run with its metrics and transcripts, and its folder in the data dir.

        Only ``run_dir(run_id)`` is removed, and only when it resolves to a place inside
        the data directory (not, say, a symbolic link to elsewhere).

        Returns:
            Whether the run existed.
        """

    @abstractmethod
    def mark_interrupted_runs(self) -> list[Run]:
        """Mark ``interrupted`` the runs whose process on this machine has ended.

        A run counts when it is ``running`` with this machine's host name and a process
        id that no longer exists. The store does this when it opens.

        Returns:
            The runs just marked.
        """

    # Metrics

    @abstractmethod
    def add_metrics(self, run_id: int, points: list[MetricPoint]) -> None:
        """Record metric points of a run; a step written again replaces the earlier write.

        Raises:
            ValueError: Unknown run, a point of another run, or a value that is not a number.
        """

    @abstractmethod
    def get_metrics(self, run_id: int, after_step: int | None = None) -> list[MetricPoint]:
        """A run's metric points by step, only those after ``after_step`` if given."""

    @abstractmethod
    def get_last_metrics(self, run_id: int) -> MetricPoint | None:
        """A run's metric point with the highest step, if any."""

    # Evaluations

    @abstractmethod
    def create_evaluation(self, **fields: Unpack[NewEvaluation]) -> Evaluation:
        """Record an evaluation (results may follow with ``update_evaluation``).

        Raises:
            ValueError: ``episodes`` < 1, ``seed`` < 0, fields that are not JSON, or a
                missing or unknown field.
        """

    @abstractmethod
    def get_evaluation(self, evaluation_id: int) -> Evaluation | None:
        """The evaluation with this id, if any."""

    @abstractmethod
    def list_evaluations(self, limit: int = 100, offset: int = 0) -> list[Evaluation]:
        """Evaluations, newest first."""

    @abstractmethod
    def update_evaluation(
        self, evaluation_id: int, **changes: Unpack[EvaluationChanges]
    ) -> Evaluation:
        """Change some of an evaluation's fields.

        Raises:
            ValueError: Unknown evaluation, unknown field or invalid value.
        """

    # Transcripts

    @abstractmethod
    def add_transcript(self, **fields: Unpack[NewTranscript]) -> Transcript:
        """Save one episode's transcript, optionally tied to a run or an evaluation.

        Raises:
            ValueError: Unknown run or evaluation, ``seed`` < 0, turns that are not JSON,
                or a missing or unknown field.
        """

    @abstractmethod
    def get_transcript(self, transcript_id: int) -> Transcript | None:
        """The transcript with this id, if any."""

    @abstractmethod
    def list_transcripts(
        self, run_id: int | None = None, evaluation_id: int | None = None
    ) -> list[Transcript]:
        """Saved transcripts in the order saved, only those of a run/evaluation if given."""

    # Datasets

    @abstractmethod
    def create_dataset(self, **fields: Unpack[NewDataset]) -> Dataset:
        """Record an imported log file.

        Raises:
            ValueError: A name already taken, a missing or unknown field, or a bad value.
        """

    @abstractmethod
    def get_dataset(self, dataset_id: int) -> Dataset | None:
        """The dataset with this id, if any."""

    @abstractmethod
    def find_dataset(self, name: str) -> Dataset | None:
        """The dataset with this name, if any."""

    @abstractmethod
    def find_dataset_by_hash(self, content_hash: str) -> Dataset | None:
        """A dataset of the file with this SHA-256 (the oldest), if any."""

    @abstractmethod
    def list_datasets(self, limit: int = 100, offset: int = 0) -> list[Dataset]:
        """Datasets, newest first."""

    @abstractmethod
    def delete_dataset(self, dataset_id: int) -> bool:
        """Delete a dataset with its analyses (its file stays for other datasets sharing it).

        Returns:
            Whether the dataset existed.
        """

    # Analyses

    @abstractmethod
    def create_analysis(self, **fields: Unpack[NewAnalysis]) -> Analysis:
        """Record a calibration or off-policy evaluation of a dataset.

        Raises:
            ValueError: Unknown dataset, a missing or unknown field, or a bad value.
        """

    @abstractmethod
    def get_analysis(self, analysis_id: int) -> Analysis | None:
        """The analysis with this id, if any."""

    @abstractmethod
    def list_analyses(
        self, dataset_id: int | None = None, limit: int = 100, offset: int = 0
    ) -> list[Analysis]:
        """Analyses, newest first, only those of ``dataset_id`` if given."""

    @abstractmethod
    def update_analysis(self, analysis_id: int, **changes: Unpack[AnalysisChanges]) -> Analysis:
        """Change an analysis's status, results, error or report.

        Raises:
            ValueError: Unknown analysis, unknown field or invalid value.
        """

    # Deployments

    @abstractmethod
    def create_deployment(self, **fields: Unpack[NewDeployment]) -> Deployment:
        """Record the name's next version, ``pending`` and not active.

        Raises:
            ValueError: Unknown run, a missing or unknown field, or a bad value.
        """

    @abstractmethod
    def update_deployment(
        self, deployment_id: int, **changes: Unpack[DeploymentChanges]
    ) -> Deployment:
        """Change a deployment's status, model file, ranges, rules or error.

        Raises:
            ValueError: Unknown deployment, unknown field or invalid value.
        """

    @abstractmethod
    def complete_deployment(
        self, deployment_id: int, **changes: Unpack[DeploymentChanges]
    ) -> Deployment:
        """Store a built version's ``changes``, mark it completed and make it the active one.

        One transaction: no reader sees the version completed while another still answers.
        """

    @abstractmethod
    def activate_deployment(self, name: str, version: int) -> Deployment:
        """Make ``version`` the one that answers ``name``'s decisions (and no other).

        Raises:
            ValueError: Unknown name or version, or a version that is not ready.
        """

    @abstractmethod
    def get_deployment(self, deployment_id: int) -> Deployment | None:
        """The deployment with this id, if any."""

    @abstractmethod
    def find_deployment(self, name: str, version: int | None = None) -> Deployment | None:
        """Version ``version`` of ``name``, or by default its active version, if any."""

    @abstractmethod
    def list_deployments(self, name: str | None = None) -> list[Deployment]:
        """Every version (of ``name``, if given), by name then newest version first."""

    # Decisions

    @abstractmethod
    def add_decisions(self, decisions: list[NewDecision]) -> list[Decision]:
        """Append served decisions to the decision log, in order.

        Raises:
            ValueError: Unknown deployment, or a bad value.
        """

    @abstractmethod
    def list_decisions(self, name: str, limit: int = 100, offset: int = 0) -> list[Decision]:
        """The decisions every version of ``name`` served, newest first."""

    @abstractmethod
    def record_outcome(self, name: str, contact_id: str, outcome: dict[str, Any]) -> ContactOutcome:
        """Record (or replace) the outcome of a contact ``name`` served."""

    @abstractmethod
    def list_outcomes(self, name: str) -> list[ContactOutcome]:
        """The outcomes reported for contacts ``name`` served."""
