import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import { formatDecimal } from "../../lib/numbers";
import { seriesColor } from "../../lib/palette";
import { scoreAxis, type ErrorBarDatum, type GroupedBars } from "./results";

export interface MeasureChartProps {
  /** The chart's accessible name, e.g. "Resolved on retail". */
  label: string;
  bars: readonly ErrorBarDatum[];
  format: (value: number) => string;
}

const BAR_ROW_PX = 44;

/** One horizontal bar per policy with its 95% CI as an error bar. */
export function MeasureChart({ label, bars, format }: MeasureChartProps) {
  const height = Math.max(160, bars.length * BAR_ROW_PX + 48);
  return (
    <figure className="chart-figure" aria-label={label}>
      <div className="chart" style={{ height }}>
        {bars.length === 0 ? (
          <p className="chart-empty">Nothing to chart.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart
              data={bars as ErrorBarDatum[]}
              layout="vertical"
              margin={{ top: 8, right: 24, bottom: 4, left: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border)" horizontal={false} />
              <XAxis type="number" tickFormatter={format} domain={["auto", "auto"]} />
              <YAxis type="category" dataKey="label" width={190} tick={{ fontSize: 12 }} />
              <ReferenceLine x={0} stroke="var(--color-border-strong)" />
              <Tooltip
                formatter={(value, _name, item) => {
                  const datum = item.payload as ErrorBarDatum;
                  return [`${format(Number(value))} [${format(datum.low)}, ${format(datum.high)}]`, "Mean [95% CI]"];
                }}
              />
              <Bar dataKey="value" isAnimationActive={false} barSize={20}>
                {bars.map((datum, index) => (
                  <Cell key={datum.label} fill={seriesColor(index)} />
                ))}
                <ErrorBar
                  dataKey="error"
                  width={6}
                  strokeWidth={1.5}
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

/** Normalized scores by scenario, a bar per policy with its 95% CI; 0 is random, 1 the oracle. */
export function NormalizedChart({ bars }: { bars: GroupedBars }) {
  const score = (value: number) => formatDecimal(value, 2);
  const axis = scoreAxis(bars);
  return (
    <figure className="chart-figure" aria-label="Normalized score by scenario">
      <div className="chart chart-tall">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={bars.rows} margin={{ top: 16, right: 24, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border)" vertical={false} />
            <XAxis dataKey="scenario" />
            <YAxis tickFormatter={score} domain={[axis.low, axis.high]} ticks={axis.ticks} />
            <ReferenceLine
              y={0}
              stroke="var(--color-border-strong)"
              label={{ value: "random", position: "insideTopLeft", fontSize: 11 }}
            />
            <ReferenceLine
              y={1}
              stroke="var(--color-border-strong)"
              strokeDasharray="4 4"
              label={{ value: "oracle", position: "insideBottomLeft", fontSize: 11 }}
            />
            <Tooltip formatter={(value) => (typeof value === "number" ? score(value) : String(value))} />
            <Legend itemSorter={null} />
            {bars.series.map((series, index) => (
              <Bar
                key={series.spec}
                dataKey={series.valueKey}
                name={series.label}
                fill={seriesColor(index)}
                isAnimationActive={false}
              >
                <ErrorBar
                  dataKey={series.errorKey}
                  width={5}
                  strokeWidth={1.5}
                  stroke="var(--color-text)"
                  isAnimationActive={false}
                />
              </Bar>
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
