import { Badge, Card, Stat, StatGrid } from "../../components/ui";
import { formatSigned } from "../../lib/format";
import { formatKpi, kpiLabel, kpiTone, orderKpis } from "../../lib/kpis";
import { outcome, totalReward, type Episode } from "./episode";

/** The ended conversation's KPIs. */
export function EpisodeSummary({ episode }: { episode: Episode }) {
  const kpis = episode.kpis ?? {};
  const state = outcome(episode);
  return (
    <Card
      title="Episode summary"
      actions={<Badge tone={state.tone}>{state.label}</Badge>}
      className="summary-card"
    >
      <StatGrid label="Episode KPIs">
        <Stat label="Total reward" value={formatSigned(totalReward(episode.turns))} />
        {orderKpis(Object.keys(kpis)).map((name) => (
          <Stat key={name} label={kpiLabel(name)} value={formatKpi(name, kpis[name])} tone={kpiTone(name, kpis[name])} />
        ))}
      </StatGrid>
    </Card>
  );
}
