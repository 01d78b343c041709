"""Gymnasium front-ends over the kernel: single env, native vector env, curriculum."""

from supportgym.envs.curriculum import Curriculum, CurriculumWrapper
from supportgym.envs.support_env import SupportEnv
from supportgym.envs.vector_env import SupportVectorEnv

__all__ = ["Curriculum", "CurriculumWrapper", "SupportEnv", "SupportVectorEnv"]
