import { ApiError, errorMessage, fieldErrors } from "./errors";

export interface FormProblems<F extends string> {
  /** Problems to show under the form's fields. */
  fields: Partial<Record<F, string>>;
  /** Whether part of the error belongs to no field (show it in an alert). */
  unmatched: boolean;
}

/**
 * Routes a failed request's error to a form's fields: each `body.<name>…` problem to
 * the field `fields` maps `<name>` to; an error without field problems (the server's
 * own checks, e.g. a 404 for an unknown name) to the field `fieldOfDetail` picks, if any.
 */
export function formProblems<F extends string>(
  error: unknown,
  fields: ReadonlyMap<string, F>,
  fieldOfDetail: (status: number, detail: string) => F | undefined = () => undefined,
): FormProblems<F> {
  const found: Partial<Record<F, string>> = {};
  if (error === null || error === undefined) return { fields: found, unmatched: false };
  const problems = fieldErrors(error);
  if (problems.length === 0) {
    const detail = errorMessage(error);
    const field = fieldOfDetail(error instanceof ApiError ? error.status : 0, detail);
    if (field === undefined) return { fields: found, unmatched: true };
    found[field] = detail;
    return { fields: found, unmatched: false };
  }
  let unmatched = false;
  for (const problem of problems) {
    const name = problem.path.startsWith("body.") ? problem.path.slice("body.".length).split(/[.[]/)[0] : "";
    const field = fields.get(name);
    if (field === undefined) unmatched = true;
    else found[field] = found[field] ? `${found[field]}; ${problem.message}` : problem.message;
  }
  return { fields: found, unmatched };
}
