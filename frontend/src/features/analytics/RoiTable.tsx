import { Table } from "../../components/ui";
import { EstimateText } from "./EstimateText";
import { formatRoi, type RoiRow } from "./results";

/** Each policy's extra net value against the playbook per 1,000 contacts, by scenario. */
export function RoiTable({ rows, scenarios }: { rows: readonly RoiRow[]; scenarios: readonly string[] }) {
  return (
    <Table label="ROI against the playbook" compact>
      <thead>
        <tr>
          <th scope="col">Policy</th>
          {scenarios.map((scenario) => (
            <th key={scenario} scope="col" className="num">
              {scenario}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.spec}>
            <th scope="row">{row.label}</th>
            {row.cells.map((estimate, index) => (
              <td
                key={scenarios[index]}
                className={[
                  "num",
                  estimate && estimate.low > 0 ? "roi-gain" : null,
                  estimate && estimate.high < 0 ? "roi-loss" : null,
                ]
                  .filter(Boolean)
                  .join(" ")}
              >
                <EstimateText estimate={estimate} format={formatRoi} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
