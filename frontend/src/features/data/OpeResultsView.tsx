import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import type { OpeResults, PolicyEstimates } from "../../client";
import { runsListRunsOptions } from "../../client/@tanstack/react-query.gen";
import { Card, Select, Stat, StatGrid, Table } from "../../components/ui";
import { formatInteger, formatNumber, formatPercent } from "../../lib/format";
import { EstimateText } from "../analytics/EstimateText";
import { MeasureChart } from "../analytics/ResultCharts";
import { ESTIMATORS, estimateBars, estimatorLabel, opePolicyLabel, policyTable, RETURN, simulatedLabel } from "./ope";

/** A message as a sentence: its first letter in upper case. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Off-support shares above this are flagged (as the server's warning does). */
const OFF_SUPPORT_WARNING = 0.05;

interface PolicyCardProps {
  estimates: PolicyEstimates;
  results: OpeResults;
  label: string;
}

/** One policy: its diagnostics and warnings, every estimator's value of each measure, the simulator's beside them. */
function PolicyEstimatesCard({ estimates, results, label }: PolicyCardProps) {
  const table = policyTable(estimates, results.simulated);
  const simulated = simulatedLabel(results);
  const [quantity, setQuantity] = useState(RETURN);
  const chosen = table.rows.find((row) => row.quantity === quantity) ?? table.rows[0];
  return (
    <Card title={label} description={`Estimates per contact on the ${formatInteger(results.contacts)} logged contacts, with 95% bootstrap CIs.`}>
      <div className="stack">
        <StatGrid label={`Diagnostics of ${label}`}>
          <Stat
            label="Effective contacts"
            value={formatNumber(estimates.effective_contacts, 1)}
            hint={`of ${formatInteger(results.contacts)}: the importance weights' effective sample size`}
          />
          <Stat
            label="Matched contacts"
            value={formatInteger(estimates.matched_contacts)}
            hint="whose every logged action the policy might have taken"
          />
          <Stat
            label="Off support"
            value={formatPercent(estimates.off_support, 1)}
            hint="of its choices are actions the logs take under 1% of the time"
            tone={estimates.off_support > OFF_SUPPORT_WARNING ? "bad" : "neutral"}
          />
        </StatGrid>
        {estimates.warnings.length > 0 && (
          <div className="notice notice-warning ope-warnings" role="note" aria-label={`Warnings for ${label}`}>
            <p className="ope-warnings-title">
              {estimates.warnings.length === 1 ? "Warning" : `${estimates.warnings.length} warnings`}
            </p>
            <ul>
              {estimates.warnings.map((warning) => (
                <li key={warning}>{sentence(warning)}</li>
              ))}
            </ul>
          </div>
        )}
        <Table label={`Estimates for ${label}`} compact className="kpi-table ope-table">
          <thead>
            <tr>
              <th scope="col">Measure</th>
              {table.estimators.map((estimator) => (
                <th key={estimator} scope="col" className="num">
                  <abbr title={ESTIMATORS[estimator]?.name}>{estimatorLabel(estimator)}</abbr>
                </th>
              ))}
              {simulated && (
                <th scope="col" className="num ope-simulated">
                  {simulated}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.quantity}>
                <th scope="row">{row.label}</th>
                {row.cells.map((cell, index) => (
                  <td key={table.estimators[index]} className="num">
                    <EstimateText estimate={cell} format={row.format} />
                  </td>
                ))}
                {simulated && (
                  <td className="num ope-simulated">
                    <EstimateText estimate={row.simulated} format={row.format} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
        {chosen && (
          <>
            <div className="chart-toolbar">
              <Select
                label="Chart"
                value={chosen.quantity}
                onChange={(event) => setQuantity(event.target.value)}
                options={table.rows.map((row) => ({ value: row.quantity, label: row.label }))}
                fieldClassName="chart-picker"
              />
            </div>
            <MeasureChart
              label={`${chosen.label} of ${label}: estimates${simulated ? " and simulator" : ""}`}
              bars={estimateBars(table, chosen.quantity, simulated ?? "")}
              format={chosen.format}
            />
          </>
        )}
      </div>
    </Card>
  );
}

/** A completed off-policy evaluation: what was replayed, then a card per policy. */
export function OpeResultsView({ results }: { results: OpeResults }) {
  const runs = useQuery(runsListRunsOptions({ query: { status: "completed" } }));
  const simulated = results.simulated;
  return (
    <div className="stack">
      <Card
        title="Off-policy estimates"
        description="How each policy would have done on the logged contacts, by four estimators; where they agree, trust them more."
      >
        <dl className="facts" aria-label="Evaluation overview">
          <div className="fact">
            <dt>Contacts</dt>
            <dd>{formatInteger(results.contacts)}</dd>
          </div>
          <div className="fact">
            <dt>Turns</dt>
            <dd>{formatInteger(results.turns)}</dd>
          </div>
          <div className="fact">
            <dt>Replayed in</dt>
            <dd>
              {results.scenario} <code>{results.version}</code>
            </dd>
          </div>
          <div className="fact">
            <dt>Propensities</dt>
            <dd>{results.propensities === "logged" ? "Logged" : "Cloned from the logs"}</dd>
          </div>
          <div className="fact">
            <dt>Resamples</dt>
            <dd>{formatInteger(results.resamples)}</dd>
          </div>
          <div className="fact">
            <dt>Simulated in</dt>
            <dd>
              {simulated ? (
                <>
                  {simulated.scenario} <code>{simulated.version}</code>
                </>
              ) : (
                <span className="muted">–</span>
              )}
            </dd>
          </div>
        </dl>
        <dl className="estimator-legend">
          {Object.entries(ESTIMATORS).map(([id, estimator]) => (
            <div key={id}>
              <dt>{estimator.label}</dt>
              <dd>{estimator.name}</dd>
            </div>
          ))}
        </dl>
        {results.propensities === "cloned" && (
          <p className="notice notice-warning" role="note">
            The logs carry no propensities: the logging policy&apos;s were cloned from its logged actions, so the
            importance-sampling estimates rest on that model.
          </p>
        )}
        {results.defaulted_features.length > 0 && (
          <p className="notice notice-warning" role="note">
            The logs lack {results.defaulted_features.length === 1 ? "a feature" : "features"} the policies read; replayed
            at {results.defaulted_features.length === 1 ? "its default" : "their defaults"}:{" "}
            {results.defaulted_features.map((feature, index) => (
              <span key={feature}>
                {index > 0 && ", "}
                <code>{feature}</code>
              </span>
            ))}
            .
          </p>
        )}
      </Card>
      {results.policies.map((estimates) => (
        <PolicyEstimatesCard
          key={estimates.policy}
          estimates={estimates}
          results={results}
          label={opePolicyLabel(estimates.policy, runs.data?.data)}
        />
      ))}
    </div>
  );
}
