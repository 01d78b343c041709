"""The single-customer environment: a batch of one over the shared kernel."""

from __future__ import annotations

from typing import Any, ClassVar

import gymnasium as gym
import numpy as np

from supportgym.envs.render import format_kpis, format_opening, format_turn
from supportgym.envs.spaces import action_space, check_difficulty, check_seed, observation_space
from supportgym.sim import kernel, rng
from supportgym.sim.actions import INDUSTRIES, Tier
from supportgym.sim.compile import compile_scenario
from supportgym.sim.features import FEATURE_NAMES
from supportgym.sim.kernel import N_ACTIONS
from supportgym.sim.library import load_scenario
from supportgym.sim.schema import Scenario
from supportgym.sim.state import CustomerBatch


class SupportEnv(gym.Env[np.ndarray, np.int64]):
    """One customer contacts support; the agent picks a response strategy per turn.

    ## Description
    The customer has an issue of some inquiry type (e.g. ``fraud_dispute``). Hidden
    from the agent: the strategy that actually fixes it (standard, technical,
    escalation or compensation), the true mood, patience, the issue's complexity,
    technical savvy and upsell receptiveness. The agent sees noisy or partial views
    and adapts: clarifying questions and attempts that do or do not help move the
    ``belief_*`` features.

    ## Action Space
    ``Discrete(8)``: see :class:`supportgym.sim.Action` (EMPATHIZE … CLOSE_CASE).
    Actions that make no sense in context (escalating twice, troubleshooting a fixed
    issue…) are legal but penalized; ``info["action_mask"]`` and :meth:`action_masks`
    expose them for masked algorithms.

    ## Observation Space
    ``Box(17,)`` float32, named in ``feature_names``; bounds and meanings in
    :data:`supportgym.sim.FEATURES` and the README.

    ## Rewards
    The sum of ``info["reward_components"]``: ``satisfaction`` (change of mood),
    ``resolution`` (issue fixed, or the episode ended unresolved / unclosed; scaled
    by tier value), ``efficiency`` (handle time), ``business`` (revenue minus
    compensation and escalation cost) and ``penalty`` (masked actions).

    ## Starting State
    A customer drawn from the scenario at the given difficulty; the episode's
    randomness depends only on the reset seed (counter-based, see :mod:`supportgym.sim.rng`).

    ## Episode End
    Termination: the agent closes the case, or the customer leaves (abandons, or
    leaves satisfied once the issue is resolved). Truncation: ``max_turns`` reached.
    The final ``info["kpis"]`` holds the episode's contact-centre KPIs.

    ## Arguments
    ``scenario``: built-in name (``bfsi``, ``retail``, ``tech``, ``mixed``), YAML path
    or :class:`Scenario`. ``difficulty``: in [0, 1], default the scenario's.
    ``render_mode``: ``"ansi"`` (``render()`` returns the transcript) or ``"human"``
    (each turn is printed as it happens).

    ## Version History
    * v0: initial release.
    """

    metadata: ClassVar[dict[str, Any]] = {"render_modes": ["ansi", "human"], "render_fps": 4}

    def __init__(
        self,
        scenario: str | Scenario = "mixed",
        difficulty: float | None = None,
        render_mode: str | None = None,
    ):
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode must be one of ansi, human or None, got {render_mode!r}")
        self.scenario = load_scenario(scenario)
        self.compiled = compile_scenario(self.scenario)
        self.difficulty = check_difficulty(
            self.scenario.difficulty if difficulty is None else difficulty
        )
        self.render_mode = render_mode
        self.observation_space = observation_space()
        self.action_space = action_space()
        self.feature_names = FEATURE_NAMES
        self.customers: CustomerBatch | None = None
        self._transcript: list[str] = []
        self._action = np.zeros(1, dtype=np.int64)

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[np.ndarray, dict[str, Any]]:
        """Start a new conversation; ``seed`` fixes the customer and every later draw."""
        if seed is not None:
            check_seed(seed)
        super().reset(seed=seed)
        c = self.customers
        if seed is not None:
            key = rng.episode_keys(np.array([seed], dtype=np.uint64))
        elif c is None:
            key = rng.episode_keys(self.np_random.integers(0, 2**63, size=1))
        else:
            key = rng.next_keys(c.key)
        if c is None:
            c = self.customers = kernel.reset(self.compiled, key, self.difficulty)
        else:
            kernel.restart(self.compiled, c, key, self.difficulty)
        if self.render_mode is not None:
            header = (
                f"[{self.scenario.name} v{self.compiled.version}] "
                f"{Tier(int(c.tier[0])).name.lower()} customer, "
                f"{INDUSTRIES[self.compiled.inquiry_industry[c.inquiry[0]]]} / "
                f"{self.compiled.inquiry_names[c.inquiry[0]]}"
            )
            self._transcript = [format_opening(header, self._reply(), float(c.seen_sentiment[0]))]
            self._emit(0)
        return kernel.observe(self.compiled, c)[0], self._info()

    def step(
        self, action: int | np.integer
    ) -> tuple[np.ndarray, float, bool, bool, dict[str, Any]]:
        """Take one response strategy and hear the customer's reply."""
        c = self.customers
        if c is None:
            raise RuntimeError("call reset() before step()")
        if action.__class__ is not int or not 0 <= action < N_ACTIONS:
            if not self.action_space.contains(action):
                raise ValueError(f"action must be an integer in 0-{N_ACTIONS - 1}, got {action!r}")
        self._action[0] = action
        out = kernel.step(self.compiled, c, self._action)
        reward, *parts = out.rewards[:, 0].tolist()
        info = self._info(dict(zip(kernel.REWARD_COMPONENTS, parts, strict=True)))
        terminated, truncated = bool(out.terminated[0]), bool(out.truncated[0])
        if terminated or truncated:
            kpis = kernel.kpi_rows(self.compiled, c)[:, 0].tolist()
            info["kpis"] = dict(zip(kernel.KPIS, kpis, strict=True))
        if self.render_mode is not None:
            first_new = len(self._transcript)
            self._transcript.append(
                format_turn(
                    int(c.turn[0]),
                    int(action),
                    info["reply"],
                    float(c.seen_sentiment[0]),
                    info["reward_components"],
                )
            )
            if "kpis" in info:
                self._transcript.append(format_kpis(info["kpis"]))
            self._emit(first_new)
        return kernel.observe(self.compiled, c)[0], reward, terminated, truncated, info

    def action_masks(self) -> np.ndarray:
        """``(8,)`` bool: the actions that make sense now (sb3-contrib's MaskablePPO hook)."""
        if self.customers is None:
            return np.ones(N_ACTIONS, dtype=bool)
        return kernel.action_mask(self.compiled, self.customers)[0]

    def render(self) -> str | None:
        """The transcript so far (``"ansi"``); ``"human"`` prints as it goes."""
        if self.render_mode == "ansi":
            return "\n".join(self._transcript)
        return None

    def _reply(self) -> str:
        return self.compiled.replies.texts[self.customers.reply.item()]

    def _info(self, components: dict[str, float] | None = None) -> dict[str, Any]:
        reply = self.customers.reply.item()
        return {
            "reward_components": components or dict.fromkeys(kernel.REWARD_COMPONENTS, 0.0),
            "action_mask": kernel.action_mask_int8(self.compiled, self.customers)[0],
            "reply_id": reply,
            "reply": self.compiled.replies.texts[reply],
        }

    def _emit(self, first_new: int) -> None:
        if self.render_mode == "human":
            print("\n".join(self._transcript[first_new:]))
