import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";

import { ApiError } from "../lib/errors";
import { ApiTokenForm } from "./ApiTokenForm";
import { ErrorState, Spinner } from "./ui";

export interface QueryErrorProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

/** A failed request's error; when the server wants an API token, a form to give it. */
export function QueryError({ error, title, onRetry }: QueryErrorProps) {
  const unauthorized = error instanceof ApiError && error.status === 401;
  return (
    <ErrorState
      error={error}
      title={title}
      onRetry={unauthorized ? undefined : onRetry}
      action={unauthorized ? <ApiTokenForm /> : undefined}
    />
  );
}

export interface QueryStateProps<T> {
  query: UseQueryResult<T, unknown>;
  /** What is loading, e.g. "Loading scenarios…". */
  loadingLabel?: string;
  errorTitle?: string;
  children: (data: T) => ReactNode;
}

/** A query's spinner while loading, its error with a retry, or its data rendered by `children`. */
export function QueryState<T>({ query, loadingLabel, errorTitle, children }: QueryStateProps<T>) {
  if (query.isPending) return <Spinner label={loadingLabel} />;
  if (query.isError) {
    return <QueryError error={query.error} title={errorTitle} onRetry={() => void query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}
