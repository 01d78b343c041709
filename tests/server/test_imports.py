"""The server process stays light: torch, SB3 and the data tools' libraries are loaded only
in job workers."""

CODE = """
from fastapi.testclient import TestClient
from supportgym.server.app import create_app
from supportgym.server.config import Settings

LOG = (
    '{"contact_id": "a", "industry": "retail", "inquiry_type": "order_status", "tier": "vip",'
    ' "turn": 0, "action": "close_case", "resolved": false, "escalated": false,'
    ' "abandoned": false, "csat": 2, "handle_minutes": 1, "revenue": 0, "compensation_cost": 0}'
)
with TestClient(create_app(Settings())) as client:
    assert client.get("/api/health").status_code == 200
    assert client.post("/api/runs/1/resume").status_code == 404
    assert client.get("/api/models").status_code == 200
    upload = {"name": "one", "filename": "one.jsonl"}
    assert client.post("/api/datasets", params=upload, content=LOG).status_code == 201
    assert client.get("/api/datasets").json()["count"] == 1
    assert client.get("/api/analyses/1").status_code == 404
"""
HEAVY = ("torch", "stable_baselines3", "sklearn", "minari", "pyarrow", "h5py")


def test_serving_requests_imports_no_training_or_data_science_library(data_dir, loaded_by) -> None:
    assert loaded_by(CODE, *HEAVY) == []


DECIDE = """
from fastapi.testclient import TestClient
from supportgym.server.app import create_app
from supportgym.server.config import Settings
from supportgym.sim import FEATURES

state = {f.name: max(f.low, 0.0) for f in FEATURES}
with TestClient(create_app(Settings())) as client:
    answer = client.post("/api/deployments/prod/decide", json={"features": state})
    assert answer.status_code == 200, answer.text
"""


def test_deciding_with_a_deployment_imports_neither_torch_nor_sb3(store, trained_run, loaded_by):
    from supportgym.serving.deploy import build_deployment, record_deployment

    build_deployment(store, record_deployment(store, trained_run.id, "prod").id)
    assert loaded_by(DECIDE, "torch", "stable_baselines3", "sb3_contrib", "sklearn") == []
