import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";

import type { DeploymentPublic } from "../../client";
import {
  deploymentsCreateDeploymentMutation,
  deploymentsListDeploymentsQueryKey,
  deploymentsReadDeploymentQueryKey,
  runsListRunsOptions,
} from "../../client/@tanstack/react-query.gen";
import { Button, ErrorState, Input, Select } from "../../components/ui";
import { errorMessage } from "../../lib/errors";
import { runLabel } from "../data/ope";
import {
  defaultDeployValues,
  deployableRuns,
  deployProblems,
  parseDeploy,
  versionLabel,
  type DeployErrors,
  type DeployField,
  type DeployValues,
} from "./deployments";

export interface DeployFormProps {
  /** The run to preselect (`?run=` from a run's page), when it is deployable. */
  initialRun?: string | null;
  /** The name to start with, e.g. the deployment open below (its next version). */
  initialName?: string | null;
  /** Names deployed already, offered while typing. */
  names?: readonly string[];
  onDeployed?: (deployment: DeploymentPublic) => void;
}

/** Picks a completed run, a name and a threshold, and deploys the run as the name's next version. */
export function DeployForm({ initialRun, initialName, names = [], onDeployed }: DeployFormProps) {
  const queryClient = useQueryClient();
  const listId = useId();
  const runs = useQuery(runsListRunsOptions({ query: { status: "completed" } }));
  const create = useMutation({
    ...deploymentsCreateDeploymentMutation(),
    onSuccess: (deployment) => {
      void queryClient.invalidateQueries({ queryKey: deploymentsListDeploymentsQueryKey() });
      void queryClient.invalidateQueries({ queryKey: deploymentsReadDeploymentQueryKey({ path: { name: deployment.name } }) });
      onDeployed?.(deployment);
    },
  });
  const [values, setValues] = useState<DeployValues>(() => defaultDeployValues("", initialName ?? ""));
  const [clientErrors, setClientErrors] = useState<DeployErrors>({});
  const server = deployProblems(create.error);
  const errorFor = (field: DeployField) => clientErrors[field] ?? server.fields[field];

  const deployable = deployableRuns(runs.data?.data ?? []);
  const preselected = deployable.find((run) => String(run.id) === initialRun) ?? deployable[0];
  // Until a run is picked, the form shows (and deploys) the preselected one.
  const run = values.run !== "" ? values.run : preselected ? String(preselected.id) : "";

  const set = (field: DeployField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setClientErrors((current) => ({ ...current, [field]: undefined }));
    if (create.isError) create.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseDeploy({ ...values, run });
    if ("errors" in parsed) {
      setClientErrors(parsed.errors);
      return;
    }
    setClientErrors({});
    create.mutate({ body: parsed.body });
  };

  const runsHint = runs.isError
    ? `Runs unavailable: ${errorMessage(runs.error)}`
    : runs.isPending
      ? "Loading completed runs…"
      : deployable.length === 0
        ? "No completed runs yet: train one on the Training page."
        : "A completed run's final model.";

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="Deploy a run">
      <div className="form-row">
        <Select
          label="Run"
          value={run}
          onChange={(event) => set("run", event.target.value)}
          options={
            deployable.length === 0
              ? [{ value: "", label: "No completed runs", disabled: true }]
              : deployable.map((item) => ({ value: String(item.id), label: runLabel(item) }))
          }
          error={errorFor("run")}
          hint={runsHint}
        />
        <Input
          label="Name"
          value={values.name}
          maxLength={64}
          spellCheck={false}
          autoCapitalize="none"
          list={names.length > 0 ? listId : undefined}
          onChange={(event) => set("name", event.target.value)}
          error={errorFor("name")}
          hint="Lower-case letters, digits, '-' and '_'; an existing name gets its next version."
        />
        <Input
          label="Threshold"
          inputMode="decimal"
          value={values.threshold}
          onChange={(event) => set("threshold", event.target.value)}
          error={errorFor("threshold")}
          hint="Below this top probability the playbook decides instead of the model."
        />
      </div>
      {names.length > 0 && (
        <datalist id={listId}>
          {names.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      )}
      <div className="row">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Deploy
        </Button>
      </div>
      {create.data && (
        <p className="notice notice-success" role="status">
          Deploying run #{create.data.run_id} as <strong>{create.data.name}</strong> {versionLabel(create.data)}: a worker
          builds it, then it answers.
        </p>
      )}
      {server.unmatched && <ErrorState inline title="Could not deploy the run" error={create.error} />}
    </form>
  );
}
