"""The log format: one record per agent turn, in the simulator's vocabulary.

A record names its contact, the customer (industry, inquiry type, tier), the turn and
the action taken; optionally the logging policy's propensity for that action, the
turn's reward and any of the 17 observation features by name (``sentiment`` is the
one most logs have). The contact's outcome (the KPIs ``resolved`` … ``compensation_cost``)
is given on its last turn, and may be repeated on earlier ones with the same values.
``docs/logs.md`` is the reader's version of this module.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from supportgym.sim.actions import Action, Tier
from supportgym.sim.features import FEATURE_INDEX, FEATURES
from supportgym.sim.schema import ActionName, Industry

ACTION_NAMES = tuple(a.name.lower() for a in Action)
TIER_NAMES = tuple(t.name.lower() for t in Tier)
OUTCOME_FIELDS = (
    "resolved",
    "escalated",
    "abandoned",
    "csat",
    "handle_minutes",
    "revenue",
    "compensation_cost",
)
"""The contact's outcome: KPI names of :data:`supportgym.sim.kernel.KPIS`."""
CONTACT_FIELDS = ("contact_id", "industry", "inquiry_type", "tier")
"""Fields that describe the contact and so must be the same on each of its turns."""
NESTED_FEATURES = tuple(f.name for f in FEATURES if f.name not in (*CONTACT_FIELDS, "sentiment"))
"""The features a record may give under ``features``: all but ``sentiment`` (a field of
its own) and ``tier`` and ``inquiry_type`` (contact fields; the observation's numbers for
them follow from the scenario)."""
FEATURE_FIELDS = ("sentiment", *NESTED_FEATURES)
"""Every feature a record may give."""
FEATURES_PREFIX = "features."
"""Tabular files (CSV, Parquet) spell the nested features as ``features.<name>`` columns."""


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _bounded(name: str) -> Any:
    """An optional feature's field, with the feature's bounds and meaning."""
    feature = FEATURES[FEATURE_INDEX[name]]
    description = f"Seen before the action: {feature.description}"
    return Field(default=None, ge=feature.low, le=feature.high, description=description)


LoggedFeatures: type[_Frozen] = create_model(
    "LoggedFeatures",
    __base__=_Frozen,
    __doc__="Observation features seen before the action, by name (any subset).",
    **{name: (float | None, _bounded(name)) for name in NESTED_FEATURES},
)


class LogRecord(_Frozen):
    """One agent turn of a logged contact."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)

    contact_id: str = Field(min_length=1, max_length=128, description="The contact's id.")
    industry: Industry = Field(description="bfsi, retail or tech.")
    inquiry_type: str = Field(
        min_length=1, max_length=64, description="An inquiry type of the industry."
    )
    tier: Literal[TIER_NAMES] = Field(description="standard, premium or vip.")  # type: ignore[valid-type]
    turn: int = Field(ge=0, le=10_000, description="0 for the contact's first agent turn.")
    action: ActionName = Field(description="The response strategy taken.")
    propensity: float | None = Field(
        default=None, gt=0.0, le=1.0, description="Probability the logging policy gave the action."
    )
    reward: float | None = Field(
        default=None, ge=-1e6, le=1e6, description="The turn's reward, if the logs define one."
    )
    sentiment: float | None = _bounded("sentiment")
    features: LoggedFeatures | None = None  # type: ignore[valid-type]
    resolved: bool | None = None
    escalated: bool | None = None
    abandoned: bool | None = None
    csat: int | None = Field(default=None, ge=1, le=5)
    handle_minutes: float | None = Field(default=None, ge=0.0, le=1e6)
    revenue: float | None = Field(default=None, ge=0.0, le=1e9)
    compensation_cost: float | None = Field(default=None, ge=0.0, le=1e9)


FIELDS = (
    *(name for name in LogRecord.model_fields if name != "features"),
    *(FEATURES_PREFIX + name for name in NESTED_FEATURES),
)
"""The columns of a tabular log file, in order."""
