import {
  changedParameters,
  fitCounts,
  fitPanels,
  formatChange,
  formatParameter,
  formatStatistic,
  groupLabel,
  insideInterval,
  statisticGroups,
  statisticLabel,
  statisticPanel,
} from "./calibration";
import { calibrationResults } from "./fixtures";

describe("statistics", () => {
  it("are named in words", () => {
    expect(statisticLabel("all/resolved")).toBe("Resolved");
    expect(statisticLabel("all/csat")).toBe("CSAT");
    expect(statisticLabel("order_status/handle_minutes")).toBe("Handle time");
    expect(statisticLabel("all/upsold")).toBe("Upsold");
    expect(statisticLabel("all/resolved_after_technical_troubleshooting")).toBe(
      "Resolved after technical troubleshooting",
    );
    expect(statisticLabel("all/mood_change_after_empathize")).toBe("Mood change after empathize");
    expect(statisticLabel("turns/escalate")).toBe("Escalate (share of turns)");
    expect(statisticLabel("sentiment/first")).toBe("Opening sentiment");
    expect(groupLabel("all")).toBe("All contacts");
    expect(groupLabel("order_status")).toBe("Order status");
  });

  it("are formatted for their scale", () => {
    expect(formatStatistic("all/resolved", 0.5433)).toBe("54.3%");
    expect(formatStatistic("all/csat", 2.5267)).toBe("2.53");
    expect(formatStatistic("all/handle_minutes", 10.1567)).toBe("10.2");
    expect(formatStatistic("all/mood_change_after_upsell", -0.325)).toBe("−0.33");
    expect(formatStatistic("turns/escalate", 0.033)).toBe("3.3%");
    expect(formatStatistic("sentiment/first", -0.3056)).toBe("-0.31");
  });

  it("are grouped, every contact first", () => {
    const groups = statisticGroups(calibrationResults());
    expect(groups.map((group) => group.id)).toEqual([
      "all",
      "order_status",
      "return_refund",
      "product_defect",
      "shipping_delay",
      "product_recommendation",
      "turns",
      "sentiment",
    ]);
    expect(groups[6].label).toBe("Actions");
  });

  it("are inside the logs' CI when the simulated value is", () => {
    expect(insideInterval({ value: 0.5, low: 0.4, high: 0.6 }, { value: 0.55, low: 0.5, high: 0.6 })).toBe(true);
    expect(insideInterval({ value: 0.013, low: 0, high: 0.03 }, { value: 0, low: 0, high: 0 })).toBe(false);
    expect(insideInterval({ value: null, low: null, high: null }, { value: 0, low: 0, high: 0 })).toBeNull();
    expect(fitCounts(calibrationResults())).toEqual({ base: 102, fitted: 99, total: 110 });
  });
});

describe("fitPanels", () => {
  it("splits a group's statistics into panels of one scale", () => {
    const panels = fitPanels(calibrationResults(), "all");
    expect(panels.map((panel) => [panel.id, panel.rows.length])).toEqual([
      ["outcomes", 5],
      ["csat", 1],
      ["minutes", 1],
      ["turns", 1],
      ["resolved-after", 4],
      ["mood-change", 7],
    ]);
    const outcomes = panels[0];
    expect(outcomes.rows.map((row) => row.label)).toEqual(["Resolved", "Escalated", "Abandoned", "Compensated", "Upsold"]);
    const resolved = outcomes.rows[0];
    expect(resolved.observed).toBe(0.5433);
    expect(resolved.observedError[0]).toBeCloseTo(0.5433 - 0.487, 6);
    expect(resolved.observedError[1]).toBeCloseTo(0.5997 - 0.5433, 6);
    expect(resolved.base).toBe(0.531);
    expect(resolved.fitted).toBe(0.5425);
    expect(panels[5].rows[0].label).toBe("Empathize");
  });

  it("charts an inquiry type, the actions and the mood on their own", () => {
    expect(fitPanels(calibrationResults(), "product_defect").flatMap((panel) => panel.rows)).toHaveLength(16);
    const actions = fitPanels(calibrationResults(), "turns");
    expect(actions.map((panel) => panel.id)).toEqual(["turn-shares"]);
    expect(actions[0].rows.map((row) => row.label)).toContain("Ask clarifying question");
    expect(statisticPanel("sentiment/last")).toMatchObject({ panel: { id: "sentiment" }, short: "Closing sentiment" });
  });
});

describe("parameters", () => {
  it("keeps the ones the calibration moved", () => {
    const parameters = calibrationResults().parameters;
    const changed = changedParameters(parameters);
    expect(parameters).toHaveLength(35);
    expect(changed).toHaveLength(28);
    expect(changed.map((p) => p.path)).not.toContain("customers.patience.mean");
    expect(changed[0]).toEqual({ path: "inquiries[order_status].weight", base: 0.3, fitted: 0.32, how: "read off the logs" });
  });

  it("formats values and signed changes", () => {
    expect(formatParameter(0.2067)).toBe("0.2067");
    expect(formatParameter(9)).toBe("9");
    expect(formatParameter(-0.05)).toBe("−0.05");
    expect(formatParameter(-0.00001)).toBe("0");
    expect(formatChange(0.32 - 0.3)).toBe("+0.02");
    expect(formatChange(0.3662 - 0.5)).toBe("−0.1338");
    expect(formatChange(1e-9)).toBe("0");
  });
});
