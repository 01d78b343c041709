import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import type { AnalysisPublic, DatasetPublic } from "../../client";
import {
  datasetsCreateCalibrationMutation,
  datasetsListAnalysesQueryKey,
  scenariosListScenariosOptions,
} from "../../client/@tanstack/react-query.gen";
import { Button, ErrorState, Input, Select } from "../../components/ui";
import { errorMessage } from "../../lib/errors";
import {
  calibrationProblems,
  defaultCalibrationValues,
  parseCalibration,
  type CalibrationErrors,
  type CalibrationField,
  type CalibrationValues,
} from "./analysisForms";
import { defaultScenario } from "./datasets";
import { scenarioOptions } from "./scenarioOptions";

export interface CalibrationFormProps {
  dataset: DatasetPublic;
  onCreated: (analysis: AnalysisPublic) => void;
}

/** Starts fitting a scenario to the dataset from a base scenario, within a budget of candidates. */
export function CalibrationForm({ dataset, onCreated }: CalibrationFormProps) {
  const queryClient = useQueryClient();
  const scenarios = useQuery(scenariosListScenariosOptions());
  const create = useMutation({
    ...datasetsCreateCalibrationMutation(),
    onSuccess: (analysis) => {
      void queryClient.invalidateQueries({ queryKey: datasetsListAnalysesQueryKey({ path: { dataset_id: dataset.id } }) });
      onCreated(analysis);
    },
  });
  const [values, setValues] = useState<CalibrationValues>(() => defaultCalibrationValues(defaultScenario(dataset)));
  const [clientErrors, setClientErrors] = useState<CalibrationErrors>({});
  const server = calibrationProblems(create.error);
  const errorFor = (field: CalibrationField) => clientErrors[field] ?? server.fields[field];

  const set = (field: CalibrationField, value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setClientErrors((current) => ({ ...current, [field]: undefined }));
    if (create.isError) create.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseCalibration(values);
    if ("errors" in parsed) {
      setClientErrors(parsed.errors);
      return;
    }
    setClientErrors({});
    create.mutate({ path: { dataset_id: dataset.id }, body: parsed.body });
  };

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="Calibrate a scenario">
      <div className="form-row">
        <Select
          label="Base scenario"
          value={values.base}
          onChange={(event) => set("base", event.target.value)}
          options={scenarioOptions(scenarios.data?.data ?? [], [values.base])}
          error={errorFor("base")}
          hint={
            scenarios.isError
              ? `Scenarios unavailable: ${errorMessage(scenarios.error)}`
              : "Where the search starts; by default the built-in scenario of the logs' industry."
          }
        />
        <Input
          label="Budget"
          inputMode="numeric"
          value={values.budget}
          onChange={(event) => set("budget", event.target.value)}
          error={errorFor("budget")}
          hint="Candidate parameter sets to simulate, about a second each."
        />
        <Input
          label="Seed"
          inputMode="numeric"
          value={values.seed}
          onChange={(event) => set("seed", event.target.value)}
          error={errorFor("seed")}
        />
      </div>
      {server.unmatched && <ErrorState inline title="Could not start the calibration" error={create.error} />}
      <div className="row">
        <Button type="submit" variant="primary" busy={create.isPending}>
          Run calibration
        </Button>
      </div>
    </form>
  );
}
