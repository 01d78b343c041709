/**
 * Deployments: a name's versions (each a completed run's model, its distilled rules and
 * the feature ranges it saw), which one answers, and the form that deploys the next one.
 */
import type { DeploymentCreate, DeploymentPublic, RunPublic } from "../../client";
import { DeploymentCreateSchema } from "../../client/schemas.gen";
import { formProblems, type FormProblems } from "../../lib/formErrors";
import { formatNumber } from "../../lib/format";
import { parseDecimal } from "../../lib/numbers";
import { isEvaluating } from "../analytics/status";

const { name: NAME, threshold: THRESHOLD } = DeploymentCreateSchema.properties;

/** A deployment's name: a lower-case letter or digit, then lower-case letters, digits, `-` or `_` (64 at most). */
export const DEPLOYMENT_NAME = new RegExp(NAME.pattern);

/** The confidence under which the playbook decides instead of the model, by default. */
export const DEFAULT_THRESHOLD = THRESHOLD.default;

/** How often the page asks again while a version is built (about 10 s in a worker). */
export const DEPLOYMENT_POLL_MS = 1500;

/** Whether a version is still waiting for a worker or being built. */
export function isBuilding(deployment: Pick<DeploymentPublic, "status">): boolean {
  return isEvaluating(deployment.status);
}

/** One name with its versions, newest first, and the one that answers. */
export interface DeploymentGroup {
  name: string;
  versions: DeploymentPublic[];
  active: DeploymentPublic | null;
  /** The version a plain roll back activates: the newest ready one before the active one. */
  previous: DeploymentPublic | null;
}

/** The ready version before the active one, which `POST …/rollback` with `{}` activates. */
export function previousVersion(versions: readonly DeploymentPublic[]): DeploymentPublic | null {
  const active = versions.find((version) => version.active);
  if (!active) return null;
  return (
    versions
      .filter((version) => version.version < active.version && version.status === "completed")
      .sort((a, b) => b.version - a.version)[0] ?? null
  );
}

/** The versions grouped by name (in the server's order: by name), newest version first. */
export function groupDeployments(deployments: readonly DeploymentPublic[]): DeploymentGroup[] {
  const byName = new Map<string, DeploymentPublic[]>();
  for (const deployment of deployments) {
    const versions = byName.get(deployment.name) ?? [];
    versions.push(deployment);
    byName.set(deployment.name, versions);
  }
  return [...byName].map(([name, versions]) => {
    const sorted = [...versions].sort((a, b) => b.version - a.version);
    return {
      name,
      versions: sorted,
      active: sorted.find((version) => version.active) ?? null,
      previous: previousVersion(sorted),
    };
  });
}

/** `v2`. */
export function versionLabel(deployment: Pick<DeploymentPublic, "version">): string {
  return `v${deployment.version}`;
}

/** The scenario a version was trained in, at its version: `retail@dde3645443ec`. */
export function scenarioLabel(deployment: Pick<DeploymentPublic, "scenario" | "scenario_version">): string {
  return `${deployment.scenario}@${deployment.scenario_version}`;
}

/** A threshold: `0.40`. */
export function formatThreshold(threshold: number): string {
  return formatNumber(threshold, 2);
}

/** What a name answers with, in a line: `v1 answers: run #1 (ppo on retail@dde3645443ec), threshold 0.40`. */
export function activeSummary(group: Pick<DeploymentGroup, "active">): string {
  const { active } = group;
  if (!active) return "No version answers yet.";
  return (
    `${versionLabel(active)} answers: run #${active.run_id} (${active.algorithm} on ${scenarioLabel(active)}), ` +
    `threshold ${formatThreshold(active.threshold)}`
  );
}

/** The runs a deployment can be built from: completed, with a model. */
export function deployableRuns(runs: readonly RunPublic[]): RunPublic[] {
  return runs.filter((run) => run.status === "completed" && run.has_model);
}

export interface DeployValues {
  /** The run's id, or "" when none is chosen. */
  run: string;
  name: string;
  threshold: string;
}

export type DeployField = keyof DeployValues;
export type DeployErrors = Partial<Record<DeployField, string>>;

export function defaultDeployValues(run = "", name = ""): DeployValues {
  return { run, name, threshold: String(DEFAULT_THRESHOLD) };
}

/** The deploy form's values as a request, or each field's problem. */
export function parseDeploy(values: DeployValues): { body: DeploymentCreate } | { errors: DeployErrors } {
  const errors: DeployErrors = {};
  const runId = /^[1-9][0-9]{0,15}$/.test(values.run) ? Number(values.run) : null;
  if (runId === null) errors.run = "Choose a completed run.";
  const name = values.name.trim();
  if (name === "") errors.name = "Name the deployment.";
  else if (!DEPLOYMENT_NAME.test(name)) {
    errors.name = "Use lower-case letters, digits, '-' and '_' (starting with a letter or digit), 64 at most.";
  }
  const threshold = parseDecimal(values.threshold, THRESHOLD.minimum, THRESHOLD.maximum);
  if (threshold === null) errors.threshold = `Enter a number from ${THRESHOLD.minimum} to ${THRESHOLD.maximum}.`;
  if (runId === null || threshold === null || Object.keys(errors).length > 0) return { errors };
  return { body: { run_id: runId, name, threshold } };
}

const DEPLOY_FIELDS = new Map<string, DeployField>([
  ["run_id", "run"],
  ["name", "name"],
  ["threshold", "threshold"],
]);

/** Where the server's refusal of a deployment belongs: an unknown (404) or unfinished (409) run under the run. */
export function deployProblems(error: unknown): FormProblems<DeployField> {
  return formProblems(error, DEPLOY_FIELDS, (status, detail) =>
    (status === 404 || status === 409) && detail.startsWith("run ") ? "run" : undefined,
  );
}
