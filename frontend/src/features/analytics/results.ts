/**
 * The `results` of a completed evaluation. The API returns them as free-form JSON
 * (`EvaluationResult.to_json()` in `supportgym/evaluation/results.py`), so their shape
 * is written out here and checked once when read; everything else uses the generated types.
 */
import { formatNumber } from "../../lib/format";
import { formatKpi, kpiLabel, orderKpis } from "../../lib/kpis";
import { formatDecimal } from "../../lib/numbers";
import { policyLabel } from "../../lib/policies";

/** A mean with its 95% confidence interval. */
export interface Estimate {
  value: number;
  low: number;
  high: number;
}

/** Where a `run:<id>` policy came from. */
export interface RunInfo {
  run_id: number;
  algorithm: string;
  /** The scenario the run trained on. */
  scenario: string;
  scenario_version: string;
  seed: number;
}

/** One policy on one scenario. */
export interface PolicySummary {
  spec: string;
  scenario: string;
  version: string;
  episodes: number;
  episode_return: Estimate;
  /** Mean return rescaled so that random scores 0 and the oracle 1. */
  normalized: Estimate;
  /** Extra net value over the playbook per 1,000 contacts. */
  roi: Estimate | null;
  kpis: Record<string, Estimate>;
  run: RunInfo | null;
}

export interface EvaluationResults {
  policies: string[];
  scenarios: string[];
  versions: Record<string, string>;
  episodes: number;
  seed: number;
  summaries: PolicySummary[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

function readEstimate(value: unknown): Estimate | null {
  if (!isObject(value) || !isNumber(value.value) || !isNumber(value.low) || !isNumber(value.high)) return null;
  return { value: value.value, low: value.low, high: value.high };
}

function readRun(value: unknown): RunInfo | null {
  if (!isObject(value) || !isNumber(value.run_id) || typeof value.scenario !== "string") return null;
  return {
    run_id: value.run_id,
    algorithm: typeof value.algorithm === "string" ? value.algorithm : "",
    scenario: value.scenario,
    scenario_version: typeof value.scenario_version === "string" ? value.scenario_version : "",
    seed: isNumber(value.seed) ? value.seed : 0,
  };
}

function readSummary(value: unknown): PolicySummary | null {
  if (!isObject(value) || typeof value.spec !== "string" || typeof value.scenario !== "string") return null;
  const episodeReturn = readEstimate(value.episode_return);
  const normalized = readEstimate(value.normalized);
  if (episodeReturn === null || normalized === null || !isObject(value.kpis)) return null;
  const kpis: Record<string, Estimate> = {};
  for (const [name, estimate] of Object.entries(value.kpis)) {
    const read = readEstimate(estimate);
    if (read !== null) kpis[name] = read;
  }
  return {
    spec: value.spec,
    scenario: value.scenario,
    version: typeof value.version === "string" ? value.version : "",
    episodes: isNumber(value.episodes) ? value.episodes : 0,
    episode_return: episodeReturn,
    normalized,
    roi: readEstimate(value.roi),
    kpis,
    run: readRun(value.run),
  };
}

/** The evaluation's results, or null when they are missing or not in the expected shape. */
export function readResults(results: Record<string, unknown> | null | undefined): EvaluationResults | null {
  if (!results || !isStrings(results.policies) || !isStrings(results.scenarios) || !Array.isArray(results.summaries)) {
    return null;
  }
  const summaries = results.summaries.map(readSummary);
  if (summaries.some((summary) => summary === null)) return null;
  const versions: Record<string, string> = {};
  if (isObject(results.versions)) {
    for (const [name, version] of Object.entries(results.versions)) {
      if (typeof version === "string") versions[name] = version;
    }
  }
  return {
    policies: results.policies,
    scenarios: results.scenarios,
    versions,
    episodes: isNumber(results.episodes) ? results.episodes : 0,
    seed: isNumber(results.seed) ? results.seed : 0,
    summaries: summaries as PolicySummary[],
  };
}

/** The summary of one policy on one scenario, if it was played. */
export function summaryOf(results: EvaluationResults, spec: string, scenario: string): PolicySummary | undefined {
  return results.summaries.find((s) => s.spec === spec && s.scenario === scenario);
}

/** A policy's name for tables: built-in names in words, runs with their algorithm and training scenario. */
export function policyName(results: EvaluationResults, spec: string): string {
  const run = results.summaries.find((s) => s.spec === spec && s.run !== null)?.run;
  return run ? `Run #${run.run_id} · ${run.algorithm} on ${run.scenario}` : policyLabel(spec);
}

/** A row of the KPI table: one measure, an estimate per policy (in the order of `policies`). */
export interface KpiRow {
  /** `episode_return`, `normalized`, or a KPI's name. */
  name: string;
  label: string;
  cells: (Estimate | null)[];
  format: (value: number) => string;
}

/** The return, the normalized score and every KPI of each policy on one scenario. */
export function kpiRows(results: EvaluationResults, scenario: string): KpiRow[] {
  const summaries = results.policies.map((spec) => summaryOf(results, spec, scenario));
  const kpis = orderKpis(summaries.flatMap((summary) => Object.keys(summary?.kpis ?? {})));
  return [
    {
      name: "episode_return",
      label: "Episode return",
      cells: summaries.map((s) => s?.episode_return ?? null),
      format: (value) => formatDecimal(value, 2),
    },
    {
      name: "normalized",
      label: "Normalized score",
      cells: summaries.map((s) => s?.normalized ?? null),
      format: (value) => formatDecimal(value, 2),
    },
    ...kpis.map((name) => ({
      name,
      label: kpiLabel(name),
      cells: summaries.map((s) => s?.kpis[name] ?? null),
      format: (value: number) => formatKpi(name, value, true),
    })),
  ];
}

/** The measures a bar chart can show for one scenario, as in {@link kpiRows}. */
export function chartMeasures(results: EvaluationResults, scenario: string): { name: string; label: string }[] {
  return kpiRows(results, scenario).map(({ name, label }) => ({ name, label }));
}

/** A bar with its error bar: `error` is the distance from the value down to `low` and up to `high`. */
export interface ErrorBarDatum {
  label: string;
  value: number;
  low: number;
  high: number;
  error: [number, number];
}

function bar(label: string, estimate: Estimate): ErrorBarDatum {
  return {
    label,
    value: estimate.value,
    low: estimate.low,
    high: estimate.high,
    error: [Math.max(0, estimate.value - estimate.low), Math.max(0, estimate.high - estimate.value)],
  };
}

/** One bar per policy for one measure of {@link kpiRows} on one scenario. */
export function measureBars(results: EvaluationResults, scenario: string, measure: string): ErrorBarDatum[] {
  const row = kpiRows(results, scenario).find((r) => r.name === measure);
  if (!row) return [];
  return results.policies.flatMap((spec, index) => {
    const estimate = row.cells[index];
    return estimate ? [bar(policyName(results, spec), estimate)] : [];
  });
}

export interface GroupedBars {
  /** One entry per policy: the row fields holding its value and its error. */
  series: { spec: string; label: string; valueKey: string; errorKey: string }[];
  /** One row per scenario. */
  rows: ({ scenario: string } & Record<string, number | [number, number] | string>)[];
}

/** Normalized scores grouped by scenario, a bar per policy. */
export function normalizedBars(results: EvaluationResults): GroupedBars {
  const series = results.policies.map((spec, index) => ({
    spec,
    label: policyName(results, spec),
    valueKey: `p${index}`,
    errorKey: `p${index}_error`,
  }));
  const rows = results.scenarios.map((scenario) => {
    const row: GroupedBars["rows"][number] = { scenario };
    for (const s of series) {
      const summary = summaryOf(results, s.spec, scenario);
      if (!summary) continue;
      const datum = bar(s.label, summary.normalized);
      row[s.valueKey] = datum.value;
      row[s.errorKey] = datum.error;
    }
    return row;
  });
  return { series, rows };
}

/**
 * The normalized-score axis: from random (0) to the oracle (1), widened to every CI
 * bound, with ticks on quarters (halves or wholes when the range is wide).
 */
export function scoreAxis(bars: GroupedBars): { low: number; high: number; ticks: number[] } {
  let low = 0;
  let high = 1;
  for (const row of bars.rows) {
    for (const s of bars.series) {
      const value = row[s.valueKey];
      const error = row[s.errorKey];
      if (typeof value !== "number" || !Array.isArray(error)) continue;
      low = Math.min(low, value - error[0]);
      high = Math.max(high, value + error[1]);
    }
  }
  const step = high - low > 6 ? 1 : high - low > 3 ? 0.5 : 0.25;
  const start = Math.floor(low / step) * step;
  const end = Math.ceil(high / step) * step;
  const ticks = Array.from({ length: Math.round((end - start) / step) + 1 }, (_, index) => start + index * step);
  return { low: start, high: end, ticks };
}

/** One policy's ROI against the playbook on each scenario (in the order of `scenarios`). */
export interface RoiRow {
  spec: string;
  label: string;
  cells: (Estimate | null)[];
}

/** ROI per 1,000 contacts of every policy but the playbook (the baseline, 0 by definition). */
export function roiRows(results: EvaluationResults): RoiRow[] {
  if (!results.summaries.some((s) => s.roi !== null)) return [];
  return results.policies
    .filter((spec) => spec !== "playbook")
    .map((spec) => ({
      spec,
      label: policyName(results, spec),
      cells: results.scenarios.map((scenario) => summaryOf(results, spec, scenario)?.roi ?? null),
    }));
}

/** Money per 1,000 contacts, signed and whole: `+$4,833`, `−$10,967`. */
export function formatRoi(value: number): string {
  const amount = `$${formatNumber(Math.abs(value), 0)}`;
  if (Math.round(value) === 0) return amount;
  return value < 0 ? `−${amount}` : `+${amount}`;
}

export interface TransferRow {
  spec: string;
  label: string;
  /** The scenario the run trained on. */
  trainedOn: string;
  /** Normalized score on each evaluated scenario (in the order of the matrix's columns). */
  cells: (Estimate | null)[];
}

export interface TransferMatrix {
  /** The evaluated scenarios. */
  columns: string[];
  /** One row per trained run, ordered by training scenario (as the columns, then by name). */
  rows: TransferRow[];
}

/**
 * How trained runs transfer across scenarios: rows are runs by the scenario they trained
 * on, columns the scenarios evaluated, cells normalized scores. Null unless the evaluation
 * has a trained run and two scenarios or more.
 */
export function transferMatrix(results: EvaluationResults): TransferMatrix | null {
  const columns = results.scenarios;
  const runs = results.policies.flatMap((spec) => {
    const run = results.summaries.find((s) => s.spec === spec && s.run !== null)?.run;
    return run ? [{ spec, run }] : [];
  });
  if (runs.length === 0 || columns.length < 2) return null;
  const order = (scenario: string) => {
    const index = columns.indexOf(scenario);
    return index === -1 ? columns.length : index;
  };
  runs.sort(
    (a, b) =>
      order(a.run.scenario) - order(b.run.scenario) ||
      a.run.scenario.localeCompare(b.run.scenario) ||
      a.run.run_id - b.run.run_id,
  );
  return {
    columns,
    rows: runs.map(({ spec, run }) => ({
      spec,
      label: `Run #${run.run_id} · ${run.algorithm}`,
      trainedOn: run.scenario,
      cells: columns.map((scenario) => summaryOf(results, spec, scenario)?.normalized ?? null),
    })),
  };
}

/**
 * A normalized score's colour strength from −1 to 1: 0 at random's level, 1 at the
 * oracle's or better, negative (down to −1 at −0.5) when worse than random.
 */
export function heatLevel(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return score >= 0 ? Math.min(1, score) : Math.max(-1, score * 2);
}
