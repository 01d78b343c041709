import { useState } from "react";

import { Card, EmptyState, Select, Tabs } from "../../components/ui";
import { KpiTable } from "./KpiTable";
import { MeasureChart, NormalizedChart } from "./ResultCharts";
import {
  kpiRows,
  measureBars,
  normalizedBars,
  roiRows,
  transferMatrix,
  type EvaluationResults,
} from "./results";
import { RoiTable } from "./RoiTable";
import { TransferHeatmap } from "./TransferHeatmap";

const DEFAULT_MEASURE = "resolved";

function ScenarioResults({ results, scenario }: { results: EvaluationResults; scenario: string }) {
  const [measure, setMeasure] = useState(DEFAULT_MEASURE);
  const rows = kpiRows(results, scenario);
  const chosen = rows.find((row) => row.name === measure) ?? rows.find((row) => row.name === "normalized") ?? rows[0];
  return (
    <div className="stack">
      <KpiTable results={results} scenario={scenario} />
      <div className="chart-toolbar">
        <Select
          label="Chart"
          value={chosen.name}
          onChange={(event) => setMeasure(event.target.value)}
          options={rows.map((row) => ({ value: row.name, label: row.label }))}
          fieldClassName="chart-picker"
        />
      </div>
      <MeasureChart
        label={`${chosen.label} on ${scenario}`}
        bars={measureBars(results, scenario, chosen.name)}
        format={chosen.format}
      />
    </div>
  );
}

/** A completed evaluation's tables and charts. */
export function EvaluationResultsView({ results }: { results: EvaluationResults }) {
  const [scenario, setScenario] = useState(results.scenarios[0] ?? "");
  const roi = roiRows(results);
  const matrix = transferMatrix(results);
  return (
    <div className="stack">
      <Card
        title="KPIs with 95% confidence intervals"
        description={
          `Means over ${results.episodes.toLocaleString("en-US")} episodes per policy and scenario; ` +
          "brackets hold the 95% bootstrap CI."
        }
      >
        <Tabs
          label="Scenario"
          selected={scenario}
          onSelect={setScenario}
          tabs={results.scenarios.map((name) => ({
            id: name,
            label: name,
            content: <ScenarioResults key={name} results={results} scenario={name} />,
          }))}
        />
      </Card>
      <div className="grid-2">
        <Card title="Normalized score" description="The mean return rescaled so that random scores 0 and the oracle 1.">
          <NormalizedChart bars={normalizedBars(results)} />
        </Card>
        <Card
          title="ROI against the playbook"
          description="Extra net value per 1,000 contacts over the playbook, from the same customers."
        >
          {roi.length === 0 ? (
            <EmptyState
              title="Nothing to compare"
              description="Add a policy besides the playbook to see what it earns or costs against it."
            />
          ) : (
            <RoiTable rows={roi} scenarios={results.scenarios} />
          )}
        </Card>
      </div>
      <Card title="Cross-industry transfer" description="How models trained on one scenario score on the others.">
        {matrix ? (
          <TransferHeatmap matrix={matrix} />
        ) : (
          <EmptyState
            title="No transfer matrix"
            description="Evaluate trained models on two scenarios or more to see how each transfers."
          />
        )}
      </Card>
    </div>
  );
}
