/**
 * An off-policy evaluation's results for tables and charts: per policy, each estimator's
 * value of the return and of every KPI, beside the simulator's when it played the policy.
 */
import type { Interval, OpeResults, PolicyEstimates, RunPublic, SimulatedValues } from "../../client";
import { formatKpi, kpiLabel, orderKpis } from "../../lib/kpis";
import { formatDecimal } from "../../lib/numbers";
import { policyLabel } from "../../lib/policies";
import type { ErrorBarDatum } from "../analytics/results";

/** The estimators, in the order of the tables. */
export const ESTIMATORS: Record<string, { label: string; name: string }> = {
  pdis: { label: "PDIS", name: "Per-decision importance sampling" },
  wpdis: { label: "WPDIS", name: "Weighted per-decision importance sampling" },
  dr: { label: "DR", name: "Doubly robust" },
  fqe: { label: "FQE", name: "Fitted Q evaluation" },
};

/** The episode return's key among the quantities. */
export const RETURN = "return";

export function estimatorLabel(estimator: string): string {
  return ESTIMATORS[estimator]?.label ?? estimator.toUpperCase();
}

/** The estimators a policy has, the known ones first in their order. */
export function orderEstimators(names: Iterable<string>): string[] {
  const known = Object.keys(ESTIMATORS);
  return [...new Set(names)].sort((a, b) => {
    const ia = known.indexOf(a);
    const ib = known.indexOf(b);
    return (ia === -1 ? known.length : ia) - (ib === -1 ? known.length : ib) || a.localeCompare(b);
  });
}

export function quantityLabel(quantity: string): string {
  return quantity === RETURN ? "Return" : kpiLabel(quantity);
}

/** A quantity's value: the return with 2 decimals, KPIs as means (rates, scores, money). */
export function formatQuantity(quantity: string, value: number): string {
  return quantity === RETURN ? formatDecimal(value, 2) : formatKpi(quantity, value, true);
}

/** A policy's name: built-in names in words, runs with their algorithm and training scenario when known. */
export function opePolicyLabel(spec: string, runs: readonly RunPublic[] = []): string {
  const run = /^run:(\d+)$/.exec(spec);
  const found = run ? runs.find((r) => r.id === Number(run[1])) : undefined;
  return found ? runLabel(found) : policyLabel(spec);
}

export function runLabel(run: Pick<RunPublic, "id" | "algorithm" | "scenario">): string {
  return `Run #${run.id} · ${run.algorithm} on ${run.scenario}`;
}

/** The simulator's values of one policy, if it played it. */
export function simulatedOf(simulated: SimulatedValues | null | undefined, policy: string): Record<string, Interval> | null {
  return simulated?.policies[policy] ?? null;
}

/** A row of a policy's table: one quantity, an estimate per estimator (in `estimators`' order) and the simulator's. */
export interface EstimateRow {
  quantity: string;
  label: string;
  format: (value: number) => string;
  cells: (Interval | null)[];
  simulated: Interval | null;
}

export interface PolicyTable {
  estimators: string[];
  rows: EstimateRow[];
}

/** A policy's estimates of the return and every KPI, with the simulator's values when present. */
export function policyTable(policy: PolicyEstimates, simulated: SimulatedValues | null | undefined): PolicyTable {
  const estimators = orderEstimators(Object.keys(policy.estimates));
  const own = simulatedOf(simulated, policy.policy);
  const names = [
    ...estimators.flatMap((estimator) => Object.keys(policy.estimates[estimator] ?? {})),
    ...Object.keys(own ?? {}),
  ];
  const kpis = orderKpis(names.filter((name) => name !== RETURN));
  const quantities = names.includes(RETURN) ? [RETURN, ...kpis] : kpis;
  return {
    estimators,
    rows: quantities.map((quantity) => ({
      quantity,
      label: quantityLabel(quantity),
      format: (value: number) => formatQuantity(quantity, value),
      cells: estimators.map((estimator) => policy.estimates[estimator]?.[quantity] ?? null),
      simulated: own?.[quantity] ?? null,
    })),
  };
}

function bar(label: string, interval: Interval | null): ErrorBarDatum[] {
  if (!interval || interval.value === null) return [];
  const low = interval.low ?? interval.value;
  const high = interval.high ?? interval.value;
  return [
    {
      label,
      value: interval.value,
      low,
      high,
      error: [Math.max(0, interval.value - low), Math.max(0, high - interval.value)],
    },
  ];
}

/** One bar per estimator for one row of {@link policyTable}, then the simulator's (labelled `simulatedLabel`). */
export function estimateBars(table: PolicyTable, quantity: string, simulatedLabel: string): ErrorBarDatum[] {
  const row = table.rows.find((r) => r.quantity === quantity);
  if (!row) return [];
  return [
    ...table.estimators.flatMap((estimator, index) => bar(estimatorLabel(estimator), row.cells[index])),
    ...bar(simulatedLabel, row.simulated),
  ];
}

/** The simulator's column heading: `Simulated in retail`. */
export function simulatedLabel(results: Pick<OpeResults, "simulated">): string | null {
  return results.simulated ? `Simulated in ${results.simulated.scenario}` : null;
}
