import { Button } from "../../components/ui";
import { humanize } from "../../lib/format";
import { useActionKeys } from "./keyboard";

export interface ActionPanelProps {
  /** Action names by index. */
  actions: readonly string[];
  /** Which actions are allowed now. */
  mask: readonly boolean[];
  /** False while the agent may not act (episode over, waiting, disconnected). */
  enabled: boolean;
  onAct: (index: number) => void;
}

/** The agent's eight response strategies as buttons, also on keys 1–8. */
export function ActionPanel({ actions, mask, enabled, onAct }: ActionPanelProps) {
  const allowed = (index: number) => enabled && mask[index] === true;
  useActionKeys(actions.length, (index) => {
    if (allowed(index)) onAct(index);
  });

  return (
    <div className="action-grid" role="group" aria-label="Agent actions">
      {actions.map((name, index) => (
        <Button
          key={name}
          className="action-button"
          disabled={!allowed(index)}
          aria-keyshortcuts={String(index + 1)}
          title={mask[index] === false ? "Not allowed at this point of the conversation" : undefined}
          onClick={() => onAct(index)}
        >
          <kbd aria-hidden="true">{index + 1}</kbd>
          {humanize(name)}
        </Button>
      ))}
    </div>
  );
}
