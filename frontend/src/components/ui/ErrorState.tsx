import type { ReactNode } from "react";

import { errorMessage, fieldErrors } from "../../lib/errors";
import { Button } from "./Button";

export interface ErrorStateProps {
  /** The error to explain (an ApiError, an Error, a string…). */
  error: unknown;
  title?: ReactNode;
  /** Offers a "Try again" button. */
  onRetry?: () => void;
  /** A smaller, inline variant for use inside forms and cards. */
  inline?: boolean;
  /** Another way out, e.g. a "Reconnect" or "Dismiss" button. */
  action?: ReactNode;
}

/** An error with the server's message and, when it names fields, each field's problem. */
export function ErrorState({ error, title = "Something went wrong", onRetry, inline = false, action }: ErrorStateProps) {
  const problems = fieldErrors(error);
  return (
    <div className={inline ? "error-state error-state-inline" : "error-state"} role="alert">
      <p className="error-title">{title}</p>
      <p className="error-message">{errorMessage(error)}</p>
      {problems.length > 1 && (
        <ul className="error-fields">
          {problems.map((problem, index) => (
            <li key={`${problem.path}-${index}`}>
              {problem.path && <code>{problem.path}</code>} {problem.message}
            </li>
          ))}
        </ul>
      )}
      {(onRetry || action) && (
        <div className="row">
          {onRetry && (
            <Button size="sm" onClick={onRetry}>
              Try again
            </Button>
          )}
          {action}
        </div>
      )}
    </div>
  );
}
