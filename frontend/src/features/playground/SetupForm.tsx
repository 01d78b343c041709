import { useMutation, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import type { EnvSessionPublic } from "../../client";
import {
  envsCreateEnvMutation,
  scenariosListScenariosOptions,
} from "../../client/@tanstack/react-query.gen";
import { Button, ErrorState, Input, Select } from "../../components/ui";
import { QueryError } from "../../components/QueryState";
import { fieldErrorMap } from "../../lib/errors";
import { formatNumber } from "../../lib/format";

export interface SetupValues {
  scenario: string;
  seed: string;
  difficulty: string;
}

export interface ParsedSetup {
  scenario: string;
  seed?: number;
  difficulty?: number;
}

/** The form's values as a request, or each field's problem. */
export function parseSetup(values: SetupValues): { body: ParsedSetup } | { errors: Partial<SetupValues> } {
  const errors: Partial<SetupValues> = {};
  const body: ParsedSetup = { scenario: values.scenario };
  if (!values.scenario) errors.scenario = "Choose a scenario.";
  const seed = values.seed.trim();
  if (seed !== "") {
    const number = Number(seed);
    if (!/^\d+$/.test(seed) || !Number.isSafeInteger(number)) {
      errors.seed = `Enter a whole number from 0 to ${Number.MAX_SAFE_INTEGER}, or leave it blank.`;
    } else body.seed = number;
  }
  const difficulty = values.difficulty.trim();
  if (difficulty !== "") {
    const number = Number(difficulty);
    if (!Number.isFinite(number) || number < 0 || number > 1) {
      errors.difficulty = "Enter a number from 0 to 1, or leave it blank.";
    } else body.difficulty = number;
  }
  return Object.keys(errors).length > 0 ? { errors } : { body };
}

export interface SetupFormProps {
  onStarted: (session: EnvSessionPublic) => void;
  /** The scenario to preselect, when it is in the catalogue. */
  initialScenario?: string;
}

/** Picks a scenario, a customer (seed) and a difficulty, and starts a session. */
export function SetupForm({ onStarted, initialScenario = "" }: SetupFormProps) {
  const scenarios = useQuery(scenariosListScenariosOptions());
  const create = useMutation({ ...envsCreateEnvMutation(), onSuccess: onStarted });
  const [values, setValues] = useState<SetupValues>({ scenario: initialScenario, seed: "", difficulty: "" });
  const [clientErrors, setClientErrors] = useState<Partial<SetupValues>>({});

  const list = scenarios.data?.data ?? [];
  const fallback = (list.find((s) => s.name === "mixed") ?? list[0])?.name ?? "";
  const scenario = list.some((s) => s.name === values.scenario) ? values.scenario : fallback;
  const chosen = list.find((s) => s.name === scenario);
  const serverErrors = fieldErrorMap(create.error);
  const errorFor = (field: keyof SetupValues) => clientErrors[field] ?? serverErrors[field];
  const set = (field: keyof SetupValues) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setClientErrors((current) => ({ ...current, [field]: undefined }));
    if (create.isError) create.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseSetup({ ...values, scenario });
    if ("errors" in parsed) {
      setClientErrors(parsed.errors);
      return;
    }
    setClientErrors({});
    create.mutate({ body: parsed.body });
  };

  const unmatched = create.isError && Object.keys(serverErrors).length === 0;
  return (
    <form className="setup-form" onSubmit={onSubmit} noValidate aria-label="New episode">
      <div className="form-row">
        <Select
          label="Scenario"
          value={scenario}
          onChange={(event) => set("scenario")(event.target.value)}
          disabled={list.length === 0}
          error={errorFor("scenario")}
          hint={scenarios.isPending ? "Loading scenarios…" : undefined}
          options={list.map((s) => ({
            value: s.name,
            label: s.source === "user" ? `${s.name} (uploaded)` : s.name,
          }))}
          fieldClassName="setup-scenario"
        />
        <Input
          label="Seed"
          inputMode="numeric"
          placeholder="random"
          value={values.seed}
          onChange={(event) => set("seed")(event.target.value)}
          error={errorFor("seed")}
          hint="Same seed, same customer."
        />
        <Input
          label="Difficulty"
          type="number"
          min={0}
          max={1}
          step={0.05}
          placeholder={chosen ? formatNumber(chosen.difficulty, 2) : "default"}
          value={values.difficulty}
          onChange={(event) => set("difficulty")(event.target.value)}
          error={errorFor("difficulty")}
          hint="0 (easy) to 1 (hard)."
        />
        <Button type="submit" variant="primary" busy={create.isPending} disabled={!scenario} className="setup-submit">
          Start episode
        </Button>
      </div>
      {chosen?.description && <p className="setup-description">{chosen.description}</p>}
      {scenarios.isError && (
        <QueryError
          title="Could not load the scenarios"
          error={scenarios.error}
          onRetry={() => void scenarios.refetch()}
        />
      )}
      {unmatched && <ErrorState inline title="Could not start the episode" error={create.error} />}
    </form>
  );
}
