from __future__ import annotations

from supportgym.sim import FEATURE_NAMES

SCRIPT = "ask,standard,tech,close"


def test_policy_plays_a_full_episode_without_prompts(invoke):
    result = invoke("play", "--policy", "playbook", "--seed", "3")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "seed 3" in out
    assert all(name in out for name in FEATURE_NAMES)
    assert "Turn 1 · playbook:" in out
    assert "Episode over after" in out
    for kpi in ("csat", "resolved", "first_contact_resolution", "handle_minutes", "net_value"):
        assert kpi in out
    assert "Total return" in out
    assert "your action" not in out


def test_scripted_actions_replay_the_same_episode(invoke):
    first = invoke("play", "--seed", "3", "--actions", SCRIPT)
    again = invoke("play", "--seed", "3", "--actions", SCRIPT)
    other = invoke("play", "--seed", "4", "--actions", SCRIPT)
    assert first.exit_code == again.exit_code == other.exit_code == 0, first.output
    assert "Turn 1 · script: ASK_CLARIFYING_QUESTION" in first.stdout
    assert first.stdout == again.stdout
    assert first.stdout != other.stdout


def test_interactive_play_reads_actions_from_stdin(invoke):
    result = invoke("play", "--seed", "3", input="ask\nfoo\ne\n\n?\n7\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Turn 1 · you: ASK_CLARIFYING_QUESTION" in out
    assert "unknown action 'foo'" in out
    assert "unknown action 'e'" in out  # ambiguous: empathize or escalate
    assert out.count("What the agent observes") == 2  # at the start and after "?"
    assert "Turn 2 · you: CLOSE_CASE" in out
    assert "Episode over after 2 turns" in out


def test_scripted_actions_run_out_into_prompts(invoke):
    result = invoke("play", "--seed", "3", "--actions", "ask", input="close_case\n")
    assert result.exit_code == 0, result.output
    assert "Turn 1 · script: ASK_CLARIFYING_QUESTION" in result.stdout
    assert "Turn 2 · you: CLOSE_CASE" in result.stdout


def test_end_of_input_stops_with_one_line_and_exit_code_1(invoke):
    result = invoke("play", "--seed", "3", input="ask\n")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.strip() == "error: input ended before the episode did (at turn 2)"


def test_discouraged_actions_are_marked(invoke):
    result = invoke("play", "--seed", "3", "--actions", "escalate,escalate,close")
    assert result.exit_code == 0, result.output
    assert "Turn 2 · script: ESCALATE (discouraged: penalized)" in result.stdout
    assert "penalty -0.20" in result.stdout
