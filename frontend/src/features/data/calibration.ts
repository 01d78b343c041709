/**
 * A calibration's results for tables and charts. Statistics are named `group/measure`:
 * `all/resolved` over every contact, `order_status/csat` over one inquiry type,
 * `turns/escalate` a share of turns, `sentiment/first` the opening mood.
 */
import type { CalibrationResults, Interval, ParameterFit, StatisticFit } from "../../client";
import { formatNumber, formatPercent, formatSigned, humanize } from "../../lib/format";
import { kpiLabel } from "../../lib/kpis";
import { formatDecimal } from "../../lib/numbers";

/** The statistics over every contact. */
export const ALL_GROUP = "all";

const OUTCOMES = new Set(["resolved", "escalated", "abandoned", "compensated", "upsold"]);
const OUTCOME_LABELS: Record<string, string> = { compensated: "Compensated", upsold: "Upsold" };
const SENTIMENT_LABELS: Record<string, string> = {
  first: "Opening sentiment",
  first_squared: "Opening sentiment squared",
  last: "Closing sentiment",
};
const RESOLVED_AFTER = "resolved_after_";
const MOOD_AFTER = "mood_change_after_";

export function statisticGroup(name: string): string {
  const slash = name.indexOf("/");
  return slash === -1 ? ALL_GROUP : name.slice(0, slash);
}

export function statisticMeasure(name: string): string {
  const slash = name.indexOf("/");
  return slash === -1 ? name : name.slice(slash + 1);
}

/** `all` → `All contacts`, `turns` → `Actions`, an inquiry type in words. */
export function groupLabel(group: string): string {
  if (group === ALL_GROUP) return "All contacts";
  if (group === "turns") return "Actions";
  if (group === "sentiment") return "Sentiment";
  return humanize(group);
}

/** A statistic's name in words: `all/resolved_after_escalate` → `Resolved after escalate`. */
export function statisticLabel(name: string): string {
  const group = statisticGroup(name);
  const measure = statisticMeasure(name);
  if (group === "turns") return `${humanize(measure)} (share of turns)`;
  if (group === "sentiment") return SENTIMENT_LABELS[measure] ?? humanize(measure);
  if (measure.startsWith(RESOLVED_AFTER)) return `Resolved after ${humanize(measure.slice(RESOLVED_AFTER.length)).toLowerCase()}`;
  if (measure.startsWith(MOOD_AFTER)) return `Mood change after ${humanize(measure.slice(MOOD_AFTER.length)).toLowerCase()}`;
  return OUTCOME_LABELS[measure] ?? kpiLabel(measure);
}

/** Statistics that share a scale, charted together. */
export interface FitPanelKind {
  id: string;
  title: string;
  format: (value: number) => string;
}

const percent = (value: number) => formatPercent(value, 1);
const decimal = (value: number) => formatDecimal(value, 2);

const PANELS = {
  outcomes: { id: "outcomes", title: "Outcomes (share of contacts)", format: percent },
  resolvedAfter: { id: "resolved-after", title: "Resolved right after each action (share of contacts)", format: percent },
  moodAfter: { id: "mood-change", title: "Mood change after each action", format: (v: number) => formatSigned(v, 2) },
  csat: { id: "csat", title: "CSAT (1 to 5)", format: decimal },
  turns: { id: "turns", title: "Turns per contact", format: (v: number) => formatNumber(v, 2) },
  minutes: { id: "minutes", title: "Handle time (minutes)", format: (v: number) => formatNumber(v, 1) },
  turnShares: { id: "turn-shares", title: "Share of turns by action", format: percent },
  sentiment: { id: "sentiment", title: "Sentiment (−1 to 1)", format: decimal },
  other: { id: "other", title: "Other statistics", format: (v: number) => formatDecimal(v, 3) },
} satisfies Record<string, FitPanelKind>;

/** The panel a statistic is charted in, and its label there (short, as the panel names the measure). */
export function statisticPanel(name: string): { panel: FitPanelKind; short: string } {
  const group = statisticGroup(name);
  const measure = statisticMeasure(name);
  if (group === "turns") return { panel: PANELS.turnShares, short: humanize(measure) };
  if (group === "sentiment") return { panel: PANELS.sentiment, short: statisticLabel(name) };
  if (measure.startsWith(RESOLVED_AFTER)) {
    return { panel: PANELS.resolvedAfter, short: humanize(measure.slice(RESOLVED_AFTER.length)) };
  }
  if (measure.startsWith(MOOD_AFTER)) return { panel: PANELS.moodAfter, short: humanize(measure.slice(MOOD_AFTER.length)) };
  if (OUTCOMES.has(measure)) return { panel: PANELS.outcomes, short: statisticLabel(name) };
  if (measure === "csat") return { panel: PANELS.csat, short: "CSAT" };
  if (measure === "turns") return { panel: PANELS.turns, short: "Turns" };
  if (measure === "handle_minutes") return { panel: PANELS.minutes, short: "Handle time" };
  return { panel: PANELS.other, short: statisticLabel(name) };
}

/** A statistic's value formatted for its scale. */
export function formatStatistic(name: string, value: number): string {
  return statisticPanel(name).panel.format(value);
}

/** Whether `simulated`'s value lies in `observed`'s 95% CI; null when either is undefined. */
export function insideInterval(simulated: Interval, observed: Interval): boolean | null {
  if (simulated.value === null || observed.low === null || observed.high === null) return null;
  return simulated.value >= observed.low && simulated.value <= observed.high;
}

/** The groups of the statistics, every contact first, then in the order they come. */
export function statisticGroups(results: CalibrationResults): { id: string; label: string }[] {
  const groups = [...new Set(results.statistics.map((statistic) => statisticGroup(statistic.name)))];
  groups.sort((a, b) => Number(b === ALL_GROUP) - Number(a === ALL_GROUP));
  return groups.map((id) => ({ id, label: groupLabel(id) }));
}

/** A row of the fit chart: the logs' value with its CI (as distances for an error bar), the simulated ones. */
export interface FitDatum {
  name: string;
  label: string;
  observed: number | null;
  observedError: [number, number];
  base: number | null;
  fitted: number | null;
  statistic: StatisticFit;
}

export interface FitPanel extends FitPanelKind {
  rows: FitDatum[];
}

function errorOf(interval: Interval): [number, number] {
  if (interval.value === null || interval.low === null || interval.high === null) return [0, 0];
  return [Math.max(0, interval.value - interval.low), Math.max(0, interval.high - interval.value)];
}

/** One group's statistics, split into panels of one scale each (in the order they first come). */
export function fitPanels(results: CalibrationResults, group: string): FitPanel[] {
  const panels = new Map<string, FitPanel>();
  for (const statistic of results.statistics) {
    if (statisticGroup(statistic.name) !== group) continue;
    const { panel, short } = statisticPanel(statistic.name);
    let entry = panels.get(panel.id);
    if (!entry) {
      entry = { ...panel, rows: [] };
      panels.set(panel.id, entry);
    }
    entry.rows.push({
      name: statistic.name,
      label: short,
      observed: statistic.observed.value,
      observedError: errorOf(statistic.observed),
      base: statistic.base.value,
      fitted: statistic.fitted.value,
      statistic,
    });
  }
  return [...panels.values()];
}

/** How many statistics' simulated values fall in the logs' CIs, before and after. */
export function fitCounts(results: CalibrationResults): { base: number; fitted: number; total: number } {
  let base = 0;
  let fitted = 0;
  for (const statistic of results.statistics) {
    if (insideInterval(statistic.base, statistic.observed)) base += 1;
    if (insideInterval(statistic.fitted, statistic.observed)) fitted += 1;
  }
  return { base, fitted, total: results.statistics.length };
}

/** The parameters the calibration moved (by more than rounding), in the order given. */
export function changedParameters(parameters: readonly ParameterFit[], tolerance = 5e-5): ParameterFit[] {
  return parameters.filter((parameter) => Math.abs(parameter.fitted - parameter.base) > tolerance);
}

/** A parameter's value: up to 4 decimals, no trailing zeros (`0.3`, `0.2067`, `9`, `−0.05`). */
export function formatParameter(value: number): string {
  if (!Number.isFinite(value)) return "–";
  const text = Math.abs(value).toLocaleString("en-US", { maximumFractionDigits: 4 });
  return value < 0 && Number(text.replace(/,/g, "")) !== 0 ? `−${text}` : text;
}

/** A parameter's change, signed: `+0.02`, `−0.1338`. */
export function formatChange(change: number): string {
  if (!Number.isFinite(change)) return "–";
  const text = formatParameter(Math.abs(change));
  if (Number(text.replace(/,/g, "")) === 0) return "0";
  return change < 0 ? `−${text}` : `+${text}`;
}
