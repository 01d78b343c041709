import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import type { EvaluationPublic } from "../../client";
import { evaluationsListEvaluationsOptions } from "../../client/@tanstack/react-query.gen";
import { QueryState } from "../../components/QueryState";
import { Badge, Card, EmptyState, Table } from "../../components/ui";
import { formatDateTime, formatInteger } from "../../lib/format";
import { policyLabel } from "../../lib/policies";
import { EVALUATION_POLL_MS, evaluationStatusLabel, evaluationStatusTone, isEvaluating } from "./status";

export interface EvaluationsTableProps {
  evaluations: readonly EvaluationPublic[];
  /** The evaluation open below the list. */
  selected: number | null;
}

export function EvaluationsTable({ evaluations, selected }: EvaluationsTableProps) {
  return (
    <Table label="Evaluations">
      <thead>
        <tr>
          <th scope="col">Evaluation</th>
          <th scope="col">Status</th>
          <th scope="col">Policies</th>
          <th scope="col">Scenarios</th>
          <th scope="col" className="num">
            Episodes
          </th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {evaluations.map((evaluation) => (
          <tr key={evaluation.id} className={evaluation.id === selected ? "row-selected" : undefined}>
            <th scope="row">
              <Link
                to={`/analytics?evaluation=${evaluation.id}`}
                aria-current={evaluation.id === selected ? "true" : undefined}
              >
                #{evaluation.id} {evaluation.name}
              </Link>
            </th>
            <td>
              <Badge tone={evaluationStatusTone(evaluation.status)}>{evaluationStatusLabel(evaluation.status)}</Badge>
            </td>
            <td>{evaluation.policies.map((spec) => policyLabel(spec)).join(", ")}</td>
            <td>{evaluation.scenarios.join(", ")}</td>
            <td className="num">{formatInteger(evaluation.episodes)}</td>
            <td>{formatDateTime(evaluation.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Past evaluations, newest first; refreshes while any is under way. */
export function EvaluationsCard({ selected }: { selected: number | null }) {
  const evaluations = useQuery({
    ...evaluationsListEvaluationsOptions(),
    refetchInterval: (query) =>
      query.state.data?.data.some((evaluation) => isEvaluating(evaluation.status)) ? EVALUATION_POLL_MS : false,
  });
  return (
    <Card title="Evaluations" description="Open one to see its tables and charts.">
      <QueryState query={evaluations} loadingLabel="Loading evaluations…" errorTitle="Could not load the evaluations">
        {(data) =>
          data.data.length === 0 ? (
            <EmptyState title="No evaluations yet" description="Run one with the form above." />
          ) : (
            <EvaluationsTable evaluations={data.data} selected={selected} />
          )
        }
      </QueryState>
    </Card>
  );
}
