import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

import type { Interval } from "../../client";
import { seriesColor } from "../../lib/palette";
import type { FitDatum, FitPanel } from "./calibration";

export interface FitChartProps {
  panel: FitPanel;
  /** The chart's accessible name. */
  label: string;
  baseName: string;
  fittedName: string;
}

const ROW_PX = 40;
const SERIES = ["observed", "base", "fitted"] as const;

function intervalText(interval: Interval, format: (value: number) => string): string {
  if (interval.value === null) return "–";
  if (interval.low === null || interval.high === null) return format(interval.value);
  return `${format(interval.value)} [${format(interval.low)}, ${format(interval.high)}]`;
}

/**
 * Statistics of one scale, a row each: the logs' value with its 95% CI as an error bar,
 * and the base and fitted scenarios' simulated values beside it.
 */
export function FitChart({ panel, label, baseName, fittedName }: FitChartProps) {
  const height = Math.max(150, panel.rows.length * ROW_PX + 72);
  const names = { observed: "Logs (95% CI)", base: `Base: ${baseName}`, fitted: `Fitted: ${fittedName}` };
  return (
    <figure className="chart-figure fit-chart" aria-label={label}>
      <figcaption className="fit-chart-title">{panel.title}</figcaption>
      <div className="chart" style={{ height }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={panel.rows}
            layout="vertical"
            margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
            barCategoryGap="18%"
            barGap={1}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border)" horizontal={false} />
            <XAxis type="number" tickFormatter={panel.format} domain={["auto", "auto"]} />
            <YAxis type="category" dataKey="label" width={170} tick={{ fontSize: 12 }} />
            <ReferenceLine x={0} stroke="var(--color-border-strong)" />
            <Tooltip
              formatter={(_value, name, item) => {
                const datum = item.payload as FitDatum;
                const key = SERIES.find((series) => names[series] === name) ?? "observed";
                return [intervalText(datum.statistic[key], panel.format), name];
              }}
            />
            <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="observed" name={names.observed} fill={seriesColor(5)} isAnimationActive={false}>
              <ErrorBar
                dataKey="observedError"
                width={5}
                strokeWidth={1.5}
                stroke="var(--color-text)"
                isAnimationActive={false}
              />
            </Bar>
            <Bar dataKey="base" name={names.base} fill={seriesColor(1)} isAnimationActive={false} />
            <Bar dataKey="fitted" name={names.fitted} fill={seriesColor(2)} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
