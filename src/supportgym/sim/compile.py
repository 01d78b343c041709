"""Compiling a validated :class:`Scenario` into the arrays the kernel reads."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supportgym.sim.actions import INDUSTRIES, Action, FixStrategy
from supportgym.sim.replies import ReplyBook, reply_book
from supportgym.sim.schema import Scenario
from supportgym.sim.tables import Scalars, Tables, build_tables


@dataclass(frozen=True, eq=False)
class CompiledScenario:
    """A scenario as arrays: ``K`` inquiry types, 8 actions, 4 fix strategies, 3 tiers."""

    scenario: Scenario
    version: str
    max_turns: int
    inquiry_names: tuple[str, ...]
    inquiry_cum: np.ndarray  # (K,) cumulative sampling weights, last = 1
    inquiry_industry: np.ndarray  # (K,) int64 index into INDUSTRIES
    inquiry_urgency: np.ndarray  # (K,) float64
    inquiry_complexity: np.ndarray  # (K,) float64
    fix_prior: np.ndarray  # (K, 4) float64
    fix_cum: np.ndarray  # (K, 4) float64
    playbook_action: np.ndarray  # (K,) int64 Action
    tier_cum: np.ndarray  # (3,)
    progress: np.ndarray  # (8, 4) progress per use of an action, by true fix strategy
    helps: np.ndarray  # (8, 4) bool: the action visibly helps with that strategy
    minutes: np.ndarray  # (8,)
    upsell_revenue: np.ndarray  # (3,) by tier
    compensation_cost: np.ndarray  # (3,) by tier
    tier_value: np.ndarray  # (3,) by tier
    replies: ReplyBook
    tables: Tables
    scalars: Scalars


_SOLUTIONS = {
    "standard_solution": Action.STANDARD_SOLUTION,
    "technical_troubleshooting": Action.TECHNICAL_TROUBLESHOOTING,
    "offer_compensation": Action.OFFER_COMPENSATION,
    "escalate": Action.ESCALATE,
}
HELP_THRESHOLD = 0.5
"""Nominal progress at or above which the customer sees an action as helping."""


def _fix_vector(mix: object) -> np.ndarray:
    return np.array([getattr(mix, s.name.lower()) for s in FixStrategy], dtype=np.float64)


def compile_scenario(scenario: Scenario) -> CompiledScenario:
    """Compile a validated scenario into arrays."""
    inquiries = scenario.inquiries
    weights = np.array([i.weight for i in inquiries], dtype=np.float64)
    fix_prior = np.stack([_fix_vector(i.fix) for i in inquiries])
    progress = np.zeros((len(Action), len(FixStrategy)), dtype=np.float64)
    for name, row in scenario.dynamics.progress.items():
        for strategy, value in row.items():
            progress[_SOLUTIONS[name], FixStrategy[strategy.upper()]] = value
    economics = scenario.economics
    tiers = scenario.customers.tiers
    cum = np.cumsum(fix_prior, axis=1)
    cum[:, -1] = 1.0
    tier_cum = np.cumsum([tiers.standard, tiers.premium, tiers.vip])
    tier_cum[-1] = 1.0
    urgency = np.array([i.urgency for i in inquiries], dtype=np.float64)
    complexity = np.array([i.complexity for i in inquiries], dtype=np.float64)
    minutes = np.array([economics.minutes[a.name.lower()] for a in Action], dtype=np.float64)
    upsell_revenue = np.array(economics.upsell_revenue, dtype=np.float64)
    compensation_cost = np.array(economics.compensation_cost, dtype=np.float64)
    tier_value = np.array(economics.tier_value, dtype=np.float64)
    return CompiledScenario(
        scenario=scenario,
        version=scenario.version,
        max_turns=scenario.max_turns,
        inquiry_names=tuple(i.name for i in inquiries),
        inquiry_cum=np.concatenate([np.cumsum(weights)[:-1] / weights.sum(), [1.0]]),
        inquiry_industry=np.array([INDUSTRIES.index(i.industry) for i in inquiries]),
        inquiry_urgency=urgency,
        inquiry_complexity=complexity,
        fix_prior=fix_prior,
        fix_cum=cum,
        playbook_action=np.array([Action[i.playbook_action.upper()] for i in inquiries]),
        tier_cum=tier_cum,
        progress=progress,
        helps=progress >= HELP_THRESHOLD,
        minutes=minutes,
        upsell_revenue=upsell_revenue,
        compensation_cost=compensation_cost,
        tier_value=tier_value,
        replies=reply_book(tuple(i.name for i in inquiries)),
        tables=build_tables(
            scenario,
            progress,
            progress >= HELP_THRESHOLD,
            minutes,
            _inquiry_rows(scenario, urgency, complexity, fix_prior),
            np.stack([np.arange(3) / 2.0, upsell_revenue, compensation_cost, tier_value]),
        ),
        scalars=Scalars.of(scenario),
    )


def _inquiry_rows(
    scenario: Scenario, urgency: np.ndarray, complexity: np.ndarray, fix_prior: np.ndarray
) -> np.ndarray:
    """Per-inquiry constants: the state rows of ``kernel.INQUIRY_STATE``, then three for reset."""
    dyn, urgency_effect = scenario.dynamics, scenario.customers.urgency_effect
    return np.stack(
        [
            np.arange(len(urgency)) / max(len(urgency) - 1, 1),
            urgency,
            -dyn.waiting_drift * (1.0 + urgency),
            dyn.failure_loss * (1.0 + urgency),
            *fix_prior.T,
            *fix_prior.T[1:],
            urgency_effect * urgency,
            1.0 - urgency_effect * urgency,
            complexity,
        ]
    )
