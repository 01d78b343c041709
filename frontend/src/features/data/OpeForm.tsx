import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import type { AnalysisPublic, DatasetPublic } from "../../client";
import {
  datasetsCreateOpeMutation,
  datasetsListAnalysesQueryKey,
  runsListRunsOptions,
  scenariosListScenariosOptions,
} from "../../client/@tanstack/react-query.gen";
import { Button, ErrorState, Input, Select } from "../../components/ui";
import { errorMessage } from "../../lib/errors";
import { policyLabel } from "../../lib/policies";
import { CheckboxGroup, type CheckboxOption } from "../analytics/CheckboxGroup";
import {
  defaultOpeValues,
  MAX_OPE_POLICIES,
  OFF_POLICY_BUILTINS,
  opeProblems,
  parseOpe,
  type OpeErrors,
  type OpeField,
  type OpeValues,
} from "./analysisForms";
import { defaultScenario } from "./datasets";
import { runLabel } from "./ope";
import { scenarioOptions } from "./scenarioOptions";

const BASELINES = new Set(["playbook", "random"]);

export interface OpeFormProps {
  dataset: DatasetPublic;
  onCreated: (analysis: AnalysisPublic) => void;
}

/** Picks policies (built-in and trained), where to replay the logs and, optionally, to simulate them. */
export function OpeForm({ dataset, onCreated }: OpeFormProps) {
  const queryClient = useQueryClient();
  const scenarios = useQuery(scenariosListScenariosOptions());
  const runs = useQuery(runsListRunsOptions({ query: { status: "completed" } }));
  const create = useMutation({
    ...datasetsCreateOpeMutation(),
    onSuccess: (analysis) => {
      void queryClient.invalidateQueries({ queryKey: datasetsListAnalysesQueryKey({ path: { dataset_id: dataset.id } }) });
      onCreated(analysis);
    },
  });
  const [values, setValues] = useState<OpeValues>(() => defaultOpeValues(defaultScenario(dataset)));
  const [clientErrors, setClientErrors] = useState<OpeErrors>({});
  const server = opeProblems(create.error, values);
  const errorFor = (field: OpeField) => clientErrors[field] ?? server.fields[field];

  const set = <K extends OpeField>(field: K, value: OpeValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setClientErrors((current) => ({ ...current, [field]: undefined }));
    if (create.isError) create.reset();
  };

  const trained = (runs.data?.data ?? []).filter((run) => run.has_model);
  const builtin = (name: string) => ({ value: name, label: policyLabel(name) });
  const sections: { title: string; options: CheckboxOption[] }[] = [
    { title: "Baselines", options: OFF_POLICY_BUILTINS.filter((name) => BASELINES.has(name)).map(builtin) },
    { title: "Single action", options: OFF_POLICY_BUILTINS.filter((name) => !BASELINES.has(name)).map(builtin) },
  ];
  if (trained.length > 0) {
    sections.push({
      title: "Trained models",
      options: trained.map((run) => ({ value: `run:${run.id}`, label: runLabel(run) })),
    });
  }
  const runsHint = runs.isError
    ? `Trained models unavailable: ${errorMessage(runs.error)}`
    : runs.isPending
      ? "Loading trained models…"
      : `Up to ${MAX_OPE_POLICIES}. The oracle is left out: it reads the hidden customer state, which logs do not have.` +
        (trained.length === 0 ? " Completed training runs appear here." : "");

  const list = scenarios.data?.data ?? [];
  const scenariosHint = scenarios.isError ? `Scenarios unavailable: ${errorMessage(scenarios.error)}` : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseOpe(values);
    if ("errors" in parsed) {
      setClientErrors(parsed.errors);
      return;
    }
    setClientErrors({});
    create.mutate({ path: { dataset_id: dataset.id }, body: parsed.body });
  };

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="Evaluate policies on the logs">
      <CheckboxGroup
        legend="Policies"
        sections={sections}
        selected={values.policies}
        onChange={(policies) => set("policies", policies)}
        hint={runsHint}
        error={errorFor("policies")}
      />
      <div className="form-row">
        <Select
          label="Replay in"
          value={values.scenario}
          onChange={(event) => set("scenario", event.target.value)}
          options={scenarioOptions(list, [values.scenario])}
          error={errorFor("scenario")}
          hint={scenariosHint ?? "Its inquiry types, limits and economics score the logged contacts."}
        />
        <Select
          label="Simulate in"
          value={values.simulate}
          onChange={(event) => set("simulate", event.target.value)}
          options={[{ value: "", label: "Nowhere" }, ...scenarioOptions(list, [values.simulate])]}
          error={errorFor("simulate")}
          hint="Optional: also play each policy there (say, a calibrated scenario) to compare."
        />
        <Input
          label="Resamples"
          inputMode="numeric"
          value={values.resamples}
          onChange={(event) => set("resamples", event.target.value)}
          error={errorFor("resamples")}
          hint="Bootstrap resamples for the 95% CIs."
        />
        <Input
          label="Seed"
          inputMode="numeric"
          value={values.seed}
          onChange={(event) => set("seed", event.target.value)}
          error={errorFor("seed")}
        />
      </div>
      {server.unmatched && <ErrorState inline title="Could not start the evaluation" error={create.error} />}
      <div className="row">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Run off-policy evaluation
        </Button>
      </div>
    </form>
  );
}
