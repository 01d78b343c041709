"""The scenario library: built-ins, versions, and one-line errors for bad files."""

from __future__ import annotations

import copy
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from supportgym.sim import BUILTIN_SCENARIOS, Scenario, ScenarioError, load_scenario
from supportgym.sim.library import builtin_scenario, parse_scenario_yaml

SPEC_INQUIRIES = {
    "bfsi": {
        "fraud_dispute",
        "loan_inquiry",
        "account_access",
        "fee_dispute",
        "investment_advice",
    },
    "retail": {
        "order_status",
        "return_refund",
        "product_defect",
        "shipping_delay",
        "product_recommendation",
    },
    "tech": {"login_issue", "bug_report", "billing_question", "setup_help", "service_outage"},
}


def builtin_text(name: str) -> str:
    return resources.files("supportgym.sim.scenarios").joinpath(f"{name}.yaml").read_text()


def test_every_builtin_loads(scenario_name: str) -> None:
    scenario = load_scenario(scenario_name)
    assert isinstance(scenario, Scenario)
    assert scenario.name == scenario_name
    assert 0.0 <= scenario.difficulty <= 1.0


def test_a_scenario_object_passes_through() -> None:
    scenario = load_scenario("retail")
    assert load_scenario(scenario) is scenario


def test_a_builtin_loads_from_a_user_path_with_the_same_version(
    scenario_name: str, tmp_path: Path
) -> None:
    path = tmp_path / f"{scenario_name}.yaml"
    path.write_text(builtin_text(scenario_name))
    assert load_scenario(path).version == load_scenario(scenario_name).version
    assert load_scenario(str(path)).version == load_scenario(scenario_name).version


def test_versions_are_twelve_hex_digits_and_distinct() -> None:
    versions = [load_scenario(name).version for name in BUILTIN_SCENARIOS]
    assert all(re.fullmatch(r"[0-9a-f]{12}", v) for v in versions)
    assert len(set(versions)) == len(versions)


def test_versions_are_stable_across_loads_and_formatting(scenario_name: str) -> None:
    first = parse_scenario_yaml(builtin_text(scenario_name))
    second = parse_scenario_yaml(builtin_text(scenario_name))
    assert first is not second
    assert first.version == second.version == builtin_scenario(scenario_name).version
    # The hash is over the canonical form: key order and YAML layout do not matter.
    data = first.model_dump(mode="json")
    reordered = yaml.safe_dump(dict(reversed(list(data.items()))), sort_keys=False)
    assert parse_scenario_yaml(reordered).version == first.version


def _edits() -> list[tuple[str, Any]]:
    return [
        ("difficulty", lambda d: d.update(difficulty=0.3)),
        ("max_turns", lambda d: d.update(max_turns=d["max_turns"] + 1)),
        ("description", lambda d: d.update(description=d["description"] + ".")),
        ("inquiry urgency", lambda d: d["inquiries"][0].update(urgency=0.55)),
        ("patience", lambda d: d["customers"]["patience"].update(mean=11.5)),
        ("dynamics", lambda d: d["dynamics"].update(empathy_gain=0.4)),
        ("economics", lambda d: d["economics"].update(escalation_cost=36.0)),
        ("rewards", lambda d: d["rewards"].update(time=0.02)),
        ("difficulty effects", lambda d: d["difficulty_effects"].update(patience_scale=0.7)),
    ]


@pytest.mark.parametrize(("field", "edit"), _edits(), ids=[name for name, _ in _edits()])
def test_version_changes_when_any_field_changes(field: str, edit: Any) -> None:
    scenario = load_scenario("bfsi")
    data = copy.deepcopy(scenario.model_dump())
    edit(data)
    changed = Scenario.model_validate(data)
    assert changed != scenario
    assert changed.version != scenario.version


def test_with_difficulty_changes_only_the_difficulty_and_the_version() -> None:
    scenario = load_scenario("tech")
    harder = scenario.with_difficulty(0.9)
    assert harder.difficulty == 0.9
    assert harder.version != scenario.version
    assert harder.with_difficulty(scenario.difficulty).version == scenario.version
    with pytest.raises(ValueError, match="difficulty"):
        scenario.with_difficulty(1.5)


def test_mixed_has_all_fifteen_inquiry_types() -> None:
    mixed = load_scenario("mixed")
    names = {i.name for i in mixed.inquiries}
    assert len(mixed.inquiries) == 15
    assert names == set().union(*SPEC_INQUIRIES.values())
    by_industry = Counter(i.industry for i in mixed.inquiries)
    assert by_industry == {"bfsi": 5, "retail": 5, "tech": 5}


@pytest.mark.parametrize("industry", sorted(SPEC_INQUIRIES))
def test_each_industry_scenario_has_its_inquiry_types(industry: str) -> None:
    scenario = load_scenario(industry)
    assert scenario.industry == industry
    assert len(scenario.inquiries) >= 5
    assert {i.name for i in scenario.inquiries} >= SPEC_INQUIRIES[industry]
    assert {i.industry for i in scenario.inquiries} == {industry}


def _bfsi() -> dict[str, Any]:
    return copy.deepcopy(load_scenario("bfsi").model_dump(mode="json"))


def _with(edit: Any) -> str:
    data = _bfsi()
    edit(data)
    return yaml.safe_dump(data, sort_keys=False)


def _renamed_twice(data: dict[str, Any]) -> None:
    data["inquiries"][1]["name"] = data["inquiries"][0]["name"]


BAD_FILES = [
    pytest.param(
        _with(lambda d: d.update(max_turns="many")),
        "max_turns",
        "valid integer",
        id="wrong-type",
    ),
    pytest.param(_with(lambda d: d.pop("customers")), "customers", "required", id="missing-field"),
    pytest.param(
        _with(lambda d: d["inquiries"][0].update(urgency=1.5)),
        "inquiries[0].urgency",
        "less than or equal to 1",
        id="probability-out-of-range",
    ),
    pytest.param(
        _with(lambda d: d["inquiries"][2]["fix"].update(standard=0.9)),
        "inquiries[2].fix",
        "sum to 1",
        id="fix-not-summing-to-one",
    ),
    pytest.param(
        _with(lambda d: d["customers"].update(temper=0.5)),
        "customers.temper",
        "unknown field",
        id="unknown-field",
    ),
    pytest.param(
        _with(lambda d: d["economics"].update(upsell_revenue=[1.0, 2.0])),
        "economics.upsell_revenue[2]",
        "required",
        id="wrong-length",
    ),
    pytest.param(
        _with(_renamed_twice),
        "inquiries",
        "duplicate inquiry names",
        id="duplicate-inquiry-names",
    ),
]


@pytest.mark.parametrize(("text", "path", "problem"), BAD_FILES)
def test_bad_files_give_one_line_naming_file_field_and_problem(
    text: str, path: str, problem: str, tmp_path: Path
) -> None:
    file = tmp_path / "bad.yaml"
    file.write_text(text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(file)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{file}: {path}: ")
    assert problem in message
    assert caught.value.errors[0][0] == path
    assert sorted(tmp_path.iterdir()) == [file]  # nothing written


def test_invalid_yaml_syntax_names_the_file_and_line(tmp_path: Path) -> None:
    file = tmp_path / "broken.yml"
    file.write_text("name: bfsi\ninquiries: [unclosed\nmax_turns: 3\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(file)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{file}: invalid YAML, line ")
    assert "Traceback" not in message
    assert sorted(tmp_path.iterdir()) == [file]


def test_a_file_that_is_not_a_mapping_is_rejected(tmp_path: Path) -> None:
    file = tmp_path / "list.yaml"
    file.write_text("- just\n- a list\n")
    with pytest.raises(ScenarioError, match=r"list\.yaml: expected a mapping"):
        load_scenario(file)


def test_every_problem_is_kept_and_counted(tmp_path: Path) -> None:
    file = tmp_path / "two.yaml"
    file.write_text(_with(lambda d: d.update(max_turns="many", difficulty=2.0)))
    with pytest.raises(ScenarioError) as caught:
        load_scenario(file)
    assert {path for path, _ in caught.value.errors} == {"max_turns", "difficulty"}
    assert str(caught.value).endswith("(and 1 more)")


def test_a_missing_file_is_a_scenario_error(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "scenario.yaml"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(missing)
    message = str(caught.value)
    assert message.startswith(f"{missing}: cannot read file")
    assert "\n" not in message
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_builtin_name_lists_the_choices() -> None:
    with pytest.raises(ValueError) as caught:
        load_scenario("insurance")
    message = str(caught.value)
    assert "\n" not in message
    assert "'insurance'" in message
    assert all(name in message for name in BUILTIN_SCENARIOS)


def test_deeply_nested_yaml_is_a_scenario_error(tmp_path: Path) -> None:
    file = tmp_path / "deep.yaml"
    file.write_text("[" * 5000, encoding="utf-8")
    with pytest.raises(ScenarioError, match="exceeded maximum nesting depth"):
        load_scenario(file)
