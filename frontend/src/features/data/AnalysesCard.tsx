import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import type { AnalysisPublic, RunPublic } from "../../client";
import { datasetsListAnalysesOptions, runsListRunsOptions } from "../../client/@tanstack/react-query.gen";
import { QueryState } from "../../components/QueryState";
import { Badge, Card, EmptyState, Table } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { EVALUATION_POLL_MS, evaluationStatusLabel, evaluationStatusTone, isEvaluating } from "../analytics/status";
import { analysisSummary, analysisTitle } from "./analyses";

export interface AnalysesTableProps {
  analyses: readonly AnalysisPublic[];
  /** The analysis open below the list. */
  selected: number | null;
  runs?: readonly RunPublic[];
}

export function AnalysesTable({ analyses, selected, runs = [] }: AnalysesTableProps) {
  return (
    <Table label="Analyses">
      <thead>
        <tr>
          <th scope="col">Analysis</th>
          <th scope="col">Status</th>
          <th scope="col">Asked</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {analyses.map((analysis) => (
          <tr key={analysis.id} className={analysis.id === selected ? "row-selected" : undefined}>
            <th scope="row">
              <Link
                to={`/data/${analysis.dataset_id}?analysis=${analysis.id}`}
                aria-current={analysis.id === selected ? "true" : undefined}
              >
                {analysisTitle(analysis)}
              </Link>
            </th>
            <td>
              <Badge tone={evaluationStatusTone(analysis.status)}>{evaluationStatusLabel(analysis.status)}</Badge>
            </td>
            <td>{analysisSummary(analysis, runs)}</td>
            <td>{formatDateTime(analysis.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** A dataset's calibrations and off-policy evaluations, newest first; refreshes while any is under way. */
export function AnalysesCard({ datasetId, selected }: { datasetId: number; selected: number | null }) {
  const analyses = useQuery({
    ...datasetsListAnalysesOptions({ path: { dataset_id: datasetId } }),
    refetchInterval: (query) =>
      query.state.data?.data.some((analysis) => isEvaluating(analysis.status)) ? EVALUATION_POLL_MS : false,
  });
  const runs = useQuery(runsListRunsOptions({ query: { status: "completed" } }));
  return (
    <Card title="Analyses" description="Calibrations and off-policy evaluations of this dataset; open one to see its results.">
      <QueryState query={analyses} loadingLabel="Loading analyses…" errorTitle="Could not load the analyses">
        {(data) =>
          data.data.length === 0 ? (
            <EmptyState title="No analyses yet" description="Run a calibration or an off-policy evaluation above." />
          ) : (
            <AnalysesTable analyses={data.data} selected={selected} runs={runs.data?.data} />
          )
        }
      </QueryState>
    </Card>
  );
}
