"""Where the store lives: the data directory, the database URL and the artefact folders.

Both come from the environment so a worker process opens the same store as its parent:
``SUPPORTGYM_DATA_DIR`` (default ``./.supportgym``) and ``SUPPORTGYM_DATABASE_URL``
(default: a SQLite file in the data directory).
"""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR_ENV = "SUPPORTGYM_DATA_DIR"
DATABASE_URL_ENV = "SUPPORTGYM_DATABASE_URL"
DEFAULT_DATA_DIR = ".supportgym"
DATABASE_FILE = "supportgym.db"


def data_dir() -> Path:
    """The data directory as an absolute path, created if missing."""
    path = Path(os.environ.get(DATA_DIR_ENV) or DEFAULT_DATA_DIR).expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_url() -> str:
    """``SUPPORTGYM_DATABASE_URL``, or a SQLite file ``supportgym.db`` in the data directory."""
    return os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{data_dir() / DATABASE_FILE}"


def run_dir(run_id: int) -> Path:
    """The folder for one run's artefacts (model, checkpoints, TensorBoard logs); not created."""
    return data_dir() / "runs" / str(run_id)


def report_dir(evaluation_id: int) -> Path:
    """The folder for one evaluation's report files; not created."""
    return data_dir() / "reports" / str(evaluation_id)


def dataset_dir() -> Path:
    """The folder holding the imported log files, by content hash; not created."""
    return data_dir() / "datasets"
