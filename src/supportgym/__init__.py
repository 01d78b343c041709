"""SupportGym: a reinforcement-learning workbench for customer-support decision policies.

Importing the package registers the Gymnasium ids (``SupportGym/Retail-v0`` …).
"""

from supportgym.envs.registration import ENV_IDS, register_envs

register_envs()

__all__ = ["ENV_IDS", "__version__", "register_envs"]


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata on first use (it costs an import)."""
    if name != "__version__":
        raise AttributeError(f"module 'supportgym' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("supportgym")
    except PackageNotFoundError:  # running from a source tree without installation
        return "0.0.0"
