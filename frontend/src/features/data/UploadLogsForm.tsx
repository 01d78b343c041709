import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type ChangeEvent, type FormEvent } from "react";

import type { DatasetPublic } from "../../client";
import { datasetsCreateDatasetMutation, datasetsListDatasetsQueryKey } from "../../client/@tanstack/react-query.gen";
import { ProblemsTable } from "../../components/ProblemsTable";
import { Button, ErrorState, Field, Input, useFieldIds } from "../../components/ui";
import { formatInteger } from "../../lib/format";
import {
  datasetNameFromFile,
  LOG_FORMATS,
  parseUpload,
  problemCount,
  uploadProblems,
  type UploadErrors,
  type UploadField,
} from "./datasets";

export interface UploadLogsFormProps {
  onUploaded?: (dataset: DatasetPublic) => void;
}

/** Uploads a log file as a new dataset; the server checks it whole and lists bad lines by field. */
export function UploadLogsForm({ onUploaded }: UploadLogsFormProps) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [nameEdited, setNameEdited] = useState(false);
  const [clientErrors, setClientErrors] = useState<UploadErrors>({});
  const upload = useMutation({
    ...datasetsCreateDatasetMutation(),
    onSuccess: (dataset) => {
      void queryClient.invalidateQueries({ queryKey: datasetsListDatasetsQueryKey() });
      onUploaded?.(dataset);
    },
  });
  const server = uploadProblems(upload.error);
  const errorFor = (field: UploadField) => clientErrors[field] ?? server.fields[field];
  const fileError = errorFor("file");
  const hint = `JSONL, CSV or Parquet (${LOG_FORMATS.join(", ")}): one row per turn, checked whole before anything is stored.`;
  const { controlId, hintId, errorId, aria } = useFieldIds(undefined, hint, fileError);

  const clear = (field: UploadField) => {
    setClientErrors((current) => ({ ...current, [field]: undefined }));
    if (upload.isError || upload.isSuccess) upload.reset();
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0] ?? null;
    setFile(chosen);
    if (chosen && !nameEdited) {
      setName(datasetNameFromFile(chosen.name));
      clear("name");
    }
    clear("file");
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseUpload({ file, name });
    if ("errors" in parsed) {
      setClientErrors(parsed.errors);
      return;
    }
    setClientErrors({});
    upload.mutate(parsed);
  };

  return (
    <form className="stack" aria-label="Upload logs" onSubmit={onSubmit} noValidate>
      <div className="form-row">
        <Field label="Log file" htmlFor={controlId} hint={hint} error={fileError} hintId={hintId} errorId={errorId}>
          <input
            id={controlId}
            className="file-input"
            type="file"
            accept=".jsonl,.gz,.csv,.parquet,application/gzip,text/csv"
            onChange={onFile}
            {...aria}
          />
        </Field>
        <Input
          label="Dataset name"
          value={name}
          maxLength={100}
          spellCheck={false}
          onChange={(event) => {
            setName(event.target.value);
            setNameEdited(event.target.value !== "");
            clear("name");
          }}
          error={errorFor("name")}
          hint="Letters, digits, '.', '_' and '-'; suggested by the file's name."
        />
      </div>
      <div className="row">
        <Button type="submit" variant="primary" busy={upload.isPending}>
          Upload
        </Button>
      </div>
      {upload.data && (
        <p className="notice notice-success" role="status">
          Uploaded <strong>{upload.data.name}</strong>: {formatInteger(upload.data.contacts)} contacts,{" "}
          {formatInteger(upload.data.rows)} turns.
        </p>
      )}
      {server.logs.length > 0 && (
        <ProblemsTable
          errors={server.logs}
          title={`Not uploaded: the logs have ${problemCount(server.logs.length)}`}
          message={server.message}
          label="Log problems"
          pathHeader="Where"
        />
      )}
      {server.unmatched && <ErrorState inline title="Could not upload the logs" error={upload.error} />}
    </form>
  );
}
