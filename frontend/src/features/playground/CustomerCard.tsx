import type { ReactNode } from "react";

import { Badge, Button, Card, Table } from "../../components/ui";
import { formatNumber, formatSigned, humanize } from "../../lib/format";
import { outcome, totalReward, type Episode } from "./episode";

const TIER_TONES = { standard: "neutral", premium: "info", vip: "warning" } as const;

export interface CustomerCardProps {
  episode: Episode;
  /** False while commands cannot be sent. */
  enabled: boolean;
  onReset: () => void;
  onNextCustomer: () => void;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Who the agent is talking to: what it is told up front and what it observes now. */
export function CustomerCard({ episode, enabled, onReset, onNextCustomer }: CustomerCardProps) {
  const { session } = episode;
  const { customer } = session;
  const state = outcome(episode);
  return (
    <Card
      title="Customer"
      actions={
        <>
          <Button size="sm" onClick={onReset} disabled={!enabled} title="Start over with the same customer">
            Reset
          </Button>
          <Button size="sm" onClick={onNextCustomer} disabled={!enabled} title="A new customer (random seed)">
            Next customer
          </Button>
        </>
      }
    >
      <div className="row customer-badges">
        <Badge tone="info">{humanize(customer.industry)}</Badge>
        <Badge tone={TIER_TONES[customer.tier]}>{customer.tier === "vip" ? "VIP" : humanize(customer.tier)}</Badge>
        <Badge tone={state.tone} role="status" aria-label={`Episode status: ${state.label}`}>
          {state.label}
        </Badge>
      </div>
      <dl className="facts">
        <Fact label="Inquiry">{humanize(customer.inquiry)}</Fact>
        <Fact label="Turn">
          {episode.turns.length} of {session.max_turns}
        </Fact>
        <Fact label="Total reward">{formatSigned(totalReward(episode.turns))}</Fact>
        <Fact label="Scenario">
          {session.scenario} <span className="mono muted">{session.scenario_version}</span>
        </Fact>
        <Fact label="Seed">
          <span className="mono">{session.seed}</span>
        </Fact>
        <Fact label="Difficulty">{formatNumber(session.difficulty, 2)}</Fact>
        <Fact label="Conversation">#{session.episode}</Fact>
      </dl>
      <details className="features">
        <summary>Observed features ({episode.observation.length})</summary>
        <Table label="Observed features" compact>
          <thead>
            <tr>
              <th scope="col">Feature</th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col">Range</th>
            </tr>
          </thead>
          <tbody>
            {episode.observation.map((feature) => {
              const span = feature.high - feature.low;
              const share = span > 0 ? (feature.value - feature.low) / span : 0;
              return (
                <tr key={feature.name}>
                  <th scope="row">
                    <span className="feature-name">{humanize(feature.name)}</span>
                    <span className="feature-description">{feature.description}</span>
                  </th>
                  <td className="num">{formatNumber(feature.value, 2)}</td>
                  <td>
                    <span className="feature-bar" aria-hidden="true">
                      <span style={{ width: `${Math.max(0, Math.min(1, share)) * 100}%` }} />
                    </span>
                    <span className="feature-range">
                      {formatNumber(feature.low, 0)} to {formatNumber(feature.high, 0)}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </details>
    </Card>
  );
}
