import type { DeploymentPublic, RunPublic } from "../../client";
import { ApiError } from "../../lib/errors";
import {
  activeSummary,
  DEFAULT_THRESHOLD,
  defaultDeployValues,
  deployableRuns,
  DEPLOYMENT_NAME,
  deployProblems,
  formatThreshold,
  groupDeployments,
  isBuilding,
  parseDeploy,
  previousVersion,
  scenarioLabel,
  versionLabel,
} from "./deployments";
import { DEPLOYMENTS, PENDING, versionsOf } from "./fixtures";

const [CANARY, PROD_V2, PROD_V1] = DEPLOYMENTS.data;

function version(base: DeploymentPublic, overrides: Partial<DeploymentPublic>): DeploymentPublic {
  return { ...base, ...overrides };
}

/** retail-prod before its roll back: v2 answers. */
const PROD_V2_ACTIVE = [version(PROD_V2, { active: true }), version(PROD_V1, { active: false })];

const NAME_PROBLEM = "Use lower-case letters, digits, '-' and '_' (starting with a letter or digit), 64 at most.";
const THRESHOLD_PROBLEM = "Enter a number from 0 to 1.";

describe("groupDeployments", () => {
  it("groups the versions by name in the server's order, each with the one that answers", () => {
    const groups = groupDeployments(DEPLOYMENTS.data);
    expect(groups.map((group) => group.name)).toEqual(["retail-canary", "retail-prod"]);
    const [canary, prod] = groups;
    expect(canary.versions).toEqual([CANARY]);
    expect(canary.active).toBe(CANARY);
    expect(prod.versions.map(versionLabel)).toEqual(["v2", "v1"]);
    // Rolled back: v1 answers although v2 is newer, and nothing older is left to roll back to.
    expect(prod.active).toBe(PROD_V1);
    expect(prod.previous).toBeNull();
  });

  it("puts the newest version first whatever the order given, and knows when none answers", () => {
    const [group] = groupDeployments([...PROD_V2_ACTIVE].reverse());
    expect(group.versions.map((deployment) => deployment.version)).toEqual([2, 1]);
    expect(group.active?.version).toBe(2);
    expect(group.previous?.version).toBe(1);

    const [building] = groupDeployments([PENDING]);
    expect(building).toEqual({ name: "retail-prod", versions: [PENDING], active: null, previous: null });
    expect(groupDeployments([])).toEqual([]);
  });
});

describe("previousVersion", () => {
  it("is the newest ready version before the active one, as a plain roll back picks", () => {
    expect(previousVersion(PROD_V2_ACTIVE)).toBe(PROD_V2_ACTIVE[1]);
    const v1 = version(PROD_V1, { active: false });
    const failed = version(PROD_V2, { active: false, status: "failed", error: "the model file is missing" });
    const v3 = version(PROD_V2, { id: 4, version: 3, active: true });
    // A failed or unfinished version is skipped, whatever the order of the list.
    expect(previousVersion([v1, failed, v3])).toBe(v1);
    expect(previousVersion([v3, version(failed, { status: "running" }), v1])).toBe(v1);
    expect(previousVersion([v3, failed])).toBeNull();
  });

  it("is none when no version answers or the oldest one does", () => {
    expect(previousVersion(versionsOf("retail-prod").data)).toBeNull();
    expect(previousVersion([PENDING])).toBeNull();
    expect(previousVersion([version(PROD_V2, { active: false }), version(PROD_V1, { active: false })])).toBeNull();
    expect(previousVersion([])).toBeNull();
  });
});

describe("labels", () => {
  it("say what a name answers with", () => {
    const [canary, prod] = groupDeployments(DEPLOYMENTS.data);
    expect(activeSummary(prod)).toBe("v1 answers: run #1 (ppo on retail@dde3645443ec), threshold 0.40");
    expect(activeSummary(canary)).toBe("v1 answers: run #1 (ppo on retail@dde3645443ec), threshold 0.30");
    expect(activeSummary(groupDeployments(PROD_V2_ACTIVE)[0])).toMatch(/^v2 answers: .*, threshold 0\.20$/);
    expect(activeSummary({ active: null })).toBe("No version answers yet.");
  });

  it("name versions, scenarios and thresholds", () => {
    expect(versionLabel(PROD_V2)).toBe("v2");
    expect(scenarioLabel(PROD_V2)).toBe("retail@dde3645443ec");
    expect(formatThreshold(0.3)).toBe("0.30");
    expect(formatThreshold(0)).toBe("0.00");
    expect(formatThreshold(1)).toBe("1.00");
  });

  it("poll only while a version waits for a worker or is built", () => {
    expect(isBuilding(PENDING)).toBe(true);
    expect(isBuilding({ status: "running" })).toBe(true);
    expect(isBuilding(PROD_V1)).toBe(false);
    expect(isBuilding({ status: "failed" })).toBe(false);
  });
});

describe("deployableRuns", () => {
  it("keeps completed runs with a model", () => {
    const run = (id: number, status: RunPublic["status"], has_model: boolean) => ({ id, status, has_model }) as RunPublic;
    const runs = [run(1, "completed", true), run(2, "completed", false), run(3, "running", false), run(4, "failed", true)];
    expect(deployableRuns(runs).map((item) => item.id)).toEqual([1]);
  });
});

describe("parseDeploy", () => {
  const valid = { run: "1", name: "retail-prod", threshold: "0.25" };

  it("starts at the server's default threshold", () => {
    expect(DEFAULT_THRESHOLD).toBe(0.4);
    expect(defaultDeployValues()).toEqual({ run: "", name: "", threshold: "0.4" });
    expect(defaultDeployValues("3", "retail-prod")).toEqual({ run: "3", name: "retail-prod", threshold: "0.4" });
  });

  it("sends the run, the trimmed name and the threshold", () => {
    expect(parseDeploy({ ...valid, name: "  retail-prod " })).toEqual({
      body: { run_id: 1, name: "retail-prod", threshold: 0.25 },
    });
    expect(parseDeploy(defaultDeployValues("12", "canary_2"))).toEqual({
      body: { run_id: 12, name: "canary_2", threshold: 0.4 },
    });
    expect(parseDeploy({ ...valid, threshold: "0" })).toEqual({ body: { run_id: 1, name: "retail-prod", threshold: 0 } });
    expect(parseDeploy({ ...valid, threshold: "1" })).toEqual({ body: { run_id: 1, name: "retail-prod", threshold: 1 } });
    expect(parseDeploy({ ...valid, threshold: ".5" })).toEqual({ body: { run_id: 1, name: "retail-prod", threshold: 0.5 } });
  });

  it.each(["", "0", "-1", "1.5", "01", "run 1"])("asks for a run instead of %j", (run) => {
    expect(parseDeploy({ ...valid, run })).toEqual({ errors: { run: "Choose a completed run." } });
  });

  it("asks for a name, and one the server accepts", () => {
    expect(parseDeploy({ ...valid, name: "   " })).toEqual({ errors: { name: "Name the deployment." } });
    for (const name of ["Retail", "retail prod", "-prod", "_prod", "retail.prod", "a".repeat(65)]) {
      expect(parseDeploy({ ...valid, name })).toEqual({ errors: { name: NAME_PROBLEM } });
    }
    expect(parseDeploy({ ...valid, name: "a".repeat(64) })).toEqual({
      body: { run_id: 1, name: "a".repeat(64), threshold: 0.25 },
    });
    expect(DEPLOYMENT_NAME.test("0-canary_b")).toBe(true);
  });

  it.each(["", "1.5", "-0.1", "x", "4e-1", "0,4"])("asks for a threshold from 0 to 1 instead of %j", (threshold) => {
    expect(parseDeploy({ ...valid, threshold })).toEqual({ errors: { threshold: THRESHOLD_PROBLEM } });
  });

  it("gives every field's problem at once", () => {
    expect(parseDeploy({ run: "", name: "", threshold: "2" })).toEqual({
      errors: { run: "Choose a completed run.", name: "Name the deployment.", threshold: THRESHOLD_PROBLEM },
    });
  });
});

describe("deployProblems", () => {
  it("puts an unknown or unfinished run under the run", () => {
    expect(deployProblems(new ApiError(404, "run 9 not found"))).toEqual({
      fields: { run: "run 9 not found" },
      unmatched: false,
    });
    expect(deployProblems(new ApiError(409, "run 3 is running; only completed runs are deployed"))).toEqual({
      fields: { run: "run 3 is running; only completed runs are deployed" },
      unmatched: false,
    });
  });

  it("puts the server's field problems under their fields", () => {
    const name = "String should match pattern '^[a-z0-9][a-z0-9_-]{0,63}$'";
    expect(deployProblems(new ApiError(422, `body.name: ${name}`, [{ path: "body.name", message: name }]))).toEqual({
      fields: { name },
      unmatched: false,
    });
    const error = new ApiError(422, "body.run_id: Input should be greater than or equal to 1 (and 1 more)", [
      { path: "body.run_id", message: "Input should be greater than or equal to 1" },
      { path: "body.threshold", message: "Input should be less than or equal to 1" },
    ]);
    expect(deployProblems(error)).toEqual({
      fields: { run: "Input should be greater than or equal to 1", threshold: "Input should be less than or equal to 1" },
      unmatched: false,
    });
  });

  it("leaves every other failure to an alert", () => {
    expect(deployProblems(new ApiError(503, "database is locked"))).toEqual({ fields: {}, unmatched: true });
    // Only the run's refusals belong to the run: a 409 about anything else does not.
    expect(deployProblems(new ApiError(409, "retail-prod has no ready version before the active one")).unmatched).toBe(true);
    expect(deployProblems(new ApiError(500, "run 9 not found")).unmatched).toBe(true);
    const extra = new ApiError(422, "body.model: Extra inputs are not permitted", [
      { path: "body.model", message: "Extra inputs are not permitted" },
    ]);
    expect(deployProblems(extra)).toEqual({ fields: {}, unmatched: true });
    expect(deployProblems(null)).toEqual({ fields: {}, unmatched: false });
  });
});
