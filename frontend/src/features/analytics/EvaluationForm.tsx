import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import type { EvaluationPublic, ScenarioSummary } from "../../client";
import {
  evaluationsCreateEvaluationMutation,
  evaluationsListEvaluationsQueryKey,
  modelsListModelsOptions,
  scenariosListScenariosOptions,
} from "../../client/@tanstack/react-query.gen";
import { Button, ErrorState, Input } from "../../components/ui";
import { errorMessage } from "../../lib/errors";
import { BUILTIN_POLICIES, modelLabel, policyLabel } from "../../lib/policies";
import { CheckboxGroup, type CheckboxOption } from "./CheckboxGroup";
import {
  defaultEvaluationValues,
  evaluationProblems,
  parseEvaluation,
  type EvaluationErrors,
  type EvaluationField,
  type EvaluationValues,
} from "./evaluationForm";

const BASELINES = new Set(["playbook", "oracle", "random"]);

export interface EvaluationFormProps {
  /** Policies to start with, e.g. a run's model opened from its page. */
  initialPolicies?: string[];
  onCreated: (evaluation: EvaluationPublic) => void;
}

/** Picks policies (built-in and trained), scenarios, episodes and a seed, and starts an evaluation. */
export function EvaluationForm({ initialPolicies = [], onCreated }: EvaluationFormProps) {
  const queryClient = useQueryClient();
  const scenarios = useQuery(scenariosListScenariosOptions());
  const models = useQuery(modelsListModelsOptions());
  const create = useMutation({
    ...evaluationsCreateEvaluationMutation(),
    onSuccess: (evaluation) => {
      void queryClient.invalidateQueries({ queryKey: evaluationsListEvaluationsQueryKey() });
      onCreated(evaluation);
    },
  });
  const [values, setValues] = useState<EvaluationValues>(() => defaultEvaluationValues(initialPolicies));
  const [clientErrors, setClientErrors] = useState<EvaluationErrors>({});
  const server = evaluationProblems(create.error);
  const errorFor = (field: EvaluationField) => clientErrors[field] ?? server.fields[field];

  const set = <K extends EvaluationField>(field: K, value: EvaluationValues[K]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setClientErrors((current) => ({ ...current, [field]: undefined }));
    if (create.isError) create.reset();
  };

  const trained = models.data?.data ?? [];
  const builtin = (name: string) => ({ value: name, label: policyLabel(name) });
  const policySections: { title: string; options: CheckboxOption[] }[] = [
    { title: "Baselines", options: BUILTIN_POLICIES.filter((name) => BASELINES.has(name)).map(builtin) },
    { title: "Single action", options: BUILTIN_POLICIES.filter((name) => !BASELINES.has(name)).map(builtin) },
  ];
  const unlisted = values.policies.filter(
    (spec) => /^(tree:)?run:/.test(spec) && !trained.some((model) => model.policy === spec),
  );
  if (trained.length > 0 || unlisted.length > 0) {
    policySections.push({
      title: "Trained models",
      options: [
        ...trained.map((model) => ({ value: model.policy, label: modelLabel(model) })),
        ...unlisted.map((spec) => ({ value: spec, label: policyLabel(spec) })),
      ],
    });
  }
  const modelsHint = models.isError
    ? `Trained models unavailable: ${errorMessage(models.error)}`
    : models.isPending
      ? "Loading trained models…"
      : trained.length === 0
        ? "No trained models yet: completed training runs appear here."
        : "Every policy plays the same customers; trained models are the final models of completed runs.";

  const list = scenarios.data?.data ?? [];
  const named = (s: ScenarioSummary) => ({ value: s.name, label: s.name });
  const scenarioSections = [
    { title: "Built-in", options: list.filter((s) => s.source === "builtin").map(named) },
    { title: "Uploaded", options: list.filter((s) => s.source !== "builtin").map(named) },
  ].filter((section) => section.options.length > 0);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseEvaluation(values);
    if ("errors" in parsed) {
      setClientErrors(parsed.errors);
      return;
    }
    setClientErrors({});
    create.mutate({ body: parsed.body });
  };

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="New evaluation">
      <CheckboxGroup
        legend="Policies"
        sections={policySections}
        selected={values.policies}
        onChange={(policies) => set("policies", policies)}
        hint={modelsHint}
        error={errorFor("policies")}
      />
      <CheckboxGroup
        legend="Scenarios"
        sections={scenarioSections}
        selected={values.scenarios}
        onChange={(chosen) => set("scenarios", chosen)}
        hint={
          scenarios.isError
            ? `Scenarios unavailable: ${errorMessage(scenarios.error)}`
            : scenarios.isPending
              ? "Loading scenarios…"
              : "Up to four; trained runs on several scenarios give a transfer matrix."
        }
        error={errorFor("scenarios")}
      />
      <div className="form-row">
        <Input
          label="Episodes"
          inputMode="numeric"
          value={values.episodes}
          onChange={(event) => set("episodes", event.target.value)}
          error={errorFor("episodes")}
          hint="Per policy and scenario; more episodes, tighter intervals."
        />
        <Input
          label="Seed"
          inputMode="numeric"
          value={values.seed}
          onChange={(event) => set("seed", event.target.value)}
          error={errorFor("seed")}
          hint="Episode k plays customer seed + k: the same seed, the same table."
        />
        <Input
          label="Name"
          placeholder="optional"
          maxLength={200}
          value={values.name}
          onChange={(event) => set("name", event.target.value)}
          error={errorFor("name")}
        />
      </div>
      {server.unmatched && <ErrorState inline title="Could not start the evaluation" error={create.error} />}
      <div className="row">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Run evaluation
        </Button>
      </div>
    </form>
  );
}
