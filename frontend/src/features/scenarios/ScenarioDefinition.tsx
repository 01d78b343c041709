import type { Scenario } from "../../client";
import {
  CustomersSchema,
  DifficultyEffectsSchema,
  DynamicsSchema,
  EconomicsSchema,
  RewardWeightsSchema,
} from "../../client/schemas.gen";
import { Badge, Card, Stat, StatGrid, Table } from "../../components/ui";
import { formatPercent, humanize } from "../../lib/format";
import { ParamTable } from "./ParamTable";
import { formatParam, paramRows, schemaField, shares, TIERS, tierLabel } from "./params";

const FIXES = ["standard", "technical", "escalation", "compensation"] as const;
const PER_TIER = ["upsell_revenue", "compensation_cost", "tier_value"] as const;

function Share({ value, label }: { value: number; label: string }) {
  return (
    <span className="share" title={label}>
      <span className="share-bar" aria-hidden="true">
        <span style={{ width: `${Math.min(1, Math.max(0, value)) * 100}%` }} />
      </span>
      {formatPercent(value)}
    </span>
  );
}

export function InquiryTable({ scenario }: { scenario: Scenario }) {
  const mix = shares(scenario.inquiries.map((inquiry) => inquiry.weight));
  const mixed = scenario.industry === "mixed";
  return (
    <Table label="Inquiry types">
      <thead>
        <tr>
          <th scope="col">Inquiry</th>
          {mixed && <th scope="col">Industry</th>}
          <th scope="col">Share of contacts</th>
          <th scope="col" className="num">
            Urgency
          </th>
          <th scope="col" className="num">
            Complexity
          </th>
          <th scope="col">Fixed by</th>
          <th scope="col">Playbook response</th>
        </tr>
      </thead>
      <tbody>
        {scenario.inquiries.map((inquiry, index) => (
          <tr key={inquiry.name}>
            <th scope="row">{humanize(inquiry.name)}</th>
            {mixed && <td>{humanize(inquiry.industry)}</td>}
            <td>
              <Share value={mix[index]} label={`weight ${formatParam(inquiry.weight)}`} />
            </td>
            <td className="num">{formatParam(inquiry.urgency)}</td>
            <td className="num">{formatParam(inquiry.complexity)}</td>
            <td>
              <ul className="fix-mix">
                {FIXES.filter((fix) => (inquiry.fix[fix] ?? 0) > 0).map((fix) => (
                  <li key={fix}>
                    {humanize(fix)} {formatPercent(inquiry.fix[fix] ?? 0)}
                  </li>
                ))}
              </ul>
            </td>
            <td>{humanize(inquiry.playbook_action)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function CustomersSection({ scenario }: { scenario: Scenario }) {
  const { customers } = scenario;
  return (
    <Card title="Customers" description="Distributions of the hidden customer traits.">
      <StatGrid label="Tier mix">
        {TIERS.map((tier) => (
          <Stat key={tier} label={`${tierLabel(tier)} customers`} value={formatPercent(customers.tiers[tier])} />
        ))}
      </StatGrid>
      <div className="section-gap">
        <ParamTable label="Customer traits" rows={paramRows(customers, CustomersSchema, ["tiers"])} />
      </div>
    </Card>
  );
}

function DynamicsSection({ scenario }: { scenario: Scenario }) {
  const { dynamics } = scenario;
  return (
    <Card title="Dynamics" description={DynamicsSchema.description}>
      <h3>Progress per use, by the issue's true fix</h3>
      <Table label="Progress by action and fix" compact>
        <thead>
          <tr>
            <th scope="col">Action</th>
            {FIXES.map((fix) => (
              <th key={fix} scope="col" className="num">
                {humanize(fix)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Object.entries(dynamics.progress).map(([action, progress]) => (
            <tr key={action}>
              <th scope="row">{humanize(action)}</th>
              {FIXES.map((fix) => (
                <td key={fix} className="num">
                  {formatParam(progress?.[fix] ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="section-gap">
        <ParamTable label="Dynamics parameters" rows={paramRows(dynamics, DynamicsSchema, ["progress"])} />
      </div>
    </Card>
  );
}

function EconomicsSection({ scenario }: { scenario: Scenario }) {
  const economics = scenario.economics ?? {};
  const minutes = Object.entries(economics.minutes ?? {});
  return (
    <Card title="Economics" description={EconomicsSchema.description}>
      <Table label="Money by customer tier" compact>
        <thead>
          <tr>
            <th scope="col">Per tier</th>
            {TIERS.map((tier) => (
              <th key={tier} scope="col" className="num">
                {tierLabel(tier)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {PER_TIER.filter((key) => economics[key]).map((key) => (
            <tr key={key}>
              <th scope="row" title={schemaField(EconomicsSchema, key).description}>
                {humanize(key)}
              </th>
              {TIERS.map((tier, index) => (
                <td key={tier} className="num">
                  {formatParam(economics[key]?.[index])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="section-gap">
        <ParamTable label="Costs" rows={paramRows(economics, EconomicsSchema, [...PER_TIER, "minutes"])} />
      </div>
      {minutes.length > 0 && (
        <div className="section-gap">
          <h3>Handle time per action</h3>
          <Table label="Minutes per action" compact>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col" className="num">
                  Minutes
                </th>
              </tr>
            </thead>
            <tbody>
              {minutes.map(([action, value]) => (
                <tr key={action}>
                  <th scope="row">{humanize(action)}</th>
                  <td className="num">{formatParam(value)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Card>
  );
}

/** A scenario's full definition as readable sections. */
export function ScenarioDefinition({ scenario }: { scenario: Scenario }) {
  return (
    <div className="stack">
      <Card title="Inquiry types" description="What customers contact support about, how often, and what fixes it.">
        <InquiryTable scenario={scenario} />
      </Card>
      <CustomersSection scenario={scenario} />
      <DynamicsSection scenario={scenario} />
      <EconomicsSection scenario={scenario} />
      <div className="grid-2">
        <Card title="Rewards" description={RewardWeightsSchema.description}>
          <ParamTable label="Reward weights" rows={paramRows(scenario.rewards ?? {}, RewardWeightsSchema)} />
        </Card>
        <Card title="Difficulty effects" description={DifficultyEffectsSchema.description}>
          <ParamTable
            label="Difficulty effects"
            rows={paramRows(scenario.difficulty_effects ?? {}, DifficultyEffectsSchema)}
          />
        </Card>
      </div>
      <Card title="Definition">
        <details>
          <summary>
            Show the definition as JSON <Badge>{scenario.name}</Badge>
          </summary>
          <pre className="code-block" aria-label="Scenario definition as JSON" tabIndex={0}>
            {JSON.stringify(scenario, null, 2)}
          </pre>
        </details>
      </Card>
    </div>
  );
}
