import { formatPercent } from "../../lib/format";

export interface ProgressBarProps {
  /** From 0 to 1. */
  value: number;
  /** The bar's accessible name. */
  label: string;
  /** Shown beside the bar, e.g. the timesteps done. */
  detail?: string;
}

/** A labelled progress bar with its percentage. */
export function ProgressBar({ value, label, detail }: ProgressBarProps) {
  const fraction = Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0));
  const percent = formatPercent(fraction);
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
        aria-valuetext={detail ? `${percent}, ${detail}` : percent}
      >
        <span style={{ width: `${fraction * 100}%` }} />
      </div>
      <span className="progress-text">
        {percent}
        {detail && <span className="muted"> · {detail}</span>}
      </span>
    </div>
  );
}
