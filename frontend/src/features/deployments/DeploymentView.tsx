import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import type { DecisionPublic, DeploymentPublic } from "../../client";
import { deploymentsReadDeploymentOptions, scenariosReadScenarioOptions } from "../../client/@tanstack/react-query.gen";
import { QueryState } from "../../components/QueryState";
import { Badge, Card, EmptyState, ErrorState, Spinner, Tabs } from "../../components/ui";
import { errorMessage } from "../../lib/errors";
import { DecisionAnswer } from "./DecisionAnswer";
import { ConversationForm, FeaturesForm } from "./DecisionForms";
import { activeSummary, DEPLOYMENT_POLL_MS, groupDeployments, isBuilding, versionLabel } from "./deployments";
import { RecentDecisions } from "./RecentDecisions";

type Mode = "conversation" | "features";

/** The state to decide (as a conversation or as features) beside the answer. */
export function DecisionPanel({ deployment }: { deployment: DeploymentPublic }) {
  const scenario = useQuery(
    scenariosReadScenarioOptions({ path: { name: deployment.scenario }, query: { version: deployment.scenario_version } }),
  );
  const [mode, setMode] = useState<Mode>("conversation");
  const [decision, setDecision] = useState<DecisionPublic | null>(null);
  const inquiries = scenario.data?.definition.inquiries.map((inquiry) => inquiry.name) ?? [];
  const inquiriesHint = scenario.isError
    ? `Inquiry types unavailable: ${errorMessage(scenario.error)}`
    : scenario.isPending
      ? "Loading the scenario's inquiry types…"
      : undefined;
  return (
    <div className="grid-2 decision-panel">
      <Tabs
        label="State to decide"
        selected={mode}
        onSelect={(id) => setMode(id as Mode)}
        tabs={[
          {
            id: "conversation",
            label: "Conversation so far",
            content: (
              <ConversationForm
                name={deployment.name}
                inquiries={inquiries}
                inquiriesHint={inquiriesHint}
                onDecided={setDecision}
              />
            ),
          },
          {
            id: "features",
            label: "Features",
            content: <FeaturesForm name={deployment.name} deployment={deployment} onDecided={setDecision} />,
          },
        ]}
      />
      {decision ? (
        <DecisionAnswer decision={decision} />
      ) : (
        <EmptyState
          title="No decision yet"
          description="Describe a state and press Decide: the action, the rule it fits and any fallback appear here."
        />
      )}
    </div>
  );
}

/** One deployment: try a decision with the version that answers, and its recent decisions. */
export function DeploymentView({ name }: { name: string }) {
  const versions = useQuery({
    ...deploymentsReadDeploymentOptions({ path: { name } }),
    refetchInterval: (query) => (query.state.data?.data.some(isBuilding) ? DEPLOYMENT_POLL_MS : false),
  });
  return (
    <QueryState query={versions} loadingLabel={`Loading ${name}…`} errorTitle={`Could not load deployment ${name}`}>
      {(data) => {
        const [group] = groupDeployments(data.data);
        if (!group) return <EmptyState title={`${name} has no versions`} />;
        const { active } = group;
        const building = group.versions.find(isBuilding);
        const failed = !active && !building ? group.versions.find((version) => version.status === "failed") : undefined;
        return (
          <div className="stack">
            <Card
              title={`Try a decision with ${name}`}
              description={activeSummary(group)}
              actions={
                <p role="status" aria-label="Deployment status">
                  {active ? (
                    <Badge tone="success">{versionLabel(active)} active</Badge>
                  ) : building ? (
                    <Badge tone="info">Building</Badge>
                  ) : (
                    <Badge tone="danger">Not ready</Badge>
                  )}
                </p>
              }
            >
              <div className="stack">
                {building && (
                  <Spinner
                    label={
                      `Building ${versionLabel(building)}: exporting the model, distilling its rules and reading ` +
                      `its feature ranges (about 10 s)${active ? `; ${versionLabel(active)} answers meanwhile` : ""}…`
                    }
                  />
                )}
                {failed && (
                  <ErrorState inline title={`${versionLabel(failed)} could not be built`} error={failed.error ?? "No reason was recorded."} />
                )}
                {active && <DecisionPanel deployment={active} />}
              </div>
            </Card>
            <RecentDecisions name={name} />
          </div>
        );
      }}
    </QueryState>
  );
}
