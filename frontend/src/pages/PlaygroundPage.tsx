import { useMutation } from "@tanstack/react-query";
import { useSearchParams } from "react-router";

import type { EnvSessionPublic } from "../client";
import { envsDeleteEnvMutation } from "../client/@tanstack/react-query.gen";
import { Card, EmptyState, PageHeader } from "../components/ui";
import { EpisodeView } from "../features/playground/EpisodeView";
import { SetupForm } from "../features/playground/SetupForm";

const SESSION_ID = /^[0-9a-f]{32}$/;

export function PlaygroundPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get("session");
  const sessionId = requested !== null && SESSION_ID.test(requested) ? requested : null;
  const endSession = useMutation(envsDeleteEnvMutation());

  const onStarted = (session: EnvSessionPublic) => {
    if (sessionId !== null) endSession.mutate({ path: { session_id: sessionId } });
    setParams({ session: session.id }, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Playground"
        description="Talk to a simulated customer as the support agent, or let a policy do it, and watch the mood and the reward turn by turn."
      />
      <div className="stack">
        <Card title="New episode">
          <SetupForm onStarted={onStarted} initialScenario={params.get("scenario") ?? undefined} />
        </Card>
        {sessionId === null ? (
          <EmptyState
            title="No conversation yet"
            description="Pick a scenario and start an episode to meet a customer."
          />
        ) : (
          <EpisodeView key={sessionId} sessionId={sessionId} />
        )}
      </div>
    </>
  );
}
