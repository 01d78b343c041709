"""SupportGym: a reinforcement-learning workbench for customer-support decision policies.

Importing the package registers the Gymnasium ids (``SupportGym/Retail-v0`` …).
"""

from importlib.metadata import PackageNotFoundError, version

from supportgym.envs.registration import ENV_IDS, register_envs

try:
    __version__ = version("supportgym")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"

register_envs()

__all__ = ["ENV_IDS", "__version__", "register_envs"]
