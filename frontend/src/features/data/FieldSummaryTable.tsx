import type { DatasetPublic, FieldSummary } from "../../client";
import { Table } from "../../components/ui";
import { formatInteger, formatPercent } from "../../lib/format";
import { fieldValues, givenText } from "./datasets";

/** Categories shown before the rest are counted as "more". */
const SHOWN_COUNTS = 8;

function Values({ field }: { field: FieldSummary }) {
  const values = fieldValues(field);
  switch (values.kind) {
    case "counts": {
      const shown = values.counts.slice(0, SHOWN_COUNTS);
      const more = values.counts.length - shown.length;
      return (
        <ul className="value-counts">
          {shown.map((entry) => (
            <li key={entry.value}>
              <code>{entry.value}</code> {formatInteger(entry.count)}{" "}
              <span className="muted">({formatPercent(entry.share)})</span>
            </li>
          ))}
          {more > 0 && <li className="muted">and {formatInteger(more)} more</li>}
        </ul>
      );
    }
    case "range":
      return (
        <span className="value-range">
          {values.min} … {values.max}
          {values.mean !== null && <span className="muted"> · mean {values.mean}</span>}
        </span>
      );
    case "distinct":
      return <span>{values.distinct} distinct values</span>;
    default:
      return <span className="muted">–</span>;
  }
}

/** Every field of the logs: per turn or per contact, how often given, and its values. */
export function FieldSummaryTable({ dataset }: { dataset: DatasetPublic }) {
  return (
    <Table label="Field summary" compact className="field-summary">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Per</th>
          <th scope="col" className="num">
            Given
          </th>
          <th scope="col">Values</th>
        </tr>
      </thead>
      <tbody>
        {dataset.summary.map((field) => (
          <tr key={field.field}>
            <th scope="row">
              <code>{field.field}</code>
            </th>
            <td>{field.per === "turn" ? "Turn" : "Contact"}</td>
            <td className="num">{givenText(field, dataset)}</td>
            <td>
              <Values field={field} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
