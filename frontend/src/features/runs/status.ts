import type { RunStatus } from "../../client";
import type { BadgeTone } from "../../components/ui";

/** Every status a run can have, in life-cycle order. */
export const RUN_STATUSES: readonly RunStatus[] = [
  "queued",
  "running",
  "completed",
  "failed",
  "interrupted",
  "cancelled",
];

const TONES: Record<RunStatus, BadgeTone> = {
  queued: "neutral",
  running: "info",
  completed: "success",
  failed: "danger",
  interrupted: "warning",
  cancelled: "warning",
};

const LABELS: Record<RunStatus, string> = {
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  interrupted: "Interrupted",
  cancelled: "Cancelled",
};

export function runStatusTone(status: RunStatus): BadgeTone {
  return TONES[status];
}

export function runStatusLabel(status: RunStatus): string {
  return LABELS[status];
}

/** Whether the run is waiting for a worker or training: it may still change. */
export function isActive(status: RunStatus): boolean {
  return status === "queued" || status === "running";
}

/** Queued and running runs can be cancelled. */
export function canCancel(status: RunStatus): boolean {
  return isActive(status);
}

/** Stopped runs can be resumed from their latest checkpoint (the server checks there is one). */
export function canResume(status: RunStatus): boolean {
  return status === "interrupted" || status === "failed" || status === "cancelled";
}
