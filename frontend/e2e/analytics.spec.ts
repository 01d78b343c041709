// Analytics: evaluate the playbook against always-escalate on retail and read the KPI table.
import type { Locator } from "@playwright/test";

import { expect, saveScreenshot, test } from "./fixtures";

/** A mean and its 95% CI as the tables print them: "80.0% [68.0%, 90.0%]", "−$9.00 [−$9.50, −$8.40]". */
const ESTIMATE = /^[−-]?\$?[\d,]+(\.\d+)?(%| min)? \[[−-]?\$?[\d,]+(\.\d+)?(%| min)?, [−-]?\$?[\d,]+(\.\d+)?(%| min)?\]$/;

/** The table's cell in the row headed `row` and the column headed `column`. */
async function cell(table: Locator, row: string, column: string): Promise<Locator> {
  const headers = (await table.getByRole("columnheader").allTextContents()).map((text) => text.trim());
  const index = headers.indexOf(column);
  expect(index, `column ${column} in ${headers.join(", ")}`).toBeGreaterThan(0);
  const line = table.getByRole("row").filter({ has: table.page().getByRole("rowheader", { name: row, exact: true }) });
  return line.getByRole("cell").nth(index - 1);
}

test("compares the playbook with always-escalate on retail", async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto("/analytics");
  await expect(page.getByRole("heading", { level: 1, name: "Analytics" })).toBeVisible();
  const form = page.getByRole("form", { name: "New evaluation" });
  const policies = form.getByRole("group", { name: "Policies" });
  await policies.getByLabel("Playbook", { exact: true }).check();
  await policies.getByLabel("Always escalate", { exact: true }).check();
  await form.getByRole("group", { name: "Scenarios" }).getByLabel("retail", { exact: true }).check();
  await form.getByLabel("Episodes").fill("50");
  await form.getByLabel("Seed").fill("0");
  await form.getByLabel("Name").fill("Playbook vs always escalate");
  await form.getByRole("button", { name: "Run evaluation" }).click();

  await expect(page).toHaveURL(/[?&]evaluation=\d+/);
  await expect(page.getByRole("status", { name: "Evaluation status" })).toHaveText("Completed", { timeout: 120_000 });
  await expect(page.getByRole("heading", { name: /^Evaluation #\d+: Playbook vs always escalate$/ })).toBeVisible();

  const kpis = page.getByRole("table", { name: "KPIs on retail" });
  await expect(kpis.getByRole("columnheader", { name: "Playbook", exact: true })).toBeVisible();
  await expect(kpis.getByRole("columnheader", { name: "Always escalate", exact: true })).toBeVisible();
  const measures = ["Episode return", "CSAT", "Resolved", "Escalated", "Abandoned", "Turns", "Handle time", "Net value"];
  for (const measure of measures) {
    for (const policy of ["Playbook", "Always escalate"]) {
      await expect(await cell(kpis, measure, policy), `${measure} of ${policy}`).toHaveText(ESTIMATE);
    }
  }
  // Always escalating escalates every contact; the playbook escalates fewer.
  await expect(await cell(kpis, "Escalated", "Always escalate")).toHaveText(/^100\.0% /);
  const playbookEscalated = (await (await cell(kpis, "Escalated", "Playbook")).textContent()) ?? "";
  expect(Number(/^([\d.]+)%/.exec(playbookEscalated)?.[1])).toBeLessThan(100);

  const roi = page.getByRole("table", { name: "ROI against the playbook" });
  await expect(roi.getByRole("rowheader", { name: "Always escalate", exact: true })).toBeVisible();
  await expect(await cell(roi, "Always escalate", "retail")).toHaveText(/\$[\d,]+/);
  await expect(page.getByRole("figure", { name: "Normalized score by scenario" })).toBeVisible();
  await saveScreenshot(page, "analytics");
});
