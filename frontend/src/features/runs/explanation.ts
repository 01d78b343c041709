/**
 * A run's explanation: the shallowest decision tree faithful to its model, read as
 * plain-language rules, with the fidelity, the scores of model, tree and playbook, and
 * the permutation importance of every feature for the model's and the playbook's choices.
 */
import type { Explanation, ExplanationPublic, Importance, Interval } from "../../client";
import { humanize } from "../../lib/format";
import { formatDecimal } from "../../lib/numbers";

export type ExplanationStatus = ExplanationPublic["status"];

/** How often the tab asks again while the explanation is computed (about 10–20 s in a worker). */
export const EXPLANATION_POLL_MS = 1500;

/** Whether a worker is distilling the model. */
export function isExplaining(status: ExplanationStatus | undefined): boolean {
  return status === "pending";
}

/** The action the tree takes when no rule holds, in words: `standard_solution` → `standard solution`. */
export function actionWords(action: string): string {
  return humanize(action).toLowerCase();
}

/** The tree's agreement with the model at each depth tried, shallowest first. */
export function fidelityByDepth(explanation: Pick<Explanation, "fidelity_by_depth">): { depth: number; fidelity: number }[] {
  return Object.entries(explanation.fidelity_by_depth)
    .map(([depth, fidelity]) => ({ depth: Number(depth), fidelity }))
    .filter((entry) => Number.isFinite(entry.depth))
    .sort((a, b) => a.depth - b.depth);
}

/** The policies the explanation scores, in the order shown. */
export const SCORED = [
  { key: "model", label: "Model" },
  { key: "tree", label: "Rules (tree)" },
  { key: "playbook", label: "Playbook" },
] as const;

/** Each scored policy's normalized score with its 95% CI (null when it is missing). */
export function scoreRows(
  explanation: Pick<Explanation, "scores">,
): { key: string; label: string; score: Interval | null }[] {
  return SCORED.map(({ key, label }) => ({ key, label, score: explanation.scores[key] ?? null }));
}

/** A normalized score: `0.46`. */
export function formatScore(value: number): string {
  return formatDecimal(value, 2);
}

/** One feature's bar pair in the importance chart. */
export interface ImportanceRow {
  feature: string;
  label: string;
  model: number;
  playbook: number;
  /** The standard deviation over the shuffles, as error bars. */
  modelStd: number;
  playbookStd: number;
}

/** Below this share of changed choices a feature counts as unused. */
export const NEGLIGIBLE_IMPORTANCE = 0.0005;

const mean = (importance: Importance | undefined) => importance?.mean ?? 0;
const std = (importance: Importance | undefined) => importance?.std ?? 0;

/**
 * The features by the model's importance (then the playbook's), each with both
 * policies' share of choices that change when it is shuffled; features that neither
 * policy uses (both under {@link NEGLIGIBLE_IMPORTANCE}) are left out and named in `unused`.
 */
export function importanceRows(
  importance: Explanation["importance"],
  negligible = NEGLIGIBLE_IMPORTANCE,
): { rows: ImportanceRow[]; unused: string[] } {
  const model = importance.model ?? {};
  const playbook = importance.playbook ?? {};
  const features = [...new Set([...Object.keys(model), ...Object.keys(playbook)])];
  const rows: ImportanceRow[] = [];
  const unused: string[] = [];
  for (const feature of features) {
    const row = {
      feature,
      label: humanize(feature),
      model: mean(model[feature]),
      playbook: mean(playbook[feature]),
      modelStd: std(model[feature]),
      playbookStd: std(playbook[feature]),
    };
    if (row.model < negligible && row.playbook < negligible) unused.push(feature);
    else rows.push(row);
  }
  rows.sort((a, b) => b.model - a.model || b.playbook - a.playbook || a.feature.localeCompare(b.feature));
  return { rows, unused };
}

/** A share of choices: `14.5%`, `0.07%` below a tenth of a percent. */
export function formatShare(value: number): string {
  if (!Number.isFinite(value)) return "–";
  const percent = value * 100;
  const digits = percent !== 0 && Math.abs(percent) < 0.1 ? 2 : 1;
  return `${percent.toFixed(digits)}%`;
}
