"""Environment-session operations shared by the REST routes and the WebSocket.

Each function runs synchronously (FastAPI runs sync routes in its threadpool): an env
step is short and CPU-bound. Access to one session is serialized by its lock.
"""

from __future__ import annotations

import secrets

from supportgym.policies import Policy
from supportgym.server.autoplay import PolicyLoader
from supportgym.server.catalog import find_scenario
from supportgym.server.episode import Episode, observation
from supportgym.server.schemas.common import MAX_AUTOPLAY_STEPS
from supportgym.server.schemas.envs import (
    ACTION_NAMES,
    EnvAutoplay,
    EnvSessionCreate,
    EnvSessionDetail,
    EnvSessionPublic,
    EnvStep,
)
from supportgym.server.sessions import SessionManager
from supportgym.sim.actions import Action
from supportgym.store import AbstractStore

DRAWN_SEEDS = 2**31
"""A seed the server draws is below this: short enough to read out and type back."""


def draw_seed() -> int:
    """A fresh seed for a client that did not give one."""
    return secrets.randbelow(DRAWN_SEEDS)


def public(session_id: str, episode: Episode) -> EnvSessionPublic:
    """The session's current state."""
    env = episode.env
    return EnvSessionPublic(
        id=session_id,
        scenario=env.scenario.name,
        scenario_version=env.compiled.version,
        seed=episode.seed,
        difficulty=env.difficulty,
        max_turns=env.scenario.max_turns,
        episode=episode.episode,
        customer=episode.customer,
        opening=episode.opening,
        observation=observation(episode.observation),
        action_mask=episode.action_mask.tolist(),
        actions=list(ACTION_NAMES),  # type: ignore[arg-type]
        sentiment=episode.sentiment,
        turn=len(episode.turns),
        terminated=episode.terminated,
        truncated=episode.truncated,
        kpis=episode.kpis,
    )


def create(
    sessions: SessionManager, store: AbstractStore, body: EnvSessionCreate
) -> EnvSessionPublic:
    """Start a session on a built-in or uploaded scenario."""
    scenario = find_scenario(store, body.scenario, body.version).definition
    seed = draw_seed() if body.seed is None else body.seed
    live = sessions.create(lambda: Episode(scenario, seed, body.difficulty))
    with live.lock:
        return public(live.id, live.episode)


def read(sessions: SessionManager, session_id: str) -> EnvSessionDetail:
    """The session with its transcript."""
    with sessions.use(session_id) as episode:
        return EnvSessionDetail(
            **public(session_id, episode).model_dump(), turns=list(episode.turns)
        )


def reset(sessions: SessionManager, session_id: str, seed: int | None) -> EnvSessionPublic:
    """Start the session's next conversation."""
    with sessions.use(session_id) as episode:
        episode.reset(draw_seed() if seed is None else seed)
        return public(session_id, episode)


def step(sessions: SessionManager, session_id: str, action: Action) -> EnvStep:
    """Take the client's action."""
    with sessions.use(session_id) as episode:
        return episode.step(action)


def load_policy(
    sessions: SessionManager,
    policies: PolicyLoader,
    store: AbstractStore,
    session_id: str,
    spec: str,
) -> Policy:
    """The policy ``spec`` names, made for the session's scenario."""
    compiled = sessions.get(session_id).episode.env.compiled
    return policies.load(spec, compiled, store)


def play_turn(sessions: SessionManager, session_id: str, policy: Policy, label: str) -> EnvStep:
    """Let ``policy`` take one turn."""
    with sessions.use(session_id) as episode:
        return episode.play(policy, label)


def autoplay(
    sessions: SessionManager,
    session_id: str,
    policy: Policy,
    label: str,
    steps: int | None,
) -> EnvAutoplay:
    """Let ``policy`` play ``steps`` turns or to the end, whichever comes first."""
    with sessions.use(session_id) as episode:
        played = [episode.play(policy, label)]
        while not episode.done and len(played) < (steps or MAX_AUTOPLAY_STEPS):
            played.append(episode.play(policy, label))
        return EnvAutoplay(
            policy=label,
            steps=played,
            terminated=episode.terminated,
            truncated=episode.truncated,
            kpis=episode.kpis,
        )
