"""Datasets: log files imported into the store, and finding logs by file or dataset name.

Importing checks the whole file first; only a good file is copied into the data
directory (under its content hash, written to a temporary name and renamed) and then
recorded, so a bad file or a failed step leaves nothing behind.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from supportgym.data.logs import Logs, log_format
from supportgym.data.reader import LogError, content_hash, parse_logs, read_bytes, read_logs
from supportgym.data.summary import summarize
from supportgym.sim.schema import Scenario
from supportgym.store import AbstractStore, Dataset, dataset_dir

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


def check_name(name: str) -> str:
    """A dataset name: letters, digits, ``_.-``, at most 100 characters."""
    if not NAME.match(name):
        raise ValueError(
            f"dataset name {name!r}: use letters, digits, '_', '.' and '-' "
            "(at most 100, starting with a letter or digit)"
        )
    return name


def import_logs(
    raw: bytes,
    source: str,
    name: str,
    store: AbstractStore,
    scenario: Scenario | None = None,
) -> tuple[Dataset, Logs]:
    """Check the bytes of a log file named ``source`` and store them as dataset ``name``.

    Raises:
        LogError: The logs break the format.
        ValueError: A bad or taken name.
    """
    check_name(name)
    if store.find_dataset(name) is not None:
        raise ValueError(f"a dataset named {name} exists already")
    suffix = log_format(source)
    logs = parse_logs(raw, suffix, source, scenario)
    digest = content_hash(raw)
    path = dataset_dir() / f"{digest}{suffix}"
    created = _write_once(path, raw)
    try:
        dataset = store.create_dataset(
            name=name,
            source=Path(source).name,
            format=suffix,
            content_hash=digest,
            rows=logs.n_turns,
            contacts=logs.n_contacts,
            industries=sorted(set(logs.industry)),
            summary=summarize(logs),
            path=str(path),
        )
    except BaseException:
        if created:
            path.unlink(missing_ok=True)
        raise
    return dataset, logs


def import_file(
    path: str | Path, name: str, store: AbstractStore, scenario: Scenario | None = None
) -> tuple[Dataset, Logs]:
    """:func:`import_logs` of a file."""
    source = str(path)
    try:
        log_format(source)
    except ValueError as error:
        raise LogError(source, [("", "", str(error).removeprefix(f"{source}: "))]) from None
    return import_logs(read_bytes(Path(path), source), source, name, store, scenario)


def _write_once(path: Path, raw: bytes) -> bool:
    """Write ``raw`` to ``path`` unless it is there (same hash, same bytes); whether it wrote."""
    if path.is_file():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(raw)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def remove_dataset(dataset: Dataset, store: AbstractStore) -> None:
    """Delete a dataset with its analyses, and its file unless another dataset shares it."""
    store.delete_dataset(dataset.id)
    shared = store.find_dataset_by_hash(dataset.content_hash)
    path = Path(dataset.path)
    if shared is None and path.parent.resolve() == dataset_dir().resolve():
        path.unlink(missing_ok=True)


def load_dataset(dataset: Dataset, scenario: Scenario | None = None) -> Logs:
    """The logs of a stored dataset, read from its copy."""
    raw = read_bytes(Path(dataset.path), dataset.name)
    return parse_logs(raw, dataset.format, dataset.name, scenario)


def resolve_logs(
    spec: str, store: AbstractStore | None, scenario: Scenario | None = None
) -> tuple[Logs, Dataset | None]:
    """Logs named by a file path or a dataset name (a file that exists wins).

    Raises:
        LogError: The file breaks the format.
        ValueError: Neither a file nor a dataset of that name.
    """
    path = Path(spec)
    if path.is_file():
        return read_logs(path, scenario), None
    dataset = store.find_dataset(spec) if store is not None else None
    if dataset is None:
        raise ValueError(f"{spec}: no such log file or dataset (supportgym logs list shows them)")
    return load_dataset(dataset, scenario), dataset
