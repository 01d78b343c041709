"""The policies that can play a session: built-in rules, completed runs' models, their trees.

Only built-in names, ``run:<id>`` and ``tree:run:<id>`` are accepted (never a file path
from a client).
A run's model is loaded once (through :mod:`supportgym.policies.sb3`, which imports
SB3 lazily) and kept in a small cache shared by all sessions.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from supportgym.policies import BUILTIN_POLICIES, Policy, make_policy
from supportgym.server.errors import Conflict, NotFound, Unprocessable
from supportgym.sim.compile import CompiledScenario
from supportgym.store import AbstractStore, RunStatus

MODEL_CACHE_SIZE = 4


class PolicyLoader:
    """Turns a policy spec into a :class:`Policy` for a scenario."""

    def __init__(self, cache_size: int = MODEL_CACHE_SIZE):
        self._models: OrderedDict[tuple[int, str], Policy] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def load(self, spec: str, scenario: CompiledScenario, store: AbstractStore) -> Policy:
        """The policy ``spec`` names (a built-in name, ``run:<id>`` or ``tree:run:<id>``).

        Raises:
            NotFound: The run does not exist.
            Conflict: The run has not completed.
            Unprocessable: The run's model cannot be used here.
        """
        if spec in BUILTIN_POLICIES:
            return make_policy(spec, scenario)
        if spec.startswith("tree:"):
            from supportgym.evaluation.runner import resolve_policy  # scipy: load when needed

            try:
                return resolve_policy(spec, scenario, store)[0]
            except ValueError as error:
                raise Unprocessable(str(error)) from None
        run_id = int(spec.removeprefix("run:"))
        run = store.get_run(run_id)
        if run is None:
            raise NotFound(f"run {run_id} not found")
        if run.status != RunStatus.COMPLETED:
            raise Conflict(f"run {run_id} is {run.status.value}; only completed runs can play")
        key = (run_id, run.model_path or "")
        with self._lock:  # one load at a time: models are large and loading is slow
            if key in self._models:
                self._models.move_to_end(key)
                return self._models[key]
            from supportgym.evaluation.runner import resolve_policy  # scipy: load when needed

            try:
                policy, _ = resolve_policy(spec, scenario, store)
            except ImportError as error:
                raise Unprocessable(
                    f"playing a trained model needs the training extras "
                    f"(pip install 'supportgym[train]'): {error}"
                ) from None
            except ValueError as error:
                raise Unprocessable(str(error)) from None
            self._models[key] = policy
            while len(self._models) > self._cache_size:
                self._models.popitem(last=False)
            return policy
