import { Button, Card, ErrorState, Spinner } from "../../components/ui";
import { ActionPanel } from "./ActionPanel";
import { RewardChart, SentimentChart } from "./EpisodeCharts";
import { EpisodeSummary } from "./EpisodeSummary";
import { CustomerCard } from "./CustomerCard";
import { isDone, sentimentSeries } from "./episode";
import { PolicyPanel } from "./PolicyPanel";
import { Transcript } from "./Transcript";
import { usePlaygroundSession } from "./usePlaygroundSession";

const GONE = 1008;

/** One live session: the customer, the agent's controls, the conversation and its charts. */
export function EpisodeView({ sessionId }: { sessionId: string }) {
  const session = usePlaygroundSession(sessionId);
  const { episode, pending, error, connection } = session;

  if (connection === "closed" && session.closeCode === GONE) {
    return (
      <ErrorState
        title="This session is no longer available"
        error="It expired after a while without use, or the server restarted. Start a new episode above."
      />
    );
  }
  if (episode === null) {
    if (connection === "closed") {
      return (
        <ErrorState
          title="Could not connect to the session"
          error="The connection was refused or lost."
          onRetry={session.reconnect}
        />
      );
    }
    return <Spinner label="Connecting to the session…" />;
  }

  const done = isDone(episode);
  const ready = connection === "open" && pending === null;
  const canAct = ready && !done;

  return (
    <div className="playground">
      {connection === "closed" && (
        <ErrorState
          inline
          title="Connection lost"
          error="The conversation is kept on the server; reconnect to continue."
          action={
            <Button size="sm" onClick={session.reconnect}>
              Reconnect
            </Button>
          }
        />
      )}
      <div className="playground-grid">
        <div className="stack">
          <CustomerCard
            episode={episode}
            enabled={ready}
            onReset={() => session.send({ reset: { seed: episode.session.seed } })}
            onNextCustomer={() => session.send({ reset: {} })}
          />
          <Card
            title="Act as the agent"
            description={done ? "The conversation has ended." : "Pick a response strategy, or press 1–8."}
          >
            <ActionPanel
              actions={episode.session.actions}
              mask={episode.actionMask}
              enabled={canAct}
              onAct={(action) => session.send({ action })}
            />
            {error && (
              <div className="panel-error">
                <ErrorState
                  inline
                  title="The server refused that"
                  error={error}
                  action={
                    <Button size="sm" variant="ghost" onClick={session.dismissError}>
                      Dismiss
                    </Button>
                  }
                />
              </div>
            )}
          </Card>
          <Card title="Let a policy play">
            <PolicyPanel
              episode={episode}
              enabled={canAct}
              pending={pending}
              onPlay={(policy, steps) => session.send(steps === undefined ? { autoplay: policy } : { autoplay: policy, steps })}
            />
          </Card>
        </div>
        <div className="stack">
          {done && <EpisodeSummary episode={episode} />}
          <Card title="Conversation">
            <Transcript episode={episode} />
          </Card>
          <div className="grid-2">
            <Card title="Sentiment">
              <SentimentChart points={sentimentSeries(episode)} />
            </Card>
            <Card title="Reward components">
              <RewardChart turns={episode.turns} />
            </Card>
          </div>
        </div>
      </div>
    </div>
  );
}
