import { formatDecimal, parseDecimal, parseWholeNumber } from "./numbers";

describe("parseWholeNumber", () => {
  it("reads whole numbers within the bounds, with thousands separators", () => {
    expect(parseWholeNumber(" 200,000 ", 1, 5_000_000)).toBe(200000);
    expect(parseWholeNumber("1_000", 1, 5_000_000)).toBe(1000);
    expect(parseWholeNumber("0", 0, 10)).toBe(0);
  });

  it("refuses fractions, signs, words and values out of bounds", () => {
    for (const text of ["1.5", "-1", "+3", "1e3", "abc", "", "11"]) {
      expect(parseWholeNumber(text, 0, 10)).toBeNull();
    }
    expect(parseWholeNumber("99999999999999999999", 0, Number.MAX_SAFE_INTEGER)).toBeNull();
  });
});

describe("parseDecimal", () => {
  it("reads decimals within the bounds", () => {
    expect(parseDecimal(" 0.4 ", 0, 1)).toBe(0.4);
    expect(parseDecimal(".25", 0, 1)).toBe(0.25);
    expect(parseDecimal("1.", 0, 1)).toBe(1);
    expect(parseDecimal("-0.5", -1, 1)).toBe(-0.5);
    expect(parseDecimal("+1", -1, 1)).toBe(1);
  });

  it("refuses words, exponents, blanks and values out of bounds", () => {
    for (const text of ["", " ", "abc", "1e-3", "0.4.1", "1.5", "-0.1", "Infinity", "0x1"]) {
      expect(parseDecimal(text, 0, 1)).toBeNull();
    }
  });
});

describe("formatDecimal", () => {
  it("never shows a negative zero", () => {
    expect(formatDecimal(-0)).toBe("0.00");
    expect(formatDecimal(-0.001)).toBe("0.00");
    expect(formatDecimal(-0.006)).toBe("-0.01");
    expect(formatDecimal(1234.5, 1)).toBe("1,234.5");
    expect(formatDecimal(Number.NaN)).toBe("–");
  });
});
