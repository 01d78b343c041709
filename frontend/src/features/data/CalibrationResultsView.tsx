import { useState } from "react";
import { Link } from "react-router";

import type { CalibrationResults, Interval } from "../../client";
import { Card, EmptyState, Select, Stat, StatGrid, Table } from "../../components/ui";
import { formatInteger, formatNumber } from "../../lib/format";
import { EstimateText } from "../analytics/EstimateText";
import {
  ALL_GROUP,
  changedParameters,
  fitCounts,
  fitPanels,
  formatChange,
  formatParameter,
  formatStatistic,
  groupLabel,
  insideInterval,
  statisticGroup,
  statisticGroups,
  statisticLabel,
} from "./calibration";
import { FitChart } from "./FitChart";

function InsideMark({ simulated, observed }: { simulated: Interval; observed: Interval }) {
  const inside = insideInterval(simulated, observed);
  if (inside === null) return <span className="muted">–</span>;
  return inside ? (
    <span className="fit-inside" title="Inside the logs' 95% CI">
      ✓
    </span>
  ) : (
    <span className="fit-outside" title="Outside the logs' 95% CI">
      ✗
    </span>
  );
}

/** Every statistic: the logs' value with its CI, the base and fitted scenarios', ✓ inside the CI. */
export function StatisticsTable({ results }: { results: CalibrationResults }) {
  return (
    <Table label="Every statistic" compact className="statistics-table">
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Statistic</th>
          <th scope="col" className="num">
            Logs
          </th>
          <th scope="col" className="num">
            Base: {results.base.name}
          </th>
          <th scope="col" className="fit-check">
            In CI
          </th>
          <th scope="col" className="num">
            Fitted: {results.fitted.name}
          </th>
          <th scope="col" className="fit-check">
            In CI
          </th>
        </tr>
      </thead>
      <tbody>
        {results.statistics.map((statistic) => {
          const format = (value: number) => formatStatistic(statistic.name, value);
          return (
            <tr key={statistic.name} data-statistic={statistic.name}>
              <td>{groupLabel(statisticGroup(statistic.name))}</td>
              <th scope="row">{statisticLabel(statistic.name)}</th>
              <td className="num">
                <EstimateText estimate={statistic.observed} format={format} />
              </td>
              <td className="num">
                <EstimateText estimate={statistic.base} format={format} />
              </td>
              <td className="fit-check">
                <InsideMark simulated={statistic.base} observed={statistic.observed} />
              </td>
              <td className="num">
                <EstimateText estimate={statistic.fitted} format={format} />
              </td>
              <td className="fit-check">
                <InsideMark simulated={statistic.fitted} observed={statistic.observed} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** The parameters the calibration moved, base → fitted, and how each was found. */
export function ParametersTable({ results }: { results: CalibrationResults }) {
  const changed = changedParameters(results.parameters);
  if (changed.length === 0) {
    return <EmptyState title="No parameter moved" description="The base scenario already fits these logs as well as the search found." />;
  }
  return (
    <Table label="Changed parameters" compact>
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          <th scope="col" className="num">
            Base
          </th>
          <th scope="col" className="num">
            Fitted
          </th>
          <th scope="col" className="num">
            Change
          </th>
          <th scope="col">Found by</th>
        </tr>
      </thead>
      <tbody>
        {changed.map((parameter) => (
          <tr key={parameter.path}>
            <th scope="row">
              <code>{parameter.path}</code>
            </th>
            <td className="num">{formatParameter(parameter.base)}</td>
            <td className="num">{formatParameter(parameter.fitted)}</td>
            <td className="num">{formatChange(parameter.fitted - parameter.base)}</td>
            <td>{parameter.how}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** A completed calibration: how much closer the fitted scenario is, what moved, logs against simulator. */
export function CalibrationResultsView({ results }: { results: CalibrationResults }) {
  const groups = statisticGroups(results);
  const [group, setGroup] = useState(groups.some((g) => g.id === ALL_GROUP) ? ALL_GROUP : (groups[0]?.id ?? ALL_GROUP));
  const panels = fitPanels(results, group);
  const counts = fitCounts(results);
  const changed = changedParameters(results.parameters);
  const before = results.distance.base;
  const after = results.distance.fitted;
  const fittedLink = `/scenarios/${encodeURIComponent(results.fitted.name)}?version=${results.fitted.version}`;
  return (
    <div className="stack">
      <Card
        title="Fit"
        description="Distance: the sum of squared standardized misfits between the logs' statistics and the simulated ones."
      >
        <StatGrid label="Calibration fit">
          <Stat label="Distance before" value={formatNumber(before, 1)} hint={`base ${results.base.name}`} />
          <Stat
            label="Distance after"
            value={formatNumber(after, 1)}
            hint={before !== undefined && after !== undefined && before > 0 ? `${formatNumber((1 - after / before) * 100, 0)}% closer` : undefined}
            tone={before !== undefined && after !== undefined && after < before ? "good" : "neutral"}
          />
          <Stat
            label="Inside the logs' CIs"
            value={`${formatInteger(counts.fitted)} of ${formatInteger(counts.total)}`}
            hint={`${formatInteger(counts.base)} before`}
          />
          <Stat label="Parameters moved" value={`${formatInteger(changed.length)} of ${formatInteger(results.parameters.length)}`} />
          <Stat label="Candidates simulated" value={formatInteger(results.evaluations)} />
        </StatGrid>
        <p className="notice notice-success fit-scenario">
          The fitted scenario <Link to={fittedLink}>{results.fitted.name}</Link>, version{" "}
          <code>{results.fitted.version}</code>, has joined the catalogue (from {results.base.name}, version{" "}
          <code>{results.base.version}</code>): simulate policies in it from the off-policy evaluation form.
        </p>
      </Card>
      <Card
        title="Observed vs simulated"
        description="The logs' value with its 95% CI beside the base and the fitted scenarios' simulated values, for the logging policy."
        actions={
          <Select
            label="Statistics of"
            value={group}
            onChange={(event) => setGroup(event.target.value)}
            options={groups.map((g) => ({ value: g.id, label: g.label }))}
            fieldClassName="chart-picker"
          />
        }
      >
        <div className="fit-grid">
          {panels.map((panel) => (
            <FitChart
              key={`${group}-${panel.id}`}
              panel={panel}
              label={`${panel.title}: ${groupLabel(group).toLowerCase()}`}
              baseName={results.base.name}
              fittedName={results.fitted.name}
            />
          ))}
        </div>
      </Card>
      <Card
        title="Changed parameters"
        description={`${formatInteger(changed.length)} of ${formatInteger(results.parameters.length)} parameters moved; the others kept the base scenario's value.`}
      >
        <ParametersTable results={results} />
      </Card>
      <Card title="Every statistic" description="✓ where the simulated value lies inside the logs' 95% CI.">
        <StatisticsTable results={results} />
      </Card>
    </div>
  );
}
