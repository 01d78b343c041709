import type { Interval } from "../../client";
import type { Estimate } from "./results";

export interface EstimateTextProps {
  /** An estimate; an API `Interval` may lack its value or its bounds. */
  estimate: Estimate | Interval | null | undefined;
  format: (value: number) => string;
}

/** A mean and, smaller, its 95% confidence interval: `80.0% [68.0%, 90.0%]`. */
export function EstimateText({ estimate, format }: EstimateTextProps) {
  if (!estimate || estimate.value === null) return <span className="muted">–</span>;
  return (
    <>
      <span className="estimate">{format(estimate.value)}</span>
      {estimate.low !== null && estimate.high !== null && (
        <span className="estimate-ci">
          {" "}
          [{format(estimate.low)}, {format(estimate.high)}]
        </span>
      )}
    </>
  );
}
