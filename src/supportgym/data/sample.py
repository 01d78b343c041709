"""Logs from the simulator: a stochastic logging policy plays seeded contacts, turn by turn.

Contact ``k`` is the episode seeded ``seed + k`` (its id is that seed), whatever the
batch size, so the same arguments always write the same file. Each turn records what
the agent saw (the 17 features, or the chosen subset), the action, its propensity
under the logging policy and the reward; each contact's last turn its outcome.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from gymnasium.vector import AutoresetMode

from supportgym.data.logs import Logs
from supportgym.data.schema import FEATURE_FIELDS, OUTCOME_FIELDS
from supportgym.envs.spaces import check_seed
from supportgym.envs.vector_env import SupportVectorEnv
from supportgym.policies.stochastic import StochasticPolicy
from supportgym.sim import kernel
from supportgym.sim.actions import INDUSTRIES
from supportgym.sim.features import FEATURE_INDEX, FEATURE_NAMES
from supportgym.sim.schema import Scenario

BATCH = 4096


def sample_logs(
    policy: StochasticPolicy,
    scenario: Scenario,
    contacts: int,
    seed: int = 0,
    features: Sequence[str] = FEATURE_FIELDS,
    difficulty: float | None = None,
) -> Logs:
    """Play ``contacts`` episodes (seeds ``seed …``) with ``policy`` and log them.

    Args:
        policy: The logging policy; its propensities are logged.
        scenario: The simulated customers.
        contacts: How many contacts to log.
        seed: Contact ``k`` is the episode seeded ``seed + k``.
        features: The observation features to log (of ``FEATURE_FIELDS``: ``tier`` and
            ``inquiry_type`` are contact fields).
        difficulty: Overrides the scenario's difficulty.
    """
    if contacts < 1:
        raise ValueError(f"contacts must be at least 1, got {contacts}")
    unknown = sorted(set(features) - set(FEATURE_FIELDS))
    if unknown:
        raise ValueError(f"unknown feature {unknown[0]!r}; features: {', '.join(FEATURE_FIELDS)}")
    check_seed(seed)
    check_seed(seed + contacts - 1)
    parts = [
        _play(policy, scenario, start, min(BATCH, contacts - start), seed, difficulty)
        for start in range(0, contacts, BATCH)
    ]
    logs = Logs.concatenate(parts)
    hidden = [FEATURE_INDEX[name] for name in FEATURE_NAMES if name not in features]
    logs.features[:, hidden] = np.nan
    return logs


def _play(
    policy: StochasticPolicy,
    scenario: Scenario,
    start: int,
    size: int,
    seed: int,
    difficulty: float | None,
) -> Logs:
    env = SupportVectorEnv(size, scenario, difficulty, autoreset_mode=AutoresetMode.DISABLED)
    observations, info = env.reset(seed=seed + start)
    customers, cs = env.customers, env.compiled
    steps: list[tuple[np.ndarray, ...]] = []
    while not customers.done.all():
        lanes = np.flatnonzero(~customers.done)
        turns = customers.turn[lanes].copy()
        masks = info["action_mask"].astype(bool)
        actions, propensities = policy.act_with_propensities(observations, masks, customers)
        seen = observations[lanes]
        observations, reward, _, _, info = env.step(actions)
        steps.append((lanes, turns, actions[lanes], propensities[lanes], reward[lanes], seen))
    lanes, turns, actions, propensities, rewards, seen = (
        np.concatenate(column) for column in zip(*steps, strict=True)
    )
    order = np.lexsort((turns, lanes))
    kpis = kernel.episode_kpis(cs, customers)
    inquiry = customers.inquiry
    return Logs(
        contact_ids=np.array([str(seed + start + k) for k in range(size)], dtype=object),
        industry=np.array(INDUSTRIES, dtype=object)[cs.inquiry_industry[inquiry]],
        inquiry_type=np.array(cs.inquiry_names, dtype=object)[inquiry],
        tier=customers.tier.copy(),
        outcomes={name: kpis[name].astype(np.float64) for name in OUTCOME_FIELDS},
        starts=np.concatenate([[0], np.cumsum(np.bincount(lanes, minlength=size))]),
        turn=turns[order],
        action=actions[order],
        propensity=propensities[order],
        reward=rewards[order],
        features=seen[order].astype(np.float64),
        source=f"{scenario.name} v{scenario.version}",
    )
