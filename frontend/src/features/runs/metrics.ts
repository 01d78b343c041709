import type { MetricPointPublic } from "../../client";

/** Logging namespaces of a run's metrics (see the training callbacks). */
export const EPISODE_RETURN = "episode/return";
export const REWARD_PREFIX = "reward/";
export const KPI_PREFIX = "kpi/";
export const CURRICULUM_LEVEL = "curriculum/level";
export const CURRICULUM_DIFFICULTY = "curriculum/difficulty";

/**
 * The points of both lists by step, in step order. A later point replaces an earlier one
 * of the same step, as the store does, so history from the REST call and the socket's
 * replay of it merge without duplicates.
 */
export function mergePoints(
  current: readonly MetricPointPublic[],
  incoming: readonly MetricPointPublic[],
): readonly MetricPointPublic[] {
  if (incoming.length === 0) return current;
  const byStep = new Map(current.map((point) => [point.step, point]));
  for (const point of incoming) byStep.set(point.step, point);
  return [...byStep.values()].sort((a, b) => a.step - b.step);
}

/** The metric keys under `prefix` in first-seen order, e.g. every `reward/<component>`. */
export function metricKeys(points: readonly MetricPointPublic[], prefix: string): string[] {
  const keys = new Set<string>();
  for (const point of points) {
    for (const key of Object.keys(point.values)) {
      if (key.startsWith(prefix)) keys.add(key);
    }
  }
  return [...keys];
}

/** `reward/satisfaction` → `satisfaction`. */
export function metricName(key: string): string {
  return key.slice(key.indexOf("/") + 1);
}

export type SeriesRow = { step: number } & Record<string, number | null>;

/** One chart row per point that has any of `keys`: its step and each key's value (null when missing). */
export function seriesRows(points: readonly MetricPointPublic[], keys: readonly string[]): SeriesRow[] {
  const rows: SeriesRow[] = [];
  for (const point of points) {
    if (!keys.some((key) => typeof point.values[key] === "number")) continue;
    const row: SeriesRow = { step: point.step };
    for (const key of keys) row[key] = point.values[key] ?? null;
    rows.push(row);
  }
  return rows;
}

/** The last logged value of `key` and its step, or null when it was never logged. */
export function latestValue(
  points: readonly MetricPointPublic[],
  key: string,
): { step: number; value: number } | null {
  for (let index = points.length - 1; index >= 0; index -= 1) {
    const value = points[index].values[key];
    if (typeof value === "number") return { step: points[index].step, value };
  }
  return null;
}
