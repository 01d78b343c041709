import { Table } from "../../components/ui";
import type { ParamRow } from "./params";

/** Parameters with their values and meanings. */
export function ParamTable({ label, rows }: { label: string; rows: ParamRow[] }) {
  return (
    <Table label={label} compact>
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          <th scope="col" className="num">
            Value
          </th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row" className="param-name">
              {row.label}
              <code className="param-key">{row.key}</code>
            </th>
            <td className="num">{row.value}</td>
            <td className="muted">{row.description ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
