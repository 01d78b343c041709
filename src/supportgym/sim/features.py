"""The 17 observed features: names, bounds and meaning, in observation order."""

from __future__ import annotations

from typing import NamedTuple


class Feature(NamedTuple):
    """One observation feature."""

    name: str
    low: float
    high: float
    description: str


FEATURES = (
    Feature("sentiment", -1.0, 1.0, "Customer mood as read from the conversation (noisy)."),
    Feature("sentiment_trend", -1.0, 1.0, "Change of the observed mood since the last turn."),
    Feature("tier", 0.0, 1.0, "Customer tier: 0 standard, 0.5 premium, 1 VIP."),
    Feature("inquiry_type", 0.0, 1.0, "Inquiry type: its index in the scenario / (K - 1)."),
    Feature("urgency", 0.0, 1.0, "Urgency of the inquiry type."),
    Feature("turn_fraction", 0.0, 1.0, "Turns used / max_turns."),
    Feature(
        "progress", 0.0, 1.0, "Progress towards resolution as the customer reports it (noisy)."
    ),
    Feature("belief_technical", 0.0, 1.0, "Evidence so far that troubleshooting is needed."),
    Feature("belief_escalation", 0.0, 1.0, "Evidence so far that a specialist is needed."),
    Feature("belief_compensation", 0.0, 1.0, "Evidence so far that compensation is needed."),
    Feature("clarifications", 0.0, 1.0, "Clarifying questions asked / the scenario's maximum."),
    Feature("failed_attempts", 0.0, 1.0, "Solution attempts that did not help / 4 (capped)."),
    Feature("escalated", 0.0, 1.0, "1 once the case has been escalated."),
    Feature("compensated", 0.0, 1.0, "1 once compensation has been offered."),
    Feature("upsell_attempted", 0.0, 1.0, "1 once an upsell has been attempted."),
    Feature("resolved", 0.0, 1.0, "1 once the customer confirms the issue is fixed."),
    Feature("last_action", 0.0, 1.0, "(last action + 1) / 8; 0 before the first action."),
)
FEATURE_NAMES = tuple(f.name for f in FEATURES)
FEATURE_INDEX = {name: index for index, name in enumerate(FEATURE_NAMES)}
