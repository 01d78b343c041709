"""The server process stays light: torch and SB3 are loaded only in job workers."""

import subprocess
import sys

CODE = """
import sys
from fastapi.testclient import TestClient
from supportgym.server.app import create_app
from supportgym.server.config import Settings

with TestClient(create_app(Settings())) as client:
    assert client.get("/api/health").status_code == 200
    assert client.post("/api/runs/1/resume").status_code == 404
    assert client.get("/api/models").status_code == 200
heavy = sorted(name for name in ("torch", "stable_baselines3") if name in sys.modules)
print(",".join(heavy) or "light")
"""


def test_serving_requests_imports_neither_torch_nor_sb3(data_dir) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "light"
