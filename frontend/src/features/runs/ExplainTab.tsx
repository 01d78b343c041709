import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import type { ExplanationPublic, RunPublic } from "../../client";
import {
  explanationsExplainRunMutation,
  explanationsReadRunExplanationOptions,
} from "../../client/@tanstack/react-query.gen";
import { QueryState } from "../../components/QueryState";
import { Badge, Button, Card, EmptyState, ErrorState, Spinner, type BadgeTone } from "../../components/ui";
import { EXPLANATION_POLL_MS, isExplaining, type ExplanationStatus } from "./explanation";
import { ExplanationView } from "./ExplanationView";

const STATUS: Record<ExplanationStatus, { label: string; tone: BadgeTone }> = {
  none: { label: "Not explained", tone: "neutral" },
  pending: { label: "Explaining", tone: "info" },
  completed: { label: "Explained", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
};

const DESCRIPTION =
  "Distil the model into the shallowest decision tree that agrees with it, read as plain-language rules; " +
  "score the rules beside the model and the playbook and see which features drive their choices.";

interface ExplanationStateProps {
  state: ExplanationPublic;
  starting: boolean;
  startError: unknown;
  onExplain: () => void;
}

/** Before the rules exist: the Explain button, the worker at work, or why it failed. */
function ExplanationState({ state, starting, startError, onExplain }: ExplanationStateProps) {
  const status = STATUS[state.status];
  const button = (
    <Button variant="primary" busy={starting} onClick={onExplain}>
      {state.status === "failed" ? "Explain again" : "Explain"}
    </Button>
  );
  return (
    <Card
      title="Explanation"
      description={DESCRIPTION}
      actions={
        <p role="status" aria-label="Explanation status">
          <Badge tone={status.tone}>{status.label}</Badge>
        </p>
      }
    >
      <div className="stack">
        {isExplaining(state.status) ? (
          <Spinner label="Distilling the model into rules and scoring them; the explanation appears when done (10–20 s)…" />
        ) : state.status === "failed" ? (
          <>
            <ErrorState inline title="The explanation failed" error={state.error ?? "No reason was recorded."} />
            <div className="row">{button}</div>
          </>
        ) : (
          <EmptyState
            title="Not explained yet"
            description="A worker plays the model on fresh customers, fits the tree and scores it (10–20 s)."
            action={button}
          />
        )}
        {startError !== null && startError !== undefined && (
          <ErrorState inline title="Could not start the explanation" error={startError} />
        )}
      </div>
    </Card>
  );
}

/** The run page's Explain tab: the model's distilled rules, once a worker has computed them. */
export function ExplainTab({ run }: { run: RunPublic }) {
  const queryClient = useQueryClient();
  const trained = run.status === "completed" && run.has_model;
  const options = explanationsReadRunExplanationOptions({ path: { run_id: run.id } });
  const explanation = useQuery({
    ...options,
    enabled: trained,
    refetchInterval: (query) => (isExplaining(query.state.data?.status) ? EXPLANATION_POLL_MS : false),
  });
  const explain = useMutation({
    ...explanationsExplainRunMutation(),
    onSuccess: (state) => queryClient.setQueryData(options.queryKey, state),
  });

  if (!trained) {
    return (
      <Card title="Explanation" description={DESCRIPTION}>
        <EmptyState
          title="Explained once trained"
          description="Only a completed run's model is distilled into rules."
        />
      </Card>
    );
  }
  return (
    <QueryState query={explanation} loadingLabel="Loading the explanation…" errorTitle="Could not load the explanation">
      {(state) =>
        state.status === "completed" && state.explanation ? (
          <ExplanationView explanation={state.explanation} />
        ) : (
          <ExplanationState
            state={state}
            starting={explain.isPending}
            startError={explain.error}
            onExplain={() => explain.mutate({ path: { run_id: run.id } })}
          />
        )
      }
    </QueryState>
  );
}
