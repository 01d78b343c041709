from __future__ import annotations

import subprocess
import sys

HEAVY = ("torch", "stable_baselines3", "sb3_contrib", "tensorboard", "matplotlib")


def test_opening_the_store_imports_no_training_libraries(data_dir):
    script = (
        "import sys\n"
        "from supportgym.store import open_store\n"
        "with open_store() as store:\n"
        "    store.list_runs()\n"
        f"print(sorted(set({HEAVY!r}) & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
