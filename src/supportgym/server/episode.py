"""One live conversation of an environment session: the env, its transcript, its state.

A thin shell over :class:`~supportgym.envs.SupportEnv`: the trajectory is exactly the
env's for the same scenario, seed and actions. Not thread-safe on its own; the
session manager serializes access.
"""

from __future__ import annotations

import numpy as np

from supportgym.envs import SupportEnv
from supportgym.policies import Policy, RandomPolicy
from supportgym.server.errors import Conflict
from supportgym.server.schemas.envs import (
    ACTION_NAMES,
    CustomerHeader,
    EnvStep,
    EnvTurn,
    FeatureValue,
)
from supportgym.sim.actions import INDUSTRIES, Action, Tier
from supportgym.sim.features import FEATURES
from supportgym.sim.schema import Scenario


def observation(values: np.ndarray) -> list[FeatureValue]:
    """The observation vector as named features with bounds and meaning."""
    return [
        FeatureValue(name=f.name, value=float(v), low=f.low, high=f.high, description=f.description)
        for f, v in zip(FEATURES, values, strict=True)
    ]


def action_probabilities(
    policy: Policy, observations: np.ndarray, masks: np.ndarray, action: int
) -> list[float]:
    """The ``(8,)`` probabilities behind ``policy``'s choice of ``action``.

    A trained model reports its own; the random policy is uniform; the other built-in
    rules are deterministic, so their choice has probability one.
    """
    probabilities = getattr(policy, "action_probabilities", None)
    if probabilities is not None:
        return [float(p) for p in np.asarray(probabilities(observations, masks))[0]]
    if isinstance(policy, RandomPolicy):
        return [1.0 / len(Action)] * len(Action)
    return [float(a == action) for a in range(len(Action))]


class Episode:
    """The conversation of one session; ``reset`` starts the next one."""

    def __init__(self, scenario: Scenario, seed: int, difficulty: float | None = None):
        self.env = SupportEnv(scenario, difficulty)
        self.episode = 0
        self.reset(seed)

    @property
    def done(self) -> bool:
        """Whether the conversation has ended."""
        return self.terminated or self.truncated

    def reset(self, seed: int) -> None:
        """Start a new conversation with the customer ``seed`` names."""
        obs, info = self.env.reset(seed=seed)
        c = self.env.customers
        cs = self.env.compiled
        self.seed = seed
        self.episode += 1
        self.customer = CustomerHeader(
            industry=INDUSTRIES[int(cs.inquiry_industry[c.inquiry[0]])],
            tier=Tier(int(c.tier[0])).name.lower(),  # type: ignore[arg-type]
            inquiry=str(cs.inquiry_names[c.inquiry[0]]),
        )
        self.opening = str(info["reply"])
        self.observation = obs
        self.action_mask = info["action_mask"].astype(bool)
        self.sentiment = float(c.seen_sentiment[0])
        self.turns: list[EnvTurn] = []
        self.terminated = self.truncated = False
        self.kpis: dict[str, float] | None = None

    def step(
        self,
        action: Action,
        policy: str | None = None,
        probabilities: list[float] | None = None,
    ) -> EnvStep:
        """Take one action; refused (409) once the conversation has ended."""
        self._check_running()
        obs, reward, terminated, truncated, info = self.env.step(int(action))
        self.observation = obs
        self.action_mask = info["action_mask"].astype(bool)
        self.sentiment = float(self.env.customers.seen_sentiment[0])
        self.terminated, self.truncated = terminated, truncated
        self.kpis = info.get("kpis")
        turn = EnvTurn(
            turn=len(self.turns) + 1,
            action=int(action),
            action_name=ACTION_NAMES[int(action)],  # type: ignore[arg-type]
            reply=str(info["reply"]),
            reward=float(reward),
            reward_components=info["reward_components"],
            sentiment=self.sentiment,
            terminated=terminated,
            truncated=truncated,
            kpis=self.kpis,
            policy=policy,
            action_probabilities=probabilities,
        )
        self.turns.append(turn)
        return EnvStep(
            **turn.model_dump(),
            observation=observation(obs),
            action_mask=self.action_mask.tolist(),
        )

    def play(self, policy: Policy, label: str) -> EnvStep:
        """Let ``policy`` choose the next action and take it."""
        self._check_running()
        observations = self.observation[None, :]
        masks = self.action_mask[None, :]
        action = int(policy.act(observations, masks, self.env.customers)[0])
        probabilities = action_probabilities(policy, observations, masks, action)
        return self.step(Action(action), label, probabilities)

    def _check_running(self) -> None:
        if self.done:
            raise Conflict(
                f"episode {self.episode} has ended after {len(self.turns)} turns; "
                "reset the session to start another"
            )
