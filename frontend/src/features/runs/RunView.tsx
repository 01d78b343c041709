import { Link, useSearchParams } from "react-router";

import { QueryState } from "../../components/QueryState";
import { ErrorState, PageHeader, Spinner, Tabs } from "../../components/ui";
import { algorithmLabel } from "../../lib/algorithms";
import { ExplainTab } from "./ExplainTab";
import { RunActions } from "./RunActions";
import { RunCharts } from "./RunCharts";
import { RunConfig } from "./RunConfig";
import { RunStatusCard } from "./RunStatusCard";
import { useRunLive } from "./useRunLive";

const TABS = ["training", "explain"] as const;
type Tab = (typeof TABS)[number];

const tabOf = (value: string | null): Tab => (TABS as readonly string[]).includes(value ?? "") ? (value as Tab) : "training";

/** One training run: status and controls; its live learning curves and configuration, or its explanation. */
export function RunView({ runId }: { runId: number }) {
  const live = useRunLive(runId);
  const run = live.run.data;
  const [params, setParams] = useSearchParams();
  const tab = tabOf(params.get("tab"));
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
            <Tabs
              label="Run"
              selected={tab}
              onSelect={(id) => setParams(id === "training" ? {} : { tab: id }, { replace: true })}
              tabs={[
                {
                  id: "training",
                  label: "Training",
                  content: (
                    <div className="stack">
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
                  ),
                },
                { id: "explain", label: "Explain", content: <ExplainTab run={data} /> },
              ]}
            />
          </div>
        )}
      </QueryState>
    </>
  );
}
