"""What an agent would have seen on each logged turn: observations, masks and rewards.

A policy reads the 17 features; logs carry some of them. For each turn the
observation takes, in this order:

1. the logged value, where the logs give the feature;
2. what the contact and its earlier turns determine, as the simulator computes it:
   ``tier``, ``inquiry_type``, ``urgency`` and ``turn_fraction`` from the scenario,
   ``clarifications``, ``escalated``, ``compensated``, ``upsell_attempted`` and
   ``last_action`` from the earlier actions, ``sentiment_trend`` from the logged sentiment;
3. otherwise a default that says "nothing known yet": ``progress``, ``failed_attempts``
   and ``resolved`` 0, the beliefs the inquiry type's prior, ``sentiment`` 0.

:data:`DEFAULTED` lists the features of step 3: a policy that reads them is replayed on
defaults unless the logs carry them, and the tools say so.
"""

from __future__ import annotations

import numpy as np

from supportgym.data.logs import Logs
from supportgym.data.schema import OUTCOME_FIELDS
from supportgym.sim.actions import INDUSTRIES, Action
from supportgym.sim.compile import CompiledScenario
from supportgym.sim.features import FEATURE_INDEX as F
from supportgym.sim.features import FEATURE_NAMES
from supportgym.sim.kernel import KPIS
from supportgym.sim.tables import action_masks

DEFAULTED = (
    "sentiment",
    "progress",
    "belief_technical",
    "belief_escalation",
    "belief_compensation",
    "failed_attempts",
    "resolved",
)
"""Features that neither the contact nor its earlier actions determine."""
DERIVED = (
    "tier",
    "inquiry_type",
    "urgency",
    "turn_fraction",
    "clarifications",
    "escalated",
    "compensated",
    "upsell_attempted",
    "last_action",
)
"""Features the contact and its earlier actions determine (and ``sentiment_trend``,
when the sentiment is logged)."""
_FLAGS = {
    "escalated": Action.ESCALATE,
    "compensated": Action.OFFER_COMPENSATION,
    "upsell_attempted": Action.UPSELL,
}


def known_features(logs: Logs) -> tuple[str, ...]:
    """The features replayed as logged or as derived, not on defaults, in observation order."""
    known = {*logs.logged_features, *DERIVED}
    if "sentiment" in known:
        known.add("sentiment_trend")
    return tuple(name for name in FEATURE_NAMES if name in known)


def inquiry_indices(logs: Logs, cs: CompiledScenario) -> np.ndarray:
    """``(C,)`` index of each contact's inquiry type in the scenario."""
    index = {name: i for i, name in enumerate(cs.inquiry_names)}
    missing = sorted(set(logs.inquiry_type) - set(index))
    if missing:
        raise ValueError(
            f"{logs.source}: inquiry type {missing[0]} is not in scenario "
            f"{cs.scenario.name} ({', '.join(cs.inquiry_names)}); name a scenario that has it"
        )
    return np.array([index[name] for name in logs.inquiry_type], dtype=np.int64)


def observations(logs: Logs, cs: CompiledScenario) -> np.ndarray:
    """``(N, 17)`` float32: each logged turn's observation, see the module docstring."""
    inquiry = inquiry_indices(logs, cs)[logs.contact]
    first = np.zeros(logs.n_turns, dtype=bool)
    first[logs.starts[:-1]] = True
    obs = np.zeros((logs.n_turns, len(FEATURE_NAMES)))
    for strategy, name in enumerate(DEFAULTED[2:5], start=1):
        obs[:, F[name]] = cs.fix_prior[inquiry, strategy]
    logged = ~np.isnan(logs.features)
    obs[logged] = logs.features[logged]
    derived = {
        "tier": logs.tier[logs.contact] / 2.0,
        "inquiry_type": inquiry / max(len(cs.inquiry_names) - 1, 1),
        "urgency": cs.inquiry_urgency[inquiry],
        "turn_fraction": logs.turn / cs.max_turns,
        "last_action": np.where(first, 0, np.roll(logs.action, 1) + 1) / len(Action),
    }
    # Actions count as the simulator counts them: only where they were not masked.
    unresolved = obs[:, F["resolved"]] < 0.5
    for name, action in _FLAGS.items():
        taken = logs.action == action
        derived[name] = _before(logs, taken if name == "upsell_attempted" else taken & unresolved)
        derived[name] = derived[name] > 0
    asks = _before(logs, (logs.action == Action.ASK_CLARIFYING_QUESTION) & unresolved)
    derived["clarifications"] = (
        np.minimum(asks, cs.scalars.max_clarifications) / cs.scalars.max_asks
    )
    if "sentiment" in logs.logged_features:
        sentiment = obs[:, F["sentiment"]]
        trend = np.clip(sentiment - np.roll(sentiment, 1), -1.0, 1.0)
        derived["sentiment_trend"] = np.where(first, 0.0, trend)
    for name, values in derived.items():
        if name not in logs.logged_features:
            obs[:, F[name]] = values
    return obs.astype(np.float32)


def masks(observations: np.ndarray, cs: CompiledScenario) -> np.ndarray:
    """``(N, 8)`` bool action masks that the observed flags imply, as the simulator masks."""
    flags = {
        name: observations[:, F[name]] > 0.5
        for name in ("escalated", "compensated", "upsell_attempted", "resolved")
    }
    asked = np.rint(observations[:, F["clarifications"]] * cs.scalars.max_asks)
    flags["asks_exhausted"] = asked >= cs.scalars.max_clarifications
    return action_masks(flags)


def rewards(logs: Logs, cs: CompiledScenario) -> np.ndarray:
    """``(N,)`` float64: the logged rewards, or the simulator's reward as far as logs show it.

    Without logged rewards: every turn costs its action's handle time; the last turn
    adds the resolution term (by tier, less when a resolved customer left before the
    case was closed) and the money (revenue - compensation - escalation cost); with a
    logged sentiment, each turn adds the change of mood it led to.
    """
    if logs.has_rewards:
        return logs.reward.copy()
    scenario = cs.scenario
    weights, economics = scenario.rewards, scenario.economics
    reward = -weights.time * cs.minutes[logs.action]
    last = logs.starts[1:] - 1
    outcome = logs.outcomes
    resolved = outcome["resolved"] > 0.5
    closed = logs.action[last] == Action.CLOSE_CASE
    resolution = np.where(resolved, weights.resolution, -weights.unresolved)
    resolution -= weights.unclosed * (resolved & ~closed)
    money = outcome["revenue"] - outcome["compensation_cost"]
    money -= economics.escalation_cost * (outcome["escalated"] > 0.5)
    reward[last] += cs.tier_value[logs.tier] * resolution + weights.business * money
    if "sentiment" in logs.logged_features:
        sentiment = logs.features[:, F["sentiment"]]
        change = np.roll(sentiment, -1) - sentiment
        change[last] = 0.0
        reward += weights.satisfaction * change
    return reward


def _before(logs: Logs, hits: np.ndarray) -> np.ndarray:
    """``(N,)`` int64: per turn, how many earlier turns of the same contact were ``hits``."""
    running = np.cumsum(hits) - hits
    return running - running[logs.starts[:-1]][logs.contact]


def kpis(logs: Logs, cs: CompiledScenario) -> dict[str, np.ndarray]:
    """``(C,)`` per contact, each KPI of ``kernel.KPIS`` as the simulator defines it."""
    outcome, economics = logs.outcomes, cs.scenario.economics
    resolved, escalated = outcome["resolved"], outcome["escalated"]
    net_value = outcome["revenue"] - outcome["compensation_cost"]
    net_value -= economics.escalation_cost * escalated
    net_value -= economics.cost_per_minute * outcome["handle_minutes"]
    net_value -= economics.unresolved_cost * (1.0 - resolved)
    values = {
        **outcome,
        "first_contact_resolution": resolved * (1.0 - escalated),
        "turns": np.diff(logs.starts).astype(np.float64),
        "net_value": net_value,
    }
    return {name: values[name] for name in KPIS}


def final_observations(logs: Logs, cs: CompiledScenario) -> np.ndarray:
    """``(C, 17)`` float32: what each contact looked like after its last action.

    Logs stop at the last action, so this is the last turn's observation moved on by
    what that action does as the simulator counts it (turn, last action, the flags and
    clarifications it sets), with ``resolved`` and ``progress`` at 1 for resolved
    contacts; the rest (the mood, the beliefs) stays as last seen.
    """
    last = logs.starts[1:] - 1
    obs = observations(logs, cs)[last].astype(np.float64)
    action = logs.action[last]
    unresolved = obs[:, F["resolved"]] < 0.5
    obs[:, F["turn_fraction"]] = (logs.turn[last] + 1) / cs.max_turns
    obs[:, F["last_action"]] = (action + 1) / len(Action)
    for name, flag_action in _FLAGS.items():
        sets = (action == flag_action) & (unresolved | (name == "upsell_attempted"))
        obs[:, F[name]] = np.maximum(obs[:, F[name]], sets)
    asked = (action == Action.ASK_CLARIFYING_QUESTION) & unresolved
    raised = obs[:, F["clarifications"]] + asked / cs.scalars.max_asks
    obs[:, F["clarifications"]] = np.minimum(raised, 1.0)
    resolved = logs.outcomes["resolved"] > 0.5
    obs[resolved, F["resolved"]] = 1.0
    obs[resolved, F["progress"]] = 1.0
    return obs.astype(np.float32)


def observe_conversation(
    cs: CompiledScenario,
    inquiry_type: str,
    tier: int,
    actions: list[int],
    sentiments: list[float | None],
) -> np.ndarray:
    """``(17,)`` float32: what the agent sees now, in a conversation described by its history.

    ``actions`` are the agent's earlier actions in order, ``sentiments`` the mood read
    before each of them and now (one more than the actions; ``None`` where unknown). The
    observation is replayed as for logs: what the history determines, defaults for the rest.
    """
    industry = cs.inquiry_industry[cs.inquiry_names.index(inquiry_type)]
    turns = len(actions) + 1
    features = np.full((turns, len(FEATURE_NAMES)), np.nan)
    features[:, F["sentiment"]] = [np.nan if s is None else s for s in sentiments]
    logs = Logs(
        contact_ids=np.array(["now"], dtype=object),
        industry=np.array([INDUSTRIES[industry]], dtype=object),
        inquiry_type=np.array([inquiry_type], dtype=object),
        tier=np.array([tier]),
        outcomes={name: np.zeros(1) for name in OUTCOME_FIELDS},
        starts=np.array([0, turns]),
        turn=np.arange(turns),
        action=np.array([*actions, Action.CLOSE_CASE], dtype=np.int64),
        propensity=np.full(turns, np.nan),
        reward=np.full(turns, np.nan),
        features=features,
    )
    return observations(logs, cs)[-1]
