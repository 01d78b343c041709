"""Every bad input: one ``error: …`` line on stderr, exit code 2, never a traceback."""

from __future__ import annotations

import pytest


def _wrong_type(data):
    data["max_turns"] = "many"


def _missing_field(data):
    del data["customers"]


def _out_of_range(data):
    data["inquiries"][0]["urgency"] = 1.5


@pytest.mark.parametrize(
    ("edit", "fragments"),
    [
        (_wrong_type, ["scenario.yaml: max_turns: ", "integer"]),
        (_missing_field, ["scenario.yaml: customers: ", "required"]),
        (_out_of_range, ["scenario.yaml: inquiries[0].urgency: ", "less than or equal to 1"]),
    ],
)
@pytest.mark.parametrize("command", ["play", "evaluate", "show"])
def test_invalid_scenario_file(invoke, one_line_error, scenario_file, edit, fragments, command):
    path = str(scenario_file(edit))
    args = {
        "play": ["play", "--scenario", path, "--policy", "playbook"],
        "evaluate": ["evaluate", "--scenario", path, "--episodes", "5"],
        "show": ["scenarios", "show", path],
    }[command]
    one_line_error(invoke(*args), *fragments)


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["play", "-s", "nowhere"], ["unknown scenario 'nowhere'", "retail"]),
        (["evaluate", "-s", "retail", "-s", "nowhere"], ["unknown scenario 'nowhere'"]),
        (["scenarios", "show", "nowhere"], ["unknown scenario 'nowhere'"]),
        (["play", "-s", "missing/file.yaml"], ["missing/file.yaml: cannot read file"]),
        (["play", "-p", "genius"], ["--policy", "unknown policy 'genius'", "playbook"]),
        (["evaluate", "-p", "oracle", "-p", "genius"], ["unknown policy 'genius'"]),
        (["play", "--actions", "ask,dance"], ["--actions: unknown action 'dance'", "close_case"]),
        (["play", "--actions", "9"], ["--actions: action index 9 is out of range 0-7"]),
        (["play", "-p", "oracle", "--actions", "ask"], ["either --policy or --actions"]),
        (["play", "--seed", "-1"], ["--seed", "greater than or equal to 0"]),
        (["evaluate", "--seed", "-5"], ["--seed", "greater than or equal to 0"]),
        (["play", "--seed", "three"], ["--seed", "valid integer"]),
        (["play", "--seed", str(2**64)], ["--seed", "less than or equal to"]),
        (["evaluate", "--seed", str(2**63)], ["--seed", "less than or equal to"]),
        (["play", "--difficulty", "1.5"], ["--difficulty", "less than or equal to 1"]),
        (["evaluate", "--difficulty", "-0.1"], ["--difficulty", "greater than or equal to 0"]),
        (["evaluate", "--episodes", "0"], ["--episodes", "greater than or equal to 1"]),
        (["scenarios", "validate", "missing.yaml"], ["missing.yaml: cannot read file"]),
    ],
)
def test_bad_input(invoke, one_line_error, args, fragments):
    one_line_error(invoke(*args), *fragments)


def test_invalid_yaml_syntax(invoke, one_line_error, tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: [unclosed\n", encoding="utf-8")
    one_line_error(invoke("play", "-s", str(path)), "broken.yaml: invalid YAML")


def test_typer_usage_errors_exit_2_without_traceback(invoke):
    result = invoke("play", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.output
    assert "Traceback" not in result.output
