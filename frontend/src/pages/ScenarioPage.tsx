import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";

import { scenariosReadScenarioOptions } from "../client/@tanstack/react-query.gen";
import { QueryState } from "../components/QueryState";
import { Badge, Card, PageHeader, Select, Stat, StatGrid } from "../components/ui";
import { ScenarioDefinition } from "../features/scenarios/ScenarioDefinition";
import { formatNumber, humanize } from "../lib/format";

const VERSION = /^[0-9a-f]{12}$/;

export function ScenarioPage() {
  const { name = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const requested = params.get("version");
  const version = requested !== null && VERSION.test(requested) ? requested : undefined;
  const scenario = useQuery(
    scenariosReadScenarioOptions({ path: { name }, query: version ? { version } : undefined }),
  );

  return (
    <>
      <PageHeader
        eyebrow={<Link to="/scenarios">← All scenarios</Link>}
        title={name}
        description={scenario.data?.description}
        actions={
          scenario.data && (
            <Link className="btn btn-primary btn-md" to={`/?scenario=${encodeURIComponent(name)}`}>
              Play this scenario
            </Link>
          )
        }
      />
      <QueryState query={scenario} loadingLabel="Loading the scenario…" errorTitle={`Could not load ${name}`}>
        {(data) => (
          <div className="stack">
            <Card
              title="Overview"
              actions={
                <>
                  <Badge tone="info">{humanize(data.industry)}</Badge>
                  <Badge tone={data.source === "builtin" ? "neutral" : "info"}>
                    {data.source === "builtin" ? "Built-in" : "Uploaded"}
                  </Badge>
                </>
              }
            >
              <StatGrid label="Scenario overview">
                <Stat label="Inquiry types" value={data.inquiries} />
                <Stat label="Max turns" value={data.max_turns} />
                <Stat label="Default difficulty" value={formatNumber(data.difficulty, 2)} />
                <Stat label="Version" value={<code>{data.version}</code>} />
              </StatGrid>
              {data.versions.length > 1 && (
                <div className="section-gap version-picker">
                  <Select
                    label="Version"
                    value={data.version}
                    onChange={(event) => setParams({ version: event.target.value })}
                    options={[...data.versions].reverse().map((v) => ({ value: v, label: v }))}
                    hint="Newest first. Runs and evaluations record the version they used."
                  />
                </div>
              )}
            </Card>
            <ScenarioDefinition scenario={data.definition} />
          </div>
        )}
      </QueryState>
    </>
  );
}
