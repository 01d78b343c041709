import type { FieldError } from "../client";

/** A failed API call: the HTTP status (0 when the server was unreachable) and the server's explanation. */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(status: number, detail: string, errors: FieldError[] = []) {
    super(detail);
    this.name = "ApiError";
    this.status = status;
    this.detail = detail;
    this.errors = errors;
  }
}

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as FieldError).path === "string" &&
    typeof (value as FieldError).message === "string"
  );
}

/** The error a request failed with, whatever the body (JSON `{detail, errors}`, text, nothing). */
export function toApiError(body: unknown, response?: Response): ApiError {
  if (body instanceof ApiError) return body;
  if (response === undefined) {
    const reason = body instanceof Error ? body.message : String(body);
    return new ApiError(0, `Cannot reach the SupportGym server (${reason}).`);
  }
  if (typeof body === "object" && body !== null && "detail" in body) {
    const { detail, errors } = body as { detail: unknown; errors?: unknown };
    const fieldErrors = Array.isArray(errors) ? errors.filter(isFieldError) : [];
    const message = typeof detail === "string" ? detail : JSON.stringify(detail);
    return new ApiError(response.status, message, fieldErrors);
  }
  const text = typeof body === "string" && body.trim() !== "" ? body.trim() : response.statusText;
  return new ApiError(response.status, text || `Request failed with status ${response.status}.`);
}

/** A one-line message for any error a query, mutation or socket reports. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  if (typeof error === "object" && error !== null && "detail" in error) {
    return String((error as { detail: unknown }).detail);
  }
  return "Something went wrong.";
}

/** The field problems an error carries, if any. */
export function fieldErrors(error: unknown): FieldError[] {
  if (error instanceof ApiError) return error.errors;
  if (typeof error === "object" && error !== null && "errors" in error) {
    const { errors } = error as { errors: unknown };
    return Array.isArray(errors) ? errors.filter(isFieldError) : [];
  }
  return [];
}

/**
 * The field problems of an error by field name, for showing each under its input:
 * `body.seed` becomes `seed` with `prefix` "body.". Problems elsewhere are left out.
 */
export function fieldErrorMap(error: unknown, prefix = "body."): Record<string, string> {
  const map: Record<string, string> = {};
  for (const problem of fieldErrors(error)) {
    if (!problem.path.startsWith(prefix)) continue;
    const field = problem.path.slice(prefix.length);
    map[field] = map[field] ? `${map[field]}; ${problem.message}` : problem.message;
  }
  return map;
}
