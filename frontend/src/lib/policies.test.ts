import openapi from "../../../docs/openapi.json";
import { BUILTIN_POLICIES, policyLabel } from "./policies";

describe("BUILTIN_POLICIES", () => {
  it("lists exactly the policies the API accepts, the baselines first", () => {
    const policy = openapi.components.schemas.EnvAutoplayRequest.properties.policy;
    const names = policy.anyOf.flatMap((option) => ("enum" in option ? option.enum : []));
    expect([...BUILTIN_POLICIES].sort()).toEqual([...names].sort());
    expect(BUILTIN_POLICIES.slice(0, 3)).toEqual(["playbook", "oracle", "random"]);
  });
});

describe("policyLabel", () => {
  it("names built-in policies, runs and known models", () => {
    expect(policyLabel("playbook")).toBe("Playbook");
    expect(policyLabel("always_close_case")).toBe("Always close case");
    expect(policyLabel("run:12")).toBe("Run #12");
    const model = {
      run_id: 12,
      policy: "run:12",
      algorithm: "ppo",
      scenario: "retail",
      scenario_version: "abc",
      seed: 0,
      total_timesteps: 1000,
      timesteps_done: 1000,
      trained_at: null,
    };
    expect(policyLabel("run:12", [model])).toBe("Run #12 · ppo on retail");
  });
});
