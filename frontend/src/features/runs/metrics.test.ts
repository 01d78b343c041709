import type { MetricPointPublic } from "../../client";
import runMetrics from "./fixtures/run-metrics.json";
import { latestValue, mergePoints, metricKeys, metricName, seriesRows } from "./metrics";

const point = (step: number, values: Record<string, number | null>): MetricPointPublic => ({
  step,
  wall_time: step / 100,
  values,
});

describe("mergePoints", () => {
  it("orders points by step and keeps one point per step, the newer one", () => {
    const history = [point(100, { "episode/return": 1 }), point(300, { "episode/return": 3 })];
    const replay = [
      point(300, { "episode/return": 3.5 }),
      point(200, { "episode/return": 2 }),
      point(400, { "episode/return": 4 }),
    ];
    const merged = mergePoints(history, replay);
    expect(merged.map((p) => p.step)).toEqual([100, 200, 300, 400]);
    expect(merged[2].values["episode/return"]).toBe(3.5);
  });

  it("merges a socket's full replay of the history without duplicates", () => {
    const history = runMetrics.data;
    const merged = mergePoints(mergePoints(history, history), history.slice(-2));
    expect(merged).toHaveLength(history.length);
    expect(merged).toEqual(history);
  });

  it("returns the same list when nothing arrives", () => {
    const history = [point(1, {})];
    expect(mergePoints(history, [])).toBe(history);
  });
});

describe("chart series", () => {
  const points = runMetrics.data;

  it("finds every reward component and KPI a run logged", () => {
    expect(metricKeys(points, "reward/").map(metricName)).toEqual([
      "satisfaction",
      "resolution",
      "efficiency",
      "business",
      "penalty",
    ]);
    expect(metricKeys(points, "kpi/").map(metricName)).toContain("first_contact_resolution");
  });

  it("makes a row per point with the chosen keys, null where a point lacks one", () => {
    const rows = seriesRows(
      [point(10, { "reward/a": 1 }), point(20, { other: 5 }), point(30, { "reward/b": 2, "reward/a": null })],
      ["reward/a", "reward/b"],
    );
    expect(rows).toEqual([
      { step: 10, "reward/a": 1, "reward/b": null },
      { step: 30, "reward/a": null, "reward/b": 2 },
    ]);
  });

  it("reads the latest logged value of a key", () => {
    const last = points.at(-1);
    expect(latestValue(points, "episode/return")).toEqual({ step: last?.step, value: last?.values["episode/return"] });
    expect(latestValue([point(1, { x: 1 }), point(2, { x: null })], "x")).toEqual({ step: 1, value: 1 });
    expect(latestValue(points, "missing")).toBeNull();
  });
});
