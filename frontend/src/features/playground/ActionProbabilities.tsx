import { humanize } from "../../lib/format";

export interface ActionProbabilitiesProps {
  actions: readonly string[];
  probabilities: readonly number[];
  /** The action the policy took, highlighted. */
  chosen: number;
  label: string;
}

/** A policy's probability of each action, as labelled bars. */
export function ActionProbabilities({ actions, probabilities, chosen, label }: ActionProbabilitiesProps) {
  return (
    <ul className="probabilities" aria-label={label}>
      {actions.map((name, index) => {
        const p = probabilities[index] ?? 0;
        const percent = `${(p * 100).toFixed(p > 0 && p < 0.01 ? 1 : 0)}%`;
        return (
          <li key={name} className={index === chosen ? "probability probability-chosen" : "probability"}>
            <span className="probability-name">
              {humanize(name)}
              {index === chosen && <span className="visually-hidden"> (chosen)</span>}
            </span>
            <span className="probability-bar" aria-hidden="true">
              <span style={{ width: `${Math.max(0, Math.min(1, p)) * 100}%` }} />
            </span>
            <span className="probability-value">{percent}</span>
          </li>
        );
      })}
    </ul>
  );
}
