import { Link } from "react-router";

import type { RunPublic } from "../../client";
import { Badge, Button, Card, ErrorState } from "../../components/ui";
import { formatDateTime, formatInteger } from "../../lib/format";
import type { SocketStatus } from "../../lib/socket";
import { ProgressBar } from "./ProgressBar";
import { RunStatusBadge } from "./StatusBadge";

export interface RunStatusCardProps {
  run: RunPublic;
  following: boolean;
  connection: SocketStatus;
  onReconnect: () => void;
}

function liveBadge(following: boolean, connection: SocketStatus) {
  if (!following) return null;
  if (connection === "open") return <Badge tone="info">Live</Badge>;
  if (connection === "connecting") return <Badge>Connecting…</Badge>;
  return <Badge tone="warning">Offline</Badge>;
}

/** Where the run stands: its status, progress, timeline, model and any error. */
export function RunStatusCard({ run, following, connection, onReconnect }: RunStatusCardProps) {
  return (
    <Card title="Status" actions={liveBadge(following, connection)}>
      <div className="stack">
        <div className="run-status-row">
          <p className="run-status" role="status" aria-label="Run status">
            <RunStatusBadge status={run.status} />
          </p>
          <ProgressBar
            value={run.progress}
            label="Training progress"
            detail={`${formatInteger(run.timesteps_done)} of ${formatInteger(run.total_timesteps)} timesteps`}
          />
        </div>
        <dl className="facts run-timeline" aria-label="Timeline">
          <div className="fact">
            <dt>Created</dt>
            <dd>{formatDateTime(run.created_at)}</dd>
          </div>
          <div className="fact">
            <dt>Started</dt>
            <dd>{formatDateTime(run.started_at)}</dd>
          </div>
          <div className="fact">
            <dt>Finished</dt>
            <dd>{formatDateTime(run.finished_at)}</dd>
          </div>
          <div className="fact">
            <dt>Model</dt>
            <dd>
              {run.has_model ? (
                <>
                  Saved ·{" "}
                  <Link to={`/analytics?policy=${encodeURIComponent(`run:${run.id}`)}`}>Compare it in Analytics</Link>
                </>
              ) : (
                "None yet"
              )}
            </dd>
          </div>
        </dl>
        {run.status === "interrupted" ? (
          <p className="notice notice-warning">
            The run stopped without finishing{run.error ? ` (${run.error})` : ""}. Resume it to continue from its
            latest checkpoint.
          </p>
        ) : (
          run.error && (
            <ErrorState
              inline
              title={run.status === "failed" ? "The run failed" : "The run stopped"}
              error={run.error}
            />
          )
        )}
        {following && connection === "closed" && (
          <ErrorState
            inline
            title="Live updates stopped"
            error="The connection to the server was lost; the run may still be training."
            action={
              <Button size="sm" onClick={onReconnect}>
                Reconnect
              </Button>
            }
          />
        )}
      </div>
    </Card>
  );
}
