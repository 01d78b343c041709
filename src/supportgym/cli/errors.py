"""One place that turns bad input into a single ``error: …`` line and exit code 2."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperGroup

USAGE_ERROR = 2
"""Exit code for bad input, the same as Typer's own usage errors."""


def fail(message: str, code: int = USAGE_ERROR, details: Iterable[str] = ()) -> NoReturn:
    """Print ``error: message`` as one line on stderr (then any ``details``) and exit."""
    console = Console(stderr=True, soft_wrap=True, highlight=False)
    console.print(f"[red]error:[/] {escape(message)}")
    for line in details:
        console.print(f"  {escape(line)}")
    raise typer.Exit(code)


class OneLineErrors(TyperGroup):
    """The root command group: a ``ValueError`` anywhere below it is the user's bad input.

    The core reports unknown names, invalid scenario files (:class:`ScenarioError`,
    including unreadable ones) and out-of-range arguments as ``ValueError``; Typer
    reports its own range and type checks as ``BadParameter``. Both become one line.
    """

    def invoke(self, ctx: typer.Context) -> Any:
        """Run the command, reporting bad input without a traceback."""
        try:
            return super().invoke(ctx)
        except typer.BadParameter as error:
            fail(error.format_message())
        except ValueError as error:
            fail(str(error))
