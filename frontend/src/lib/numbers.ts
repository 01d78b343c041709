import { formatNumber } from "./format";

/** A whole number typed by a user (`1,000` and `1_000` allowed) within [min, max], or null. */
export function parseWholeNumber(text: string, min: number, max: number): number | null {
  const trimmed = text.trim().replace(/[,_]/g, "");
  if (!/^\d+$/.test(trimmed)) return null;
  const number = Number(trimmed);
  return Number.isSafeInteger(number) && number >= min && number <= max ? number : null;
}

/** A decimal number typed by a user (`0.4`, `.4`, `-1`; no exponents) within [min, max], or null. */
export function parseDecimal(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return null;
  const number = Number(trimmed);
  return number >= min && number <= max ? number : null;
}

/** `value` with `digits` decimals; a value that rounds to zero reads `0.00`, never `-0.00`. */
export function formatDecimal(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return formatNumber(value, digits);
  return formatNumber(Number(value.toFixed(digits)) === 0 ? 0 : value, digits);
}
