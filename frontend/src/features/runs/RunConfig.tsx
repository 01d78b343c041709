import { Link } from "react-router";

import type { RunPublic } from "../../client";
import { Card, Stat, StatGrid, Table } from "../../components/ui";
import { algorithmLabel } from "../../lib/algorithms";
import { formatInteger, formatNumber } from "../../lib/format";

function hyperparameterText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** How the run was configured, with its full hyperparameters. */
export function RunConfig({ run }: { run: RunPublic }) {
  const hyperparameters = Object.entries(run.hyperparameters);
  return (
    <Card title="Configuration">
      <StatGrid label="Configuration">
        <Stat label="Algorithm" value={algorithmLabel(run.algorithm)} />
        <Stat
          label="Scenario"
          value={
            <Link to={`/scenarios/${encodeURIComponent(run.scenario)}?version=${run.scenario_version}`}>
              {run.scenario}
            </Link>
          }
          hint={<code>{run.scenario_version}</code>}
        />
        <Stat label="Timesteps" value={formatInteger(run.total_timesteps)} />
        <Stat label="Parallel envs" value={formatInteger(run.n_envs)} />
        <Stat label="Seed" value={run.seed} />
        <Stat label="Difficulty" value={formatNumber(run.difficulty, 2)} />
        <Stat label="Curriculum" value={run.curriculum ? "On" : "Off"} />
        <Stat label="Package" value={run.package_version} />
        {run.parent_run_id !== null && (
          <Stat label="Parent run" value={<Link to={`/runs/${run.parent_run_id}`}>Run #{run.parent_run_id}</Link>} />
        )}
      </StatGrid>
      {hyperparameters.length > 0 && (
        <div className="section-gap">
          <h3>Hyperparameters</h3>
          <Table label="Hyperparameters" compact>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {hyperparameters.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">
                    <code>{name}</code>
                  </th>
                  <td>
                    <code>{hyperparameterText(value)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}
