// The suite's `test`: one real server per worker (baseURL points at it) and screenshots.
import { test as base, type Locator, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { SupportGymServer } from "./server";

export { expect } from "@playwright/test";

export const SCREENSHOT_DIR = fileURLToPath(new URL("./screenshots", import.meta.url));

interface TestFixtures {
  /** Attaches the end of the server's log to a failed test's report. */
  serverLogOnFailure: undefined;
}

interface WorkerFixtures {
  /** The server the pages talk to; `server.restart()` kills and restarts it in place. */
  server: SupportGymServer;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await SupportGymServer.start();
      try {
        await use(server);
      } finally {
        const keep = Boolean(process.env.E2E_KEEP_DATA);
        await server.stop({ removeData: !keep });
        if (keep) console.log(`E2E_KEEP_DATA: the server's data and log are in ${server.dataDir}`);
      }
    },
    { scope: "worker", timeout: 180_000 },
  ],
  serverLogOnFailure: [
    async ({ server }, use, testInfo) => {
      await use(undefined);
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach("server.log", { body: server.logTail(200), contentType: "text/plain" });
      }
    },
    { auto: true },
  ],
  baseURL: async ({ server }, use) => {
    await use(server.baseURL);
  },
});

/** Saves a full-page screenshot as e2e/screenshots/<name>.png (the README uses some). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  // From the top (a sticky header would otherwise land mid-picture), once the charts'
  // entry animations have finished.
  await page.evaluate("window.scrollTo(0, 0)");
  await page.waitForTimeout(600);
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: "disabled" });
}

/** The value (`dd`) that follows the term (`dt`) labelled `label` in a description list. */
export function statValue(list: Locator, label: string): Locator {
  return list.getByText(label, { exact: true }).locator("xpath=following-sibling::dd[1]");
}
