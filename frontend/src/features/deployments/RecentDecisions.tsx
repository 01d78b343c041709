import { useQuery } from "@tanstack/react-query";

import type { LoggedDecision } from "../../client";
import { deploymentsReadDecisionsOptions } from "../../client/@tanstack/react-query.gen";
import { QueryState } from "../../components/QueryState";
import { Badge, Card, EmptyState, Table } from "../../components/ui";
import { formatInteger, formatTimestamp, sentence } from "../../lib/format";
import { actionLabel, contactText, isFallback } from "./decide";
import { versionLabel } from "./deployments";

/** How many of the latest decisions the card shows. */
export const RECENT_DECISIONS = 50;

/** How often the log refreshes: other callers decide too. */
export const DECISIONS_POLL_MS = 5000;

/** The latest decisions, newest first; rows where the playbook decided are highlighted with the reason. */
export function DecisionsTable({ decisions, name }: { decisions: readonly LoggedDecision[]; name: string }) {
  return (
    <Table label={`Recent decisions of ${name}`} compact className="decisions-table">
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Version</th>
          <th scope="col">Contact</th>
          <th scope="col">Action</th>
          <th scope="col">Model's choice</th>
          <th scope="col">Rule</th>
          <th scope="col">Fallback</th>
        </tr>
      </thead>
      <tbody>
        {decisions.map((decision) => {
          const fallback = isFallback(decision);
          return (
            <tr key={decision.id} className={fallback ? "row-fallback" : undefined}>
              <th scope="row">{formatTimestamp(decision.created_at)}</th>
              <td>{versionLabel(decision)}</td>
              <td>{contactText(decision) || <span className="muted">–</span>}</td>
              <td>
                {actionLabel(decision.action)} {fallback && <Badge tone="warning">Playbook</Badge>}
              </td>
              <td>{actionLabel(decision.model_action)}</td>
              <td className="decision-rule-cell">{decision.rule ? sentence(decision.rule) : <span className="muted">–</span>}</td>
              <td>{fallback ? sentence(decision.fallback ?? "") : <span className="muted">–</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** A deployment's decision log, newest first, across its versions. */
export function RecentDecisions({ name }: { name: string }) {
  const decisions = useQuery({
    ...deploymentsReadDecisionsOptions({ path: { name }, query: { limit: RECENT_DECISIONS } }),
    refetchInterval: DECISIONS_POLL_MS,
  });
  const fallbacks = decisions.data?.data.filter(isFallback).length ?? 0;
  return (
    <Card
      title="Recent decisions"
      description={
        decisions.data && decisions.data.count > 0
          ? `The latest ${formatInteger(decisions.data.count)}, newest first, of every version; ` +
            `${formatInteger(fallbacks)} fell back to the playbook (highlighted).`
          : "Every decision is logged with the version that answered, the rule the state fits and any fallback."
      }
    >
      <QueryState query={decisions} loadingLabel="Loading decisions…" errorTitle="Could not load the decisions">
        {(data) =>
          data.data.length === 0 ? (
            <EmptyState
              title="No decisions yet"
              description={`Try one above, or call POST /api/deployments/${name}/decide.`}
            />
          ) : (
            <DecisionsTable decisions={data.data} name={name} />
          )
        }
      </QueryState>
    </Card>
  );
}
