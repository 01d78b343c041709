import type { EvaluationStatus } from "../../client";
import type { BadgeTone } from "../../components/ui";

const TONES: Record<EvaluationStatus, BadgeTone> = {
  pending: "neutral",
  running: "info",
  completed: "success",
  failed: "danger",
};

const LABELS: Record<EvaluationStatus, string> = {
  pending: "Pending",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
};

export function evaluationStatusTone(status: EvaluationStatus): BadgeTone {
  return TONES[status];
}

export function evaluationStatusLabel(status: EvaluationStatus): string {
  return LABELS[status];
}

/** Whether the evaluation is still waiting for a worker or playing episodes. */
export function isEvaluating(status: EvaluationStatus): boolean {
  return status === "pending" || status === "running";
}

/** How often lists and views refresh while an evaluation is under way. */
export const EVALUATION_POLL_MS = 1500;
