import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { formatInteger, formatNumber } from "../../lib/format";
import { formatDecimal } from "../../lib/numbers";
import type { SeriesRow } from "./metrics";

export interface MetricSeries {
  /** The row field (a metric key such as `reward/satisfaction`). */
  key: string;
  name: string;
  color: string;
}

export interface MetricChartProps {
  /** The chart's accessible name, e.g. "Episode return". */
  label: string;
  rows: readonly SeriesRow[];
  series: readonly MetricSeries[];
  formatValue?: (value: number) => string;
  domain?: [number, number];
  /** Draws each series as steps (for levels) instead of lines. */
  stepped?: boolean;
  /** Draws a line at zero. */
  zeroLine?: boolean;
}

const compactSteps = (step: number) =>
  Math.abs(step) >= 1000 ? `${formatNumber(step / 1000, step % 1000 === 0 ? 0 : 1)}k` : String(step);

/** A metric (or several) over training steps, with a caption naming its latest value. */
export function MetricChart({
  label,
  rows,
  series,
  formatValue = (value) => formatDecimal(value, 2),
  domain,
  stepped = false,
  zeroLine = false,
}: MetricChartProps) {
  const last = rows.at(-1);
  const single = series.length === 1 ? series[0] : null;
  const lastValue = single && last ? last[single.key] : null;
  return (
    <figure className="chart-figure" aria-label={label}>
      <div className="chart">
        {rows.length === 0 ? (
          <p className="chart-empty">No points yet.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={rows as SeriesRow[]} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border)" />
              <XAxis dataKey="step" type="number" domain={["dataMin", "dataMax"]} tickFormatter={compactSteps} />
              <YAxis domain={domain ?? ["auto", "auto"]} tickFormatter={formatValue} width={64} />
              {zeroLine && <ReferenceLine y={0} stroke="var(--color-border-strong)" />}
              <Tooltip
                formatter={(value) => (typeof value === "number" ? formatValue(value) : String(value))}
                labelFormatter={(step) => `Step ${formatInteger(Number(step))}`}
              />
              {series.length > 1 && <Legend itemSorter={null} />}
              {series.map((s) => (
                <Line
                  key={s.key}
                  type={stepped ? "stepAfter" : "monotone"}
                  dataKey={s.key}
                  name={s.name}
                  stroke={s.color}
                  strokeWidth={2}
                  dot={rows.length <= 40 ? { r: 2 } : false}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        )}
      </div>
      <figcaption className="chart-caption">
        {rows.length === 0
          ? "Points appear as episodes end."
          : `${rows.length} ${rows.length === 1 ? "point" : "points"} up to step ${formatInteger(last?.step)}` +
            (typeof lastValue === "number" ? ` · latest ${formatValue(lastValue)}` : "")}
      </figcaption>
    </figure>
  );
}
