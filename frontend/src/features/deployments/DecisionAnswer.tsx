import type { DecisionPublic } from "../../client";
import { Stat, StatGrid } from "../../components/ui";
import { sentence } from "../../lib/format";
import { ActionProbabilities } from "../playground/ActionProbabilities";
import { ACTIONS, actionLabel, isFallback, probabilityList } from "./decide";
import { versionLabel } from "./deployments";

/** What a deployment answered: the action, who decided it and why, the rule the state fits and the model's probabilities. */
export function DecisionAnswer({ decision }: { decision: DecisionPublic }) {
  const fallback = isFallback(decision);
  return (
    <section className="decision-answer stack" aria-label="Decision">
      {fallback && (
        <p className="notice notice-warning decision-fallback" role="note" aria-label="Fallback">
          <strong>Fallback:</strong> {sentence(decision.fallback ?? "")}.
        </p>
      )}
      <StatGrid label="Answer">
        <Stat
          label="Action"
          value={actionLabel(decision.action)}
          hint={fallback ? "the playbook's choice" : "the model's choice"}
        />
        <Stat
          label="Model's choice"
          value={actionLabel(decision.model_action)}
          hint={fallback && decision.model_action !== decision.action ? "overruled by the guardrails" : undefined}
        />
        <Stat label="Version" value={`${decision.deployment} ${versionLabel(decision)}`} />
        <Stat
          label="Masked"
          value={decision.masked.length === 0 ? "None" : decision.masked.map(actionLabel).join(", ")}
          hint="actions not allowed in this state"
        />
      </StatGrid>
      <div className="decision-rule" aria-label="Matching rule" role="group">
        <p className="stat-label">Matching rule</p>
        <p>{decision.rule ? sentence(decision.rule) : <span className="muted">No distilled rule matches this state.</span>}</p>
      </div>
      <div>
        <p className="stat-label">The model's probabilities (after the action mask)</p>
        <ActionProbabilities
          actions={ACTIONS}
          probabilities={probabilityList(decision)}
          chosen={ACTIONS.indexOf(decision.model_action)}
          label="Model's probabilities"
        />
      </div>
    </section>
  );
}
