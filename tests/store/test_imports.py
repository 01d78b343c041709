from __future__ import annotations

HEAVY = ("torch", "stable_baselines3", "sb3_contrib", "tensorboard", "matplotlib")
CODE = """
from supportgym.store import open_store
with open_store() as store:
    store.list_runs()
"""


def test_opening_the_store_imports_no_training_libraries(data_dir, loaded_by):
    assert loaded_by(CODE, *HEAVY) == []
