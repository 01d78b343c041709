import type { FieldError } from "../client";
import { Table } from "./ui";

export interface ProblemsTableProps {
  errors: readonly FieldError[];
  title: string;
  /** The server's one-line message, shown under the title. */
  message?: string;
  /** The table's accessible name, e.g. "Scenario problems". */
  label: string;
  /** The heading of the path column, e.g. "Field" or "Where". */
  pathHeader?: string;
}

/** An upload's problems in an alert, one row per path (a field, a line and field…). */
export function ProblemsTable({ errors, title, message, label, pathHeader = "Field" }: ProblemsTableProps) {
  return (
    <div className="error-state" role="alert">
      <p className="error-title">{title}</p>
      {message && <p className="error-message">{message}</p>}
      <Table label={label} compact className="problems-table">
        <thead>
          <tr>
            <th scope="col">{pathHeader}</th>
            <th scope="col">Problem</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((error, index) => (
            <tr key={`${error.path}-${index}`}>
              <th scope="row">{error.path ? <code>{error.path}</code> : <span className="muted">whole file</span>}</th>
              <td>{error.message}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
