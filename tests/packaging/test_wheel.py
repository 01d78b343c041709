"""The wheel: built with the dashboard, installed into a new virtual environment outside
the repository with its base dependencies only, and served from an unrelated folder."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
DASHBOARD_INDEX = REPO / "frontend" / "dist" / "index.html"
STARTUP_SECONDS = 60

pytestmark = pytest.mark.packaging


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(*args: str | Path, **kwargs) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, check=False, **kwargs
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def _build_wheel(out: Path) -> Path:
    assert DASHBOARD_INDEX.is_file(), (
        "frontend/dist/index.html is missing: the wheel carries the built dashboard, so build "
        "it first (`make dashboard`; `make test` does)"
    )
    env = {**os.environ, "PYTHON": sys.executable}
    _run(REPO / "scripts" / "build-dist.sh", out, env=env, timeout=300)
    (wheel,) = out.glob("*.whl")
    return wheel


def _install(wheel: Path, venv: Path) -> Path:
    """A new venv with the wheel and its base dependencies; its ``bin`` folder.

    This environment's pip installs into it (``--python``), which saves bootstrapping one.
    """
    _run(sys.executable, "-m", "venv", "--without-pip", venv, timeout=120)
    python = venv / "bin" / "python"
    _run(
        sys.executable,
        *("-m", "pip", "--python", python, "install", "--quiet", "--no-compile", wheel),
        timeout=600,
    )
    return venv / "bin"


def _wait_until_healthy(url: str, process: subprocess.Popen, log: Path) -> httpx.Response:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        assert process.poll() is None, log.read_text()
        try:
            response = httpx.get(f"{url}/api/health", timeout=1)
            if response.status_code == 200:
                return response
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"the server did not start:\n{log.read_text()}"
        time.sleep(0.2)


def _check_served(url: str) -> None:
    index = httpx.get(f"{url}/", timeout=10)
    assert index.status_code == 200
    assert index.headers["content-type"].startswith("text/html")
    assert '<div id="root"></div>' in index.text
    assert index.text == DASHBOARD_INDEX.read_text()
    (script,) = re.findall(r'src="(/assets/[^"]+\.js)"', index.text)
    asset = httpx.get(f"{url}{script}", timeout=10)
    assert asset.status_code == 200 and "javascript" in asset.headers["content-type"]
    assert httpx.get(f"{url}/training", timeout=10).text == index.text
    missing = httpx.get(f"{url}/api/scenarios/..%2F..%2Fetc%2Fpasswd", timeout=10)
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/json"


def test_the_wheel_installs_and_serves_the_dashboard_from_anywhere(tmp_path: Path):
    assert REPO not in tmp_path.parents
    wheel = _build_wheel(tmp_path / "dist")
    wheel_version = wheel.name.split("-")[1]
    assert wheel.name == f"supportgym-{wheel_version}-py3-none-any.whl"
    bin_dir = _install(wheel, tmp_path / "venv")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUPPORTGYM_", "PYTHON"))}
    env.pop("VIRTUAL_ENV", None)
    env["SUPPORTGYM_DATA_DIR"] = str(tmp_path / "data")
    run = {"cwd": elsewhere, "env": env, "timeout": 120}

    # torch is not installed there at all: the import must not need it.
    imported = _run(
        bin_dir / "python",
        "-c",
        "import sys, supportgym; assert 'torch' not in sys.modules; print(supportgym.__file__)",
        **run,
    )
    assert Path(imported.stdout.strip()).is_relative_to(tmp_path / "venv")
    version_line = _run(bin_dir / "supportgym", "--version", **run).stdout.strip()
    assert version_line == f"supportgym {wheel_version}"

    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [str(bin_dir / "supportgym"), "serve", "--port", str(port)],
            cwd=elsewhere,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            health = _wait_until_healthy(url, process, log)
            assert health.json()["version"] == wheel_version
            _check_served(url)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    assert list(elsewhere.iterdir()) == [], "the server wrote into its working directory"


def test_the_readme_installs_the_wheel_of_this_version():
    wheel = f"dist/supportgym-{version('supportgym')}-py3-none-any.whl"
    assert f"pip install {wheel}" in (REPO / "README.md").read_text()
