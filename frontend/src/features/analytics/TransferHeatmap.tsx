import type { CSSProperties } from "react";

import { Table } from "../../components/ui";
import { formatDecimal } from "../../lib/numbers";
import { heatLevel, type TransferMatrix } from "./results";

const score = (value: number) => formatDecimal(value, 2);

function cellStyle(value: number): CSSProperties {
  const level = heatLevel(value);
  const strength = Math.round(Math.abs(level) * 80);
  const hue = level >= 0 ? "var(--color-primary)" : "var(--color-danger)";
  return {
    background: `color-mix(in srgb, ${hue} ${strength}%, var(--color-surface))`,
    color: strength > 45 ? "#fff" : "var(--color-text)",
  };
}

/** Normalized scores of trained runs (rows: the scenario each trained on) on every evaluated scenario (columns). */
export function TransferHeatmap({ matrix }: { matrix: TransferMatrix }) {
  return (
    <div className="stack">
      <Table label="Transfer matrix" className="heatmap">
        <thead>
          <tr>
            <th scope="col">Trained on ↓ · evaluated on →</th>
            {matrix.columns.map((scenario) => (
              <th key={scenario} scope="col" className="heatmap-column">
                {scenario}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((row) => (
            <tr key={row.spec}>
              <th scope="row">
                <span className="heatmap-trained">{row.trainedOn}</span>
                <span className="heatmap-run">{row.label}</span>
              </th>
              {row.cells.map((estimate, index) => {
                const column = matrix.columns[index];
                if (!estimate) {
                  return (
                    <td key={column} className="heatmap-cell muted">
                      –
                    </td>
                  );
                }
                return (
                  <td
                    key={column}
                    className={["heatmap-cell", column === row.trainedOn ? "heatmap-diagonal" : null]
                      .filter(Boolean)
                      .join(" ")}
                    style={cellStyle(estimate.value)}
                    title={`95% CI ${score(estimate.low)} to ${score(estimate.high)}`}
                  >
                    <span className="heatmap-value">{score(estimate.value)}</span>{" "}
                    <span className="heatmap-ci">
                      [{score(estimate.low)}, {score(estimate.high)}]
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="heatmap-legend" aria-hidden="true">
        <span>worse than random</span>
        <span className="heatmap-scale" />
        <span>0 random · 1 oracle</span>
      </div>
      <p className="muted">
        Cells are normalized scores with their 95% CIs; outlined cells are in-domain (trained and evaluated on the same
        scenario).
      </p>
    </div>
  );
}
