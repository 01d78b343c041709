import { useNavigate, useParams, useSearchParams } from "react-router";

import { Card, EmptyState, PageHeader } from "../components/ui";
import { DatasetsCard } from "../features/data/DatasetsCard";
import { DatasetView } from "../features/data/DatasetView";
import { UploadLogsForm } from "../features/data/UploadLogsForm";

const ID = /^[1-9][0-9]{0,15}$/;

function idOf(text: string | null | undefined): number | null {
  return text !== null && text !== undefined && ID.test(text) ? Number(text) : null;
}

export function DataPage() {
  const navigate = useNavigate();
  const { datasetId } = useParams();
  const [params, setParams] = useSearchParams();
  const selected = idOf(datasetId);
  const analysis = idOf(params.get("analysis"));

  return (
    <>
      <PageHeader
        title="Data"
        description={
          "Import support logs, see what each field holds, fit a scenario to them and estimate how other " +
          "policies would have done on the same contacts, beside the simulator's answer."
        }
      />
      <div className="stack">
        <Card
          title="Upload logs"
          description="The whole file is checked first: problems are listed by line and field, and nothing is stored."
        >
          <UploadLogsForm onUploaded={(dataset) => void navigate(`/data/${dataset.id}`)} />
        </Card>
        <DatasetsCard selected={selected} />
        {selected === null ? (
          <EmptyState
            title="No dataset open"
            description={datasetId === undefined ? "Open one from the list above, or upload one." : `There is no dataset ${datasetId}.`}
          />
        ) : (
          <DatasetView
            key={selected}
            id={selected}
            analysis={analysis}
            onAnalysis={(created) => setParams({ analysis: String(created.id) })}
          />
        )}
      </div>
    </>
  );
}
