import { useSearchParams } from "react-router";

import { Card, EmptyState, PageHeader } from "../components/ui";
import { EvaluationForm } from "../features/analytics/EvaluationForm";
import { EvaluationsCard } from "../features/analytics/EvaluationsCard";
import { EvaluationView } from "../features/analytics/EvaluationView";
import { BUILTIN_POLICIES } from "../lib/policies";

const EVALUATION_ID = /^[1-9][0-9]{0,15}$/;
/** A run's model, `run:<id>`, or the rules distilled from it, `tree:run:<id>`. */
const RUN_SPEC = /^(tree:)?run:[1-9][0-9]{0,17}$/;

function isPolicySpec(spec: string): boolean {
  return RUN_SPEC.test(spec) || (BUILTIN_POLICIES as readonly string[]).includes(spec);
}

export function AnalyticsPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get("evaluation");
  const selected = requested !== null && EVALUATION_ID.test(requested) ? Number(requested) : null;
  const initialPolicies = [...new Set(params.getAll("policy").filter(isPolicySpec))];

  return (
    <>
      <PageHeader
        title="Analytics"
        description={
          "Compare built-in policies and trained models on the same customers: KPIs with confidence " +
          "intervals, normalized scores, ROI against the playbook and cross-industry transfer."
        }
      />
      <div className="stack">
        <Card title="New evaluation">
          <EvaluationForm
            initialPolicies={initialPolicies}
            onCreated={(evaluation) => setParams({ evaluation: String(evaluation.id) })}
          />
        </Card>
        <EvaluationsCard selected={selected} />
        {selected === null ? (
          <EmptyState title="No evaluation open" description="Open one from the list above, or run a new one." />
        ) : (
          <EvaluationView key={selected} id={selected} />
        )}
      </div>
    </>
  );
}
