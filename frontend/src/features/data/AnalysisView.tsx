import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

import type { AnalysisPublic } from "../../client";
import {
  analysesReadAnalysisOptions,
  runsListRunsOptions,
  scenariosListScenariosQueryKey,
} from "../../client/@tanstack/react-query.gen";
import { QueryState } from "../../components/QueryState";
import { Badge, Card, ErrorState, Spinner } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { EVALUATION_POLL_MS, evaluationStatusLabel, evaluationStatusTone, isEvaluating } from "../analytics/status";
import { analysisSummary, analysisTitle } from "./analyses";
import { CalibrationResultsView } from "./CalibrationResultsView";
import { OpeResultsView } from "./OpeResultsView";

function AnalysisBody({ analysis }: { analysis: AnalysisPublic }) {
  if (isEvaluating(analysis.status)) {
    const work =
      analysis.kind === "calibration"
        ? "Simulating candidate scenarios; the fit appears when done…"
        : "Replaying the logs and fitting the estimators; the estimates appear when done…";
    return <Spinner label={analysis.status === "pending" ? "Waiting for a worker…" : work} />;
  }
  if (analysis.status === "failed") {
    return <ErrorState title={`The ${analysis.kind === "calibration" ? "calibration" : "evaluation"} failed`} error={analysis.error ?? "No reason was recorded."} />;
  }
  if (analysis.calibration) return <CalibrationResultsView results={analysis.calibration} />;
  if (analysis.ope) return <OpeResultsView results={analysis.ope} />;
  return <ErrorState title="These results cannot be shown" error="The analysis completed without results." />;
}

/** One analysis: what it was asked, its status and, once completed, its results. */
export function AnalysisView({ id }: { id: number }) {
  const queryClient = useQueryClient();
  const analysis = useQuery({
    ...analysesReadAnalysisOptions({ path: { analysis_id: id } }),
    refetchInterval: (query) => (query.state.data && isEvaluating(query.state.data.status) ? EVALUATION_POLL_MS : false),
  });
  const runs = useQuery(runsListRunsOptions({ query: { status: "completed" } }));
  // A completed calibration adds its fitted scenario to the catalogue the forms choose from.
  const fitted = analysis.data?.calibration?.fitted.version;
  useEffect(() => {
    if (fitted) void queryClient.invalidateQueries({ queryKey: scenariosListScenariosQueryKey() });
  }, [fitted, queryClient]);
  return (
    <QueryState query={analysis} loadingLabel="Loading the analysis…" errorTitle={`Could not load analysis #${id}`}>
      {(data) => (
        <div className="stack">
          <Card
            title={analysisTitle(data)}
            description={[analysisSummary(data, runs.data?.data), formatDateTime(data.created_at)]
              .filter(Boolean)
              .join(" · ")}
            actions={
              <p role="status" aria-label="Analysis status">
                <Badge tone={evaluationStatusTone(data.status)}>{evaluationStatusLabel(data.status)}</Badge>
              </p>
            }
          >
            {data.status !== "completed" ? (
              <AnalysisBody analysis={data} />
            ) : (
              <p className="muted">
                {data.kind === "calibration"
                  ? "The fit, the parameters it moved and every statistic, logs against simulator."
                  : "Each policy's estimates with 95% CIs, its diagnostics and warnings."}
              </p>
            )}
          </Card>
          {data.status === "completed" && <AnalysisBody analysis={data} />}
        </div>
      )}
    </QueryState>
  );
}
