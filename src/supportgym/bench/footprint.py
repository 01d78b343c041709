"""Memory and cold start, each measured in fresh interpreters.

Memory: the RSS (psutil) a set-up adds to a process that has already imported numpy,
gymnasium and supportgym and drawn its actions: the highest reading after each step,
minus the reading before the set-up was created. The reference, ``AsyncVectorEnv`` of
16 envs, is the total RSS of the main process and its 16 workers, each counted in full
(as RSS does: pages they share count once per process).

Cold start: the wall time of ``python -c`` from launch to exit. This process has
imported the same modules already, so their files are in the page cache for both.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import time

from supportgym.bench.common import Budget, Reference, Row, Target, interleaved

SECTION_MEMORY = "memory"
SECTION_COLD_START = "cold start"
MB = 1024 * 1024
MEMORY_LANES = 4096
ASYNC_WORKERS = 16
HEAVY_MODULES = ("torch", "stable_baselines3", "fastapi", "uvicorn", "matplotlib", "sqlalchemy")
"""Modules a cold start should not need; the row's condition is about torch."""
COLD_START = (
    "import sys, json, supportgym, gymnasium\n"
    'env = gymnasium.make("SupportGym/Retail-v0")\n'
    "env.reset(seed=0)\n"
    f"print(json.dumps([m for m in {HEAVY_MODULES!r} if m in sys.modules]))"
)
BARE_IMPORT = "import gymnasium"
CHILD_TIMEOUT = 300.0


def memory_rows(budget: Budget) -> list[Row]:
    """RSS added by the native vector env at 4,096 lanes vs ``AsyncVectorEnv`` ×16.

    The two set-ups of a round run side by side, each in its own interpreter: RSS
    belongs to a process, so sharing the CPU changes only how long it takes.
    """
    rounds = []
    for _ in range(budget.repeats):
        children = {
            kind: _launch(
                "from supportgym.bench.footprint import report_rss\n"
                f"report_rss({kind!r}, {budget.memory_calls})"
            )
            for kind in ("native", "async")
        }
        rounds.append({kind: json.loads(_finish(child)) for kind, child in children.items()})
    return [
        Row(
            "memory.native4096",
            SECTION_MEMORY,
            "Native vector env ×4,096: RSS added",
            "MB",
            tuple(figures["native"]["added_mb"] for figures in rounds),
            reference=Reference(
                "AsyncVectorEnv ×16, main + workers RSS",
                tuple(figures["async"]["total_mb"] for figures in rounds),
            ),
            targets=(Target(0.1, at_most=True), Target(100, at_most=True, on="value")),
            details={"calls": budget.memory_calls, "rounds": rounds},
        )
    ]


def cold_start_rows(budget: Budget) -> list[Row]:
    """``import supportgym`` + ``make`` + ``reset`` in a fresh process vs ``import gymnasium``."""
    imported: list[list[str]] = []

    def supportgym_start(_round: int) -> float:
        seconds, output = _timed_python(COLD_START)
        imported.append(json.loads(output))
        return seconds

    def bare_start(_round: int) -> float:
        return _timed_python(BARE_IMPORT)[0]

    samples = interleaved({"supportgym": supportgym_start, "bare": bare_start}, budget.repeats)
    no_torch = not any("torch" in modules for modules in imported)
    return [
        Row(
            "cold_start",
            SECTION_COLD_START,
            "Cold start: import, make, reset",
            "s",
            samples["supportgym"],
            reference=Reference('python -c "import gymnasium"', samples["bare"]),
            targets=(Target(2, at_most=True),),
            condition=("no torch import", no_torch),
            details={"heavy_modules_imported": sorted({m for ms in imported for m in ms})},
        )
    ]


def report_rss(kind: str, calls: int) -> None:
    """In a fresh interpreter: create and step one set-up, print its RSS figures as JSON.

    ``kind`` is ``native`` (the native vector env at 4,096 lanes) or ``async``
    (``AsyncVectorEnv`` of 16 single envs).
    """
    import gymnasium
    import numpy as np
    import psutil
    from gymnasium.vector import AsyncVectorEnv

    process = psutil.Process()
    lanes = MEMORY_LANES if kind == "native" else ASYNC_WORKERS
    actions = np.random.default_rng(0).integers(0, 8, size=(calls, lanes))
    baseline = process.memory_info().rss
    if kind == "native":
        env = gymnasium.make_vec(
            "SupportGym/Retail-v0", num_envs=lanes, vectorization_mode="vector_entry_point"
        )
    else:
        make = functools.partial(gymnasium.make, "SupportGym/Retail-v0")
        env = AsyncVectorEnv([make] * lanes)
    env.reset(seed=0)
    processes = [process, *process.children(recursive=True)]
    peak = 0
    for row in actions:
        env.step(row)
        peak = max(peak, sum(p.memory_info().rss for p in processes))
    env.close()
    print(
        json.dumps(
            {
                "baseline_mb": baseline / MB,
                "total_mb": peak / MB,
                "added_mb": (peak - baseline) / MB,
                "processes": len(processes),
            }
        )
    )


def _launch(code: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(child: subprocess.Popen[str]) -> str:
    """The child's standard output once it has exited successfully."""
    try:
        stdout, stderr = child.communicate(timeout=CHILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise RuntimeError(f"python -c did not finish within {CHILD_TIMEOUT:g} s") from None
    if child.returncode != 0:
        last = (stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"python -c failed ({child.returncode}): {last}")
    return stdout


def _timed_python(code: str) -> tuple[float, str]:
    """Wall time of ``python -c code`` (launch to exit) and its standard output."""
    start = time.perf_counter()
    child = _launch(code)
    stdout = _finish(child)
    return time.perf_counter() - start, stdout
