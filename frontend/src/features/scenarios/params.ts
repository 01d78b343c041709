import { formatNumber, humanize } from "../../lib/format";

/** The part of a generated JSON schema the parameter tables read: each field's title and meaning. */
export interface ObjectSchema {
  properties: Record<string, object>;
}

/** A field's title and description in `schema`, when it has them (a `$ref` field has neither). */
export function schemaField(schema: ObjectSchema, key: string): { title?: string; description?: string } {
  const field: { title?: unknown; description?: unknown } = schema.properties[key] ?? {};
  return {
    title: typeof field.title === "string" ? field.title : undefined,
    description: typeof field.description === "string" ? field.description : undefined,
  };
}

export interface ParamRow {
  key: string;
  label: string;
  value: string;
  description?: string;
}

export const TIERS = ["standard", "premium", "vip"] as const;

export function tierLabel(tier: string): string {
  return tier === "vip" ? "VIP" : humanize(tier);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A parameter's value in words: numbers trimmed, `{mean, std}` as "mean ± std", lists joined. */
export function formatParam(value: unknown): string {
  if (typeof value === "number") {
    return Number.isInteger(value) ? String(value) : formatNumber(value, Math.abs(value) < 0.1 ? 3 : 2);
  }
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value === null || value === undefined) return "–";
  if (Array.isArray(value)) return value.map(formatParam).join(" · ");
  if (isRecord(value)) {
    if (typeof value.mean === "number" && typeof value.std === "number") {
      return `${formatParam(value.mean)} ± ${formatParam(value.std)}`;
    }
    return Object.entries(value)
      .map(([key, item]) => `${humanize(key)} ${formatParam(item)}`)
      .join(" · ");
  }
  return String(value);
}

/**
 * Rows for the scalar fields of `values` (and `{mean, std}` pairs), labelled and explained
 * by `schema`; fields listed in `skip` are shown elsewhere.
 */
export function paramRows(values: object, schema: ObjectSchema, skip: readonly string[] = []): ParamRow[] {
  return Object.entries(values)
    .filter(([key, value]) => !skip.includes(key) && (!isRecord(value) || "mean" in value))
    .map(([key, value]) => {
      const field = schemaField(schema, key);
      return {
        key,
        label: field.title ?? humanize(key),
        value: formatParam(value),
        description: field.description,
      };
    });
}

/** Each weight's share of the total, in [0, 1]. */
export function shares(weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => (total > 0 ? w / total : 0));
}
