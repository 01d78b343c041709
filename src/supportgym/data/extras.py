"""The optional libraries of the data tools, imported when first needed.

``pip install 'supportgym[data]'`` (which ``make install`` does) brings them all; without
it, the tool that needs one says so in one line instead of failing on an import.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def require(module: str, purpose: str) -> ModuleType:
    """Import ``module``, or raise a ``ValueError`` saying which extra ``purpose`` needs."""
    try:
        return importlib.import_module(module)
    except ImportError:
        package = module.split(".")[0]
        raise ValueError(f"{purpose} needs {package}: pip install 'supportgym[data]'") from None
