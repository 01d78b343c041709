import { useEffect, useRef } from "react";

import { Badge } from "../../components/ui";
import { formatSigned, humanize } from "../../lib/format";
import { policyLabel } from "../../lib/policies";
import { ActionProbabilities } from "./ActionProbabilities";
import { buildTranscript, type Episode } from "./episode";

export interface TranscriptProps {
  episode: Episode;
}

/** The conversation: the customer's lines and the agent's actions, newest at the bottom. */
export function Transcript({ episode }: TranscriptProps) {
  const entries = buildTranscript(episode);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [entries.length]);

  return (
    <div className="transcript" ref={scroller} role="log" aria-label="Conversation transcript">
      <ol>
        {entries.map((entry) =>
          entry.kind === "customer" ? (
            <li key={entry.key} className="message message-customer">
              <span className="message-speaker">Customer</span>
              <p className="message-text">{entry.text}</p>
            </li>
          ) : (
            <li key={entry.key} className="message message-agent">
              <span className="message-speaker">
                Agent · turn {entry.turn}
                {entry.policy && (
                  <Badge tone="info" className="message-policy">
                    {policyLabel(entry.policy)}
                  </Badge>
                )}
              </span>
              <p className="message-text">
                <strong>{humanize(entry.actionName)}</strong>
                <span className={entry.reward < 0 ? "reward reward-negative" : "reward"}>
                  reward {formatSigned(entry.reward)}
                </span>
              </p>
              {entry.probabilities && (
                <details className="message-details">
                  <summary>Action probabilities</summary>
                  <ActionProbabilities
                    actions={episode.session.actions}
                    probabilities={entry.probabilities}
                    chosen={entry.action}
                    label={`Action probabilities at turn ${entry.turn}`}
                  />
                </details>
              )}
            </li>
          ),
        )}
      </ol>
    </div>
  );
}
