import {
  Bar,
  BarChart,
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

import type { EnvTurn } from "../../client";
import { formatNumber, humanize } from "../../lib/format";
import { rewardColor } from "../../lib/palette";
import { rewardRows, type SentimentPoint } from "./episode";

const formatValue = (value: unknown) => (typeof value === "number" ? formatNumber(value, 3) : String(value));

export function SentimentChart({ points }: { points: SentimentPoint[] }) {
  return (
    <div className="chart" role="figure" aria-label="Sentiment over turns">
      {points.length === 0 ? (
        <p className="chart-empty">No turns yet.</p>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 4, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border)" />
            <XAxis dataKey="turn" type="number" allowDecimals={false} domain={[0, "dataMax"]} />
            <YAxis domain={[-1, 1]} ticks={[-1, -0.5, 0, 0.5, 1]} />
            <ReferenceLine y={0} stroke="var(--color-border-strong)" />
            <Tooltip formatter={formatValue} labelFormatter={(turn) => `Turn ${turn}`} />
            <Line
              type="monotone"
              dataKey="sentiment"
              name="Sentiment"
              stroke="#2450d6"
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}

export function RewardChart({ turns }: { turns: readonly EnvTurn[] }) {
  const { components, rows } = rewardRows(turns);
  return (
    <div className="chart" role="figure" aria-label="Reward components per turn">
      {rows.length === 0 ? (
        <p className="chart-empty">No turns yet.</p>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} stackOffset="sign" margin={{ top: 8, right: 16, bottom: 4, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border)" />
            <XAxis dataKey="turn" />
            <YAxis />
            <ReferenceLine y={0} stroke="var(--color-border-strong)" />
            <Tooltip formatter={formatValue} labelFormatter={(turn) => `Turn ${turn}`} />
            <Legend formatter={(name: string) => humanize(name)} />
            {components.map((name, index) => (
              <Bar
                key={name}
                dataKey={name}
                name={name}
                stackId="reward"
                fill={rewardColor(name, index)}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}
