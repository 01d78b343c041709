import { Link, useParams } from "react-router";

import { ErrorState, PageHeader } from "../components/ui";
import { RunView } from "../features/runs/RunView";

const RUN_ID = /^[1-9][0-9]{0,15}$/;

export function RunPage() {
  const { runId = "" } = useParams();
  if (!RUN_ID.test(runId)) {
    return (
      <>
        <PageHeader eyebrow={<Link to="/training">← All runs</Link>} title="Run not found" />
        <ErrorState title="Not a run" error={`"${runId}" is not a run number.`} />
      </>
    );
  }
  const id = Number(runId);
  return <RunView key={id} runId={id} />;
}
