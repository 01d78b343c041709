import { useQuery } from "@tanstack/react-query";

import type { AnalysisPublic } from "../../client";
import { datasetsReadDatasetOptions } from "../../client/@tanstack/react-query.gen";
import { QueryState } from "../../components/QueryState";
import { Card, EmptyState } from "../../components/ui";
import { formatDateTime, formatInteger } from "../../lib/format";
import { AnalysesCard } from "./AnalysesCard";
import { AnalysisView } from "./AnalysisView";
import { CalibrationForm } from "./CalibrationForm";
import { shortHash } from "./datasets";
import { FieldSummaryTable } from "./FieldSummaryTable";
import { OpeForm } from "./OpeForm";

export interface DatasetViewProps {
  id: number;
  /** The analysis open at the bottom, if any. */
  analysis: number | null;
  onAnalysis: (analysis: AnalysisPublic) => void;
}

/** One dataset: its overview and fields, the forms that analyse it, its analyses and the one open. */
export function DatasetView({ id, analysis, onAnalysis }: DatasetViewProps) {
  const dataset = useQuery(datasetsReadDatasetOptions({ path: { dataset_id: id } }));
  return (
    <QueryState query={dataset} loadingLabel="Loading the dataset…" errorTitle={`Could not load dataset #${id}`}>
      {(data) => (
        <div className="stack">
          <Card
            title={data.name}
            description={`From ${data.source}, uploaded ${formatDateTime(data.created_at)}; every field of the logs, as read.`}
          >
            <dl className="facts" aria-label="Dataset overview">
              <div className="fact">
                <dt>Contacts</dt>
                <dd>{formatInteger(data.contacts)}</dd>
              </div>
              <div className="fact">
                <dt>Turns</dt>
                <dd>{formatInteger(data.rows)}</dd>
              </div>
              <div className="fact">
                <dt>Industries</dt>
                <dd>{data.industries.join(", ") || "–"}</dd>
              </div>
              <div className="fact">
                <dt>Format</dt>
                <dd>
                  <code>{data.format}</code>
                </dd>
              </div>
              <div className="fact">
                <dt>SHA-256</dt>
                <dd>
                  <code title={data.content_hash}>{shortHash(data.content_hash)}</code>
                </dd>
              </div>
            </dl>
            <FieldSummaryTable dataset={data} />
          </Card>
          <div className="grid-2">
            <Card
              title="Calibrate a scenario"
              description="Fit the simulator's customers and action effects to these logs; the fitted scenario joins the catalogue."
            >
              <CalibrationForm dataset={data} onCreated={onAnalysis} />
            </Card>
            <Card
              title="Off-policy evaluation"
              description="Estimate how other policies would have done on these very contacts, from the logged actions."
            >
              <OpeForm dataset={data} onCreated={onAnalysis} />
            </Card>
          </div>
          <AnalysesCard datasetId={data.id} selected={analysis} />
          {analysis === null ? (
            <EmptyState title="No analysis open" description="Open one from the list above, or run a new one." />
          ) : (
            <AnalysisView key={analysis} id={analysis} />
          )}
        </div>
      )}
    </QueryState>
  );
}
