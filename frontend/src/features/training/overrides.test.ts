import { parseOverrides } from "./overrides";

describe("parseOverrides", () => {
  it("reads one key=value per line, values as JSON", () => {
    const text = [
      "learning_rate = 1e-3",
      "",
      "# a comment",
      "n_steps=128",
      "normalize_advantage=false",
      'policy_kwargs={"net_arch": [32, 32]}',
      "target_kl=null",
      "policy=MlpPolicy",
      'device="cpu"',
    ].join("\n");
    expect(parseOverrides(text)).toEqual({
      overrides: {
        learning_rate: 0.001,
        n_steps: 128,
        normalize_advantage: false,
        policy_kwargs: { net_arch: [32, 32] },
        target_kl: null,
        policy: "MlpPolicy",
        device: "cpu",
      },
    });
  });

  it("gives no overrides for blank text", () => {
    expect(parseOverrides("  \n\n")).toEqual({ overrides: {} });
  });

  it("names the line of each problem", () => {
    const result = parseOverrides("n_steps=128\nlearning_rate\n2bad=1\nn_steps=64\ngamma=");
    expect(result).toEqual({
      error: expect.stringContaining("Line 2: write key=value"),
    });
    const error = "error" in result ? result.error : "";
    expect(error).toContain('Line 3: "2bad" is not a hyperparameter name.');
    expect(error).toContain("Line 4: n_steps is set twice.");
    expect(error).toContain("Line 5: gamma has no value.");
  });

  it("keeps a __proto__ key as data", () => {
    const result = parseOverrides("__proto__=1");
    expect(result).toEqual({ overrides: { ["__proto__"]: 1 } });
    expect(Object.getPrototypeOf("overrides" in result ? result.overrides : null)).toBe(Object.prototype);
  });
});
