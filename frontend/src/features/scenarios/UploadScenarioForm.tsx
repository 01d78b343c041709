import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ChangeEvent } from "react";
import { Link } from "react-router";

import type { FieldError } from "../../client";
import {
  scenariosCreateScenarioMutation,
  scenariosListScenariosQueryKey,
  scenariosValidateScenarioMutation,
} from "../../client/@tanstack/react-query.gen";
import { ProblemsTable } from "../../components/ProblemsTable";
import { Button, ErrorState, Field, TextArea } from "../../components/ui";
import { fieldErrors } from "../../lib/errors";

export interface ScenarioProblemsProps {
  errors: FieldError[];
  title: string;
}

/** A scenario's problems, one row per field path. */
export function ScenarioProblems({ errors, title }: ScenarioProblemsProps) {
  return <ProblemsTable errors={errors} title={title} label="Scenario problems" />;
}

function problemsTitle(count: number): string {
  return count === 1 ? "The scenario has 1 problem" : `The scenario has ${count} problems`;
}

/** Checks a scenario's YAML (pasted or from a file) and uploads it. */
export function UploadScenarioForm() {
  const fileId = useId();
  const queryClient = useQueryClient();
  const [yaml, setYaml] = useState("");
  const [empty, setEmpty] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const validate = useMutation(scenariosValidateScenarioMutation());
  const upload = useMutation({
    ...scenariosCreateScenarioMutation(),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scenariosListScenariosQueryKey() }),
  });
  const last = upload.submittedAt > validate.submittedAt ? "upload" : "validate";

  const resetResults = () => {
    validate.reset();
    upload.reset();
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    resetResults();
    try {
      setYaml(await file.text());
      setEmpty(false);
      setFileError(null);
    } catch {
      setFileError(`Could not read ${file.name}.`);
    }
  };

  const submit = (action: "validate" | "upload") => {
    if (yaml.trim() === "") {
      setEmpty(true);
      return;
    }
    resetResults();
    if (action === "validate") validate.mutate({ body: { yaml } });
    else upload.mutate({ body: { yaml } });
  };

  const uploadProblems = fieldErrors(upload.error);
  return (
    <form
      className="stack"
      aria-label="Upload a scenario"
      onSubmit={(event) => {
        event.preventDefault();
        submit("upload");
      }}
      noValidate
    >
      <Field label="Scenario file" htmlFor={fileId} error={fileError} hint="A .yaml file; its text appears below.">
        <input id={fileId} className="file-input" type="file" accept=".yaml,.yml,.json,text/yaml,application/json" onChange={onFile} />
      </Field>
      <TextArea
        label="Scenario YAML"
        value={yaml}
        spellCheck={false}
        onChange={(event) => {
          setYaml(event.target.value);
          setEmpty(false);
        }}
        error={empty ? "Paste a scenario or choose a file first." : undefined}
        hint="The same fields as a scenario file (see a built-in scenario's page for every parameter)."
        placeholder={"name: my-bank\nindustry: bfsi\ninquiries:\n  - name: card_dispute\n    …"}
      />
      <div className="row">
        <Button onClick={() => submit("validate")} busy={validate.isPending} disabled={upload.isPending}>
          Validate
        </Button>
        <Button type="submit" variant="primary" busy={upload.isPending} disabled={validate.isPending}>
          Upload
        </Button>
      </div>

      {last === "validate" && validate.data?.valid && (
        <p className="notice notice-success" role="status">
          Valid: <strong>{validate.data.name}</strong>, version <code>{validate.data.version}</code>.
        </p>
      )}
      {last === "validate" && validate.data && !validate.data.valid && (
        <ScenarioProblems errors={validate.data.errors ?? []} title={problemsTitle(validate.data.errors?.length ?? 0)} />
      )}
      {last === "validate" && validate.isError && <ErrorState inline title="Could not validate" error={validate.error} />}

      {last === "upload" && upload.data && (
        <p className="notice notice-success" role="status">
          Uploaded <strong>{upload.data.name}</strong>, version <code>{upload.data.version}</code>.{" "}
          <Link to={`/scenarios/${encodeURIComponent(upload.data.name)}?version=${upload.data.version}`}>
            Open {upload.data.name}
          </Link>
        </p>
      )}
      {last === "upload" && upload.isError && uploadProblems.length > 0 && (
        <ScenarioProblems errors={uploadProblems} title={`Not uploaded: ${problemsTitle(uploadProblems.length).toLowerCase()}`} />
      )}
      {last === "upload" && upload.isError && uploadProblems.length === 0 && (
        <ErrorState inline title="Could not upload" error={upload.error} />
      )}
    </form>
  );
}
