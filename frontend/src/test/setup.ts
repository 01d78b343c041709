import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

import { configureApi } from "../lib/api";

// The machines that run the suite are shared: wait up to 5 s (not 1 s) for what a test expects to appear.
configure({ asyncUtilTimeout: 5000 });

/** jsdom has no layout: every observed element reports 600×240, so charts render. */
class FixedSizeResizeObserver {
  private readonly callback: ResizeObserverCallback;

  constructor(callback: ResizeObserverCallback) {
    this.callback = callback;
  }

  observe(target: Element): void {
    const contentRect = { width: 600, height: 240, top: 0, left: 0, bottom: 240, right: 600, x: 0, y: 0 };
    const entry = { target, contentRect } as unknown as ResizeObserverEntry;
    this.callback([entry], this as unknown as ResizeObserver);
  }

  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= FixedSizeResizeObserver;

/** jsdom's Blob lacks `text()`, which browsers have; read through FileReader instead. */
if (typeof Blob.prototype.text !== "function") {
  Blob.prototype.text = function text(this: Blob) {
    return new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsText(this);
    });
  };
}

configureApi();

afterEach(() => {
  cleanup();
  window.localStorage.clear();
});
