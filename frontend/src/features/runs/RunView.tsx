import { Link } from "react-router";

import { QueryState } from "../../components/QueryState";
import { ErrorState, PageHeader, Spinner } from "../../components/ui";
import { algorithmLabel } from "../../lib/algorithms";
import { RunActions } from "./RunActions";
import { RunCharts } from "./RunCharts";
import { RunConfig } from "./RunConfig";
import { RunStatusCard } from "./RunStatusCard";
import { useRunLive } from "./useRunLive";

/** One training run: status and controls, live learning curves, configuration. */
export function RunView({ runId }: { runId: number }) {
  const live = useRunLive(runId);
  const run = live.run.data;
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/training">← All runs</Link>}
        title={`Run #${runId}`}
        description={run && `${algorithmLabel(run.algorithm)} on ${run.scenario}`}
        actions={run && <RunActions run={run} onChange={live.setRun} />}
      />
      <QueryState query={live.run} loadingLabel="Loading the run…" errorTitle={`Could not load run #${runId}`}>
        {(data) => (
          <div className="stack">
            <RunStatusCard
              run={data}
              following={live.following}
              connection={live.connection}
              onReconnect={live.reconnect}
            />
            {live.metrics.isError && (
              <ErrorState
                inline
                title="Could not load the run's metrics"
                error={live.metrics.error}
                onRetry={() => void live.metrics.refetch()}
              />
            )}
            {live.metrics.isPending && live.points.length === 0 ? (
              <Spinner label="Loading metrics…" />
            ) : (
              <RunCharts points={live.points} curriculum={data.curriculum} />
            )}
            <RunConfig run={data} />
          </div>
        )}
      </QueryState>
    </>
  );
}
