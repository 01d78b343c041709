from __future__ import annotations

from supportgym.sim import BUILTIN_SCENARIOS, load_scenario


def test_list_shows_every_builtin_with_its_version(invoke):
    result = invoke("scenarios", "list")
    assert result.exit_code == 0, result.output
    for name in BUILTIN_SCENARIOS:
        assert name in result.stdout
        assert load_scenario(name).version in result.stdout


def test_show_prints_the_parameters(invoke):
    result = invoke("scenarios", "show", "retail")
    assert result.exit_code == 0, result.output
    scenario = load_scenario("retail")
    out = result.stdout
    assert scenario.version in out
    for inquiry in scenario.inquiries:
        assert inquiry.name in out
    for section in ("Inquiries", "Customers", "Dynamics", "Economics", "Reward weights"):
        assert section in out
    order_status = next(line for line in out.splitlines() if "order_status" in line)
    assert (
        order_status.split()
        == (
            "│ order_status │ retail │ 0.3 │ 0.3 │ 1 │ 65% │ 10% │ 10% │ 15% │ standard_solution │"
        ).split()
    )
    assert "upsell_revenue" in out


def test_show_reads_a_file(invoke, scenario_file):
    def rename(data):
        data["name"] = "my-shop"

    result = invoke("scenarios", "show", str(scenario_file(rename)))
    assert result.exit_code == 0, result.output
    assert "my-shop" in result.stdout


def test_validate_accepts_a_valid_file(invoke, scenario_file):
    path = scenario_file()
    result = invoke("scenarios", "validate", str(path))
    assert result.exit_code == 0, result.output
    version = load_scenario("retail").version
    assert result.stdout.strip() == f"{path}: valid (retail, version {version})"


def test_validate_reports_one_problem_on_one_line(invoke, one_line_error, scenario_file):
    def wrong_type(data):
        data["max_turns"] = "many"

    result = invoke("scenarios", "validate", str(scenario_file(wrong_type)))
    one_line_error(result, "scenario.yaml: max_turns: ")


def test_validate_lists_every_problem_after_a_summary(invoke, scenario_file):
    def three_problems(data):
        data["max_turns"] = "many"
        del data["customers"]
        data["inquiries"][0]["urgency"] = 1.5

    result = invoke("scenarios", "validate", str(scenario_file(three_problems)))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    summary, *problems = result.stderr.strip().splitlines()
    assert summary.startswith("error: ")
    assert summary.endswith("(and 2 more)")
    assert {line.strip().split(":")[0] for line in problems} == {
        "max_turns",
        "customers",
        "inquiries[0].urgency",
    }
