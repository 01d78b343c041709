/**
 * Trying a decision: the state as the conversation so far (the server replays its
 * features as for logs) or as the 17 features by name, the server's problems under the
 * inputs they name, and the answer's parts.
 */
import type { Conversation, ConversationTurn, DecideRequest, DecisionPublic, FeatureValues, LoggedDecision } from "../../client";
import { ConversationSchema, ConversationTurnSchema, DecideRequestSchema, FeatureValuesSchema } from "../../client/schemas.gen";
import { fieldErrors } from "../../lib/errors";
import { humanize } from "../../lib/format";
import { parseDecimal } from "../../lib/numbers";

export type ActionName = ConversationTurn["action"];
export type Tier = Conversation["tier"];
export type FeatureName = keyof FeatureValues;

/** The agent's actions, in the model's order (an action's index is its probability's). */
export const ACTIONS: readonly ActionName[] = ConversationTurnSchema.properties.action.enum;

export const TIERS: readonly Tier[] = ConversationSchema.properties.tier.enum;

export function tierLabel(tier: Tier): string {
  return tier === "vip" ? "VIP" : humanize(tier);
}

/** An action in words, as the rules write it: `ask_clarifying_question` → `Ask clarifying question`. */
export function actionLabel(action: string): string {
  return humanize(action);
}

/**
 * The 17 features in the model's order (`FEATURE_NAMES` in `supportgym/sim/features.py`);
 * their bounds and meanings come from the generated schema.
 */
export const FEATURE_ORDER = [
  "sentiment",
  "sentiment_trend",
  "tier",
  "inquiry_type",
  "urgency",
  "turn_fraction",
  "progress",
  "belief_technical",
  "belief_escalation",
  "belief_compensation",
  "clarifications",
  "failed_attempts",
  "escalated",
  "compensated",
  "upsell_attempted",
  "resolved",
  "last_action",
] as const satisfies readonly FeatureName[];

export interface FeatureInfo {
  name: FeatureName;
  label: string;
  description: string;
  min: number;
  max: number;
}

export const FEATURES: readonly FeatureInfo[] = FEATURE_ORDER.map((name) => {
  const schema = FeatureValuesSchema.properties[name];
  return { name, label: humanize(name), description: schema.description, min: schema.minimum, max: schema.maximum };
});

const rounded = (value: number) => String(Number(value.toFixed(3)));

/** A feature's bounds and the range the model saw: `Range 0 to 1; the model saw 0.1 to 0.6.` */
export function rangeText(feature: Pick<FeatureInfo, "min" | "max">, seen: readonly number[] | undefined): string {
  const range = `Range ${feature.min} to ${feature.max}`;
  return seen && seen.length === 2 ? `${range}; the model saw ${rounded(seen[0])} to ${rounded(seen[1])}.` : `${range}.`;
}

const MOOD = ConversationSchema.properties.sentiment.anyOf[0];
const MAX_TURNS = ConversationSchema.properties.turns.maxItems;
const CONTACT = DecideRequestSchema.properties.contact_id.anyOf[0];

/** One earlier agent turn as typed: the action and the mood read before it ("" when unknown). */
export interface TurnValues {
  action: ActionName;
  sentiment: string;
}

export interface ConversationValues {
  inquiry: string;
  tier: Tier;
  turns: TurnValues[];
  /** The mood read now, before the action to decide ("" when unknown). */
  sentiment: string;
  contact: string;
}

export type FeatureFormValues = Record<FeatureName, string>;

export interface FeaturesValues {
  features: FeatureFormValues;
  contact: string;
}

/**
 * A problem's place in the form: the request's path without `body.`, list indices as
 * segments (`conversation.turns.1.sentiment`, `features.urgency`, `contact_id`).
 */
export type DecisionErrors = Record<string, string>;

export function turnField(index: number, part: keyof TurnValues): string {
  return `conversation.turns.${index}.${part}`;
}

export function featureField(name: FeatureName): string {
  return `features.${name}`;
}

export function defaultConversation(inquiry = ""): ConversationValues {
  return { inquiry, tier: "standard", turns: [], sentiment: "", contact: "" };
}

/**
 * A new contact's state, within the ranges the answering version saw: every feature at
 * 0, or the nearest value the model saw (say, the lowest urgency of its scenario).
 */
export function defaultFeatures(ranges: Record<string, number[]> = {}): FeatureFormValues {
  const values = {} as FeatureFormValues;
  for (const feature of FEATURES) {
    const [low = feature.min, high = feature.max] = ranges[feature.name] ?? [];
    const value = Math.min(Math.max(0, low), high);
    values[feature.name] = rounded(value);
  }
  return values;
}

const moodError = `Enter a mood from ${MOOD.minimum} to ${MOOD.maximum}, or leave it blank.`;

function parseMood(text: string): number | null | undefined {
  if (text.trim() === "") return null;
  return parseDecimal(text, MOOD.minimum, MOOD.maximum) ?? undefined;
}

function parseContact(text: string, errors: DecisionErrors): string | null {
  const contact = text.trim();
  if (contact === "") return null;
  if (contact.length > CONTACT.maxLength) errors.contact_id = `Use ${CONTACT.maxLength} characters at most.`;
  return contact;
}

/** The conversation form's values as a request (deciding its next turn), or each field's problem. */
export function parseConversation(values: ConversationValues): { body: DecideRequest } | { errors: DecisionErrors } {
  const errors: DecisionErrors = {};
  if (values.inquiry === "") errors["conversation.inquiry_type"] = "Choose the inquiry type.";
  if (values.turns.length > MAX_TURNS) errors["conversation.turns"] = `Give ${MAX_TURNS} turns at most.`;
  const turns: ConversationTurn[] = values.turns.map((turn, index) => {
    const sentiment = parseMood(turn.sentiment);
    if (sentiment === undefined) errors[turnField(index, "sentiment")] = moodError;
    return sentiment === null || sentiment === undefined ? { action: turn.action } : { action: turn.action, sentiment };
  });
  const sentiment = parseMood(values.sentiment);
  if (sentiment === undefined) errors["conversation.sentiment"] = moodError;
  const contact = parseContact(values.contact, errors);
  if (Object.keys(errors).length > 0) return { errors };
  const conversation: Conversation = { inquiry_type: values.inquiry, tier: values.tier, turns };
  if (sentiment !== null && sentiment !== undefined) conversation.sentiment = sentiment;
  const body: DecideRequest = { conversation, turn: turns.length };
  if (contact !== null) body.contact_id = contact;
  return { body };
}

/** The features form's values as a request, or each field's problem. */
export function parseFeatures(values: FeaturesValues): { body: DecideRequest } | { errors: DecisionErrors } {
  const errors: DecisionErrors = {};
  const features = {} as FeatureValues;
  for (const feature of FEATURES) {
    const value = parseDecimal(values.features[feature.name], feature.min, feature.max);
    if (value === null) errors[featureField(feature.name)] = `Enter a number from ${feature.min} to ${feature.max}.`;
    else features[feature.name] = value;
  }
  const contact = parseContact(values.contact, errors);
  if (Object.keys(errors).length > 0) return { errors };
  const body: DecideRequest = { features };
  if (contact !== null) body.contact_id = contact;
  return { body };
}

/** A problem's path as a form field: `body.requests[0].conversation.turns[1].sentiment` → `conversation.turns.1.sentiment`. */
export function decisionField(path: string): string | null {
  if (!path.startsWith("body.")) return null;
  return path
    .slice("body.".length)
    .replace(/^requests\[\d+\]\./, "")
    .replace(/\[(\d+)\]/g, ".$1");
}

/**
 * The server's refusal of a decision, by the fields of `known` it names; `unmatched`
 * when part of it belongs to none of them (an unknown deployment, a problem of the
 * whole request), for an alert.
 */
export function decisionProblems(error: unknown, known: ReadonlySet<string>): { fields: DecisionErrors; unmatched: boolean } {
  const fields: DecisionErrors = {};
  if (error === null || error === undefined) return { fields, unmatched: false };
  const problems = fieldErrors(error);
  let unmatched = problems.length === 0;
  for (const problem of problems) {
    const field = decisionField(problem.path);
    if (field === null || !known.has(field)) unmatched = true;
    else fields[field] = fields[field] ? `${fields[field]}; ${problem.message}` : problem.message;
  }
  return { fields, unmatched };
}

/** The fields of the conversation form with so many earlier turns. */
export function conversationFields(turns: number): Set<string> {
  const fields = new Set(["conversation.inquiry_type", "conversation.tier", "conversation.sentiment", "conversation.turns", "contact_id"]);
  for (let index = 0; index < turns; index += 1) {
    fields.add(turnField(index, "action"));
    fields.add(turnField(index, "sentiment"));
  }
  return fields;
}

/** The fields of the features form. */
export const FEATURE_FIELDS: ReadonlySet<string> = new Set([...FEATURES.map((f) => featureField(f.name)), "contact_id"]);

/** The model's probabilities in the actions' order, for the bars. */
export function probabilityList(decision: Pick<DecisionPublic, "probabilities">): number[] {
  return ACTIONS.map((action) => decision.probabilities[action] ?? 0);
}

/** Whether the playbook answered instead of the model. */
export function isFallback(decision: Pick<DecisionPublic | LoggedDecision, "fallback">): boolean {
  return decision.fallback !== null && decision.fallback !== "";
}

/** Who a logged decision was for: `c-2 · turn 2`, `c-1`, `turn 3`, or "" when not told. */
export function contactText(decision: Pick<LoggedDecision, "contact_id" | "turn">): string {
  const parts: string[] = [];
  if (decision.contact_id) parts.push(decision.contact_id);
  if (decision.turn !== null && decision.turn !== undefined) parts.push(`turn ${decision.turn}`);
  return parts.join(" · ");
}
