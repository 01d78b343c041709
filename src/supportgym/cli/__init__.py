"""The ``supportgym`` command line: Typer commands with Rich output."""

from supportgym.cli.main import app

__all__ = ["app"]
