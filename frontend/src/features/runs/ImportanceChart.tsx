import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { seriesColor } from "../../lib/palette";
import { formatShare, type ImportanceRow } from "./explanation";

const ROW_PX = 36;

export interface ImportanceChartProps {
  rows: readonly ImportanceRow[];
  /** The chart's accessible name. */
  label?: string;
}

/**
 * The permutation importance of each feature, a row each: the share of the model's and of
 * the playbook's choices that change when the feature is shuffled (± their std over shuffles).
 */
export function ImportanceChart({ rows, label = "Feature importance" }: ImportanceChartProps) {
  const height = Math.max(160, rows.length * ROW_PX + 64);
  const data = rows.map((row) => ({ ...row, modelError: row.modelStd, playbookError: row.playbookStd }));
  return (
    <figure className="chart-figure" aria-label={label}>
      <div className="chart" style={{ height }}>
        {rows.length === 0 ? (
          <p className="chart-empty">No feature changes a choice.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} barGap={1}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border)" horizontal={false} />
              <XAxis type="number" tickFormatter={formatShare} domain={[0, "auto"]} />
              <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12 }} interval={0} />
              <Tooltip formatter={(value, name) => [formatShare(Number(value)), name]} />
              <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
              <Bar dataKey="model" name="Model" fill={seriesColor(0)} isAnimationActive={false}>
                <ErrorBar dataKey="modelError" width={4} strokeWidth={1} stroke="var(--color-text)" isAnimationActive={false} />
              </Bar>
              <Bar dataKey="playbook" name="Playbook" fill={seriesColor(1)} isAnimationActive={false}>
                <ErrorBar
                  dataKey="playbookError"
                  width={4}
                  strokeWidth={1}
                  stroke="var(--color-text)"
                  isAnimationActive={false}
                />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
}
