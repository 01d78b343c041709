import type { EnvAutoplayRequest, ModelPublic } from "../client";
import { EnvAutoplayRequestSchema } from "../client/schemas.gen";
import { humanize } from "./format";

/** A policy spec as the API takes it: a built-in name or `run:<id>`. */
export type PolicySpec = EnvAutoplayRequest["policy"];

const SCHEMA_POLICIES = EnvAutoplayRequestSchema.properties.policy.anyOf.flatMap((option) =>
  "enum" in option ? option.enum : [],
);

export type BuiltinPolicy = (typeof SCHEMA_POLICIES)[number];

const FIRST: readonly BuiltinPolicy[] = ["playbook", "oracle"];

/** The built-in policies the API accepts, the baselines first. */
export const BUILTIN_POLICIES: readonly BuiltinPolicy[] = [
  ...FIRST.filter((name) => SCHEMA_POLICIES.includes(name)),
  ...SCHEMA_POLICIES.filter((name) => !FIRST.includes(name)),
];

const DESCRIPTIONS: Partial<Record<BuiltinPolicy, string>> = {
  playbook: "A support lead's rules, reading only what the agent observes.",
  oracle: "Reads the hidden customer state: an upper reference, not a fair baseline.",
  random: "Uniformly random actions.",
};

export function policyLabel(spec: string, models: readonly ModelPublic[] = []): string {
  const model = models.find((m) => m.policy === spec);
  if (model) return modelLabel(model);
  if (spec.startsWith("always_")) return `Always ${humanize(spec.slice("always_".length)).toLowerCase()}`;
  const run = /^run:(\d+)$/.exec(spec);
  if (run) return `Run #${run[1]}`;
  const tree = /^tree:run:(\d+)$/.exec(spec);
  if (tree) return `Rules of run #${tree[1]}`;
  return humanize(spec);
}

/** `tree:run:<id>`: the rules distilled from a run's model, as evaluations name them. */
export function treePolicy(runId: number): string {
  return `tree:run:${runId}`;
}

export function modelLabel(model: ModelPublic): string {
  return `Run #${model.run_id} · ${model.algorithm} on ${model.scenario}`;
}

export function policyDescription(spec: string): string | undefined {
  return DESCRIPTIONS[spec as BuiltinPolicy];
}
