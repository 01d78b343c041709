import { Link } from "react-router";

import type { RunPublic } from "../../client";
import { Table } from "../../components/ui";
import { algorithmLabel } from "../../lib/algorithms";
import { formatDateTime, formatInteger } from "../../lib/format";
import { ProgressBar } from "../runs/ProgressBar";
import { RunStatusBadge } from "../runs/StatusBadge";

/** Training runs, newest first, each linking to its page. */
export function RunsTable({ runs }: { runs: readonly RunPublic[] }) {
  return (
    <Table label="Training runs">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Algorithm</th>
          <th scope="col">Scenario</th>
          <th scope="col">Status</th>
          <th scope="col">Progress</th>
          <th scope="col" className="num">
            Timesteps
          </th>
          <th scope="col">Created</th>
          <th scope="col">Started</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <th scope="row">
              <Link to={`/runs/${run.id}`}>Run #{run.id}</Link>
            </th>
            <td>{algorithmLabel(run.algorithm)}</td>
            <td>
              {run.scenario}
              {run.curriculum && <span className="muted"> · curriculum</span>}
            </td>
            <td>
              <RunStatusBadge status={run.status} />
            </td>
            <td className="runs-progress">
              <ProgressBar value={run.progress} label={`Run #${run.id} progress`} />
            </td>
            <td className="num">
              {formatInteger(run.timesteps_done)} / {formatInteger(run.total_timesteps)}
            </td>
            <td>{formatDateTime(run.created_at)}</td>
            <td>{formatDateTime(run.started_at)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
