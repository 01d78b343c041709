import { useQuery } from "@tanstack/react-query";

import { scenariosListScenariosOptions } from "../client/@tanstack/react-query.gen";
import { QueryState } from "../components/QueryState";
import { Card, EmptyState, PageHeader } from "../components/ui";
import { ScenarioTable } from "../features/scenarios/ScenarioTable";
import { UploadScenarioForm } from "../features/scenarios/UploadScenarioForm";

export function ScenariosPage() {
  const scenarios = useQuery(scenariosListScenariosOptions());
  return (
    <>
      <PageHeader
        title="Scenarios"
        description="Each scenario describes one support operation: its customers, what they ask about, how actions play out and what outcomes are worth. Every change of a scenario is a new version."
      />
      <div className="stack">
        <Card title="Library">
          <QueryState query={scenarios} loadingLabel="Loading scenarios…" errorTitle="Could not load the scenarios">
            {(data) =>
              data.data.length === 0 ? (
                <EmptyState title="No scenarios" description="Upload one below." />
              ) : (
                <ScenarioTable scenarios={data.data} />
              )
            }
          </QueryState>
        </Card>
        <Card
          title="Upload a scenario"
          description="Validate a scenario file before uploading it; problems are listed by field."
        >
          <UploadScenarioForm />
        </Card>
      </div>
    </>
  );
}
