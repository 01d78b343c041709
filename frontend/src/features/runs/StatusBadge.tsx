import type { RunStatus } from "../../client";
import { Badge } from "../../components/ui";
import { runStatusLabel, runStatusTone } from "./status";

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return <Badge tone={runStatusTone(status)}>{runStatusLabel(status)}</Badge>;
}
