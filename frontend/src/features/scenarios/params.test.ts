import { formatParam, paramRows, shares } from "./params";

describe("formatParam", () => {
  it("writes values compactly", () => {
    expect(formatParam(20)).toBe("20");
    expect(formatParam(0.35)).toBe("0.35");
    expect(formatParam(0.03)).toBe("0.030");
    expect(formatParam({ mean: 8, std: 2.5 })).toBe("8 ± 2.50");
    expect(formatParam([40, 80, 150])).toBe("40 · 80 · 150");
    expect(formatParam({ standard: 0.5, technical: 0.5 })).toBe("Standard 0.50 · Technical 0.50");
    expect(formatParam(null)).toBe("–");
  });
});

describe("paramRows", () => {
  it("labels scalar fields from the schema and leaves out nested tables and skipped fields", () => {
    const schema = {
      properties: {
        savvy_weight: { title: "Savvy Weight", description: "Troubleshooting scales with savvy." },
        patience: { title: "Patience" },
      },
    };
    const rows = paramRows(
      { savvy_weight: 1, patience: { mean: 8, std: 2 }, progress: { escalate: { standard: 1 } }, skipped: 3 },
      schema,
      ["skipped"],
    );
    expect(rows).toEqual([
      { key: "savvy_weight", label: "Savvy Weight", value: "1", description: "Troubleshooting scales with savvy." },
      { key: "patience", label: "Patience", value: "8 ± 2", description: undefined },
    ]);
  });
});

describe("shares", () => {
  it("normalizes weights", () => {
    expect(shares([3, 1])).toEqual([0.75, 0.25]);
    expect(shares([0, 0])).toEqual([0, 0]);
  });
});
