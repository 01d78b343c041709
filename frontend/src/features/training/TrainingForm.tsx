import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import type { RunPublic, ScenarioSummary } from "../../client";
import {
  runsCreateRunMutation,
  runsListRunsQueryKey,
  scenariosListScenariosOptions,
} from "../../client/@tanstack/react-query.gen";
import { Button, Checkbox, ErrorState, Input, Select, TextArea, type SelectOptionGroup } from "../../components/ui";
import { ALGORITHMS, algorithmLabel } from "../../lib/algorithms";
import { errorMessage } from "../../lib/errors";
import {
  DEFAULT_VALUES,
  parseTraining,
  serverProblems,
  type TrainingErrors,
  type TrainingField,
  type TrainingValues,
} from "./trainingForm";

function scenarioGroups(scenarios: readonly ScenarioSummary[]): SelectOptionGroup[] {
  const groups: SelectOptionGroup[] = [
    { label: "Built-in", options: [] },
    { label: "Uploaded", options: [] },
  ];
  for (const scenario of scenarios) {
    groups[scenario.source === "builtin" ? 0 : 1].options.push({ value: scenario.name, label: scenario.name });
  }
  return groups.filter((group) => group.options.length > 0);
}

export interface TrainingFormProps {
  /** Called with the accepted run (queued or already running). */
  onStarted: (run: RunPublic) => void;
}

/** Configures a training run and starts it. */
export function TrainingForm({ onStarted }: TrainingFormProps) {
  const queryClient = useQueryClient();
  const scenarios = useQuery(scenariosListScenariosOptions());
  const create = useMutation({
    ...runsCreateRunMutation(),
    onSuccess: (run) => {
      void queryClient.invalidateQueries({ queryKey: runsListRunsQueryKey() });
      onStarted(run);
    },
  });
  const [values, setValues] = useState<TrainingValues>(DEFAULT_VALUES);
  const [clientErrors, setClientErrors] = useState<TrainingErrors>({});

  const list = scenarios.data?.data ?? [];
  const fallback = (list.find((s) => s.name === "mixed") ?? list[0])?.name ?? "";
  const scenario = list.some((s) => s.name === values.scenario) ? values.scenario : fallback;
  const chosen = list.find((s) => s.name === scenario);
  const version = chosen?.versions.includes(values.version) ? values.version : "";
  const server = serverProblems(create.error);
  const errorFor = (field: TrainingField) => clientErrors[field] ?? server.fields[field];

  const set = <K extends keyof TrainingValues>(field: K, value: TrainingValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setClientErrors((current) => ({ ...current, [field]: undefined }));
    if (create.isError) create.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseTraining({ ...values, scenario, version });
    if ("errors" in parsed) {
      setClientErrors(parsed.errors);
      return;
    }
    setClientErrors({});
    create.mutate({ body: parsed.body });
  };

  return (
    <form className="training-form" onSubmit={onSubmit} noValidate aria-label="New training run">
      <div className="form-row">
        <Select
          label="Algorithm"
          value={values.algorithm}
          onChange={(event) => set("algorithm", event.target.value as TrainingValues["algorithm"])}
          error={errorFor("algorithm")}
          options={ALGORITHMS.map((name) => ({ value: name, label: algorithmLabel(name) }))}
          hint={values.algorithm === "maskable_ppo" ? "PPO that never picks a masked action." : undefined}
        />
        <Select
          label="Scenario"
          value={scenario}
          onChange={(event) => set("scenario", event.target.value)}
          disabled={list.length === 0}
          error={
            errorFor("scenario") ??
            (scenarios.isError ? `Scenarios unavailable: ${errorMessage(scenarios.error)}` : undefined)
          }
          hint={scenarios.isPending ? "Loading scenarios…" : chosen?.description}
          options={scenarioGroups(list)}
          fieldClassName="training-scenario"
        />
        {chosen && chosen.versions.length > 1 && (
          <Select
            label="Scenario version"
            value={version}
            onChange={(event) => set("version", event.target.value)}
            options={[
              { value: "", label: `Newest (${chosen.version})` },
              ...[...chosen.versions]
                .reverse()
                .filter((v) => v !== chosen.version)
                .map((v) => ({ value: v, label: v })),
            ]}
          />
        )}
      </div>
      <div className="form-row">
        <Input
          label="Timesteps"
          inputMode="numeric"
          value={values.timesteps}
          onChange={(event) => set("timesteps", event.target.value)}
          error={errorFor("timesteps")}
          hint="Environment steps over all envs."
        />
        <Input
          label="Parallel envs"
          inputMode="numeric"
          value={values.nEnvs}
          onChange={(event) => set("nEnvs", event.target.value)}
          error={errorFor("nEnvs")}
          hint="Conversations simulated side by side."
        />
        <Input
          label="Seed"
          inputMode="numeric"
          value={values.seed}
          onChange={(event) => set("seed", event.target.value)}
          error={errorFor("seed")}
          hint="Seeds the model and the training customers."
        />
      </div>
      <Checkbox
        label="Curriculum"
        checked={values.curriculum}
        onChange={(event) => set("curriculum", event.target.checked)}
        hint="Start easy and raise the difficulty as the agent resolves more contacts."
      />
      <TextArea
        label="Hyperparameter overrides"
        className="overrides-input"
        value={values.overrides}
        spellCheck={false}
        placeholder={"learning_rate=0.001\nn_steps=128"}
        onChange={(event) => set("overrides", event.target.value)}
        error={errorFor("overrides")}
        hint="One key=value per line, replacing the algorithm's defaults; values are JSON (0.001, true, [64, 64])."
      />
      {server.unmatched && <ErrorState inline title="Could not start the run" error={create.error} />}
      <div className="row">
        <Button type="submit" variant="primary" busy={create.isPending} disabled={!scenario}>
          Start training
        </Button>
      </div>
    </form>
  );
}
