import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";

import type { DeploymentPublic } from "../../client";
import {
  deploymentsListDeploymentsOptions,
  deploymentsListDeploymentsQueryKey,
  deploymentsReadDeploymentQueryKey,
  deploymentsRollbackMutation,
} from "../../client/@tanstack/react-query.gen";
import { QueryState } from "../../components/QueryState";
import { Badge, Button, Card, EmptyState, ErrorState, Table } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { evaluationStatusLabel, evaluationStatusTone } from "../analytics/status";
import {
  activeSummary,
  DEPLOYMENT_POLL_MS,
  formatThreshold,
  groupDeployments,
  isBuilding,
  scenarioLabel,
  versionLabel,
  type DeploymentGroup,
} from "./deployments";

/** Every deployment's versions, refreshed while one is being built. */
export function useDeployments() {
  return useQuery({
    ...deploymentsListDeploymentsOptions(),
    refetchInterval: (query) => (query.state.data?.data.some(isBuilding) ? DEPLOYMENT_POLL_MS : false),
  });
}

interface VersionsTableProps {
  group: DeploymentGroup;
  busy: boolean;
  onActivate: (version: number) => void;
}

function VersionsTable({ group, busy, onActivate }: VersionsTableProps) {
  return (
    <Table label={`Versions of ${group.name}`} compact>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Run</th>
          <th scope="col">Algorithm</th>
          <th scope="col">Scenario</th>
          <th scope="col" className="num">
            Threshold
          </th>
          <th scope="col" className="num">
            Rules
          </th>
          <th scope="col">Status</th>
          <th scope="col">Created</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {group.versions.map((deployment: DeploymentPublic) => (
          <tr key={deployment.id} className={deployment.active ? "row-active" : undefined}>
            <th scope="row">
              {versionLabel(deployment)}{" "}
              {deployment.active && <Badge tone="success">Active</Badge>}
            </th>
            <td>
              <Link to={`/runs/${deployment.run_id}?tab=explain`}>Run #{deployment.run_id}</Link>
            </td>
            <td>{deployment.algorithm}</td>
            <td>
              <code>{scenarioLabel(deployment)}</code>
            </td>
            <td className="num">{formatThreshold(deployment.threshold)}</td>
            <td className="num">{deployment.status === "completed" ? deployment.rules : <span className="muted">–</span>}</td>
            <td>
              <Badge tone={evaluationStatusTone(deployment.status)}>{evaluationStatusLabel(deployment.status)}</Badge>
              {deployment.error && <p className="field-error">{deployment.error}</p>}
            </td>
            <td>{formatDateTime(deployment.created_at)}</td>
            <td>
              {deployment.status === "completed" && !deployment.active && (
                <Button
                  size="sm"
                  disabled={busy}
                  aria-label={`Make ${versionLabel(deployment)} active`}
                  onClick={() => onActivate(deployment.version)}
                >
                  Make active
                </Button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** One name: which version answers, its versions, and a roll back (to the previous ready version or a chosen one). */
export function DeploymentGroupView({ group, selected }: { group: DeploymentGroup; selected: boolean }) {
  const queryClient = useQueryClient();
  const rollback = useMutation({
    ...deploymentsRollbackMutation(),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: deploymentsListDeploymentsQueryKey() });
      void queryClient.invalidateQueries({ queryKey: deploymentsReadDeploymentQueryKey({ path: { name: group.name } }) });
    },
  });
  const path = { name: group.name };
  const headingId = `deployment-${group.name}`;
  return (
    <section className={selected ? "deployment-group deployment-group-selected" : "deployment-group"} aria-labelledby={headingId}>
      <header className="deployment-group-header">
        <div>
          <h3 id={headingId} className="deployment-name">
            <Link to={`/deployments/${group.name}`} aria-current={selected ? "true" : undefined}>
              {group.name}
            </Link>
          </h3>
          <p className="muted">{activeSummary(group)}</p>
        </div>
        <Button
          busy={rollback.isPending}
          disabled={group.previous === null}
          title={group.previous === null ? "No ready version before the active one" : undefined}
          onClick={() => rollback.mutate({ path, body: {} })}
        >
          {group.previous ? `Roll back to ${versionLabel(group.previous)}` : "Roll back"}
        </Button>
      </header>
      <VersionsTable
        group={group}
        busy={rollback.isPending}
        onActivate={(version) => rollback.mutate({ path, body: { version } })}
      />
      {rollback.isError && <ErrorState inline title={`Could not roll back ${group.name}`} error={rollback.error} />}
    </section>
  );
}

/** Every deployment, grouped by name, each with its versions. */
export function DeploymentsCard({ selected }: { selected: string | null }) {
  const deployments = useDeployments();
  return (
    <Card
      title="Deployments"
      description="Each name answers with one version at a time; roll back to the version before, or make any ready one active."
    >
      <QueryState query={deployments} loadingLabel="Loading deployments…" errorTitle="Could not load the deployments">
        {(data) => {
          const groups = groupDeployments(data.data);
          return groups.length === 0 ? (
            <EmptyState title="No deployments yet" description="Deploy a completed run above." />
          ) : (
            <div className="stack">
              {groups.map((group) => (
                <DeploymentGroupView key={group.name} group={group} selected={group.name === selected} />
              ))}
            </div>
          );
        }}
      </QueryState>
    </Card>
  );
}
