import { Link } from "react-router";

import type { ScenarioSummary } from "../../client";
import { Badge, Table } from "../../components/ui";
import { formatNumber, humanize } from "../../lib/format";

/** The scenario catalogue: built-in scenarios first, then uploads. */
export function ScenarioTable({ scenarios }: { scenarios: ScenarioSummary[] }) {
  return (
    <Table label="Scenario library">
      <thead>
        <tr>
          <th scope="col">Scenario</th>
          <th scope="col">Industry</th>
          <th scope="col">Description</th>
          <th scope="col" className="num">
            Inquiry types
          </th>
          <th scope="col" className="num">
            Max turns
          </th>
          <th scope="col" className="num">
            Difficulty
          </th>
          <th scope="col">Version</th>
        </tr>
      </thead>
      <tbody>
        {scenarios.map((scenario) => (
          <tr key={scenario.name}>
            <th scope="row">
              <div className="scenario-name">
                <Link to={`/scenarios/${encodeURIComponent(scenario.name)}`}>{scenario.name}</Link>
                <Badge tone={scenario.source === "builtin" ? "neutral" : "info"}>
                  {scenario.source === "builtin" ? "Built-in" : "Uploaded"}
                </Badge>
              </div>
            </th>
            <td>{humanize(scenario.industry)}</td>
            <td className="scenario-description">{scenario.description || <span className="muted">–</span>}</td>
            <td className="num">{scenario.inquiries}</td>
            <td className="num">{scenario.max_turns}</td>
            <td className="num">{formatNumber(scenario.difficulty, 2)}</td>
            <td>
              <code>{scenario.version}</code>
              {scenario.versions.length > 1 && (
                <span className="muted version-count"> · {scenario.versions.length} versions</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
