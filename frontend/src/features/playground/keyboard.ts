import { useEffect, useEffectEvent } from "react";

/** Whether typing in `target` should keep its keys (inputs, selects, editable text). */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The action index a key press picks: keys 1–`count` pick actions 0…count-1. */
export function actionIndexForKey(event: KeyboardEvent, count: number): number | null {
  if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return null;
  if (isEditable(event.target)) return null;
  if (!/^[1-9]$/.test(event.key)) return null;
  const index = Number(event.key) - 1;
  return index < count ? index : null;
}

/** Calls `onAction(index)` when a number key picks one of `count` actions. */
export function useActionKeys(count: number, onAction: (index: number) => void): void {
  const act = useEffectEvent(onAction);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const index = actionIndexForKey(event, count);
      if (index === null) return;
      event.preventDefault();
      act(index);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [count]);
}
