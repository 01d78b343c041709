import { ApiError } from "../../lib/errors";
import {
  calibrationProblems,
  defaultCalibrationValues,
  defaultOpeValues,
  OFF_POLICY_BUILTINS,
  opeProblems,
  parseCalibration,
  parseOpe,
} from "./analysisForms";
import { analysisSummary, analysisTitle } from "./analyses";
import { CALIBRATION, OPE } from "./fixtures";

describe("the calibration form", () => {
  it("starts from the server's defaults", () => {
    expect(defaultCalibrationValues("retail")).toEqual({ base: "retail", budget: "60", seed: "0" });
  });

  it("sends the base, the budget and the seed", () => {
    expect(parseCalibration({ base: "tech", budget: "1,000", seed: "7" })).toEqual({
      body: { base: "tech", budget: 1000, seed: 7 },
    });
  });

  it("checks the budget's range", () => {
    expect(parseCalibration({ base: "retail", budget: "0", seed: "0" })).toEqual({
      errors: { budget: "Enter a whole number from 1 to 2,000." },
    });
    expect(parseCalibration({ base: "", budget: "2001", seed: "x" })).toEqual({
      errors: {
        base: "Choose a scenario to start from.",
        budget: "Enter a whole number from 1 to 2,000.",
        seed: "Enter a whole number from 0 up.",
      },
    });
  });

  it("puts the server's refusals under their fields", () => {
    const budget = new ApiError(422, "body.budget: too small", [{ path: "body.budget", message: "too small" }]);
    expect(calibrationProblems(budget)).toEqual({ fields: { budget: "too small" }, unmatched: false });
    const unknown = new ApiError(404, "unknown scenario 'nope'; built-in scenarios: bfsi, retail, tech, mixed");
    expect(calibrationProblems(unknown).fields.base).toMatch(/^unknown scenario 'nope'/);
    expect(calibrationProblems(new ApiError(404, "dataset 9 not found")).unmatched).toBe(true);
  });
});

describe("the off-policy evaluation form", () => {
  it("offers every built-in policy but the oracle", () => {
    expect(OFF_POLICY_BUILTINS).not.toContain("oracle");
    expect(OFF_POLICY_BUILTINS.slice(0, 2)).toEqual(["playbook", "random"]);
    expect(OFF_POLICY_BUILTINS).toContain("always_escalate");
    expect(OFF_POLICY_BUILTINS).toHaveLength(10);
  });

  it("sends the policies, where to replay and simulate, resamples and seed", () => {
    const values = { ...defaultOpeValues("retail"), policies: ["playbook", "run:3"], simulate: "retail-calibrated" };
    expect(values.resamples).toBe("500");
    expect(parseOpe(values)).toEqual({
      body: { policies: ["playbook", "run:3"], scenario: "retail", simulate: "retail-calibrated", resamples: 500, seed: 0 },
    });
    expect(parseOpe({ ...values, simulate: "" })).toEqual({
      body: { policies: ["playbook", "run:3"], scenario: "retail", resamples: 500, seed: 0 },
    });
  });

  it("asks for a policy and checks the resamples", () => {
    expect(parseOpe({ ...defaultOpeValues("retail"), resamples: "5" })).toEqual({
      errors: { policies: "Choose at least one policy.", resamples: "Enter a whole number from 10 to 10,000." },
    });
    const many = Array.from({ length: 9 }, (_, index) => `run:${index + 1}`);
    expect(parseOpe({ ...defaultOpeValues("retail"), policies: many })).toEqual({
      errors: { policies: "Choose at most 8 policies." },
    });
  });

  it("puts a missing run under the policies and an unknown scenario under the select that named it", () => {
    const values = { ...defaultOpeValues("retail"), policies: ["run:5"], simulate: "gone" };
    expect(opeProblems(new ApiError(404, "run:5: run not found"), values).fields).toEqual({
      policies: "run:5: run not found",
    });
    const simulate = new ApiError(404, "unknown scenario 'gone'; built-in scenarios: bfsi, retail, tech, mixed");
    expect(Object.keys(opeProblems(simulate, values).fields)).toEqual(["simulate"]);
    const replay = new ApiError(404, "unknown scenario 'retail'; built-in scenarios: bfsi, retail, tech, mixed");
    expect(Object.keys(opeProblems(replay, values).fields)).toEqual(["scenario"]);
    const policy = new ApiError(422, "body.policies[0].literal[…]: Input should be 'random' (and 1 more)", [
      { path: "body.policies[0].literal['random']", message: "Input should be 'random'" },
      { path: "body.policies[0].constrained-str", message: "String should match pattern" },
    ]);
    expect(opeProblems(policy, values).fields.policies).toBe("Input should be 'random'; String should match pattern");
  });
});

describe("analyses", () => {
  it("say what they were asked", () => {
    expect(analysisTitle(OPE)).toBe("Off-policy evaluation #1");
    expect(analysisSummary(OPE)).toBe("Playbook, Random · replayed in retail · simulated in retail · 20 resamples · seed 0");
    expect(analysisTitle(CALIBRATION)).toBe("Calibration #2");
    expect(analysisSummary(CALIBRATION)).toBe("from retail · budget 3 · seed 0");
    expect(analysisSummary({ kind: "ope", params: { policies: ["run:4"], simulate: null } })).toBe("Run #4");
  });
});
