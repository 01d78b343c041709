import { Table } from "../../components/ui";
import { EstimateText } from "./EstimateText";
import { kpiRows, policyName, type EvaluationResults } from "./results";

/** Every measure of every policy on one scenario, with 95% CIs. */
export function KpiTable({ results, scenario }: { results: EvaluationResults; scenario: string }) {
  const rows = kpiRows(results, scenario);
  return (
    <Table label={`KPIs on ${scenario}`} compact className="kpi-table">
      <thead>
        <tr>
          <th scope="col">Measure</th>
          {results.policies.map((spec) => (
            <th key={spec} scope="col" className="num">
              {policyName(results, spec)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">{row.label}</th>
            {row.cells.map((estimate, index) => (
              <td key={results.policies[index]} className="num">
                <EstimateText estimate={estimate} format={row.format} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
