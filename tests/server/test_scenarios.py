"""The scenario catalogue: list, read, validate, upload."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from supportgym.sim import BUILTIN_SCENARIOS
from supportgym.sim.library import builtin_scenario

from .conftest import assert_error


def _yaml(name: str = "my_retail", **changes: Any) -> str:
    data = builtin_scenario("retail").model_dump(mode="json") | {"name": name} | changes
    return yaml.safe_dump(data)


def test_list_has_the_builtins_with_versions(client):
    body = client.get("/api/scenarios").json()
    assert body["count"] == len(body["data"]) == len(BUILTIN_SCENARIOS)
    for item, name in zip(body["data"], BUILTIN_SCENARIOS, strict=True):
        assert item["name"] == name and item["source"] == "builtin"
        assert item["version"] == builtin_scenario(name).version
        assert item["versions"] == [item["version"]]


def test_read_gives_the_full_definition(client):
    body = client.get("/api/scenarios/bfsi").json()
    assert body["definition"] == builtin_scenario("bfsi").model_dump(mode="json")
    assert body["version"] == builtin_scenario("bfsi").version
    assert body["inquiries"] == 5


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/scenarios/nope", 404),
        ("/api/scenarios/../x", 404),
        ("/api/scenarios/%2E%2E", 422),
        ("/api/scenarios/%2E%2E%2Fx", 404),
        ("/api/scenarios/..%2F..%2Fetc%2Fpasswd", 404),
        ("/api/scenarios/retail.yaml", 422),
        ("/api/scenarios/Retail", 422),
        ("/api/scenarios/retail?version=xyz", 422),
        ("/api/scenarios/retail?version=000000000000", 404),
    ],
)
def test_unknown_and_path_like_names_are_refused(client, path, status):
    assert_error(client.get(path), status)


def test_validate_a_good_scenario(client):
    response = client.post("/api/scenarios/validate", json={"yaml": _yaml()})
    assert response.status_code == 200
    assert response.json() == {
        "valid": True,
        "name": "my_retail",
        "version": builtin_scenario("retail").model_copy(update={"name": "my_retail"}).version,
        "errors": [],
    }


@pytest.mark.parametrize(
    ("text", "path", "fragment"),
    [
        (_yaml(max_turns=1), "max_turns", "greater than or equal to 2"),
        (_yaml(name="../etc"), "name", "pattern"),
        (_yaml(name="retail"), "name", "built-in"),
        (_yaml(colour="blue"), "colour", "unknown field"),
        ("name: [unclosed", "", "invalid YAML"),
        ("- just\n- a list\n", "", "mapping"),
        ("[" * 5000, "", "exceeded maximum nesting depth"),
    ],
)
def test_validate_names_each_problem(client, store, text, path, fragment):
    response = client.post("/api/scenarios/validate", json={"yaml": text})
    assert response.status_code == 200
    body = response.json()
    assert body["valid"] is False and body["version"] is None
    assert any(e["path"] == path and fragment in e["message"] for e in body["errors"]), body
    assert store.list_scenarios() == []


def test_upload_stores_and_serves_a_scenario(client, store):
    response = client.post("/api/scenarios", json={"yaml": _yaml(description="ours")})
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["source"] == "user" and created["description"] == "ours"
    assert [r.version for r in store.list_scenarios()] == [created["version"]]
    again = client.post("/api/scenarios", json={"yaml": _yaml(description="ours")}).json()
    assert again["version"] == created["version"] and len(store.list_scenarios()) == 1
    newer = client.post("/api/scenarios", json={"yaml": _yaml(description="newer")}).json()
    listed = {s["name"]: s for s in client.get("/api/scenarios").json()["data"]}
    assert listed["my_retail"]["version"] == newer["version"]
    assert listed["my_retail"]["versions"] == [created["version"], newer["version"]]
    old = client.get(f"/api/scenarios/my_retail?version={created['version']}").json()
    assert old["definition"]["description"] == "ours"
    session = client.post("/api/envs", json={"scenario": "my_retail", "seed": 3})
    assert session.status_code == 201
    assert session.json()["scenario_version"] == newer["version"]


def test_an_invalid_upload_is_refused_with_its_field_errors(client, store):
    response = client.post("/api/scenarios", json={"yaml": _yaml(max_turns=1, difficulty=2)})
    body = assert_error(response, 422, "invalid scenario", "(and 1 more)")
    assert {e["path"] for e in body["errors"]} == {"max_turns", "difficulty"}
    assert_error(client.post("/api/scenarios", json={"yaml": _yaml(name="mixed")}), 422, "built-in")
    assert store.list_scenarios() == []


def test_oversized_scenarios_are_refused(client, store):
    huge = _yaml(description="x" * 250_000)
    body = assert_error(client.post("/api/scenarios", json={"yaml": huge}), 422)
    assert body["errors"][0]["path"] == "body.yaml"
    assert_error(
        client.post("/api/scenarios/validate", json={"yaml": "x" * (1024 * 1024 + 1)}), 413
    )
    assert store.list_scenarios() == []


def test_scenarios_recorded_by_runs_count_as_versions_of_the_builtin(client, store):
    old = builtin_scenario("retail").model_copy(update={"description": "an older retail"})
    store.upsert_scenario(old)
    item = next(s for s in client.get("/api/scenarios").json()["data"] if s["name"] == "retail")
    assert item["source"] == "builtin" and item["version"] == builtin_scenario("retail").version
    assert item["versions"] == [old.version, item["version"]]
    body = client.get(f"/api/scenarios/retail?version={old.version}").json()
    assert body["definition"]["description"] == "an older retail"
