import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { modelsListModelsOptions } from "../../client/@tanstack/react-query.gen";
import { Button, Select, type SelectOptionGroup } from "../../components/ui";
import { errorMessage } from "../../lib/errors";
import {
  BUILTIN_POLICIES,
  modelLabel,
  policyDescription,
  policyLabel,
  type PolicySpec,
} from "../../lib/policies";
import { ActionProbabilities } from "./ActionProbabilities";
import type { Episode, Pending } from "./episode";

export interface PolicyPanelProps {
  episode: Episode;
  /** False while commands cannot be sent. */
  enabled: boolean;
  pending: Pending | null;
  onPlay: (policy: PolicySpec, steps: number | undefined) => void;
}

/** Lets a built-in policy or a trained model take turns, and shows its last decision. */
export function PolicyPanel({ episode, enabled, pending, onPlay }: PolicyPanelProps) {
  const [policy, setPolicy] = useState<PolicySpec>("playbook");
  const models = useQuery(modelsListModelsOptions());
  const trained = models.data?.data ?? [];

  const groups: SelectOptionGroup[] = [
    { label: "Built-in", options: BUILTIN_POLICIES.map((name) => ({ value: name, label: policyLabel(name) })) },
  ];
  if (trained.length > 0) {
    groups.push({
      label: "Trained models",
      options: trained.map((model) => ({ value: model.policy, label: modelLabel(model) })),
    });
  }

  const lastPolicyTurn = episode.turns.findLast((turn) => turn.action_probabilities);
  const playing = pending?.kind === "autoplay";
  const modelsHint = models.isError
    ? `Trained models unavailable: ${errorMessage(models.error)}`
    : models.isPending
      ? "Loading trained models…"
      : trained.length === 0
        ? "No trained models yet: complete a training run to play one here."
        : policyDescription(policy);

  return (
    <div className="stack">
      <Select
        label="Policy"
        value={policy}
        onChange={(event) => setPolicy(event.target.value)}
        options={groups}
        hint={modelsHint}
      />
      <div className="row">
        <Button variant="primary" disabled={!enabled} busy={playing && pending.remaining !== null} onClick={() => onPlay(policy, 1)}>
          Play one step
        </Button>
        <Button disabled={!enabled} busy={playing && pending.remaining === null} onClick={() => onPlay(policy, undefined)}>
          Play to the end
        </Button>
      </div>
      {lastPolicyTurn?.action_probabilities && (
        <div>
          <h3>
            {policyLabel(lastPolicyTurn.policy ?? policy, trained)} at turn {lastPolicyTurn.turn}
          </h3>
          <ActionProbabilities
            actions={episode.session.actions}
            probabilities={lastPolicyTurn.action_probabilities}
            chosen={lastPolicyTurn.action}
            label="Latest action probabilities"
          />
        </div>
      )}
    </div>
  );
}
