"""The decision log in the log format: what a deployment served, for off-policy evaluation.

A contact's decisions become its turns (by their ``turn``, the latest decision of each)
with the 17 features it decided on, the action served and its propensity (1: the
service decides deterministically), once its outcome has been reported. Contacts without
an outcome, or whose turns do not run 0, 1, 2 … without gaps, are left out and counted.
"""

from __future__ import annotations

import numpy as np

from supportgym.data.logs import Logs
from supportgym.data.schema import OUTCOME_FIELDS
from supportgym.sim.actions import INDUSTRIES, Action
from supportgym.sim.compile import CompiledScenario
from supportgym.sim.features import FEATURE_INDEX as F
from supportgym.store import AbstractStore

PAGE = 10_000


def decision_logs(store: AbstractStore, name: str, cs: CompiledScenario) -> tuple[Logs, int]:
    """The logs of ``name``'s contacts with an outcome, and how many contacts were left out."""
    outcomes = {o.contact_id: o.outcome for o in store.list_outcomes(name)}
    turns: dict[str, dict[int, list[float]]] = {}
    actions: dict[tuple[str, int], str] = {}
    offset = 0
    while batch := store.list_decisions(name, limit=PAGE, offset=offset):
        for decision in reversed(batch):  # oldest first, so the latest of a turn wins
            if decision.contact_id is None or decision.turn is None:
                continue
            turns.setdefault(decision.contact_id, {})[decision.turn] = decision.features
            actions[(decision.contact_id, decision.turn)] = decision.action
        offset += PAGE
    kept = [
        c
        for c, by_turn in turns.items()
        if c in outcomes and sorted(by_turn) == list(range(len(by_turn)))
    ]
    rows = [(c, t) for c in kept for t in range(len(turns[c]))]
    features = np.array([turns[c][t] for c, t in rows], dtype=np.float64).reshape(-1, len(F))
    first = [turns[c][0] for c in kept]
    inquiry = [round(f[F["inquiry_type"]] * max(len(cs.inquiry_names) - 1, 1)) for f in first]
    for name_ in ("tier", "inquiry_type"):  # contact fields, not logged features
        features[:, F[name_]] = np.nan
    logs = Logs(
        contact_ids=np.array(kept, dtype=object),
        industry=np.array([INDUSTRIES[cs.inquiry_industry[k]] for k in inquiry], dtype=object),
        inquiry_type=np.array([cs.inquiry_names[k] for k in inquiry], dtype=object),
        tier=np.array([round(f[F["tier"]] * 2) for f in first], dtype=np.int64),
        outcomes={
            field: np.array([float(outcomes[c][field]) for c in kept]) for field in OUTCOME_FIELDS
        },
        starts=np.concatenate([[0], np.cumsum([len(turns[c]) for c in kept])]).astype(np.int64),
        turn=np.array([t for _, t in rows], dtype=np.int64),
        action=np.array([Action[actions[key].upper()] for key in rows], dtype=np.int64),
        propensity=np.ones(len(rows)),
        reward=np.full(len(rows), np.nan),
        features=features,
        source=f"decisions of {name}",
    )
    return logs, len(turns) - len(kept)
