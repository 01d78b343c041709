"""Customer replies: enough varied lines, a sound id table, and the right line for each event."""

from __future__ import annotations

from importlib import resources
from typing import Any

import numpy as np
import pytest
import yaml

from supportgym.envs import SupportEnv
from supportgym.policies import OraclePolicy
from supportgym.sim import Action, CompiledScenario, Scenario, load_scenario
from supportgym.sim.replies import (
    CATEGORIES,
    EVENTS,
    INQUIRY_KINDS,
    MOODS,
    VARIANTS,
    moods,
    reply_book,
)

INQUIRY_TYPES = (
    "fraud_dispute",
    "loan_inquiry",
    "account_access",
    "fee_dispute",
    "investment_advice",
    "order_status",
    "return_refund",
    "product_defect",
    "shipping_delay",
    "product_recommendation",
    "login_issue",
    "bug_report",
    "billing_question",
    "setup_help",
    "service_outage",
)


@pytest.fixture(scope="module")
def templates() -> dict[str, Any]:
    text = resources.files("supportgym.sim").joinpath("replies.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@pytest.mark.parametrize("inquiry", INQUIRY_TYPES)
def test_each_inquiry_type_has_three_distinct_lines_per_kind_and_mood(
    inquiry: str, templates: dict[str, Any]
) -> None:
    lines = templates["inquiries"][inquiry]
    for kind in INQUIRY_KINDS:
        for mood in MOODS:
            texts = [t.strip() for t in lines[kind][mood]]
            assert len(set(texts)) >= VARIANTS, (kind, mood)
            assert all(texts)


def test_each_event_has_three_distinct_lines_per_mood(templates: dict[str, Any]) -> None:
    for event in EVENTS:
        for mood in MOODS:
            texts = [t.strip() for t in templates["events"][event][mood]]
            assert len(set(texts)) >= VARIANTS, (event, mood)
            assert all(texts)


def test_an_inquirys_own_event_lines_are_complete(templates: dict[str, Any]) -> None:
    overridden = {n: v["events"] for n, v in templates["inquiries"].items() if "events" in v}
    assert {"product_recommendation", "investment_advice", "loan_inquiry"} <= set(overridden)
    for inquiry, events in overridden.items():
        assert set(events) <= set(EVENTS), inquiry
        for event, lines_by_mood in events.items():
            for mood in MOODS:
                texts = [t.strip() for t in lines_by_mood[mood]]
                assert len(set(texts)) >= VARIANTS, (inquiry, event, mood)


def test_an_inquirys_own_event_lines_replace_the_shared_ones(templates: dict[str, Any]) -> None:
    book = reply_book(("product_recommendation", "product_defect"))
    clarified = CATEGORIES.index("clarified")
    for mood_index, mood in enumerate(MOODS):
        own, shared = (
            [book.texts[i] for i in book.table[k, clarified, mood_index]] for k in (0, 1)
        )
        assert own == templates["inquiries"]["product_recommendation"]["events"]["clarified"][mood]
        assert shared == templates["events"]["clarified"][mood][:VARIANTS]


def test_the_reply_table_only_holds_valid_ids(compiled: dict[str, CompiledScenario]) -> None:
    book = compiled["mixed"].replies
    assert book.table.shape == (15, len(CATEGORIES), len(MOODS), VARIANTS)
    assert book.table.min() >= 0
    assert book.table.max() < len(book.texts)
    assert all(isinstance(t, str) and t.strip() for t in book.texts)
    variants = book.texts[book.table]  # (K, categories, moods, variants) strings
    for row in variants.reshape(-1, VARIANTS):
        assert len(set(row)) == VARIANTS


def test_each_inquiry_uses_its_own_lines(
    compiled: dict[str, CompiledScenario], templates: dict[str, Any]
) -> None:
    cs = compiled["mixed"]
    for k, name in enumerate(cs.inquiry_names):
        for c, kind in enumerate(INQUIRY_KINDS):
            for m, mood in enumerate(MOODS):
                texts = set(cs.replies.texts[cs.replies.table[k, c, m]])
                assert texts == set(templates["inquiries"][name][kind][mood][:VARIANTS])


def test_unknown_inquiry_types_fall_back_to_generic_lines(templates: dict[str, Any]) -> None:
    book = reply_book(("warranty_claim",))
    opening = set(book.texts[book.table[0, CATEGORIES.index("opening"), 1]])
    assert opening == set(templates["inquiries"]["generic"]["opening"]["neutral"][:VARIANTS])


def _categories(cs: CompiledScenario) -> dict[int, str]:
    """Template id -> category name."""
    ids = {}
    for (_, category, _, _), template in np.ndenumerate(cs.replies.table):
        ids[int(template)] = CATEGORIES[category]
    return ids


def expected_category(
    action: Action, step: tuple[Any, ...], was_resolved: bool, env: SupportEnv
) -> set[str]:
    """The reply categories the kernel's documented priority allows for this turn."""
    _, _, terminated, truncated, info = step
    c = env.customers
    if truncated:
        return {"timeout"}
    if terminated and action == Action.CLOSE_CASE:
        return {"closed_resolved" if was_resolved else "closed_unresolved"}
    if terminated:
        return {"left_satisfied" if c.resolved[0] else "abandoned"}
    if info["reward_components"]["penalty"] < 0:
        return {"invalid"}
    if c.resolved[0] and not was_resolved:
        return {"fixed"}
    return {
        Action.UPSELL: {"upsell_accepted" if c.upsold[0] else "upsell_declined"},
        Action.OFFER_COMPENSATION: {"compensated"},
        Action.ESCALATE: {"escalated"},
        Action.EMPATHIZE: {"empathized"},
        Action.ASK_CLARIFYING_QUESTION: {"clarified"},
    }.get(action, {"progress", "stuck"})


def _run_and_check(env: SupportEnv, seed: int, choose: Any) -> set[str]:
    category_of = _categories(env.compiled)
    obs, info = env.reset(seed=seed)
    assert category_of[info["reply_id"]] == "opening"
    seen = set()
    for turn in range(env.scenario.max_turns):
        action = Action(int(choose(turn, obs, info)))
        was_resolved = bool(env.customers.resolved[0])
        step = env.step(action)
        obs, info = step[0], step[4]
        category = category_of[info["reply_id"]]
        seen.add(category)
        assert info["reply"] == env.compiled.replies.texts[info["reply_id"]]
        assert category in expected_category(action, step, was_resolved, env)
        mood = int(moods(env.customers.sentiment)[0])
        inquiry = int(env.customers.inquiry[0])
        assert info["reply_id"] in env.compiled.replies.table[inquiry, :, mood]
        if step[2] or step[3]:
            return seen
    raise AssertionError("the episode did not end")


@pytest.mark.parametrize("seed", range(40))
def test_random_play_replies_come_from_the_right_category_and_mood(seed: int) -> None:
    env = SupportEnv("mixed", difficulty=(seed % 3) / 2)
    actions = np.random.default_rng(seed).integers(0, 8, size=env.scenario.max_turns)
    _run_and_check(env, seed, lambda turn, obs, info: actions[turn])


def test_oracle_play_replies_come_from_the_right_category_and_mood() -> None:
    env = SupportEnv("retail", difficulty=0.0)
    oracle = OraclePolicy(env.compiled)

    def choose(turn: int, obs: np.ndarray, info: dict[str, Any]) -> int:
        return oracle.act(obs[None], info["action_mask"][None].astype(bool), env.customers)[0]

    seen = set().union(*(_run_and_check(env, seed, choose) for seed in range(60)))
    assert {"fixed", "closed_resolved", "upsell_accepted"} <= seen


def test_running_out_of_turns_gets_a_timeout_line() -> None:
    data = load_scenario("tech").model_dump()
    data["customers"]["patience"] = {"mean": 50.0, "std": 0.0}
    env = SupportEnv(Scenario.model_validate({**data, "max_turns": 3}))
    seen = _run_and_check(env, 1, lambda turn, obs, info: Action.EMPATHIZE)
    assert "timeout" in seen


def test_closing_an_unresolved_case_gets_a_closed_unresolved_line() -> None:
    env = SupportEnv("bfsi")
    category_of = _categories(env.compiled)
    for seed in range(20):
        env.reset(seed=seed)
        *_, terminated, _, info = env.step(Action.CLOSE_CASE)
        assert terminated
        assert category_of[info["reply_id"]] == "closed_unresolved"


def test_a_masked_action_gets_an_invalid_line() -> None:
    env = SupportEnv("retail")
    category_of = _categories(env.compiled)
    env.reset(seed=3)
    env.step(Action.UPSELL)
    *_, terminated, truncated, info = env.step(Action.UPSELL)
    assert not (terminated or truncated)
    assert category_of[info["reply_id"]] == "invalid"
