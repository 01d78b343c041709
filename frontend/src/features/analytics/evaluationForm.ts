import type { EvaluationCreate } from "../../client";
import { EvaluationCreateSchema } from "../../client/schemas.gen";
import { formProblems, type FormProblems } from "../../lib/formErrors";
import { parseWholeNumber } from "../../lib/numbers";

const { episodes: EPISODES, policies: POLICIES, scenarios: SCENARIOS, seed: SEED } = EvaluationCreateSchema.properties;

export interface EvaluationValues {
  /** Built-in policy names and `run:<id>` specs. */
  policies: string[];
  scenarios: string[];
  episodes: string;
  seed: string;
  name: string;
}

export type EvaluationField = keyof EvaluationValues;
export type EvaluationErrors = Partial<Record<EvaluationField, string>>;

export function defaultEvaluationValues(policies: string[] = []): EvaluationValues {
  return { policies, scenarios: [], episodes: String(EPISODES.default), seed: String(SEED.default), name: "" };
}

/** The form's values as a request, or each field's problem. */
export function parseEvaluation(values: EvaluationValues): { body: EvaluationCreate } | { errors: EvaluationErrors } {
  const errors: EvaluationErrors = {};
  if (values.policies.length === 0) errors.policies = "Choose at least one policy.";
  else if (values.policies.length > POLICIES.maxItems) {
    errors.policies = `Choose at most ${POLICIES.maxItems} policies.`;
  }
  if (values.scenarios.length === 0) errors.scenarios = "Choose at least one scenario.";
  else if (values.scenarios.length > SCENARIOS.maxItems) {
    errors.scenarios = `Choose at most ${SCENARIOS.maxItems} scenarios.`;
  }
  const episodes = parseWholeNumber(values.episodes, EPISODES.minimum, EPISODES.maximum);
  if (episodes === null) {
    errors.episodes = `Enter a whole number from 1 to ${EPISODES.maximum.toLocaleString("en-US")}.`;
  }
  const seed = parseWholeNumber(values.seed, 0, Number.MAX_SAFE_INTEGER);
  if (seed === null) errors.seed = "Enter a whole number from 0 up.";
  if (episodes === null || seed === null || Object.keys(errors).length > 0) return { errors };
  const body: EvaluationCreate = { policies: values.policies, scenarios: values.scenarios, episodes, seed };
  const name = values.name.trim();
  if (name) body.name = name;
  return { body };
}

const BODY_FIELDS = new Map<string, EvaluationField>([
  ["policies", "policies"],
  ["scenarios", "scenarios"],
  ["episodes", "episodes"],
  ["seed", "seed"],
  ["name", "name"],
]);

/**
 * Where the server's refusal belongs in the form: field errors under their fields; a
 * run that is missing or has no model yet (`run:<id>: …`, 404 or 409) under the
 * policies; an unknown scenario (404) under the scenarios.
 */
export function evaluationProblems(error: unknown): FormProblems<EvaluationField> {
  return formProblems(error, BODY_FIELDS, (status, detail) => {
    if ((status === 404 || status === 409) && detail.startsWith("run:")) return "policies";
    if (status === 404) return "scenarios";
    return undefined;
  });
}
