"""Callbacks: the curriculum raises the env's difficulty; metrics reach the sink."""

from stable_baselines3 import PPO

from supportgym.envs.curriculum import Curriculum
from supportgym.training.callbacks import CurriculumCallback, EpisodeMetricsCallback
from supportgym.training.sb3_vec_env import SupportSB3VecEnv


def _tiny_ppo(env: SupportSB3VecEnv) -> PPO:
    return PPO("MlpPolicy", env, n_steps=32, batch_size=64, n_epochs=1, seed=0, device="cpu")


def test_curriculum_callback_raises_the_difficulty_of_new_episodes() -> None:
    env = SupportSB3VecEnv(4, "retail", difficulty=0.9)
    curriculum = Curriculum(levels=(0.0, 0.5, 1.0), threshold=0.01, window=4)
    _tiny_ppo(env).learn(512, callback=CurriculumCallback(curriculum))
    assert curriculum.level == 2
    assert env.env.difficulty == 1.0
    assert set(env.env.customers.difficulty) <= {0.0, 0.5, 1.0}


def test_curriculum_callback_starts_at_the_first_level() -> None:
    env = SupportSB3VecEnv(2, "retail", difficulty=0.9)
    curriculum = Curriculum(levels=(0.2, 0.8), threshold=1.0, window=10_000)
    _tiny_ppo(env).learn(64, callback=CurriculumCallback(curriculum))
    assert env.env.difficulty == 0.2


def test_metrics_reach_the_sink_with_every_component_and_kpi() -> None:
    received: list[tuple[int, dict[str, float]]] = []
    env = SupportSB3VecEnv(4, "tech")
    callback = EpisodeMetricsCallback(
        lambda step, values: received.append((step, values)), interval=0.0, total_timesteps=256
    )
    _tiny_ppo(env).learn(256, callback=callback)
    steps = [step for step, _ in received]
    assert steps == sorted(steps) and steps[-1] >= 256
    names = set().union(*(values for _, values in received))
    assert {"reward/satisfaction", "reward/penalty", "kpi/csat", "kpi/net_value"} <= names
    assert received[-1][1]["progress"] == 1.0
