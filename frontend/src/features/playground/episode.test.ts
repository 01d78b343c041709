import { FINAL_KPIS, sessionDetail, step } from "../../test/fixtures";
import {
  buildTranscript,
  episodeFromSession,
  initialState,
  outcome,
  playgroundReducer,
  rewardRows,
  sentimentSeries,
  totalReward,
  type PlaygroundState,
} from "./episode";

function started(): PlaygroundState {
  return playgroundReducer(initialState, { type: "received", message: { type: "session", session: sessionDetail() } });
}

describe("playgroundReducer", () => {
  it("starts from the session message", () => {
    const state = started();
    expect(state.episode?.session.customer.tier).toBe("premium");
    expect(state.episode?.openingSentiment).toBe(0.01);
    expect(state.episode?.actionMask[6]).toBe(false);
    expect(state.pending).toBeNull();
  });

  it("appends steps and takes the new observation, mask and outcome", () => {
    let state = playgroundReducer(started(), { type: "sent", command: { action: 1 } });
    expect(state.pending).toEqual({ kind: "action" });
    state = playgroundReducer(state, { type: "received", message: { type: "step", step: step(1) } });
    expect(state.pending).toBeNull();
    expect(state.episode?.turns.map((t) => t.turn)).toEqual([1]);
    expect(state.episode?.actionMask.every(Boolean)).toBe(true);
    expect(state.episode?.observation).toHaveLength(1);

    state = playgroundReducer(state, {
      type: "received",
      message: { type: "step", step: step(2, { terminated: true, kpis: FINAL_KPIS }) },
    });
    expect(state.episode?.terminated).toBe(true);
    expect(state.episode?.kpis).toEqual(FINAL_KPIS);
  });

  it("waits for every turn of an autoplay, or only until the episode ends", () => {
    let state = playgroundReducer(started(), { type: "sent", command: { autoplay: "playbook", steps: 2 } });
    state = playgroundReducer(state, { type: "received", message: { type: "step", step: step(1) } });
    expect(state.pending).toEqual({ kind: "autoplay", remaining: 1 });
    state = playgroundReducer(state, { type: "received", message: { type: "step", step: step(2) } });
    expect(state.pending).toBeNull();

    state = playgroundReducer(state, { type: "sent", command: { autoplay: "oracle" } });
    state = playgroundReducer(state, { type: "received", message: { type: "step", step: step(3) } });
    expect(state.pending).toEqual({ kind: "autoplay", remaining: null });
    state = playgroundReducer(state, { type: "received", message: { type: "step", step: step(4, { truncated: true }) } });
    expect(state.pending).toBeNull();
  });

  it("replaces a turn it already has instead of duplicating it", () => {
    let state = started();
    state = playgroundReducer(state, { type: "received", message: { type: "step", step: step(1) } });
    state = playgroundReducer(state, { type: "received", message: { type: "step", step: step(1, { reply: "again" }) } });
    expect(state.episode?.turns.map((t) => t.reply)).toEqual(["again"]);
  });

  it("keeps a refused command's error until the next command, and a reset starts over", () => {
    let state = playgroundReducer(started(), { type: "sent", command: { action: 6 } });
    state = playgroundReducer(state, {
      type: "received",
      message: { type: "error", status: 409, detail: "episode 1 has ended", errors: [] },
    });
    expect(state.pending).toBeNull();
    expect(state.error?.detail).toBe("episode 1 has ended");
    state = playgroundReducer(state, { type: "sent", command: { reset: { seed: 3 } } });
    expect(state.error).toBeNull();
    expect(state.pending).toEqual({ kind: "reset" });
    state = playgroundReducer(state, {
      type: "received",
      message: { type: "session", session: sessionDetail({ episode: 2 }) },
    });
    expect(state.pending).toBeNull();
    expect(state.episode?.session.episode).toBe(2);
    expect(state.episode?.turns).toEqual([]);
  });
});

describe("derived data", () => {
  const episode = episodeFromSession(
    sessionDetail({
      turns: [
        step(1, { reward: -0.05, policy: "playbook", action_probabilities: [0, 1, 0, 0, 0, 0, 0, 0] }),
        step(2, { action: 7, action_name: "close_case", reward: 1.5, reward_components: { satisfaction: 0.5, resolution: 1 } }),
      ],
      terminated: true,
      kpis: FINAL_KPIS,
    }),
  );

  it("builds the transcript in reading order", () => {
    const entries = buildTranscript(episode);
    expect(entries.map((e) => (e.kind === "agent" ? `agent:${e.actionName}` : `customer:${e.text}`))).toEqual([
      "customer:I need something for a small apartment. What would you suggest?",
      "agent:ask_clarifying_question",
      "customer:Reply number 1.",
      "agent:close_case",
      "customer:Reply number 2.",
    ]);
    const first = entries[1];
    expect(first.kind === "agent" && first.policy).toBe("playbook");
  });

  it("joined mid-conversation, plots no opening sentiment", () => {
    expect(episode.openingSentiment).toBeNull();
    expect(sentimentSeries(episode).map((p) => p.turn)).toEqual([1, 2]);
    const fresh = episodeFromSession(sessionDetail());
    expect(sentimentSeries(fresh)).toEqual([{ turn: 0, sentiment: 0.01 }]);
  });

  it("shapes reward components into rows with every component", () => {
    const { components, rows } = rewardRows(episode.turns);
    expect(components).toEqual(["satisfaction", "resolution", "efficiency", "business", "penalty"]);
    expect(rows[1]).toEqual({
      turn: 2,
      total: 1.5,
      satisfaction: 0.5,
      resolution: 1,
      efficiency: 0,
      business: 0,
      penalty: 0,
    });
    expect(totalReward(episode.turns)).toBeCloseTo(1.45);
  });

  it("names the outcome", () => {
    expect(outcome(episode)).toEqual({ label: "Resolved", tone: "success" });
    expect(outcome({ ...episode, kpis: { ...FINAL_KPIS, resolved: 0, abandoned: 1 } }).label).toBe("Customer left");
    expect(outcome({ ...episode, terminated: false, truncated: true }).label).toBe("Out of turns");
    expect(outcome({ ...episode, terminated: false }).label).toBe("In progress");
  });
});
