"""Calibration: a scenario fitted to logs, and the report of the fit."""

from supportgym.data.calibration.fit import calibrate
from supportgym.data.calibration.report import Calibration, markdown, write_scenario

__all__ = ["Calibration", "calibrate", "markdown", "write_scenario"]
