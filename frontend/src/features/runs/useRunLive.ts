import { useQuery, useQueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useMemo, useState } from "react";

import type { MetricPointPublic, RunMetricsPublic, RunPublic } from "../../client";
import {
  modelsListModelsQueryKey,
  runsListRunsQueryKey,
  runsReadRunMetricsOptions,
  runsReadRunOptions,
} from "../../client/@tanstack/react-query.gen";
import { useRunSocket, type RunEvent, type SocketStatus } from "../../lib/socket";
import { mergePoints } from "./metrics";
import { isActive } from "./status";

export interface RunLive {
  run: UseQueryResult<RunPublic, unknown>;
  metrics: UseQueryResult<RunMetricsPublic, unknown>;
  /** Every metric point known so far, by step. */
  points: readonly MetricPointPublic[];
  /** Whether the page follows the run over its WebSocket (while it is queued or running). */
  following: boolean;
  connection: SocketStatus;
  /** Stores a run the server returned (after cancel or resume) as the current one. */
  setRun: (run: RunPublic) => void;
  /** Reloads the run and its history and opens a new socket. */
  reconnect: () => void;
}

/**
 * A run and its metrics: the history from `GET /api/runs/{id}/metrics`, then, while the
 * run may still change, its WebSocket's points and status merged in.
 */
export function useRunLive(runId: number): RunLive {
  const queryClient = useQueryClient();
  const runOptions = runsReadRunOptions({ path: { run_id: runId } });
  const metricsOptions = runsReadRunMetricsOptions({ path: { run_id: runId } });
  const run = useQuery(runOptions);
  const metrics = useQuery(metricsOptions);
  const [live, setLive] = useState<readonly MetricPointPublic[]>([]);
  const following = run.data !== undefined && isActive(run.data.status);
  const runKey = runOptions.queryKey;
  const metricsKey = metricsOptions.queryKey;

  const onEvent = (event: RunEvent) => {
    if (event.points.length > 0) setLive((current) => mergePoints(current, event.points));
    queryClient.setQueryData(runKey, (current) => {
      if (event.run) return event.run;
      if (!current) return current;
      // An ended status arrives with the whole run (finish time, model) in `final`;
      // until then the page keeps following.
      const status = isActive(event.status) ? event.status : current.status;
      return { ...current, status, progress: event.progress, timesteps_done: event.timesteps_done };
    });
    if (event.type === "final" || event.type === "status") {
      void queryClient.invalidateQueries({ queryKey: runsListRunsQueryKey() });
    }
    if (event.type === "final") {
      void queryClient.invalidateQueries({ queryKey: modelsListModelsQueryKey() });
      void queryClient.invalidateQueries({ queryKey: metricsKey });
    }
  };
  const socket = useRunSocket(following ? runId : null, onEvent);

  const setRun = (updated: RunPublic) => {
    queryClient.setQueryData(runKey, updated);
    void queryClient.invalidateQueries({ queryKey: runsListRunsQueryKey() });
    void queryClient.invalidateQueries({ queryKey: metricsKey });
  };
  const reconnect = () => {
    void run.refetch();
    void metrics.refetch();
    socket.reconnect();
  };

  const points = useMemo(() => mergePoints(metrics.data?.data ?? [], live), [metrics.data, live]);
  return { run, metrics, points, following, connection: socket.status, setRun, reconnect };
}
