"""The benchmark suite (``supportgym bench``): SupportGym against gymnasium and SB3 references."""

from supportgym.bench.common import Budget, Row
from supportgym.bench.runner import markdown_table, run_suite, write_report

__all__ = ["Budget", "Row", "markdown_table", "run_suite", "write_report"]
