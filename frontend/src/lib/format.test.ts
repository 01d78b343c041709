import { formatNumber, formatPercent, formatSigned, humanize, sentence } from "./format";

describe("format", () => {
  it("humanizes snake-case names", () => {
    expect(humanize("ask_clarifying_question")).toBe("Ask clarifying question");
    expect(humanize("close_case")).toBe("Close case");
    expect(sentence("when the issue is resolved → close the case")).toBe("When the issue is resolved → close the case");
    expect(sentence("")).toBe("");
  });

  it("formats numbers, percentages and signs", () => {
    expect(formatNumber(1234.567)).toBe("1,234.57");
    expect(formatNumber(Number.NaN)).toBe("–");
    expect(formatPercent(0.256, 1)).toBe("25.6%");
    expect(formatSigned(-0.5)).toBe("−0.50");
    expect(formatSigned(0.25)).toBe("+0.25");
    expect(formatSigned(-0.0001)).toBe("0.00");
  });
});
