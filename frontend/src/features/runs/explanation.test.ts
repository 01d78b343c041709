import type { Explanation, ExplanationPublic } from "../../client";
import {
  actionWords,
  fidelityByDepth,
  formatShare,
  importanceRows,
  isExplaining,
  scoreRows,
} from "./explanation";
import fixture from "./fixtures/explanation.json";

const EXPLANATION = (fixture as unknown as ExplanationPublic).explanation as Explanation;

describe("fidelityByDepth", () => {
  it("lists the tree's agreement at each depth tried, shallowest first", () => {
    const shuffled = { fidelity_by_depth: { "6": 0.99, "3": 0.9, "10": 0.995, "4": 0.95 } };
    expect(fidelityByDepth(shuffled).map((entry) => entry.depth)).toEqual([3, 4, 6, 10]);
    expect(fidelityByDepth(EXPLANATION)[0]).toEqual({ depth: 3, fidelity: EXPLANATION.fidelity.value });
  });
});

describe("scoreRows", () => {
  it("gives the model's, the tree's and the playbook's scores in that order", () => {
    const rows = scoreRows(EXPLANATION);
    expect(rows.map((row) => row.label)).toEqual(["Model", "Rules (tree)", "Playbook"]);
    expect(rows[2].score?.value).toBeCloseTo(0.6395, 4);
    expect(scoreRows({ scores: {} }).every((row) => row.score === null)).toBe(true);
  });
});

describe("importanceRows", () => {
  it("sorts the features by the model's importance and leaves out the ones neither uses", () => {
    const { rows, unused } = importanceRows(EXPLANATION.importance);
    expect(rows.slice(0, 3).map((row) => row.feature)).toEqual(["resolved", "sentiment", "inquiry_type"]);
    expect(rows[0]).toMatchObject({ label: "Resolved", model: 0.14457553956834532, playbook: 0.254740274866061 });
    // The model never depends on clarifications, the playbook does: it stays, after the model's features.
    const clarifications = rows.findIndex((row) => row.feature === "clarifications");
    expect(rows[clarifications]).toMatchObject({ model: 0, playbook: 0.2817144188213371 });
    expect(rows.slice(clarifications).every((row) => row.model === 0)).toBe(true);
    expect(rows.slice(clarifications + 1).map((row) => row.feature)).toEqual(["compensated", "upsell_attempted", "escalated"]);
    expect(unused).toEqual(["belief_escalation"]);
    expect(rows).toHaveLength(16);
  });

  it("reads a policy's missing features as unused", () => {
    const { rows, unused } = importanceRows({ model: { tier: { mean: 0.2, std: 0.01 } }, playbook: {} });
    expect(rows).toEqual([{ feature: "tier", label: "Tier", model: 0.2, playbook: 0, modelStd: 0.01, playbookStd: 0 }]);
    expect(importanceRows({ model: { tier: { mean: 0, std: 0 } } }, 0.01).unused).toEqual(["tier"]);
    expect(unused).toEqual([]);
  });
});

describe("formatting", () => {
  it("formats shares of choices and actions in words", () => {
    expect(formatShare(0.1446)).toBe("14.5%");
    expect(formatShare(0.0007)).toBe("0.07%");
    expect(formatShare(0)).toBe("0.0%");
    expect(actionWords("standard_solution")).toBe("standard solution");
  });

  it("polls only while a worker explains", () => {
    expect(isExplaining("pending")).toBe(true);
    for (const status of ["none", "completed", "failed", undefined] as const) expect(isExplaining(status)).toBe(false);
  });
});
