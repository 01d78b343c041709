"""The one interface every policy implements: built-in rules, the oracle and trained models."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

import numpy as np

from supportgym.sim.state import CustomerBatch


@runtime_checkable
class Policy(Protocol):
    """Chooses an action for each lane of a batch.

    ``customers`` is the simulator's hidden state. Only privileged policies (the
    oracle) read what it hides; others may use it just for lane bookkeeping such as
    episode keys, so that results do not depend on how episodes are batched.
    """

    name: str

    def act(
        self, observations: np.ndarray, action_masks: np.ndarray, customers: CustomerBatch
    ) -> np.ndarray:
        """``(n,)`` int64 actions for ``(n, 17)`` observations and ``(n, 8)`` masks."""
        ...
