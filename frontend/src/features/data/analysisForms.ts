import type { CalibrationCreate, OpeCreate } from "../../client";
import { CalibrationCreateSchema, OpeCreateSchema } from "../../client/schemas.gen";
import { formProblems, type FormProblems } from "../../lib/formErrors";
import { parseWholeNumber } from "../../lib/numbers";
import { BUILTIN_POLICIES } from "../../lib/policies";

const { budget: BUDGET, seed: CALIBRATION_SEED } = CalibrationCreateSchema.properties;
const { policies: POLICIES, resamples: RESAMPLES, seed: OPE_SEED } = OpeCreateSchema.properties;

const OFF_POLICY_NAMES: readonly string[] = POLICIES.items.anyOf.flatMap((option) =>
  "enum" in option ? option.enum : [],
);

/**
 * The built-in policies an off-policy evaluation scores, in the dashboard's order: all
 * but the oracle, which reads the hidden customer state that logs do not have.
 */
export const OFF_POLICY_BUILTINS: readonly string[] = BUILTIN_POLICIES.filter((name) =>
  OFF_POLICY_NAMES.includes(name),
);

export const MAX_OPE_POLICIES = POLICIES.maxItems;

const seedError = "Enter a whole number from 0 up.";

export interface CalibrationValues {
  /** The scenario to start from. */
  base: string;
  budget: string;
  seed: string;
}

export type CalibrationField = keyof CalibrationValues;
export type CalibrationErrors = Partial<Record<CalibrationField, string>>;

export function defaultCalibrationValues(base: string): CalibrationValues {
  return { base, budget: String(BUDGET.default), seed: String(CALIBRATION_SEED.default) };
}

/** The calibration form's values as a request, or each field's problem. */
export function parseCalibration(
  values: CalibrationValues,
): { body: CalibrationCreate } | { errors: CalibrationErrors } {
  const errors: CalibrationErrors = {};
  if (values.base === "") errors.base = "Choose a scenario to start from.";
  const budget = parseWholeNumber(values.budget, BUDGET.minimum, BUDGET.maximum);
  if (budget === null) {
    errors.budget = `Enter a whole number from ${BUDGET.minimum} to ${BUDGET.maximum.toLocaleString("en-US")}.`;
  }
  const seed = parseWholeNumber(values.seed, 0, Number.MAX_SAFE_INTEGER);
  if (seed === null) errors.seed = seedError;
  if (budget === null || seed === null || Object.keys(errors).length > 0) return { errors };
  return { body: { base: values.base, budget, seed } };
}

const CALIBRATION_FIELDS = new Map<string, CalibrationField>([
  ["base", "base"],
  ["budget", "budget"],
  ["seed", "seed"],
]);

/** Where the server's refusal of a calibration belongs: an unknown scenario (404) under the base. */
export function calibrationProblems(error: unknown): FormProblems<CalibrationField> {
  return formProblems(error, CALIBRATION_FIELDS, (status, detail) =>
    status === 404 && detail.startsWith("unknown scenario") ? "base" : undefined,
  );
}

export interface OpeValues {
  /** Built-in policy names and `run:<id>` specs. */
  policies: string[];
  /** Where the logs are replayed. */
  scenario: string;
  /** Where the policies are also played, or "" for nowhere. */
  simulate: string;
  resamples: string;
  seed: string;
}

export type OpeField = keyof OpeValues;
export type OpeErrors = Partial<Record<OpeField, string>>;

export function defaultOpeValues(scenario: string): OpeValues {
  return {
    policies: [],
    scenario,
    simulate: "",
    resamples: String(RESAMPLES.default),
    seed: String(OPE_SEED.default),
  };
}

/** The off-policy evaluation form's values as a request, or each field's problem. */
export function parseOpe(values: OpeValues): { body: OpeCreate } | { errors: OpeErrors } {
  const errors: OpeErrors = {};
  if (values.policies.length === 0) errors.policies = "Choose at least one policy.";
  else if (values.policies.length > POLICIES.maxItems) {
    errors.policies = `Choose at most ${POLICIES.maxItems} policies.`;
  }
  if (values.scenario === "") errors.scenario = "Choose the scenario to replay the logs in.";
  const resamples = parseWholeNumber(values.resamples, RESAMPLES.minimum, RESAMPLES.maximum);
  if (resamples === null) {
    errors.resamples =
      `Enter a whole number from ${RESAMPLES.minimum} to ${RESAMPLES.maximum.toLocaleString("en-US")}.`;
  }
  const seed = parseWholeNumber(values.seed, 0, Number.MAX_SAFE_INTEGER);
  if (seed === null) errors.seed = seedError;
  if (resamples === null || seed === null || Object.keys(errors).length > 0) return { errors };
  const body: OpeCreate = {
    policies: values.policies as OpeCreate["policies"],
    scenario: values.scenario,
    resamples,
    seed,
  };
  if (values.simulate !== "") body.simulate = values.simulate;
  return { body };
}

const OPE_FIELDS = new Map<string, OpeField>([
  ["policies", "policies"],
  ["scenario", "scenario"],
  ["simulate", "simulate"],
  ["resamples", "resamples"],
  ["seed", "seed"],
]);

/**
 * Where the server's refusal of an off-policy evaluation belongs: a run that is missing
 * or has no model (`run:<id>: …`) under the policies; an unknown scenario under the
 * select that named it.
 */
export function opeProblems(error: unknown, values: OpeValues): FormProblems<OpeField> {
  return formProblems(error, OPE_FIELDS, (status, detail) => {
    if ((status === 404 || status === 409) && detail.startsWith("run:")) return "policies";
    if (status === 404 && detail.startsWith("unknown scenario")) {
      return values.simulate !== "" && detail.includes(`'${values.simulate}'`) ? "simulate" : "scenario";
    }
    return undefined;
  });
}
