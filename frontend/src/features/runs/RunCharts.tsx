import { memo, useState } from "react";

import type { MetricPointPublic } from "../../client";
import { Card, Select } from "../../components/ui";
import { formatNumber, formatPercent, humanize } from "../../lib/format";
import { formatKpi, kpiLabel, KPIS, orderKpis } from "../../lib/kpis";
import { rewardColor, seriesColor } from "../../lib/palette";
import { MetricChart } from "./MetricChart";
import {
  CURRICULUM_DIFFICULTY,
  CURRICULUM_LEVEL,
  EPISODE_RETURN,
  KPI_PREFIX,
  latestValue,
  metricKeys,
  metricName,
  REWARD_PREFIX,
  seriesRows,
} from "./metrics";

export interface RunChartsProps {
  points: readonly MetricPointPublic[];
  /** Whether the run trains with a curriculum (its level is charted). */
  curriculum: boolean;
}

/**
 * The run's learning curves: return, reward components, KPIs and curriculum level.
 * Memoized: heartbeats change the run's progress every second but not its points.
 */
export const RunCharts = memo(function RunCharts({ points, curriculum }: RunChartsProps) {
  const [kpi, setKpi] = useState("csat");
  const rewardKeys = metricKeys(points, REWARD_PREFIX);
  const kpiNames = orderKpis(metricKeys(points, KPI_PREFIX).map(metricName));
  const rates = kpiNames.filter((name) => KPIS[name]?.kind === "flag");
  const others = kpiNames.filter((name) => !rates.includes(name));
  const chosen = others.includes(kpi) ? kpi : (others[0] ?? "csat");
  const difficulty = latestValue(points, CURRICULUM_DIFFICULTY);

  return (
    <div className="grid-2">
      <Card title="Episode return" description="Mean return of the episodes that ended since the last point.">
        <MetricChart
          label="Episode return"
          rows={seriesRows(points, [EPISODE_RETURN])}
          series={[{ key: EPISODE_RETURN, name: "Return", color: seriesColor(0) }]}
          zeroLine
        />
      </Card>
      <Card title="Reward components" description="Each component's share of the return.">
        <MetricChart
          label="Reward components"
          rows={seriesRows(points, rewardKeys)}
          series={rewardKeys.map((key, index) => ({
            key,
            name: humanize(metricName(key)),
            color: rewardColor(metricName(key), index),
          }))}
          zeroLine
        />
      </Card>
      <Card title="Outcome rates" description="Share of the episodes resolved, escalated, abandoned…">
        <MetricChart
          label="Outcome rates"
          rows={seriesRows(points, rates.map((name) => KPI_PREFIX + name))}
          series={rates.map((name, index) => ({
            key: KPI_PREFIX + name,
            name: kpiLabel(name),
            color: seriesColor(index),
          }))}
          formatValue={(value) => formatPercent(value)}
          domain={[0, 1]}
        />
      </Card>
      <Card
        title="KPIs"
        actions={
          <Select
            label="KPI"
            value={chosen}
            disabled={others.length === 0}
            onChange={(event) => setKpi(event.target.value)}
            options={(others.length > 0 ? others : [chosen]).map((name) => ({ value: name, label: kpiLabel(name) }))}
            fieldClassName="chart-picker"
          />
        }
      >
        <MetricChart
          label={kpiLabel(chosen)}
          rows={seriesRows(points, [KPI_PREFIX + chosen])}
          series={[{ key: KPI_PREFIX + chosen, name: kpiLabel(chosen), color: seriesColor(4) }]}
          formatValue={(value) => formatKpi(chosen, value, true)}
        />
      </Card>
      {(curriculum || latestValue(points, CURRICULUM_LEVEL) !== null) && (
        <Card
          title="Curriculum level"
          description={
            (difficulty ? `Difficulty now ${formatNumber(difficulty.value, 2)}; the` : "The") +
            " level rises as the resolution rate passes the threshold."
          }
        >
          <MetricChart
            label="Curriculum level"
            rows={seriesRows(points, [CURRICULUM_LEVEL])}
            series={[{ key: CURRICULUM_LEVEL, name: "Level", color: seriesColor(2) }]}
            formatValue={(value) => formatNumber(value, 0)}
            stepped
          />
        </Card>
      )}
    </div>
  );
});
