"""The OpenAPI snapshot the dashboard's client is generated from.

Refresh ``docs/openapi.json`` after changing the API::

    .venv/bin/python -m supportgym.server.openapi > docs/openapi.json
"""

from __future__ import annotations

import json
import sys

from supportgym.server.app import create_app
from supportgym.server.config import Settings


def openapi_text() -> str:
    """The schema as committed: sorted keys, two-space indent, a final newline.

    Built from default settings, not the environment, so it is the same everywhere.
    """
    schema = create_app(Settings.model_construct()).openapi()
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def main() -> None:
    """Print the schema to standard output."""
    sys.stdout.write(openapi_text())


if __name__ == "__main__":
    main()
