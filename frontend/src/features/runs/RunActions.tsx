import { useMutation } from "@tanstack/react-query";

import type { RunPublic } from "../../client";
import { runsCancelRunMutation, runsResumeRunMutation } from "../../client/@tanstack/react-query.gen";
import { Button, ErrorState } from "../../components/ui";
import { canCancel, canResume } from "./status";

export interface RunActionsProps {
  run: RunPublic;
  /** Called with the run as the server returned it. */
  onChange: (run: RunPublic) => void;
}

/** Cancel (queued or running) and resume (stopped) buttons, and why the server refused either. */
export function RunActions({ run, onChange }: RunActionsProps) {
  const path = { path: { run_id: run.id } };
  const cancel = useMutation({ ...runsCancelRunMutation(), onSuccess: onChange });
  const resume = useMutation({ ...runsResumeRunMutation(), onSuccess: onChange });
  const busy = cancel.isPending || resume.isPending;
  const failed = cancel.isError
    ? { title: "Could not cancel the run", error: cancel.error }
    : resume.isError
      ? { title: "Could not resume the run", error: resume.error }
      : null;

  return (
    <div className="run-actions">
      <div className="row">
        <Button
          variant="danger"
          busy={cancel.isPending}
          disabled={busy || !canCancel(run.status)}
          onClick={() => {
            resume.reset();
            cancel.mutate(path);
          }}
        >
          Cancel run
        </Button>
        <Button
          variant="primary"
          busy={resume.isPending}
          disabled={busy || !canResume(run.status)}
          onClick={() => {
            cancel.reset();
            resume.mutate(path);
          }}
        >
          Resume run
        </Button>
      </div>
      {failed && <ErrorState inline title={failed.title} error={failed.error} />}
    </div>
  );
}
