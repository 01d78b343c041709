import { useNavigate, useParams, useSearchParams } from "react-router";

import { Card, EmptyState, PageHeader } from "../components/ui";
import { DeployForm } from "../features/deployments/DeployForm";
import { DeploymentsCard, useDeployments } from "../features/deployments/DeploymentsCard";
import { DeploymentView } from "../features/deployments/DeploymentView";
import { DEPLOYMENT_NAME } from "../features/deployments/deployments";

export function DeploymentsPage() {
  const navigate = useNavigate();
  const { name } = useParams();
  const [params] = useSearchParams();
  const selected = name !== undefined && DEPLOYMENT_NAME.test(name) ? name : null;
  const deployments = useDeployments();
  const names = [...new Set(deployments.data?.data.map((deployment) => deployment.name) ?? [])];

  return (
    <>
      <PageHeader
        title="Deployments"
        description={
          "Serve trained runs behind a decision API with guardrails: the playbook decides when a state lies " +
          "outside what the model saw or the model is unsure, and every decision is logged with the rule it fits."
        }
      />
      <div className="stack">
        <Card
          title="Deploy a run"
          description="A worker exports the model, distils its rules and reads the feature ranges of its episodes (about 10 s); then the new version answers."
        >
          <DeployForm
            initialRun={params.get("run")}
            initialName={selected}
            names={names}
            onDeployed={(deployment) => void navigate(`/deployments/${deployment.name}`)}
          />
        </Card>
        <DeploymentsCard selected={selected} />
        {selected === null ? (
          <EmptyState
            title="No deployment open"
            description={
              name === undefined
                ? "Open one from the list above to try a decision and see its recent decisions."
                : `"${name}" is not a deployment name.`
            }
          />
        ) : (
          <DeploymentView key={selected} name={selected} />
        )}
      </div>
    </>
  );
}
