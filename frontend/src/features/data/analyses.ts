import type { AnalysisKind, AnalysisPublic, RunPublic } from "../../client";
import { formatInteger } from "../../lib/format";
import { opePolicyLabel } from "./ope";

const KINDS: Record<AnalysisKind, string> = {
  calibration: "Calibration",
  ope: "Off-policy evaluation",
};

export function analysisKindLabel(kind: AnalysisKind): string {
  return KINDS[kind];
}

/** `Calibration #2`, `Off-policy evaluation #1`. */
export function analysisTitle(analysis: Pick<AnalysisPublic, "id" | "kind">): string {
  return `${analysisKindLabel(analysis.kind)} #${analysis.id}`;
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);
const count = (value: unknown): string | null => (typeof value === "number" ? formatInteger(value) : null);

/**
 * What an analysis was asked, in a line: `from retail · budget 60 · seed 0`, or
 * `Playbook, Random · replayed in retail · simulated in retail · 500 resamples`.
 */
export function analysisSummary(analysis: Pick<AnalysisPublic, "kind" | "params">, runs: readonly RunPublic[] = []): string {
  const { params } = analysis;
  const parts: string[] = [];
  if (analysis.kind === "calibration") {
    const base = text(params.base);
    const budget = count(params.budget);
    if (base) parts.push(`from ${base}`);
    if (budget) parts.push(`budget ${budget}`);
  } else {
    const policies = Array.isArray(params.policies)
      ? params.policies.filter((spec): spec is string => typeof spec === "string")
      : [];
    if (policies.length > 0) parts.push(policies.map((spec) => opePolicyLabel(spec, runs)).join(", "));
    const scenario = text(params.scenario);
    const simulate = text(params.simulate);
    const resamples = count(params.resamples);
    if (scenario) parts.push(`replayed in ${scenario}`);
    if (simulate) parts.push(`simulated in ${simulate}`);
    if (resamples) parts.push(`${resamples} resamples`);
  }
  const seed = count(params.seed);
  if (seed) parts.push(`seed ${seed}`);
  return parts.join(" · ");
}
