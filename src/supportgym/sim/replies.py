"""The customer's side of the conversation: reply templates by inquiry, event and mood.

Templates live in ``replies.yaml``. Per turn the kernel picks a *category* (the
inquiry's opening/progress/stuck lines, or an event such as ``fixed``), a mood from
the true sentiment and a variant from the episode's random stream; the reply is one
gather from the table built here. Inquiries without their own lines use ``generic``;
an inquiry may also give its own lines for some events (``events:`` under its name), as
advice requests do where the shared lines speak of a problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import yaml

MOODS = ("angry", "neutral", "happy")
INQUIRY_KINDS = ("opening", "progress", "stuck")
EVENTS = (
    "empathized",
    "clarified",
    "fixed",
    "compensated",
    "escalated",
    "upsell_accepted",
    "upsell_declined",
    "closed_resolved",
    "closed_unresolved",
    "abandoned",
    "left_satisfied",
    "invalid",
    "timeout",
)
CATEGORIES = INQUIRY_KINDS + EVENTS
CATEGORY = {name: index for index, name in enumerate(CATEGORIES)}
VARIANTS = 3
ANGRY_BELOW, HAPPY_ABOVE = -0.3, 0.3


@dataclass(frozen=True, eq=False)
class ReplyBook:
    """All reply texts and the id table ``(K, categories, moods, variants)``."""

    texts: np.ndarray  # (T,) object: the template strings, indexed by template id
    table: np.ndarray  # (K, len(CATEGORIES), 3, VARIANTS) int64 template ids


@lru_cache(maxsize=1)
def _templates() -> dict:
    text = resources.files("supportgym.sim").joinpath("replies.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.CSafeLoader)  # libyaml: the templates are large


@lru_cache(maxsize=32)
def reply_book(inquiry_names: tuple[str, ...]) -> ReplyBook:
    """The reply table for a scenario's inquiry types, in order."""
    data = _templates()
    texts: list[str] = []

    def ids(lines_by_mood: dict[str, list[str]]) -> list[list[int]]:
        rows = []
        for mood in MOODS:
            lines = lines_by_mood[mood][:VARIANTS]
            rows.append(list(range(len(texts), len(texts) + len(lines))))
            texts.extend(lines)
        return rows

    shared = {name: ids(data["events"][name]) for name in EVENTS}
    table = []
    for name in inquiry_names:
        lines = data["inquiries"].get(name, data["inquiries"]["generic"])
        own = lines.get("events", {})
        events = [ids(own[event]) if event in own else shared[event] for event in EVENTS]
        table.append([ids(lines[kind]) for kind in INQUIRY_KINDS] + events)
    return ReplyBook(texts=np.array(texts, dtype=object), table=np.array(table, dtype=np.int64))


def moods(sentiment: np.ndarray) -> np.ndarray:
    """Mood index (0 angry, 1 neutral, 2 happy) of each true sentiment."""
    return (sentiment > ANGRY_BELOW).astype(np.int64) + (sentiment > HAPPY_ABOVE)
