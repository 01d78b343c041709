import type { EnvSessionDetail, EnvStep, EnvTurn, FeatureValue, FieldError } from "../../client";
import type { EnvCommand, EnvStreamMessage } from "../../lib/socket";

/** One conversation of a session, as the playground shows it. */
export interface Episode {
  session: Omit<EnvSessionDetail, "turns" | "observation" | "action_mask" | "sentiment" | "turn">;
  /** The mood before the first turn; unknown when the page joined mid-conversation. */
  openingSentiment: number | null;
  turns: EnvTurn[];
  observation: FeatureValue[];
  actionMask: boolean[];
  sentiment: number;
  terminated: boolean;
  truncated: boolean;
  kpis: Record<string, number> | null;
}

/** The command the playground waits on; an autoplay counts down its turns (null: to the end). */
export type Pending =
  | { kind: "action" }
  | { kind: "reset" }
  | { kind: "autoplay"; remaining: number | null };

export interface CommandError {
  status: number;
  detail: string;
  errors: FieldError[];
}

export interface PlaygroundState {
  episode: Episode | null;
  pending: Pending | null;
  error: CommandError | null;
}

export type PlaygroundEvent =
  | { type: "sent"; command: EnvCommand }
  | { type: "received"; message: EnvStreamMessage }
  | { type: "dismissError" };

export const initialState: PlaygroundState = { episode: null, pending: null, error: null };

export function episodeFromSession(session: EnvSessionDetail): Episode {
  const { turns, observation, action_mask, sentiment, turn, ...header } = session;
  return {
    session: header,
    openingSentiment: turns.length === 0 ? sentiment : null,
    turns,
    observation,
    actionMask: action_mask,
    sentiment,
    terminated: session.terminated,
    truncated: session.truncated,
    kpis: session.kpis ?? null,
  };
}

function withStep(episode: Episode, step: EnvStep): Episode {
  const { observation, action_mask, ...turn } = step;
  const turns = episode.turns.filter((t) => t.turn < turn.turn);
  return {
    ...episode,
    turns: [...turns, turn],
    observation,
    actionMask: action_mask,
    sentiment: turn.sentiment,
    terminated: turn.terminated,
    truncated: turn.truncated,
    kpis: turn.kpis ?? null,
  };
}

function pendingOf(command: EnvCommand): Pending {
  if ("action" in command) return { kind: "action" };
  if ("reset" in command) return { kind: "reset" };
  return { kind: "autoplay", remaining: command.steps ?? null };
}

/** What still waits after a step arrives. */
function afterStep(pending: Pending | null, step: EnvStep): Pending | null {
  if (pending?.kind !== "autoplay" || step.terminated || step.truncated) return null;
  if (pending.remaining === null) return pending;
  return pending.remaining > 1 ? { kind: "autoplay", remaining: pending.remaining - 1 } : null;
}

export function playgroundReducer(state: PlaygroundState, event: PlaygroundEvent): PlaygroundState {
  switch (event.type) {
    case "sent":
      return { ...state, pending: pendingOf(event.command), error: null };
    case "dismissError":
      return { ...state, error: null };
    case "received": {
      const { message } = event;
      switch (message.type) {
        case "session":
          return { episode: episodeFromSession(message.session), pending: null, error: null };
        case "step":
          if (state.episode === null) return state;
          return {
            ...state,
            episode: withStep(state.episode, message.step),
            pending: afterStep(state.pending, message.step),
          };
        case "error":
          return {
            ...state,
            pending: null,
            error: { status: message.status, detail: message.detail, errors: message.errors ?? [] },
          };
      }
    }
  }
}

export function isDone(episode: Episode): boolean {
  return episode.terminated || episode.truncated;
}

export type TranscriptEntry =
  | { kind: "customer"; key: string; turn: number; text: string }
  | {
      kind: "agent";
      key: string;
      turn: number;
      action: number;
      actionName: string;
      policy: string | null;
      probabilities: number[] | null;
      reward: number;
    };

/** The conversation in reading order: the opening line, then each action and its reply. */
export function buildTranscript(episode: Episode): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [
    { kind: "customer", key: "opening", turn: 0, text: episode.session.opening },
  ];
  for (const turn of episode.turns) {
    entries.push({
      kind: "agent",
      key: `agent-${turn.turn}`,
      turn: turn.turn,
      action: turn.action,
      actionName: turn.action_name,
      policy: turn.policy ?? null,
      probabilities: turn.action_probabilities ?? null,
      reward: turn.reward,
    });
    entries.push({ kind: "customer", key: `reply-${turn.turn}`, turn: turn.turn, text: turn.reply });
  }
  return entries;
}

export interface SentimentPoint {
  turn: number;
  sentiment: number;
}

/** The observed mood by turn, from the opening (turn 0) when known. */
export function sentimentSeries(episode: Episode): SentimentPoint[] {
  const points = episode.turns.map((t) => ({ turn: t.turn, sentiment: t.sentiment }));
  return episode.openingSentiment === null
    ? points
    : [{ turn: 0, sentiment: episode.openingSentiment }, ...points];
}

export interface RewardRows {
  /** Component names in first-seen order. */
  components: string[];
  /** One row per turn: `turn`, `total`, and each component's value. */
  rows: ({ turn: number; total: number } & Record<string, number>)[];
}

/** Reward components per turn, for a stacked bar chart. */
export function rewardRows(turns: readonly EnvTurn[]): RewardRows {
  const components: string[] = [];
  const rows = turns.map((t) => {
    for (const name of Object.keys(t.reward_components)) {
      if (!components.includes(name)) components.push(name);
    }
    return { ...t.reward_components, turn: t.turn, total: t.reward };
  });
  const filled = rows.map((row) => {
    const full: Record<string, number> = { ...row };
    for (const name of components) full[name] ??= 0;
    return full as RewardRows["rows"][number];
  });
  return { components, rows: filled };
}

export function totalReward(turns: readonly EnvTurn[]): number {
  return turns.reduce((sum, t) => sum + t.reward, 0);
}

/** How the conversation ended, in words. */
export function outcome(episode: Episode): { label: string; tone: "success" | "danger" | "warning" | "info" } {
  if (!isDone(episode)) return { label: "In progress", tone: "info" };
  if (episode.truncated) return { label: "Out of turns", tone: "warning" };
  const kpis = episode.kpis ?? {};
  if ((kpis.abandoned ?? 0) > 0) return { label: "Customer left", tone: "danger" };
  if ((kpis.resolved ?? 0) > 0) return { label: "Resolved", tone: "success" };
  return { label: "Closed unresolved", tone: "warning" };
}
