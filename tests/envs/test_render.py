"""Transcripts: ``ansi`` returns them, ``human`` prints them, other modes are refused."""

from __future__ import annotations

import gymnasium as gym
import pytest

from supportgym.envs import SupportEnv, SupportVectorEnv
from supportgym.sim import Action

ACTIONS = (
    Action.EMPATHIZE,
    Action.ASK_CLARIFYING_QUESTION,
    Action.STANDARD_SOLUTION,
    Action.ESCALATE,
    Action.ESCALATE,  # masked: a penalty shows in the breakdown
    Action.CLOSE_CASE,
)


def _play(env: SupportEnv, seed: int = 4) -> tuple[list[str], list[dict]]:
    _, info = env.reset(seed=seed)
    replies, infos = [info["reply"]], []
    for action in ACTIONS:
        _, _, terminated, truncated, info = env.step(action)
        replies.append(info["reply"])
        infos.append(info)
        if terminated or truncated:
            break
    return replies, infos


def test_ansi_transcript_tells_the_whole_conversation() -> None:
    env = SupportEnv("bfsi", render_mode="ansi")
    replies, infos = _play(env)
    text = env.render()
    assert isinstance(text, str)
    c = env.customers
    header = text.splitlines()[0]
    assert header.startswith(f"[bfsi v{env.scenario.version}]")
    assert env.compiled.inquiry_names[c.inquiry[0]] in header
    for reply in replies:
        assert f"Customer: {reply}" in text
    assert "mood [" in text
    for turn, (action, info) in enumerate(zip(ACTIONS, infos, strict=False), start=1):
        assert f"Turn {turn:>2} | Agent: {action.name}" in text
        reward = sum(info["reward_components"].values())
        assert f"reward {reward:+.3f}" in text
        for name, value in info["reward_components"].items():
            if value:
                assert f"{name} {value:+.2f}" in text
    assert "penalty -0.20" in text
    kpis = infos[-1]["kpis"]
    last = text.rstrip().splitlines()[-1]
    assert last.startswith("Episode over: ")
    for name, value in kpis.items():
        assert f"{name} {value:g}" in last


def test_ansi_transcript_restarts_on_reset() -> None:
    env = SupportEnv("tech", render_mode="ansi")
    _play(env, seed=1)
    env.reset(seed=2)
    text = env.render()
    assert "Turn" not in text
    assert "Episode over" not in text
    assert text.count("Customer: ") == 1


def test_human_mode_prints_each_turn_as_it_happens(capsys: pytest.CaptureFixture[str]) -> None:
    env = SupportEnv("retail", render_mode="human")
    env.reset(seed=3)
    opening = capsys.readouterr().out
    assert opening.startswith(f"[retail v{env.scenario.version}]")
    _, _, _, _, info = env.step(Action.EMPATHIZE)
    turn = capsys.readouterr().out
    assert "Turn  1 | Agent: EMPATHIZE" in turn
    assert info["reply"] in turn
    assert "[retail" not in turn  # only the new turn is printed
    assert env.render() is None


def test_no_render_mode_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    env = SupportEnv("retail")
    env.reset(seed=3)
    env.step(Action.CLOSE_CASE)
    assert env.render() is None
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("mode", ["rgb_array", "text", "ANSI"])
def test_unknown_render_modes_are_refused(mode: str) -> None:
    with pytest.raises(ValueError, match="render_mode"):
        SupportEnv("bfsi", render_mode=mode)


def test_gym_make_passes_the_render_mode() -> None:
    env = gym.make("SupportGym/Tech-v0", render_mode="ansi")
    env.reset(seed=0)
    assert env.render().startswith("[tech v")
    # Gymnasium warns first, then the env refuses.
    with pytest.warns(UserWarning, match="render_mode"), pytest.raises(ValueError, match="render"):
        gym.make("SupportGym/Tech-v0", render_mode="rgb_array")


def test_the_vector_env_does_not_render() -> None:
    with pytest.raises(ValueError, match="render"):
        SupportVectorEnv(2, "bfsi", render_mode="ansi")
