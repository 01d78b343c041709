import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import type { RunStatus } from "../../client";
import { runsListRunsOptions } from "../../client/@tanstack/react-query.gen";
import { QueryState } from "../../components/QueryState";
import { Card, EmptyState, Select } from "../../components/ui";
import { isActive, RUN_STATUSES, runStatusLabel } from "../runs/status";
import { RunsTable } from "./RunsTable";

/** How often the list refreshes while a run is queued or running. */
export const RUNS_POLL_MS = 2000;

/** The runs table with a status filter; it refreshes while any listed run may still change. */
export function RunsCard() {
  const [status, setStatus] = useState<RunStatus | "">("");
  const runs = useQuery({
    ...runsListRunsOptions({ query: status ? { status } : undefined }),
    refetchInterval: (query) => (query.state.data?.data.some((run) => isActive(run.status)) ? RUNS_POLL_MS : false),
  });

  return (
    <Card
      title="Runs"
      actions={
        <Select
          label="Status"
          value={status}
          onChange={(event) => setStatus(event.target.value as RunStatus | "")}
          options={[
            { value: "", label: "All statuses" },
            ...RUN_STATUSES.map((s) => ({ value: s, label: runStatusLabel(s) })),
          ]}
          fieldClassName="runs-filter"
        />
      }
    >
      <QueryState query={runs} loadingLabel="Loading runs…" errorTitle="Could not load the runs">
        {(data) =>
          data.data.length === 0 ? (
            <EmptyState
              title={status ? `No ${runStatusLabel(status).toLowerCase()} runs` : "No runs yet"}
              description={status ? "Choose another status to see more runs." : "Start one with the form above."}
            />
          ) : (
            <>
              <RunsTable runs={data.data} />
              {data.count > data.data.length && (
                <p className="muted section-gap">
                  The newest {data.data.length} of {data.count} runs.
                </p>
              )}
            </>
          )
        }
      </QueryState>
    </Card>
  );
}
