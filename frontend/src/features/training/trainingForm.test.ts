import { ApiError } from "../../lib/errors";
import { DEFAULT_VALUES, parseTraining, serverProblems } from "./trainingForm";

describe("parseTraining", () => {
  it("builds the request from the form", () => {
    const result = parseTraining({
      ...DEFAULT_VALUES,
      algorithm: "a2c",
      scenario: "my-bank",
      version: "0123456789ab",
      timesteps: "20,000",
      nEnvs: "8",
      seed: "7",
      curriculum: true,
      overrides: "n_steps=32",
    });
    expect(result).toEqual({
      body: {
        algorithm: "a2c",
        scenario: "my-bank",
        scenario_version: "0123456789ab",
        timesteps: 20000,
        n_envs: 8,
        seed: 7,
        curriculum: true,
        overrides: { n_steps: 32 },
      },
    });
  });

  it("leaves the version to the server when none is chosen", () => {
    const result = parseTraining({ ...DEFAULT_VALUES, scenario: "retail" });
    expect(result).toHaveProperty("body.scenario", "retail");
    expect(result).not.toHaveProperty("body.scenario_version");
  });

  it("names each invalid field", () => {
    const result = parseTraining({
      ...DEFAULT_VALUES,
      scenario: "",
      timesteps: "0",
      nEnvs: "5000",
      seed: "-1",
      overrides: "oops",
    });
    expect(result).toEqual({
      errors: {
        scenario: "Choose a scenario.",
        timesteps: "Enter a whole number from 1 to 5,000,000.",
        nEnvs: "Enter a whole number from 1 to 4,096.",
        seed: "Enter a whole number from 0 up.",
        overrides: expect.stringContaining("Line 1"),
      },
    });
    expect(parseTraining({ ...DEFAULT_VALUES, scenario: "x", timesteps: "1.5" })).toHaveProperty("errors.timesteps");
  });
});

describe("serverProblems", () => {
  it("puts an unknown hyperparameter under the overrides", () => {
    const error = new ApiError(422, "ppo has no hyperparameter n_stepz");
    expect(serverProblems(error)).toEqual({
      fields: { overrides: "ppo has no hyperparameter n_stepz" },
      unmatched: false,
    });
  });

  it("maps body fields to the form's fields and keeps the rest for an alert", () => {
    const error = new ApiError(422, "invalid", [
      { path: "body.timesteps", message: "Input should be greater than or equal to 1" },
      { path: "body.n_envs", message: "too many" },
      { path: "body.overrides.n_steps", message: "bad" },
      { path: "body.bogus", message: "Extra inputs are not permitted" },
    ]);
    expect(serverProblems(error)).toEqual({
      fields: { timesteps: "Input should be greater than or equal to 1", nEnvs: "too many", overrides: "bad" },
      unmatched: true,
    });
  });

  it("puts an unknown scenario under the scenario and anything else in an alert", () => {
    expect(serverProblems(new ApiError(404, "unknown scenario 'nope'")).fields).toEqual({
      scenario: "unknown scenario 'nope'",
    });
    expect(serverProblems(new ApiError(500, "boom"))).toEqual({ fields: {}, unmatched: true });
    expect(serverProblems(null)).toEqual({ fields: {}, unmatched: false });
  });
});
