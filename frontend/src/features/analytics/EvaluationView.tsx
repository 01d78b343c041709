import { useQuery } from "@tanstack/react-query";

import type { EvaluationPublic } from "../../client";
import { evaluationsReadEvaluationOptions } from "../../client/@tanstack/react-query.gen";
import { QueryState } from "../../components/QueryState";
import { Badge, Card, ErrorState, Spinner } from "../../components/ui";
import { formatDateTime, formatInteger } from "../../lib/format";
import { EvaluationResultsView } from "./EvaluationResultsView";
import { readResults } from "./results";
import { EVALUATION_POLL_MS, evaluationStatusLabel, evaluationStatusTone, isEvaluating } from "./status";

function EvaluationBody({ evaluation }: { evaluation: EvaluationPublic }) {
  if (isEvaluating(evaluation.status)) {
    return (
      <Spinner
        label={
          evaluation.status === "pending"
            ? "Waiting for a worker…"
            : "Playing the episodes; the tables appear when done…"
        }
      />
    );
  }
  if (evaluation.status === "failed") {
    return <ErrorState title="The evaluation failed" error={evaluation.error ?? "No reason was recorded."} />;
  }
  const results = readResults(evaluation.results);
  if (results === null) {
    return <ErrorState title="These results cannot be shown" error="They are missing or not in the expected form." />;
  }
  return <EvaluationResultsView results={results} />;
}

/** One evaluation: what it compared, its status and, once completed, its results. */
export function EvaluationView({ id }: { id: number }) {
  const evaluation = useQuery({
    ...evaluationsReadEvaluationOptions({ path: { evaluation_id: id } }),
    refetchInterval: (query) =>
      query.state.data && isEvaluating(query.state.data.status) ? EVALUATION_POLL_MS : false,
  });
  return (
    <QueryState
      query={evaluation}
      loadingLabel="Loading the evaluation…"
      errorTitle={`Could not load evaluation #${id}`}
    >
      {(data) => (
        <div className="stack">
          <Card
            title={`Evaluation #${data.id}: ${data.name}`}
            description={[
              `${formatInteger(data.episodes)} episodes per policy and scenario`,
              `seed ${data.seed}`,
              formatDateTime(data.created_at),
            ].join(" · ")}
            actions={
              <p role="status" aria-label="Evaluation status">
                <Badge tone={evaluationStatusTone(data.status)}>{evaluationStatusLabel(data.status)}</Badge>
              </p>
            }
          >
            <dl className="facts">
              {data.scenarios.map((scenario) => (
                <div key={scenario} className="fact">
                  <dt>{scenario}</dt>
                  <dd>
                    <code>{data.scenario_versions[scenario] ?? "–"}</code>
                  </dd>
                </div>
              ))}
            </dl>
            {data.status !== "completed" && <EvaluationBody evaluation={data} />}
          </Card>
          {data.status === "completed" && <EvaluationBody evaluation={data} />}
        </div>
      )}
    </QueryState>
  );
}
