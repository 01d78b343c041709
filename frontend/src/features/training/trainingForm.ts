import type { RunCreate } from "../../client";
import { RunCreateSchema } from "../../client/schemas.gen";
import { ALGORITHMS, type Algorithm } from "../../lib/algorithms";
import { formProblems, type FormProblems } from "../../lib/formErrors";
import { parseWholeNumber } from "../../lib/numbers";
import { parseOverrides } from "./overrides";

const MAX_TIMESTEPS = RunCreateSchema.properties.timesteps.maximum;
const MAX_ENVS = RunCreateSchema.properties.n_envs.maximum;

export interface TrainingValues {
  algorithm: Algorithm;
  scenario: string;
  /** A stored version of the scenario; blank for the newest. */
  version: string;
  timesteps: string;
  nEnvs: string;
  seed: string;
  curriculum: boolean;
  overrides: string;
}

export type TrainingField = "algorithm" | "scenario" | "timesteps" | "nEnvs" | "seed" | "overrides";
export type TrainingErrors = Partial<Record<TrainingField, string>>;

export const DEFAULT_VALUES: TrainingValues = {
  algorithm: "ppo",
  scenario: "",
  version: "",
  timesteps: String(RunCreateSchema.properties.timesteps.default),
  nEnvs: String(RunCreateSchema.properties.n_envs.default),
  seed: String(RunCreateSchema.properties.seed.default),
  curriculum: false,
  overrides: "",
};

/** The form's values as a request, or each field's problem. */
export function parseTraining(values: TrainingValues): { body: RunCreate } | { errors: TrainingErrors } {
  const errors: TrainingErrors = {};
  if (!ALGORITHMS.includes(values.algorithm)) errors.algorithm = "Choose an algorithm.";
  if (!values.scenario) errors.scenario = "Choose a scenario.";
  const timesteps = parseWholeNumber(values.timesteps, 1, MAX_TIMESTEPS);
  if (timesteps === null) errors.timesteps = `Enter a whole number from 1 to ${MAX_TIMESTEPS.toLocaleString("en-US")}.`;
  const nEnvs = parseWholeNumber(values.nEnvs, 1, MAX_ENVS);
  if (nEnvs === null) errors.nEnvs = `Enter a whole number from 1 to ${MAX_ENVS.toLocaleString("en-US")}.`;
  const seed = parseWholeNumber(values.seed, 0, Number.MAX_SAFE_INTEGER);
  if (seed === null) errors.seed = "Enter a whole number from 0 up.";
  const overrides = parseOverrides(values.overrides);
  if ("error" in overrides) errors.overrides = overrides.error;
  if (Object.keys(errors).length > 0 || timesteps === null || nEnvs === null || seed === null || "error" in overrides) {
    return { errors };
  }
  const body: RunCreate = {
    algorithm: values.algorithm,
    scenario: values.scenario,
    timesteps,
    n_envs: nEnvs,
    seed,
    curriculum: values.curriculum,
    overrides: overrides.overrides,
  };
  if (values.version) body.scenario_version = values.version;
  return { body };
}

const BODY_FIELDS = new Map<string, TrainingField>([
  ["algorithm", "algorithm"],
  ["scenario", "scenario"],
  ["scenario_version", "scenario"],
  ["timesteps", "timesteps"],
  ["n_envs", "nEnvs"],
  ["seed", "seed"],
  ["overrides", "overrides"],
]);

/**
 * Where the server's refusal belongs in the form: field errors under their fields; an
 * unknown hyperparameter (a 422 without field errors) under the overrides; an unknown
 * scenario or version (404) under the scenario.
 */
export function serverProblems(error: unknown): FormProblems<TrainingField> {
  return formProblems(error, BODY_FIELDS, (status, detail) => {
    if (status === 422 && /hyperparameter/i.test(detail)) return "overrides";
    if (status === 404) return "scenario";
    return undefined;
  });
}
