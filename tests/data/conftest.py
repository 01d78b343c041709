"""Fixtures for the data tools: hand-made records, files of them, and simulated logs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from supportgym.data.logs import Logs
from supportgym.data.sample import sample_logs
from supportgym.policies import make_policy
from supportgym.policies.stochastic import MixedPolicy
from supportgym.sim import compile_scenario, load_scenario

OUTCOME = {
    "resolved": True,
    "escalated": False,
    "abandoned": False,
    "csat": 4,
    "handle_minutes": 6.0,
    "revenue": 0.0,
    "compensation_cost": 0.0,
}


def contact(contact_id: str = "c1", turns: int = 2, **changes: Any) -> list[dict[str, Any]]:
    """A valid retail contact's records (ask, then a standard solution …), outcome on the last."""
    actions = ["ask_clarifying_question", "standard_solution", "close_case"]
    records = [
        {
            "contact_id": contact_id,
            "industry": "retail",
            "inquiry_type": "order_status",
            "tier": "standard",
            "turn": turn,
            "action": actions[min(turn, len(actions) - 1)],
            "sentiment": 0.1,
        }
        for turn in range(turns)
    ]
    records[-1].update(OUTCOME)
    for record in records:
        record.update(changes)
    return records


@pytest.fixture
def jsonl(tmp_path: Path) -> Callable[..., Path]:
    """``jsonl(records, name=...)``: the records written one JSON object per line."""

    def write(records: list[dict[str, Any]], name: str = "logs.jsonl") -> Path:
        path = tmp_path / name
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def retail_logs() -> Logs:
    """600 retail contacts logged by the playbook with epsilon 0.2, every feature logged."""
    scenario = load_scenario("retail")
    policy = MixedPolicy([make_policy("playbook", compile_scenario(scenario))], 0.2, seed=3)
    return sample_logs(policy, scenario, 600, seed=3)
