import { Link } from "react-router";

import type { Explanation } from "../../client";
import { Badge, Card, Stat, StatGrid } from "../../components/ui";
import { formatDateTime, formatInteger, formatPercent, sentence } from "../../lib/format";
import { treePolicy } from "../../lib/policies";
import { EstimateText } from "../analytics/EstimateText";
import {
  actionWords,
  fidelityByDepth,
  formatScore,
  importanceRows,
  scoreRows,
} from "./explanation";
import { ImportanceChart } from "./ImportanceChart";

const percent = (value: number) => formatPercent(value, 1);

/** The analytics page with the model, its rules and the playbook ticked. */
export function compareLink(runId: number): string {
  const policies = [`run:${runId}`, treePolicy(runId), "playbook"];
  return `/analytics?${policies.map((spec) => `policy=${encodeURIComponent(spec)}`).join("&")}`;
}

/** The rules of a completed explanation, how faithful they are, the scores and the feature importances. */
export function ExplanationView({ explanation }: { explanation: Explanation }) {
  const runId = explanation.run_id;
  const depths = fidelityByDepth(explanation);
  const { rows, unused } = importanceRows(explanation.importance);
  const tree = treePolicy(runId);
  return (
    <div className="stack">
      <Card
        title="Rules distilled from the model"
        description={
          `A depth-${explanation.depth} decision tree fitted to the model's choices on ` +
          `${formatInteger(explanation.states)} states of ${formatInteger(explanation.episodes)} episodes ` +
          `in ${explanation.scenario.name}@${explanation.scenario.version} · ${formatDateTime(explanation.created_at)}`
        }
        actions={
          <p role="status" aria-label="Explanation status">
            <Badge tone="success">Explained</Badge>
          </p>
        }
      >
        <div className="stack">
          <StatGrid label="Fidelity">
            <Stat
              label="Fidelity"
              value={<EstimateText estimate={explanation.fidelity} format={percent} />}
              hint="agreement with the model on held-out states"
            />
            <Stat label="Depth" value={explanation.depth} hint="the shallowest faithful tree" />
            <Stat label="Rules" value={explanation.rules.length} hint="the first that holds decides" />
          </StatGrid>
          <p className="muted" aria-label="Fidelity by depth">
            Fidelity by depth: {depths.map(({ depth, fidelity }) => `${depth} → ${percent(fidelity)}`).join(" · ")}
          </p>
          <ol className="rules" aria-label="Rules">
            {explanation.rules.map((rule, index) => (
              <li key={`${index}-${rule.text}`} className="rule">
                <p className="rule-text">{sentence(rule.text)}</p>
                <p className="rule-meta">
                  {formatInteger(rule.states)} states · {percent(rule.agreement)} agree with the model
                </p>
              </li>
            ))}
          </ol>
          <p className="rule-otherwise">
            Otherwise → <strong>{actionWords(explanation.default)}</strong>
          </p>
          <p className="notice notice-info" role="note" aria-label="The rules as a policy">
            The rules play as the policy <code>{tree}</code> wherever policies are named.{" "}
            <Link to={compareLink(runId)}>Compare model, rules and playbook in Analytics</Link> ·{" "}
            <Link to={`/deployments?run=${runId}`}>Deploy this run</Link>
          </p>
        </div>
      </Card>
      <Card
        title="Scores on held-out customers"
        description="Normalized scores (random 0, the oracle 1) with 95% CIs: what following the rules costs or gains."
      >
        <StatGrid label="Scores">
          {scoreRows(explanation).map(({ key, label, score }) => (
            <Stat key={key} label={label} value={<EstimateText estimate={score} format={formatScore} />} />
          ))}
        </StatGrid>
      </Card>
      <Card
        title="Feature importance"
        description="The share of choices that change when one feature is shuffled across states, for the model and the playbook; sorted by the model's."
      >
        <ImportanceChart rows={rows} />
        {unused.length > 0 && (
          <p className="chart-caption">
            Left out, as neither policy's choices depend on them: {unused.join(", ")}.
          </p>
        )}
      </Card>
    </div>
  );
}
