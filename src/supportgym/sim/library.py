"""Loading scenarios: the built-in YAML library and users' own files.

Errors are :class:`ScenarioError`, a ``ValueError`` whose message names the file,
the field path and the problem on one line; ``errors`` keeps every problem found.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from supportgym.sim.schema import Scenario

BUILTIN_SCENARIOS = ("bfsi", "retail", "tech", "mixed")
MAX_FILE_BYTES = 1_000_000


class ScenarioError(ValueError):
    """A scenario that cannot be loaded; ``errors`` lists ``(field_path, problem)`` pairs."""

    def __init__(self, source: str, errors: list[tuple[str, str]]):
        self.source = source
        self.errors = errors
        path, problem = errors[0]
        where = f"{source}: {path}: " if path else f"{source}: "
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{where}{problem}{more}")


def field_path(loc: tuple[int | str, ...]) -> str:
    """``("inquiries", 2, "fix")`` -> ``"inquiries[2].fix"``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _problems(error: ValidationError) -> list[tuple[str, str]]:
    problems = []
    for item in error.errors():
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown field"
        problems.append((field_path(item["loc"]), message))
    return problems


def parse_scenario(data: Any, source: str = "<scenario>") -> Scenario:
    """Validate a mapping (parsed YAML/JSON) into a :class:`Scenario`."""
    if not isinstance(data, dict):
        raise ScenarioError(source, [("", "expected a mapping of scenario fields")])
    data = dict(data)
    included = data.pop("include_inquiries", None)
    if included is not None:
        if not isinstance(included, list) or not all(n in BUILTIN_SCENARIOS for n in included):
            names = ", ".join(BUILTIN_SCENARIOS)
            raise ScenarioError(source, [("include_inquiries", f"expected a list of {names}")])
        own = data.get("inquiries") or []
        data["inquiries"] = [
            i.model_dump() for name in included for i in builtin_scenario(name).inquiries
        ] + list(own)
    try:
        return Scenario.model_validate(data)
    except ValidationError as error:
        raise ScenarioError(source, _problems(error)) from None


def parse_scenario_yaml(text: str, source: str = "<scenario>") -> Scenario:
    """Parse and validate YAML text."""
    if len(text.encode()) > MAX_FILE_BYTES:
        raise ScenarioError(source, [("", f"file is larger than {MAX_FILE_BYTES} bytes")])
    try:
        data = yaml.load(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise ScenarioError(source, [("", f"invalid YAML, {where}{problem}")]) from None
    return parse_scenario(data, source)


def load_scenario_file(path: str | Path) -> Scenario:
    """Load a user's scenario YAML file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise ScenarioError(str(path), [("", f"cannot read file: {reason}")]) from None
    return parse_scenario_yaml(text, str(path))


@cache
def builtin_scenario(name: str) -> Scenario:
    """One of the built-in scenarios by name."""
    if name not in BUILTIN_SCENARIOS:
        choices = ", ".join(BUILTIN_SCENARIOS)
        raise ValueError(f"unknown scenario {name!r}; built-in scenarios: {choices}")
    text = resources.files("supportgym.sim.scenarios").joinpath(f"{name}.yaml").read_text()
    return parse_scenario_yaml(text, f"{name}.yaml")


def load_scenario(spec: str | Path | Scenario) -> Scenario:
    """A scenario from a built-in name (which wins), a file path, or a :class:`Scenario`."""
    if isinstance(spec, Scenario):
        return spec
    text = str(spec)
    if text in BUILTIN_SCENARIOS and not isinstance(spec, Path):
        return builtin_scenario(text)
    if isinstance(spec, Path) or text.endswith((".yaml", ".yml")) or Path(text).exists():
        return load_scenario_file(text)
    return builtin_scenario(text)
