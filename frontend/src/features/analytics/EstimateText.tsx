import type { Estimate } from "./results";

export interface EstimateTextProps {
  estimate: Estimate | null | undefined;
  format: (value: number) => string;
}

/** A mean and, smaller, its 95% confidence interval: `80.0% [68.0%, 90.0%]`. */
export function EstimateText({ estimate, format }: EstimateTextProps) {
  if (!estimate) return <span className="muted">–</span>;
  return (
    <>
      <span className="estimate">{format(estimate.value)}</span>
      <span className="estimate-ci">
        {" "}
        [{format(estimate.low)}, {format(estimate.high)}]
      </span>
    </>
  );
}
