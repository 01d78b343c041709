"""Learning a policy from logs: behaviour cloning and conservative Q-learning, as stored runs.

The logged turns are replayed as the observations an agent would have had
(:mod:`supportgym.data.replay`), then SB3's own networks are trained on them with plain
PyTorch, so that the result is an ordinary SB3 model that plays, evaluates and compares
like any run:

- ``bc``: the PPO policy network, trained to take the logged actions (cross-entropy);
- ``cql``: the DQN Q-network, trained by discrete conservative Q-learning (Kumar et al.,
  2020): the TD error towards ``r + gamma * max_a' Q_target(s', a')`` over the actions
  the simulator allows next, plus ``alpha * (logsumexp_a Q(s, a) - Q(s, a_logged))``,
  which keeps the Q-values of actions the logs never took from looking good.

After every epoch the policy plays 256 simulated contacts (training seeds) and the run
records ``offline/loss`` and the episodes' ``episode/return`` and ``kpi/<name>``.
(d3rlpy would do the same; its releases pin gymnasium 1.0, which this package is past.)
"""

from __future__ import annotations

import copy
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import torch
from torch.nn import functional

import supportgym
from supportgym.data import replay
from supportgym.data.datasets import load_dataset
from supportgym.policies import rollout
from supportgym.policies.sb3 import OFFLINE_ALGORITHMS, ModelPolicy, algorithm_class
from supportgym.sim.compile import compile_scenario
from supportgym.sim.library import load_scenario
from supportgym.sim.schema import Scenario
from supportgym.store import AbstractStore, Dataset, MetricPoint, Run, RunStatus, run_dir
from supportgym.training.callbacks import save_atomically
from supportgym.training.config import default_hyperparameters
from supportgym.training.sb3_vec_env import SupportSB3VecEnv

ProgressHook = Callable[[Run, dict[str, float]], None]
EVALUATION_EPISODES = 256
MODEL_FILE = "model.zip"


@dataclass(frozen=True)
class OfflineConfig:
    """A policy learned from a stored dataset; validated on construction."""

    algorithm: str
    """``bc`` or ``cql``."""
    dataset: str
    """The name of an imported dataset."""
    scenario: str | Scenario | None = None
    """The scenario the logs are replayed and the policy played in; default: the built-in
    scenario of the logs' industry."""
    seed: int = 0
    overrides: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.algorithm not in OFFLINE_ALGORITHMS:
            choices = ", ".join(OFFLINE_ALGORITHMS)
            raise ValueError(f"unknown offline algorithm {self.algorithm!r}; choose {choices}")
        unknown = sorted(set(self.overrides) - set(default_hyperparameters(self.algorithm)))
        if unknown:
            raise ValueError(f"{self.algorithm} has no hyperparameter {', '.join(unknown)}")
        for key in ("epochs", "batch_size"):
            value = self.hyperparameters[key]
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{key} must be a positive integer, got {value!r}")

    @cached_property
    def hyperparameters(self) -> dict[str, Any]:
        """The shipped defaults with the overrides applied."""
        return {**default_hyperparameters(self.algorithm), **copy.deepcopy(self.overrides)}


def train_offline(
    config: OfflineConfig, store: AbstractStore, on_progress: ProgressHook | None = None
) -> Run:
    """Learn from the dataset as a stored run and return the finished run."""
    dataset = store.find_dataset(config.dataset)
    if dataset is None:
        raise ValueError(f"dataset {config.dataset} not found (supportgym logs list shows them)")
    logs = load_dataset(dataset)
    industries = sorted(set(logs.industry))
    scenario = load_scenario(
        config.scenario or (industries[0] if len(industries) == 1 else "mixed")
    )
    batch = _Turns.of(logs, compile_scenario(scenario))
    hp = config.hyperparameters
    run = _record(config, dataset, scenario, hp["epochs"] * logs.n_turns, store)
    torch.manual_seed(config.seed)
    model = _model(config.algorithm, scenario, hp, config.seed)
    learner = (_Cloning if config.algorithm == "bc" else _ConservativeQ)(
        model, batch, hp, config.seed
    )
    store.start_run(run.id, pid=os.getpid(), hostname=socket.gethostname())
    started = time.monotonic()
    try:
        for epoch in range(1, hp["epochs"] + 1):
            loss = learner.epoch()
            played = rollout(
                ModelPolicy(model, config.algorithm), scenario, EVALUATION_EPISODES, config.seed
            )
            values = {
                "offline/loss": loss,
                "offline/epoch": float(epoch),
                "episode/return": float(played.returns.mean()),
                **{f"kpi/{k}": float(v.mean()) for k, v in played.kpis.items()},
                "progress": epoch / hp["epochs"],
            }
            step = epoch * logs.n_turns
            store.add_metrics(
                run.id, [MetricPoint(run.id, step, time.monotonic() - started, values)]
            )
            current = store.update_run(run.id, timesteps_done=step)
            if on_progress is not None:
                on_progress(current, values)
    except KeyboardInterrupt:
        store.finish_run(run.id, RunStatus.INTERRUPTED)
        raise
    except Exception as error:
        store.finish_run(run.id, RunStatus.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    folder = run_dir(run.id)
    folder.mkdir(parents=True, exist_ok=True)
    model_path = save_atomically(model, folder / MODEL_FILE)
    model_path.with_suffix(".algorithm").write_text(config.algorithm)
    store.update_run(run.id, model_path=str(model_path))
    return store.finish_run(run.id, RunStatus.COMPLETED)


def _record(
    config: OfflineConfig, dataset: Dataset, scenario: Scenario, samples: int, store: AbstractStore
) -> Run:
    store.upsert_scenario(scenario)
    hyperparameters = {
        **config.hyperparameters,
        "dataset": dataset.name,
        "dataset_sha256": dataset.content_hash,
    }
    return store.create_run(
        algorithm=config.algorithm,
        scenario=scenario.name,
        scenario_version=scenario.version,
        difficulty=scenario.difficulty,
        hyperparameters=hyperparameters,
        seed=config.seed,
        n_envs=1,
        total_timesteps=samples,
        package_version=supportgym.__version__,
    )


def _model(algorithm: str, scenario: Scenario, hp: dict[str, Any], seed: int) -> Any:
    """A fresh SB3 model whose networks the offline algorithm trains."""
    env = SupportSB3VecEnv(1, scenario)
    kwargs: dict[str, Any] = {"policy_kwargs": copy.deepcopy(hp["policy_kwargs"])}
    if algorithm == "cql":
        kwargs["buffer_size"] = 1  # SB3's replay buffer stays unused: the logs are the data
    model = algorithm_class(algorithm)(
        "MlpPolicy", env, seed=seed, device="cpu", learning_rate=hp["learning_rate"], **kwargs
    )
    for group in model.policy.optimizer.param_groups:
        group["lr"] = hp["learning_rate"]
    return model


@dataclass(frozen=True)
class _Turns:
    """The logged turns as tensors: what each turn saw, did, earned, and what came next."""

    observations: torch.Tensor  # (N, 17)
    actions: torch.Tensor  # (N,) int64
    rewards: torch.Tensor  # (N,)
    next_observations: torch.Tensor  # (N, 17): the contact's next turn (itself after the last)
    next_masks: torch.Tensor  # (N, 8) bool
    last: torch.Tensor  # (N,) float: 1 on a contact's last turn

    @classmethod
    def of(cls, logs: Any, cs: Any) -> _Turns:
        observations = replay.observations(logs, cs)
        masks = replay.masks(observations, cs)
        last = logs.last
        following = np.where(last, np.arange(logs.n_turns), np.arange(logs.n_turns) + 1)
        return cls(
            observations=torch.as_tensor(observations),
            actions=torch.as_tensor(logs.action),
            rewards=torch.as_tensor(replay.rewards(logs, cs), dtype=torch.float32),
            next_observations=torch.as_tensor(observations[following]),
            next_masks=torch.as_tensor(masks[following]),
            last=torch.as_tensor(last, dtype=torch.float32),
        )

    def batches(self, size: int, generator: torch.Generator) -> Any:
        order = torch.randperm(len(self.actions), generator=generator)
        for start in range(0, len(order), size):
            yield order[start : start + size]


class _Cloning:
    """Behaviour cloning: one epoch of cross-entropy on the logged actions at a time."""

    def __init__(self, model: Any, turns: _Turns, hp: dict[str, Any], seed: int):
        self.policy, self.turns, self.hp = model.policy, turns, hp
        self.generator = torch.Generator().manual_seed(seed)

    def epoch(self) -> float:
        """One pass over the logged turns; the mean loss."""
        policy, turns, losses = self.policy, self.turns, []
        policy.set_training_mode(True)
        for rows in turns.batches(self.hp["batch_size"], self.generator):
            _, log_prob, _ = policy.evaluate_actions(turns.observations[rows], turns.actions[rows])
            loss = -log_prob.mean()
            policy.optimizer.zero_grad()
            loss.backward()
            policy.optimizer.step()
            losses.append(loss.item())
        policy.set_training_mode(False)
        return float(np.mean(losses))


class _ConservativeQ:
    """Discrete CQL on SB3's DQN networks, one epoch at a time."""

    def __init__(self, model: Any, turns: _Turns, hp: dict[str, Any], seed: int):
        self.model, self.turns, self.hp = model, turns, hp
        self.generator = torch.Generator().manual_seed(seed)
        self.updates = 0

    def epoch(self) -> float:
        """One pass over the logged turns; the mean loss."""
        q_net, target, turns, hp = self.model.q_net, self.model.q_net_target, self.turns, self.hp
        optimizer, losses = self.model.policy.optimizer, []
        self.model.policy.set_training_mode(True)
        for rows in turns.batches(hp["batch_size"], self.generator):
            q = q_net(turns.observations[rows])
            taken = q.gather(1, turns.actions[rows, None]).squeeze(1)
            with torch.no_grad():
                following = target(turns.next_observations[rows])
                best = following.masked_fill(~turns.next_masks[rows], -torch.inf).max(dim=1).values
                goal = turns.rewards[rows] + hp["gamma"] * (1.0 - turns.last[rows]) * best
            conservative = (torch.logsumexp(q, dim=1) - taken).mean()
            loss = functional.smooth_l1_loss(taken, goal) + hp["alpha"] * conservative
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(q_net.parameters(), 10.0)
            optimizer.step()
            self.updates += 1
            if self.updates % hp["target_update_interval"] == 0:
                target.load_state_dict(q_net.state_dict())
            losses.append(loss.item())
        self.model.policy.set_training_mode(False)
        return float(np.mean(losses))
