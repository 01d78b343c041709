import type { RunPublic } from "../../client";
import { OPE_CLONED, opeResults } from "./fixtures";
import { estimateBars, opePolicyLabel, orderEstimators, policyTable, simulatedLabel } from "./ope";

describe("policyTable", () => {
  it("gives the return and every KPI by estimator, beside the simulator's value", () => {
    const results = opeResults();
    const table = policyTable(results.policies[0], results.simulated);
    expect(table.estimators).toEqual(["pdis", "wpdis", "dr", "fqe"]);
    expect(table.rows.map((row) => row.label)).toEqual([
      "Return",
      "CSAT",
      "Resolved",
      "First-contact resolution",
      "Escalated",
      "Abandoned",
      "Turns",
      "Handle time",
      "Revenue",
      "Compensation",
      "Net value",
    ]);
    const resolved = table.rows[2];
    expect(resolved.cells[2]).toEqual({ value: 0.7017, low: 0.6422, high: 0.7306 });
    expect(resolved.simulated).toEqual({ value: 0.7067, low: 0.6542, high: 0.7567 });
    expect(resolved.format(0.7017)).toBe("70.2%");
    expect(table.rows[0].format(0.5448)).toBe("0.54");
    expect(table.rows[10].format(-22.6986)).toBe("−$22.70");
  });

  it("has no simulator's values when the policies were not simulated", () => {
    const results = opeResults(OPE_CLONED);
    expect(results.simulated).toBeNull();
    expect(simulatedLabel(results)).toBeNull();
    const table = policyTable(results.policies[1], results.simulated);
    expect(table.rows.every((row) => row.simulated === null)).toBe(true);
    expect(simulatedLabel(opeResults())).toBe("Simulated in retail");
  });
});

describe("estimateBars", () => {
  it("gives a bar per estimator and the simulator's, with error bars", () => {
    const results = opeResults();
    const table = policyTable(results.policies[0], results.simulated);
    const bars = estimateBars(table, "return", "Simulated in retail");
    expect(bars.map((bar) => bar.label)).toEqual(["PDIS", "WPDIS", "DR", "FQE", "Simulated in retail"]);
    expect(bars[0].value).toBe(0.5448);
    expect(bars[0].error[0]).toBeCloseTo(0.5448 - 0.3734, 6);
    expect(bars[4].high).toBe(0.7358);
    expect(estimateBars(table, "nope", "x")).toEqual([]);
  });

  it("skips what is undefined and draws no error bar without bounds", () => {
    const table = {
      estimators: ["pdis", "dr"],
      rows: [
        {
          quantity: "return",
          label: "Return",
          format: String,
          cells: [{ value: null, low: null, high: null }, { value: 1, low: null, high: null }],
          simulated: null,
        },
      ],
    };
    expect(estimateBars(table, "return", "Simulated")).toEqual([
      { label: "DR", value: 1, low: 1, high: 1, error: [0, 0] },
    ]);
  });
});

describe("labels", () => {
  it("orders estimators and names policies", () => {
    expect(orderEstimators(["fqe", "extra", "pdis", "dr"])).toEqual(["pdis", "dr", "fqe", "extra"]);
    expect(opePolicyLabel("always_escalate")).toBe("Always escalate");
    expect(opePolicyLabel("run:3")).toBe("Run #3");
    const run = { id: 3, algorithm: "ppo", scenario: "retail" } as RunPublic;
    expect(opePolicyLabel("run:3", [run])).toBe("Run #3 · ppo on retail");
  });
});
