"""``/api/datasets`` and ``/api/analyses``: uploads checked whole, analyses run in workers."""

from __future__ import annotations

import json

import pytest

from supportgym.data import write_logs
from supportgym.data.sample import sample_logs
from supportgym.policies import make_policy
from supportgym.policies.stochastic import MixedPolicy
from supportgym.sim import compile_scenario, load_scenario
from supportgym.store import dataset_dir

from .conftest import assert_error
from .jobs_helpers import wait_for


@pytest.fixture(scope="module")
def logs_file(tmp_path_factory):
    scenario = load_scenario("retail")
    playbook = make_policy("playbook", compile_scenario(scenario))
    logs = sample_logs(MixedPolicy([playbook], 0.2, seed=1), scenario, 400, seed=7)
    return write_logs(logs, tmp_path_factory.mktemp("logs") / "week.jsonl.gz")


def _upload(client, path, name="week", filename=None):
    return client.post(
        "/api/datasets",
        params={"name": name, "filename": filename or path.name},
        content=path.read_bytes(),
        headers={"content-type": "application/octet-stream"},
    )


def test_upload_list_read_delete(client, logs_file):
    response = _upload(client, logs_file)
    assert response.status_code == 201, response.text
    dataset = response.json()
    assert (dataset["name"], dataset["contacts"], dataset["format"]) == ("week", 400, ".jsonl.gz")
    assert dataset["industries"] == ["retail"] and "path" not in dataset
    fields = {entry["field"]: entry for entry in dataset["summary"]}
    assert fields["inquiry_type"]["given"] == 400 and fields["propensity"]["min"] > 0
    assert client.get("/api/datasets").json() == {"data": [dataset], "count": 1}
    assert client.get(f"/api/datasets/{dataset['id']}").json() == dataset
    assert_error(_upload(client, logs_file), 409, "exists already")
    assert client.delete(f"/api/datasets/{dataset['id']}").status_code == 204
    assert_error(client.get(f"/api/datasets/{dataset['id']}"), 404, "not found")


def test_bad_logs_are_refused_line_by_line_and_store_nothing(client, tmp_path):
    path = tmp_path / "bad.jsonl"
    good = {
        "contact_id": "a",
        "industry": "retail",
        "inquiry_type": "order_status",
        "tier": "standard",
        "turn": 0,
        "action": "close_case",
        "resolved": False,
        "escalated": False,
        "abandoned": False,
        "csat": 2,
        "handle_minutes": 1,
        "revenue": 0,
        "compensation_cost": 0,
    }
    rows = [
        good,
        {**good, "contact_id": "b", "action": "refund"},
        {**good, "contact_id": "c", "tier": "gold"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    response = _upload(client, path)
    body = assert_error(response, 422, "line 2: action")
    assert [e["path"] for e in body["errors"]] == ["line 2: action", "line 3: tier"]
    assert client.get("/api/datasets").json()["count"] == 0
    assert not dataset_dir().exists() or not any(dataset_dir().iterdir())


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({"name": "../x", "filename": "a.jsonl"}, "name"),
        ({"name": "ok", "filename": "../../etc/passwd.jsonl"}, "filename"),
        ({"name": "ok", "filename": "notes.txt"}, "query.filename"),
        ({"name": "ok"}, "filename"),
    ],
)
def test_bad_names_are_refused(client, logs_file, params, fragment):
    response = client.post("/api/datasets", params=params, content=logs_file.read_bytes())
    assert_error(response, 422, fragment)


def test_uploads_may_be_larger_than_other_bodies_but_not_unbounded(make_client, logs_file):
    client = make_client(max_body_bytes=1024, max_upload_bytes=2048)
    assert_error(_upload(client, logs_file), 413, "larger than 2048 bytes")
    small = make_client(max_body_bytes=1024)
    assert _upload(small, logs_file).status_code == 201


def test_ope_and_calibration_run_in_workers(client, logs_file):
    dataset = _upload(client, logs_file).json()
    ope = client.post(
        f"/api/datasets/{dataset['id']}/ope",
        json={"policies": ["playbook", "random"], "simulate": "retail", "resamples": 20},
    )
    assert ope.status_code == 202, ope.text
    done = wait_for(client, f"/api/analyses/{ope.json()['id']}", "completed", "failed")
    assert done["status"] == "completed", done
    results = done["ope"]
    assert [p["policy"] for p in results["policies"]] == ["playbook", "random"]
    assert set(results["policies"][0]["estimates"]) == {"pdis", "wpdis", "dr", "fqe"}
    assert results["simulated"]["policies"]["playbook"]["return"]["value"] is not None
    calibration = client.post(
        f"/api/datasets/{dataset['id']}/calibrations", json={"budget": 3, "seed": 1}
    ).json()
    fitted = wait_for(client, f"/api/analyses/{calibration['id']}", "completed", "failed")
    assert fitted["status"] == "completed", fitted
    name = fitted["calibration"]["fitted"]["name"]
    assert name == "retail-calibrated"
    assert client.get(f"/api/scenarios/{name}").status_code == 200
    listed = client.get(f"/api/datasets/{dataset['id']}/analyses").json()
    assert [a["kind"] for a in listed["data"]] == ["calibration", "ope"]


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ({"policies": ["oracle"]}, 422, "body.policies"),
        ({"policies": []}, 422, "body.policies"),
        ({"policies": ["run:99"]}, 404, "run:99"),
        ({"policies": ["playbook"], "scenario": "nowhere"}, 404, "nowhere"),
        ({"policies": ["playbook"], "resamples": 1}, 422, "body.resamples"),
    ],
)
def test_bad_analyses_are_refused(client, logs_file, body, status, fragment):
    dataset = _upload(client, logs_file).json()
    assert_error(client.post(f"/api/datasets/{dataset['id']}/ope", json=body), status, fragment)
    assert client.get(f"/api/datasets/{dataset['id']}/analyses").json()["count"] == 0
    assert_error(client.post("/api/datasets/77/ope", json={"policies": ["playbook"]}), 404, "77")
    assert_error(client.get("/api/analyses/5"), 404, "analysis 5")


def test_an_analysis_the_server_left_unfinished_is_failed_when_it_starts(make_client, logs_file):
    from supportgym.data.datasets import import_file
    from supportgym.store import AnalysisKind, open_store

    with open_store() as store:
        dataset, _ = import_file(logs_file, "week", store)
        store.create_analysis(dataset_id=dataset.id, kind=AnalysisKind.OPE, params={})
    client = make_client()
    (analysis,) = client.get(f"/api/datasets/{dataset.id}/analyses").json()["data"]
    assert analysis["status"] == "failed"
    assert analysis["error"] == "the server stopped before the analysis finished"
