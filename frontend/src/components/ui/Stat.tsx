import type { ReactNode } from "react";

export interface StatProps {
  label: ReactNode;
  value: ReactNode;
  /** A small line under the value (a unit, an interval, a comparison). */
  hint?: ReactNode;
  tone?: "neutral" | "good" | "bad";
}

/** One headline number; put several in a `StatGrid`. */
export function Stat({ label, value, hint, tone = "neutral" }: StatProps) {
  return (
    <div className={`stat stat-${tone}`}>
      <dt className="stat-label">{label}</dt>
      <dd className="stat-value">{value}</dd>
      {hint && <dd className="stat-hint">{hint}</dd>}
    </div>
  );
}

export function StatGrid({ label, children }: { label: string; children: ReactNode }) {
  return (
    <dl className="stat-grid" aria-label={label}>
      {children}
    </dl>
  );
}
