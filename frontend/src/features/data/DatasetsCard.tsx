import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";

import type { DatasetPublic } from "../../client";
import { datasetsListDatasetsOptions } from "../../client/@tanstack/react-query.gen";
import { QueryState } from "../../components/QueryState";
import { Card, EmptyState, Table } from "../../components/ui";
import { formatDateTime, formatInteger } from "../../lib/format";
import { shortHash } from "./datasets";

export interface DatasetsTableProps {
  datasets: readonly DatasetPublic[];
  /** The dataset open below the list. */
  selected: number | null;
}

export function DatasetsTable({ datasets, selected }: DatasetsTableProps) {
  return (
    <Table label="Datasets">
      <thead>
        <tr>
          <th scope="col">Dataset</th>
          <th scope="col">Source file</th>
          <th scope="col" className="num">
            Contacts
          </th>
          <th scope="col" className="num">
            Turns
          </th>
          <th scope="col">Industries</th>
          <th scope="col">SHA-256</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      <tbody>
        {datasets.map((dataset) => (
          <tr key={dataset.id} className={dataset.id === selected ? "row-selected" : undefined}>
            <th scope="row">
              <Link to={`/data/${dataset.id}`} aria-current={dataset.id === selected ? "true" : undefined}>
                {dataset.name}
              </Link>
            </th>
            <td>
              <code>{dataset.source}</code>
            </td>
            <td className="num">{formatInteger(dataset.contacts)}</td>
            <td className="num">{formatInteger(dataset.rows)}</td>
            <td>{dataset.industries.join(", ") || <span className="muted">–</span>}</td>
            <td>
              <code title={dataset.content_hash}>{shortHash(dataset.content_hash)}</code>
            </td>
            <td>{formatDateTime(dataset.created_at)}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** The uploaded datasets, newest first. */
export function DatasetsCard({ selected }: { selected: number | null }) {
  const datasets = useQuery(datasetsListDatasetsOptions());
  return (
    <Card title="Datasets" description="Open one to see its fields, calibrate a scenario to it or evaluate policies on it.">
      <QueryState query={datasets} loadingLabel="Loading datasets…" errorTitle="Could not load the datasets">
        {(data) =>
          data.data.length === 0 ? (
            <EmptyState title="No datasets yet" description="Upload a log file above." />
          ) : (
            <DatasetsTable datasets={data.data} selected={selected} />
          )
        }
      </QueryState>
    </Card>
  );
}
