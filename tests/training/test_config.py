"""Training configuration: shipped defaults, overrides, validation."""

import pytest

from supportgym.training.config import (
    TrainConfig,
    accepted_hyperparameters,
    default_hyperparameters,
    parse_overrides,
)

ALGORITHMS = ["ppo", "a2c", "dqn", "maskable_ppo"]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_every_default_is_an_argument_of_the_algorithm(algorithm: str) -> None:
    defaults = default_hyperparameters(algorithm)
    assert defaults["policy"] == "MlpPolicy"
    assert set(defaults) <= accepted_hyperparameters(algorithm)


def test_overrides_replace_defaults() -> None:
    config = TrainConfig("ppo", "retail", overrides=parse_overrides(["n_steps=64", "gamma=0.9"]))
    assert config.hyperparameters["n_steps"] == 64
    assert config.hyperparameters["gamma"] == 0.9
    assert config.hyperparameters["batch_size"] == default_hyperparameters("ppo")["batch_size"]


def test_override_values_are_yaml() -> None:
    parsed = parse_overrides(["policy_kwargs={net_arch: [32, 32]}", "learning_rate=1e-3"])
    assert parsed == {"policy_kwargs": {"net_arch": [32, 32]}, "learning_rate": 1e-3}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"algorithm": "sac"}, "unknown algorithm 'sac'"),
        ({"algorithm": "ppo", "scenario": "nowhere"}, "unknown scenario 'nowhere'"),
        ({"algorithm": "ppo", "total_timesteps": 0}, "timesteps must be at least 1"),
        ({"algorithm": "ppo", "total_timesteps": -5}, "timesteps must be at least 1"),
        ({"algorithm": "ppo", "n_envs": 0}, "n_envs"),
        ({"algorithm": "ppo", "seed": -1}, "seed"),
        ({"algorithm": "ppo", "difficulty": 2.0}, "difficulty"),
        ({"algorithm": "dqn", "overrides": {"n_epochs": 3}}, "dqn has no hyperparameter n_epochs"),
    ],
)
def test_bad_configurations_are_rejected(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TrainConfig(**kwargs)


@pytest.mark.parametrize("item", ["n_steps", "=3", "x=[1,"])
def test_malformed_overrides_are_rejected(item: str) -> None:
    with pytest.raises(ValueError):
        parse_overrides([item])


def test_training_cannot_change_the_shipped_defaults() -> None:
    from stable_baselines3 import A2C

    from supportgym.training.sb3_vec_env import SupportSB3VecEnv

    config = TrainConfig("a2c", "retail")
    hyperparameters = config.hyperparameters
    policy = hyperparameters.pop("policy")
    A2C(policy, SupportSB3VecEnv(2, "retail"), device="cpu", **hyperparameters)
    assert "optimizer_class" in hyperparameters["policy_kwargs"]  # SB3 writes into its input
    assert "optimizer_class" not in config.hyperparameters["policy_kwargs"]
    assert "optimizer_class" not in TrainConfig("a2c", "retail").hyperparameters["policy_kwargs"]
