"""Minari datasets from logs: episodes an offline-RL library can read with ``minari.load_dataset``.

Each contact is one episode: the replayed observations (see :mod:`supportgym.data.replay`)
and the one after the last action, the actions, the rewards, terminations and
truncations, and each step's action mask in ``infos["action_mask"]``. The dataset's
metadata records the scenario the logs were replayed in (name and version), where the
logs came from and the package version, so that numbers never mix across simulators;
for a built-in scenario, also its Gymnasium id (``dataset.recover_environment()``).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import gymnasium
import numpy as np

import supportgym
from supportgym.data import replay
from supportgym.data.extras import require
from supportgym.data.logs import Logs
from supportgym.envs.registration import ENV_IDS
from supportgym.envs.spaces import action_space, observation_space
from supportgym.sim.actions import Action
from supportgym.sim.compile import CompiledScenario
from supportgym.sim.library import BUILTIN_SCENARIOS, builtin_scenario
from supportgym.sim.schema import Scenario

PATH_ENV = "MINARI_DATASETS_PATH"


def episode_buffers(logs: Logs, cs: CompiledScenario) -> list[Any]:
    """One Minari ``EpisodeBuffer`` per logged contact."""
    buffer = require("minari.data_collector", "Minari export").EpisodeBuffer
    observations = replay.observations(logs, cs)
    masks = replay.masks(observations, cs).astype(np.int8)
    rewards = replay.rewards(logs, cs)
    final = replay.final_observations(logs, cs)
    final_masks = replay.masks(final, cs).astype(np.int8)
    lengths = np.diff(logs.starts)
    last = logs.starts[1:] - 1
    # A contact that used every turn without closing or the customer leaving was cut off.
    truncated = (
        (lengths >= cs.max_turns)
        & (logs.action[last] != Action.CLOSE_CASE)
        & (logs.outcomes["abandoned"] < 0.5)
    )
    episodes = []
    for c in range(logs.n_contacts):
        rows = slice(logs.starts[c], logs.starts[c + 1])
        ends = np.zeros(lengths[c], dtype=bool)
        ends[-1] = True
        episodes.append(
            buffer(
                id=c,
                observations=np.vstack([observations[rows], final[c : c + 1]]),
                actions=logs.action[rows].copy(),
                rewards=rewards[rows].tolist(),
                terminations=(ends & ~truncated[c]).tolist(),
                truncations=(ends & truncated[c]).tolist(),
                infos={"action_mask": np.vstack([masks[rows], final_masks[c : c + 1]])},
            )
        )
    return episodes


def export_dataset(
    logs: Logs,
    cs: CompiledScenario,
    dataset_id: str,
    source: dict[str, Any],
    path: str | Path | None = None,
) -> Any:
    """Write the logs as the Minari dataset ``dataset_id`` (``namespace/name-v0``).

    Args:
        logs: The contacts to export.
        cs: The scenario they are replayed in.
        dataset_id: The new dataset's id.
        source: Where the episodes came from (kept in the dataset's metadata).
        path: Minari's datasets folder; default ``MINARI_DATASETS_PATH`` or Minari's own.

    Raises:
        ValueError: The id is taken or malformed.
    """
    minari = require("minari", "Minari export")
    builtin = {scenario: env_id for env_id, scenario in ENV_IDS.items()}
    env_id = builtin.get(cs.scenario.name) if cs.scenario == _builtin(cs.scenario.name) else None
    with _datasets_folder(path), warnings.catch_warnings():
        # Minari asks for a code link, an e-mail and an evaluation env it does not need.
        warnings.simplefilter("ignore", UserWarning)
        try:
            dataset = minari.create_dataset_from_buffers(
                dataset_id,
                episode_buffers(logs, cs),
                env=gymnasium.spec(env_id) if env_id else None,
                observation_space=observation_space(),
                action_space=action_space(),
                algorithm_name=str(source.get("policy", "logs")),
                author="SupportGym",
                description=f"{logs.n_contacts} support contacts replayed in {cs.scenario.name} "
                f"v{cs.version}; infos carry each step's action mask.",
                data_format="hdf5",
            )
        except ValueError as error:
            raise ValueError(f"Minari dataset {dataset_id}: {error}") from None
        dataset.storage.update_metadata(
            {
                "supportgym_scenario": cs.scenario.name,
                "supportgym_scenario_version": cs.version,
                "supportgym_version": supportgym.__version__,
                "supportgym_source": source,
            }
        )
    return dataset


def _builtin(name: str) -> Scenario | None:
    return builtin_scenario(name) if name in BUILTIN_SCENARIOS else None


@contextmanager
def _datasets_folder(path: str | Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    before = os.environ.get(PATH_ENV)
    os.environ[PATH_ENV] = str(Path(path).resolve())
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(PATH_ENV)
        else:
            os.environ[PATH_ENV] = before
