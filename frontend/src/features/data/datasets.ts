/**
 * Uploading logs and reading a dataset's summary. The upload's query (`name`,
 * `filename`) has the server's patterns, written out here because query parameters have
 * no generated schema (`DatasetUpload` in `supportgym/server/schemas/datasets.py`).
 */
import type { DatasetPublic, FieldError, FieldSummary } from "../../client";
import { ApiError, errorMessage, fieldErrors } from "../../lib/errors";
import { formatInteger, formatNumber } from "../../lib/format";
import { formatDecimal } from "../../lib/numbers";

/** The log formats the server reads, by the file name's ending (lower case). */
export const LOG_FORMATS = [".jsonl.gz", ".jsonl", ".csv.gz", ".csv", ".parquet"] as const;

/** A dataset's name: a letter or digit, then letters, digits, `_`, `.` or `-` (100 at most). */
export const DATASET_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
const MAX_STEM = 190;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_FILENAME = /[/\\\x00-\x1f]/;

/** The format a file name ends in (any case), or null when the server reads no such file. */
export function logFormat(filename: string): (typeof LOG_FORMATS)[number] | null {
  const lower = filename.toLowerCase();
  return LOG_FORMATS.find((format) => lower.endsWith(format)) ?? null;
}

/**
 * The name to send for a chosen file: its own, with the format's ending in lower case
 * (`Week.JSONL.GZ` → `Week.jsonl.gz`); null when it cannot be sent (unknown format, a
 * name too long or with control characters).
 */
export function uploadFilename(filename: string): string | null {
  const format = logFormat(filename);
  if (format === null) return null;
  const stem = filename.slice(0, filename.length - format.length);
  if (stem.length === 0 || stem.length > MAX_STEM || FORBIDDEN_IN_FILENAME.test(stem)) return null;
  return `${stem}${format}`;
}

/** A dataset name suggested by a file's name: `week 48.jsonl.gz` → `week-48`. */
export function datasetNameFromFile(filename: string): string {
  const format = logFormat(filename);
  const stem = format ? filename.slice(0, filename.length - format.length) : filename.replace(/\.[^.]*$/, "");
  return stem
    .replace(/[^A-Za-z0-9_.-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .replace(/-+$/, "")
    .slice(0, 100);
}

export interface UploadValues {
  file: File | null;
  name: string;
}

export type UploadField = "file" | "name";
export type UploadErrors = Partial<Record<UploadField, string>>;

export interface UploadRequest {
  body: File;
  query: { name: string; filename: string };
}

/** The form's values as an upload, or each field's problem. */
export function parseUpload(values: UploadValues): UploadRequest | { errors: UploadErrors } {
  const errors: UploadErrors = {};
  const name = values.name.trim();
  let filename: string | null = null;
  if (values.file === null) errors.file = "Choose a log file.";
  else {
    filename = uploadFilename(values.file.name);
    if (filename === null) {
      errors.file =
        logFormat(values.file.name) === null
          ? `${values.file.name} is not a log file the server reads: ${LOG_FORMATS.join(", ")}.`
          : `Rename ${values.file.name}: its name is too long or has control characters.`;
    }
  }
  if (name === "") errors.name = "Name the dataset.";
  else if (!DATASET_NAME.test(name)) {
    errors.name = "Use letters, digits, '.', '_' and '-' (starting with a letter or digit), 100 at most.";
  }
  if (values.file === null || filename === null || Object.keys(errors).length > 0) return { errors };
  return { body: values.file, query: { name, filename } };
}

export interface UploadProblems {
  /** Problems to show under the form's fields. */
  fields: UploadErrors;
  /** The logs' own problems, by line and field (`line 2: action`) or for the whole file (`""`). */
  logs: FieldError[];
  /** The server's one-line message about the logs. */
  message: string;
  /** Whether the error belongs to no field and is no problem of the logs (show it in an alert). */
  unmatched: boolean;
}

/**
 * Where a refused upload's problems belong: a taken name (409) or a bad one
 * (`query.name`) under the name; a bad file name (`query.filename`) or a file too large
 * (413) under the file; the logs' problems (any other path) in their own list.
 */
export function uploadProblems(error: unknown): UploadProblems {
  const problems: UploadProblems = { fields: {}, logs: [], message: "", unmatched: false };
  if (error === null || error === undefined) return problems;
  const status = error instanceof ApiError ? error.status : 0;
  const detail = errorMessage(error);
  const found = fieldErrors(error);
  if (found.length === 0) {
    if (status === 409) problems.fields.name = detail;
    else if (status === 413) problems.fields.file = detail;
    else problems.unmatched = true;
    return problems;
  }
  const add = (field: UploadField, message: string) => {
    problems.fields[field] = problems.fields[field] ? `${problems.fields[field]}; ${message}` : message;
  };
  for (const problem of found) {
    if (problem.path === "query.name") add("name", problem.message);
    else if (problem.path === "query.filename") add("file", problem.message);
    else if (problem.path.startsWith("query.")) problems.unmatched = true;
    else problems.logs.push(problem);
  }
  if (problems.logs.length > 0) problems.message = detail;
  return problems;
}

/** `1 problem`, `20 problems`. */
export function problemCount(count: number): string {
  return count === 1 ? "1 problem" : `${formatInteger(count)} problems`;
}

/** The first characters of a content hash, enough to tell files apart. */
export function shortHash(hash: string, length = 12): string {
  return hash.slice(0, length);
}

/**
 * The scenario the server uses when none is given: the built-in one of the logs'
 * industry, or `mixed` when they span several.
 */
export function defaultScenario(dataset: Pick<DatasetPublic, "industries">): string {
  return dataset.industries.length === 1 ? dataset.industries[0] : "mixed";
}

/** A summary's number: whole numbers as such, others with 2 decimals (3 below 1). */
export function formatSummaryNumber(value: number): string {
  if (Number.isInteger(value)) return formatInteger(value);
  return Math.abs(value) < 1 ? formatDecimal(value, 3) : formatDecimal(value, 2);
}

/** What a field's values look like, for the summary table. */
export type FieldValues =
  | { kind: "counts"; counts: { value: string; count: number; share: number }[] }
  | { kind: "range"; min: string; max: string; mean: string | null }
  | { kind: "distinct"; distinct: string }
  | { kind: "none" };

/** A field's categories with their counts (most common first), its range and mean, or its distinct count. */
export function fieldValues(field: FieldSummary): FieldValues {
  if (field.counts) {
    const total = Object.values(field.counts).reduce((sum, count) => sum + count, 0);
    const counts = Object.entries(field.counts)
      .map(([value, count]) => ({ value, count, share: total > 0 ? count / total : 0 }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    return { kind: "counts", counts };
  }
  if (field.min !== null && field.min !== undefined && field.max !== null && field.max !== undefined) {
    const mean = field.mean === null || field.mean === undefined ? null : formatSummaryNumber(field.mean);
    return { kind: "range", min: formatSummaryNumber(field.min), max: formatSummaryNumber(field.max), mean };
  }
  if (field.distinct !== null && field.distinct !== undefined) {
    return { kind: "distinct", distinct: formatInteger(field.distinct) };
  }
  return { kind: "none" };
}

/** How often a field is given, against the dataset's turns or contacts: `1,266 (100%)`. */
export function givenText(field: FieldSummary, dataset: Pick<DatasetPublic, "rows" | "contacts">): string {
  const total = field.per === "turn" ? dataset.rows : dataset.contacts;
  const given = formatInteger(field.given);
  if (total <= 0) return given;
  const share = field.given / total;
  const digits = share < 0.1 || (share > 0.99 && share < 1) ? 1 : 0;
  return `${given} (${share === 1 ? "100" : formatNumber(share * 100, digits)}%)`;
}
