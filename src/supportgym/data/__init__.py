"""Support logs: their format, one loader, datasets, calibration, off-policy evaluation."""

from supportgym.data.logs import FORMATS, Logs, write_logs
from supportgym.data.reader import LogError, read_logs
from supportgym.data.schema import FIELDS, OUTCOME_FIELDS, LogRecord

__all__ = [
    "FIELDS",
    "FORMATS",
    "OUTCOME_FIELDS",
    "LogError",
    "LogRecord",
    "Logs",
    "read_logs",
    "write_logs",
]
