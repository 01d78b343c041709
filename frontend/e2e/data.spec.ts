// Data: a log file with a bad line is refused with its line and field; logs written by
// `supportgym logs sample` are summarized, evaluated off-policy beside the simulator and
// calibrated, and past analyses open again.
import type { Locator, Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { expect, saveScreenshot, statValue, test } from "./fixtures";
import { SUPPORTGYM } from "./server";

/** A mean and its 95% CI as the tables print them: "0.54 [0.37, 0.70]", "70.2% [64.2%, 73.1%]". */
const ESTIMATE = /^[−-]?\$?[\d,]+(\.\d+)?(%| min)? \[[−-]?\$?[\d,]+(\.\d+)?(%| min)?, [−-]?\$?[\d,]+(\.\d+)?(%| min)?\]$/;
/** Analyses run in a worker: about 5 to 30 s each on two cores. */
const ANALYSIS_TIMEOUT = 150_000;

const record = (turn: number, action: string) =>
  JSON.stringify({
    contact_id: "c1",
    industry: "retail",
    inquiry_type: "order_status",
    tier: "standard",
    turn,
    action,
    sentiment: 0.1,
    ...(turn === 1 ? { resolved: true, csat: 4 } : {}),
  });

let dir = "";

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "supportgym-e2e-logs-"));
  writeFileSync(join(dir, "bad.jsonl"), `${record(0, "empathize")}\n${record(1, "dance")}\n`);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("SUPPORTGYM_")));
  execFileSync(SUPPORTGYM, ["logs", "sample", "--contacts", "300", "--seed", "4", "-o", join(dir, "week.jsonl.gz")], {
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
});

test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The table's cell in the row headed `row` and the column headed `column`. */
async function cell(table: Locator, row: string, column: string): Promise<Locator> {
  const headers = (await table.getByRole("columnheader").allTextContents()).map((text) => text.trim());
  const index = headers.indexOf(column);
  expect(index, `column ${column} in ${headers.join(", ")}`).toBeGreaterThan(0);
  const line = table.getByRole("row").filter({ has: table.page().getByRole("rowheader", { name: row, exact: true }) });
  return line.getByRole("cell").nth(index - 1);
}

/** The analysis open at the bottom of the page, once its worker has finished it. */
async function waitForAnalysis(page: Page, title: RegExp): Promise<void> {
  await expect(page).toHaveURL(/[?&]analysis=\d+/);
  await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await expect(page.getByRole("status", { name: "Analysis status" })).toHaveText("Completed", {
    timeout: ANALYSIS_TIMEOUT,
  });
}

test("uploads logs, evaluates policies off-policy beside the simulator and calibrates a scenario", async ({ page }) => {
  test.setTimeout(420_000);
  await page.goto("/data");
  await expect(page.getByRole("heading", { level: 1, name: "Data" })).toBeVisible();
  await expect(page.getByText("No datasets yet")).toBeVisible();
  const upload = page.getByRole("form", { name: "Upload logs" });
  const datasets = page.getByRole("region", { name: "Datasets" });

  await test.step("a file with an unknown action on line 2 is refused, with its line and field", async () => {
    await upload.getByLabel("Log file").setInputFiles(join(dir, "bad.jsonl"));
    await expect(upload.getByLabel("Dataset name")).toHaveValue("bad");
    await upload.getByRole("button", { name: "Upload" }).click();
    const alert = upload.getByRole("alert");
    await expect(alert).toContainText("Not uploaded: the logs have 1 problem");
    const problem = alert
      .getByRole("table", { name: "Log problems" })
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "line 2: action", exact: true }) });
    await expect(problem).toContainText("Input should be 'empathize'");
    await expect(datasets.getByText("No datasets yet")).toBeVisible();
  });

  await test.step("good logs are stored and summarized", async () => {
    await upload.getByLabel("Log file").setInputFiles(join(dir, "week.jsonl.gz"));
    await expect(upload.getByRole("alert")).toHaveCount(0);
    await upload.getByLabel("Dataset name").fill("week-48");
    await upload.getByRole("button", { name: "Upload" }).click();
    await expect(upload.getByRole("status")).toHaveText("Uploaded week-48: 300 contacts, 1,266 turns.");
    await expect(page).toHaveURL(/\/data\/\d+$/);

    const row = datasets.getByRole("row").filter({ has: page.getByRole("link", { name: "week-48", exact: true }) });
    await expect(row).toContainText("week.jsonl.gz");
    await expect(row).toContainText("1,266");
    await expect(row).toContainText("retail");
    await expect(row.locator("code").nth(1)).toHaveText(/^[0-9a-f]{12}$/);

    await expect(page.getByRole("heading", { level: 2, name: "week-48" })).toBeVisible();
    const summary = page.getByRole("table", { name: "Field summary" });
    const inquiry = summary.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "inquiry_type" }) });
    await expect(inquiry).toContainText("Contact");
    await expect(inquiry).toContainText("300 (100%)");
    await expect(inquiry).toContainText("order_status");
    const action = summary.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "action", exact: true }) });
    await expect(action).toContainText("1,266 (100%)");
    const csat = summary.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "csat", exact: true }) });
    await expect(csat).toContainText(/1 … 5 · mean \d\.\d\d/);
    await expect(page.getByText("No analyses yet")).toBeVisible();
  });

  await test.step("an off-policy evaluation sets the simulator's value beside each estimate", async () => {
    const form = page.getByRole("form", { name: "Evaluate policies on the logs" });
    const policies = form.getByRole("group", { name: "Policies" });
    await expect(policies.getByLabel("Oracle", { exact: true })).toHaveCount(0);
    await policies.getByLabel("Playbook", { exact: true }).check();
    await policies.getByLabel("Random", { exact: true }).check();
    await form.getByLabel("Simulate in").selectOption("retail");
    await form.getByLabel("Resamples").fill("20");
    await form.getByRole("button", { name: "Run off-policy evaluation" }).click();
    await waitForAnalysis(page, /^Off-policy evaluation #\d+$/);

    const estimates = page.getByRole("table", { name: "Estimates for Playbook" });
    for (const column of ["PDIS", "WPDIS", "DR", "FQE", "Simulated in retail"]) {
      await expect(estimates.getByRole("columnheader", { name: column, exact: true })).toBeVisible();
    }
    for (const measure of ["Return", "CSAT", "Resolved", "Escalated", "Abandoned", "Handle time", "Net value"]) {
      for (const column of ["DR", "Simulated in retail"]) {
        await expect(await cell(estimates, measure, column), `${measure} by ${column}`).toHaveText(ESTIMATE);
      }
    }
    const diagnostics = page.getByLabel("Diagnostics of Random");
    await expect(statValue(diagnostics, "Effective contacts")).toHaveText(/^[\d,]+\.\d$/);
    await expect(statValue(diagnostics, "Matched contacts")).toHaveText(/^[\d,]+$/);
    await expect(statValue(diagnostics, "Off support")).toHaveText(/^\d+\.\d%$/);
    // Random takes actions the logging playbook rarely does: the page says so.
    const warnings = page.getByRole("note", { name: "Warnings for Random" });
    await expect(warnings).toBeVisible();
    await expect(warnings).toContainText("leaves the logs' support");
    await expect(page.getByRole("figure", { name: "Return of Playbook: estimates and simulator" })).toBeVisible();
    await saveScreenshot(page, "data");
  });

  await test.step("a calibration charts the logs against the base and the fitted scenarios", async () => {
    const form = page.getByRole("form", { name: "Calibrate a scenario" });
    await expect(form.getByLabel("Base scenario")).toHaveValue("retail");
    await form.getByLabel("Budget").fill("3");
    await form.getByRole("button", { name: "Run calibration" }).click();
    await waitForAnalysis(page, /^Calibration #\d+$/);

    const fit = page.getByLabel("Calibration fit");
    await expect(statValue(fit, "Distance before")).toHaveText(/^[\d,]+\.\d$/);
    await expect(statValue(fit, "Distance after")).toHaveText(/^[\d,]+\.\d$/);
    await expect(page.getByRole("link", { name: "retail-calibrated", exact: true })).toBeVisible();

    const outcomes = page.getByRole("figure", { name: "Outcomes (share of contacts): all contacts" });
    await expect(outcomes).toBeVisible();
    await expect(outcomes.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await expect(outcomes.locator(".recharts-errorBar").first()).toBeAttached();
    await expect(outcomes.locator(".recharts-legend-item-text")).toHaveText([
      "Logs (95% CI)",
      "Base: retail",
      "Fitted: retail-calibrated",
    ]);
    await page.getByLabel("Statistics of").selectOption("order_status");
    await expect(page.getByRole("figure", { name: "Outcomes (share of contacts): order status" })).toBeVisible();

    const parameters = page.getByRole("table", { name: "Changed parameters" });
    const weight = parameters
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: "inquiries[order_status].weight", exact: true }) });
    await expect(weight).toContainText("read off the logs");
    const statistics = page.getByRole("table", { name: "Every statistic" });
    await expect(statistics.getByTitle("Inside the logs' 95% CI").first()).toHaveText("✓");
    // The fitted scenario has joined the catalogue: the forms can pick it.
    await expect(
      page.getByRole("form", { name: "Evaluate policies on the logs" }).getByLabel("Simulate in").locator("option"),
    ).toContainText(["retail-calibrated"]);
    await saveScreenshot(page, "data-calibration");
  });

  await test.step("past analyses open again", async () => {
    const analyses = page.getByRole("table", { name: "Analyses" });
    await expect(analyses.getByRole("row")).toHaveCount(3);
    await analyses.getByRole("link", { name: /^Off-policy evaluation #\d+$/ }).click();
    await expect(page.getByRole("heading", { level: 2, name: /^Off-policy evaluation #\d+$/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Estimates for Random" })).toBeVisible();
    await expect(analyses.getByRole("row").nth(2)).toContainText("simulated in retail · 20 resamples");
  });
});
