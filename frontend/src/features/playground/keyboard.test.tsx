import { fireEvent, render } from "@testing-library/react";

import { actionIndexForKey, useActionKeys } from "./keyboard";

function press(key: string, target: EventTarget = document.body, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, ...init });
  Object.defineProperty(event, "target", { value: target });
  return event;
}

describe("actionIndexForKey", () => {
  it("maps keys 1–8 to actions 0–7", () => {
    expect(actionIndexForKey(press("1"), 8)).toBe(0);
    expect(actionIndexForKey(press("8"), 8)).toBe(7);
    expect(actionIndexForKey(press("9"), 8)).toBeNull();
    expect(actionIndexForKey(press("0"), 8)).toBeNull();
    expect(actionIndexForKey(press("a"), 8)).toBeNull();
  });

  it("leaves keys alone in text fields, selects and with modifiers", () => {
    expect(actionIndexForKey(press("2", document.createElement("input")), 8)).toBeNull();
    expect(actionIndexForKey(press("2", document.createElement("textarea")), 8)).toBeNull();
    expect(actionIndexForKey(press("2", document.createElement("select")), 8)).toBeNull();
    expect(actionIndexForKey(press("2", document.body, { ctrlKey: true }), 8)).toBeNull();
    expect(actionIndexForKey(press("2", document.body, { repeat: true }), 8)).toBeNull();
  });
});

function Keys({ onAction }: { onAction: (index: number) => void }) {
  useActionKeys(8, onAction);
  return <input aria-label="Seed" />;
}

describe("useActionKeys", () => {
  it("acts on number keys pressed outside inputs", () => {
    const onAction = vi.fn();
    const { getByLabelText, unmount } = render(<Keys onAction={onAction} />);
    fireEvent.keyDown(document.body, { key: "3" });
    fireEvent.keyDown(getByLabelText("Seed"), { key: "4" });
    expect(onAction).toHaveBeenCalledExactlyOnceWith(2);
    unmount();
    fireEvent.keyDown(document.body, { key: "5" });
    expect(onAction).toHaveBeenCalledTimes(1);
  });
});
