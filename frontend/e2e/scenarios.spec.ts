// The scenario library: a bad upload is refused with its problem shown by field, a good one joins.
import type { Locator, Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { expect, saveScreenshot, test } from "./fixtures";
import { REPO_ROOT } from "./server";

/** The built-in retail scenario's YAML as a new scenario called `name`, with `difficulty`. */
function retailCopy(name: string, difficulty: string): Buffer {
  const yaml = readFileSync(join(REPO_ROOT, "src/supportgym/sim/scenarios/retail.yaml"), "utf8");
  const copy = yaml.replace(/^name: retail$/m, `name: ${name}`).replace(/^difficulty: .*$/m, `difficulty: ${difficulty}`);
  expect(copy).toContain(`name: ${name}\n`);
  expect(copy).toContain(`difficulty: ${difficulty}\n`);
  return Buffer.from(copy);
}

async function chooseFile(form: Locator, name: string, contents: Buffer): Promise<void> {
  await form.getByLabel("Scenario file").setInputFiles({ name, mimeType: "text/yaml", buffer: contents });
  await expect(form.getByLabel("Scenario YAML")).toHaveValue(contents.toString());
}

/** The problems table's row for a field path. */
function problemRow(page: Page, path: string): Locator {
  return page
    .getByRole("alert")
    .getByRole("table", { name: "Scenario problems" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: path, exact: true }) });
}

test("shows a bad scenario's field error inline, and uploads a fixed one", async ({ page }) => {
  await page.goto("/scenarios");
  await expect(page.getByRole("heading", { level: 1, name: "Scenarios" })).toBeVisible();
  const library = page.getByRole("table", { name: "Scenario library" });
  for (const name of ["bfsi", "mixed", "retail", "tech"]) {
    await expect(library.getByRole("link", { name, exact: true })).toBeVisible();
  }

  const form = page.getByRole("form", { name: "Upload a scenario" });
  await chooseFile(form, "retail-e2e.yaml", retailCopy("retail-e2e", "2"));

  await form.getByRole("button", { name: "Validate" }).click();
  await expect(form.getByRole("alert")).toContainText("The scenario has 1 problem");
  await expect(problemRow(page, "difficulty")).toContainText("less than or equal to 1");

  await form.getByRole("button", { name: "Upload" }).click();
  await expect(form.getByRole("alert")).toContainText("Not uploaded: the scenario has 1 problem");
  await expect(problemRow(page, "difficulty")).toContainText("less than or equal to 1");
  await expect(library.getByRole("link", { name: "retail-e2e" })).toHaveCount(0);
  await saveScreenshot(page, "scenarios");

  await chooseFile(form, "retail-e2e.yaml", retailCopy("retail-e2e", "0.7"));
  await form.getByRole("button", { name: "Validate" }).click();
  await expect(form.getByRole("status")).toContainText("Valid: retail-e2e");
  await form.getByRole("button", { name: "Upload" }).click();
  await expect(form.getByRole("status")).toContainText("Uploaded retail-e2e");
  const uploaded = library.getByRole("row").filter({ has: page.getByRole("link", { name: "retail-e2e", exact: true }) });
  await expect(uploaded).toContainText("Uploaded");
  await expect(uploaded).toContainText("0.70");

  await form.getByRole("link", { name: "Open retail-e2e" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "retail-e2e" })).toBeVisible();
  await expect(page.getByLabel("Scenario overview")).toContainText("0.70");
  await saveScreenshot(page, "scenario-uploaded");
});
