"""The scenario catalogue: the built-in library plus the scenarios users uploaded.

A name is looked up, never opened as a file: built-in names come from the package,
all others from the store. A built-in name always means the built-in scenario.
"""

from __future__ import annotations

import logging
from collections import defaultdict

from supportgym.server.errors import NotFound, Unprocessable
from supportgym.server.schemas.common import FieldError
from supportgym.server.schemas.scenarios import ScenarioPublic, ScenarioSummary
from supportgym.sim import BUILTIN_SCENARIOS, Scenario, ScenarioError
from supportgym.sim.library import builtin_scenario, parse_scenario
from supportgym.store import AbstractStore, ScenarioRecord

logger = logging.getLogger("supportgym.server")


def _stored_versions(store: AbstractStore) -> dict[str, list[ScenarioRecord]]:
    """Stored records by scenario name, oldest first."""
    records: dict[str, list[ScenarioRecord]] = defaultdict(list)
    for record in store.list_scenarios():
        records[record.name].append(record)
    return records


def _versions(name: str, records: list[ScenarioRecord]) -> list[str]:
    versions = [r.version for r in records]
    if name in BUILTIN_SCENARIOS:
        versions.append(builtin_scenario(name).version)
    return list(dict.fromkeys(versions))


def _summary(scenario: Scenario, versions: list[str]) -> ScenarioSummary:
    return ScenarioSummary(
        name=scenario.name,
        source="builtin" if scenario.name in BUILTIN_SCENARIOS else "user",
        industry=scenario.industry,
        description=scenario.description,
        version=scenario.version,
        versions=versions,
        inquiries=len(scenario.inquiries),
        max_turns=scenario.max_turns,
        difficulty=scenario.difficulty,
    )


def _from_record(record: ScenarioRecord) -> Scenario:
    try:
        return parse_scenario(record.definition, f"stored scenario {record.version}")
    except ScenarioError as error:  # stored by an older schema
        raise Unprocessable(
            str(error), [FieldError(path=p, message=m) for p, m in error.errors]
        ) from None


def list_catalog(store: AbstractStore) -> list[ScenarioSummary]:
    """The built-ins first, then the uploaded scenarios by name (each at its newest version)."""
    stored = _stored_versions(store)
    summaries = [
        _summary(builtin_scenario(name), _versions(name, stored.pop(name, [])))
        for name in BUILTIN_SCENARIOS
    ]
    for name, records in stored.items():
        try:
            newest = _from_record(records[-1])
        except Unprocessable as error:  # unusable now; listing the others matters more
            logger.warning("skipping stored scenario %s: %s", name, error.detail)
            continue
        summaries.append(_summary(newest, _versions(name, records)))
    return summaries


def find_scenario(store: AbstractStore, name: str, version: str | None = None) -> ScenarioPublic:
    """A scenario by name (and version: default the built-in's, or the newest upload).

    Raises:
        NotFound: No scenario of that name, or not at that version.
    """
    records = _stored_versions(store).get(name, [])
    if name in BUILTIN_SCENARIOS:
        scenario = builtin_scenario(name)
    elif records:
        scenario = _from_record(records[-1])
    else:
        raise NotFound(
            f"unknown scenario {name!r}; built-in scenarios: {', '.join(BUILTIN_SCENARIOS)}, "
            "or upload one"
        )
    if version is not None and version != scenario.version:
        match = next((r for r in records if r.version == version), None)
        if match is None:
            raise NotFound(f"scenario {name!r} has no version {version}")
        scenario = _from_record(match)
    summary = _summary(scenario, _versions(name, records))
    return ScenarioPublic(**summary.model_dump(), definition=scenario)
