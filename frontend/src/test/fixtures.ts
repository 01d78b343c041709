import type { EnvSessionDetail, EnvStep, ScenarioSummary } from "../client";

export const ACTIONS = [
  "empathize",
  "ask_clarifying_question",
  "standard_solution",
  "technical_troubleshooting",
  "offer_compensation",
  "escalate",
  "upsell",
  "close_case",
] as const;

export const SESSION_ID = "6fe68e8fde4b4d1484bc3a04c8ebe055";

export function sessionDetail(overrides: Partial<EnvSessionDetail> = {}): EnvSessionDetail {
  return {
    id: SESSION_ID,
    scenario: "retail",
    scenario_version: "dde3645443ec",
    seed: 3,
    difficulty: 0.5,
    max_turns: 20,
    episode: 1,
    customer: { industry: "retail", tier: "premium", inquiry: "product_recommendation" },
    opening: "I need something for a small apartment. What would you suggest?",
    observation: [
      { name: "sentiment", value: 0.01, low: -1, high: 1, description: "Customer mood as read from the conversation (noisy)." },
      { name: "urgency", value: 0.1, low: 0, high: 1, description: "Urgency of the inquiry type." },
    ],
    action_mask: [true, true, true, true, true, true, false, true],
    actions: [...ACTIONS],
    sentiment: 0.01,
    turn: 0,
    terminated: false,
    truncated: false,
    kpis: null,
    turns: [],
    ...overrides,
  };
}

export function step(turn: number, overrides: Partial<EnvStep> = {}): EnvStep {
  return {
    turn,
    action: 1,
    action_name: "ask_clarifying_question",
    reply: `Reply number ${turn}.`,
    reward: -0.05,
    reward_components: { satisfaction: -0.03, resolution: 0, efficiency: -0.02, business: 0, penalty: 0 },
    sentiment: -0.2 + turn * 0.1,
    terminated: false,
    truncated: false,
    kpis: null,
    policy: null,
    action_probabilities: null,
    observation: [
      { name: "sentiment", value: -0.2 + turn * 0.1, low: -1, high: 1, description: "Customer mood." },
    ],
    action_mask: [true, true, true, true, true, true, true, true],
    ...overrides,
  };
}

export const FINAL_KPIS = {
  csat: 4,
  resolved: 1,
  first_contact_resolution: 1,
  escalated: 0,
  abandoned: 0,
  turns: 2,
  handle_minutes: 9,
  revenue: 0,
  compensation_cost: 0,
  net_value: -9,
};

export function scenarioSummary(overrides: Partial<ScenarioSummary> = {}): ScenarioSummary {
  return {
    name: "retail",
    source: "builtin",
    industry: "retail",
    description: "Online retail: orders, returns and deliveries.",
    version: "dde3645443ec",
    versions: ["dde3645443ec"],
    inquiries: 5,
    max_turns: 20,
    difficulty: 0.5,
    ...overrides,
  };
}

export { default as RETAIL_SCENARIO } from "./retail-scenario.json";
