import baselines from "./fixtures/evaluation-baselines.json";
import transfer from "./fixtures/evaluation-transfer.json";
import {
  formatRoi,
  heatLevel,
  kpiRows,
  measureBars,
  normalizedBars,
  readResults,
  scoreAxis,
  roiRows,
  transferMatrix,
  type EvaluationResults,
} from "./results";

function read(evaluation: { results: Record<string, unknown> | null }): EvaluationResults {
  const results = readResults(evaluation.results);
  if (results === null) throw new Error("the fixture's results should be readable");
  return results;
}

describe("readResults", () => {
  it("reads a real evaluation's results", () => {
    const results = read(baselines);
    expect(results.policies).toEqual(["playbook", "always_escalate", "random"]);
    expect(results.scenarios).toEqual(["retail", "tech"]);
    expect(results.episodes).toBe(50);
    expect(results.summaries).toHaveLength(6);
    expect(results.summaries[0].kpis.resolved).toEqual({ value: 0.8, low: 0.68, high: 0.9 });
    expect(results.summaries[0].run).toBeNull();
    expect(read(transfer).summaries[1].run).toMatchObject({ run_id: 1, algorithm: "ppo", scenario: "retail" });
  });

  it("refuses results that are missing or malformed", () => {
    expect(readResults(null)).toBeNull();
    expect(readResults({ policies: ["playbook"], scenarios: ["retail"] })).toBeNull();
    const summaries = structuredClone(baselines.results.summaries) as unknown as Record<string, unknown>[];
    summaries[2].normalized = { value: "high" };
    expect(readResults({ ...baselines.results, summaries })).toBeNull();
  });
});

describe("kpiRows", () => {
  it("gives the return, the normalized score and each KPI with its CI, a cell per policy", () => {
    const rows = kpiRows(read(baselines), "retail");
    expect(rows.slice(0, 4).map((row) => row.label)).toEqual([
      "Episode return",
      "Normalized score",
      "CSAT",
      "Resolved",
    ]);
    expect(rows).toHaveLength(12);
    const resolved = rows.find((row) => row.name === "resolved");
    expect(resolved?.cells.map((cell) => cell?.value)).toEqual([0.8, 0.08, 0.38]);
    expect(resolved?.cells[2]).toEqual({ value: 0.38, low: 0.24, high: 0.52 });
    expect(resolved?.format(0.38)).toBe("38.0%");
    const normalized = rows.find((row) => row.name === "normalized");
    expect(normalized?.format(normalized.cells[2]?.value ?? Number.NaN)).toBe("0.00");
    expect(rows.find((row) => row.name === "net_value")?.format(-21.48)).toBe("−$21.48");
  });

  it("leaves a cell empty when a policy has no summary on the scenario", () => {
    const results = read(baselines);
    const summaries = results.summaries.filter((s) => !(s.spec === "random" && s.scenario === "tech"));
    const partial = { ...results, summaries };
    expect(kpiRows(partial, "tech")[0].cells[2]).toBeNull();
  });
});

describe("bars with error bars", () => {
  it("gives each policy's mean and its distance to the CI bounds", () => {
    const bars = measureBars(read(baselines), "tech", "resolved");
    expect(bars.map((bar) => bar.label)).toEqual(["Playbook", "Always escalate", "Random"]);
    expect(bars[0].value).toBe(0.58);
    expect(bars[0].error[0]).toBeCloseTo(0.14);
    expect(bars[0].error[1]).toBeCloseTo(0.12);
    expect(measureBars(read(baselines), "tech", "nope")).toEqual([]);
  });

  it("groups normalized scores by scenario, a series per policy", () => {
    const { series, rows } = normalizedBars(read(transfer));
    expect(series.map((s) => s.label)).toEqual(["Playbook", "Run #1 · ppo on retail", "Run #3 · a2c on tech"]);
    expect(rows.map((row) => row.scenario)).toEqual(["retail", "tech"]);
    expect(rows[1][series[1].valueKey]).toBeCloseTo(0.2592, 4);
    const [down, up] = rows[1][series[1].errorKey] as [number, number];
    expect(down).toBeCloseTo(0.2592 - 0.1226, 3);
    expect(up).toBeCloseTo(0.4053 - 0.2592, 3);
  });
});

describe("scoreAxis", () => {
  it("spans random to the oracle and every CI bound, on quarter ticks", () => {
    expect(scoreAxis(normalizedBars(read(transfer)))).toEqual({
      low: -0.25,
      high: 1,
      ticks: [-0.25, 0, 0.25, 0.5, 0.75, 1],
    });
    const wide = scoreAxis({
      series: [{ spec: "x", label: "x", valueKey: "v", errorKey: "e" }],
      rows: [{ scenario: "s", v: 4, e: [1, 0.5] }],
    });
    expect(wide).toEqual({ low: 0, high: 4.5, ticks: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5] });
  });
});

describe("roiRows", () => {
  it("compares every policy but the playbook with it, per scenario", () => {
    const rows = roiRows(read(transfer));
    expect(rows.map((row) => row.spec)).toEqual(["run:1", "run:3"]);
    expect(rows[0].cells.map((cell) => Math.round(cell?.value ?? 0))).toEqual([4833, 16000]);
    expect(rows[1].cells[0]?.high).toBeCloseTo(-4606.32, 2);
  });

  it("is empty when the results carry no ROI", () => {
    const results = read(baselines);
    expect(roiRows({ ...results, summaries: results.summaries.map((s) => ({ ...s, roi: null })) })).toEqual([]);
  });

  it("formats money per 1,000 contacts with its sign", () => {
    expect(formatRoi(4833.33)).toBe("+$4,833");
    expect(formatRoi(-10966.67)).toBe("−$10,967");
    expect(formatRoi(-0.2)).toBe("$0");
  });
});

describe("transferMatrix", () => {
  it("puts trained runs in rows by training scenario and evaluated scenarios in columns", () => {
    const matrix = transferMatrix(read(transfer));
    expect(matrix?.columns).toEqual(["retail", "tech"]);
    expect(matrix?.rows.map((row) => [row.trainedOn, row.label])).toEqual([
      ["retail", "Run #1 · ppo"],
      ["tech", "Run #3 · a2c"],
    ]);
    expect(matrix?.rows[0].cells.map((cell) => cell?.value.toFixed(4))).toEqual(["0.1556", "0.2592"]);
    expect(matrix?.rows[1].cells[1]?.low).toBeCloseTo(0.0861, 4);
  });

  it("orders runs by their training scenario's column", () => {
    const results = read(transfer);
    const runsFirst = transferMatrix({ ...results, policies: ["run:3", "run:1", "playbook"] });
    expect(runsFirst?.rows.map((row) => row.trainedOn)).toEqual(["retail", "tech"]);
    const techFirst = transferMatrix({ ...results, scenarios: ["tech", "retail"] });
    expect(techFirst?.rows.map((row) => row.trainedOn)).toEqual(["tech", "retail"]);
    expect(techFirst?.rows[0].cells[0]?.value).toBeCloseTo(0.2161, 4);
  });

  it("needs a trained run and two scenarios", () => {
    expect(transferMatrix(read(baselines))).toBeNull();
    const results = read(transfer);
    const oneScenario = {
      ...results,
      scenarios: ["retail"],
      summaries: results.summaries.filter((s) => s.scenario === "retail"),
    };
    expect(transferMatrix(oneScenario)).toBeNull();
  });

  it("scales colours from worse than random to the oracle", () => {
    expect(heatLevel(0)).toBe(0);
    expect(heatLevel(0.5)).toBe(0.5);
    expect(heatLevel(1.3)).toBe(1);
    expect(heatLevel(-0.25)).toBe(-0.5);
    expect(heatLevel(-2)).toBe(-1);
  });
});
