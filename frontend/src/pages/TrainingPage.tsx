import { useNavigate } from "react-router";

import { Card, PageHeader } from "../components/ui";
import { RunsCard } from "../features/training/RunsCard";
import { TrainingForm } from "../features/training/TrainingForm";

export function TrainingPage() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="Training"
        description="Train a policy with reinforcement learning on a scenario, then follow the run's curves live."
      />
      <div className="stack">
        <Card
          title="New training run"
          description="Runs train in worker processes; they wait in a queue while all workers are busy."
        >
          <TrainingForm onStarted={(run) => navigate(`/runs/${run.id}`)} />
        </Card>
        <RunsCard />
      </div>
    </>
  );
}
