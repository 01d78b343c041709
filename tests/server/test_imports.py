"""The server process stays light: torch and SB3 are loaded only in job workers."""

CODE = """
from fastapi.testclient import TestClient
from supportgym.server.app import create_app
from supportgym.server.config import Settings

with TestClient(create_app(Settings())) as client:
    assert client.get("/api/health").status_code == 200
    assert client.post("/api/runs/1/resume").status_code == 404
    assert client.get("/api/models").status_code == 200
"""


def test_serving_requests_imports_neither_torch_nor_sb3(data_dir, loaded_by) -> None:
    assert loaded_by(CODE, "torch", "stable_baselines3") == []
