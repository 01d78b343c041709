// Explain and deploy: a tiny run is distilled into rules on its Explain tab, deployed
// with a threshold its unsure model never reaches (so the playbook decides, highlighted),
// deployed again with no threshold as version 2, rolled back to version 1, and every
// decision appears in the recent decisions with the version that answered.
import type { APIRequestContext, Locator, Page } from "@playwright/test";

import { expect, saveScreenshot, statValue, test } from "./fixtures";

/** A worker explains or builds a version of a tiny run in about 10 to 30 s on two cores. */
const WORKER_TIMEOUT = 120_000;

/** Trains a tiny PPO run on retail through the API and waits for its model. */
async function trainTinyRun(request: APIRequestContext): Promise<number> {
  const created = await request.post("/api/runs", {
    data: {
      algorithm: "ppo",
      scenario: "retail",
      timesteps: 2048,
      n_envs: 4,
      seed: 0,
      overrides: { n_steps: 64, batch_size: 64 },
    },
  });
  expect(created.status(), await created.text()).toBe(202);
  const { id } = (await created.json()) as { id: number };
  await expect
    .poll(async () => ((await (await request.get(`/api/runs/${id}`)).json()) as { status: string }).status, {
      timeout: WORKER_TIMEOUT,
      intervals: [500],
    })
    .toBe("completed");
  return id;
}

/** Deploys the run picked in the form under `name` with `threshold`, and waits until that version answers. */
async function deploy(page: Page, runId: number, name: string, threshold: string, version: number): Promise<void> {
  const form = page.getByRole("form", { name: "Deploy a run" });
  await form.getByLabel("Run").selectOption(String(runId));
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Threshold").fill(threshold);
  await form.getByRole("button", { name: "Deploy" }).click();
  await expect(page).toHaveURL(new RegExp(`/deployments/${name}$`));
  await expect(page.getByRole("status", { name: "Deployment status" })).toHaveText(`v${version} active`, {
    timeout: WORKER_TIMEOUT,
  });
}

/** Decides a new contact's first turn from the features form (the state every contact starts in). */
async function decideFeatures(page: Page, contact: string): Promise<Locator> {
  await page.getByRole("tab", { name: "Features" }).click();
  const form = page.getByRole("form", { name: "Decide from the features" });
  await form.getByLabel("Contact").fill(contact);
  await form.getByRole("button", { name: "Decide" }).click();
  const answer = page.getByRole("region", { name: "Decision", exact: true });
  await expect(answer).toBeVisible();
  return answer;
}

test("explains a run, deploys it twice, decides with and without fallbacks and rolls back", async ({ page, request }) => {
  test.setTimeout(420_000);
  const runId = await trainTinyRun(request);

  await test.step("the Explain tab distils the model into rules with their fidelity and importances", async () => {
    await page.goto(`/runs/${runId}`);
    await page.getByRole("tab", { name: "Explain" }).click();
    await expect(page).toHaveURL(new RegExp(`/runs/${runId}\\?tab=explain$`));
    await expect(page.getByRole("status", { name: "Explanation status" })).toHaveText("Not explained");
    await page.getByRole("button", { name: "Explain", exact: true }).click();
    await expect(page.getByRole("status", { name: "Explanation status" })).toHaveText("Explained", {
      timeout: WORKER_TIMEOUT,
    });
    await expect(statValue(page.getByLabel("Fidelity", { exact: true }), "Fidelity")).toHaveText(
      /^\d+(\.\d)?% \[\d+(\.\d)?%, \d+(\.\d)?%\]$/,
    );
    const rules = page.getByRole("list", { name: "Rules" }).getByRole("listitem");
    expect(await rules.count()).toBeGreaterThan(0);
    await expect(rules.first()).toContainText(/→/);
    await expect(page.getByText(`tree:run:${runId}`)).toBeVisible();
    await expect(page.getByRole("figure", { name: "Feature importance" })).toBeVisible();
    // The page opens on the same tab when reloaded.
    await page.reload();
    await expect(page.getByRole("status", { name: "Explanation status" })).toHaveText("Explained");
    await saveScreenshot(page, "explain");
  });

  await test.step("version 1: the model is never sure enough for a threshold of 0.99, so the playbook decides", async () => {
    await page.getByRole("link", { name: "Deploy this run" }).click();
    await expect(page).toHaveURL(new RegExp(`/deployments\\?run=${runId}$`));
    await expect(page.getByText("No deployments yet")).toBeVisible();
    await deploy(page, runId, "retail-prod", "0.99", 1);
    const answer = await decideFeatures(page, "c-1");
    await expect(answer.getByRole("note", { name: "Fallback" })).toContainText(/threshold/);
    await expect(statValue(answer.getByLabel("Answer"), "Version")).toHaveText("retail-prod v1");
  });

  await test.step("version 2 with no threshold: the model decides; rolling back makes version 1 answer again", async () => {
    await deploy(page, runId, "retail-prod", "0", 2);
    const versions = page.getByRole("table", { name: "Versions of retail-prod" });
    await expect(versions.getByRole("row")).toHaveCount(3);
    const answer = await decideFeatures(page, "c-2");
    await expect(answer.getByRole("note", { name: "Fallback" })).toHaveCount(0);
    await expect(statValue(answer.getByLabel("Answer"), "Version")).toHaveText("retail-prod v2");

    await page.getByRole("button", { name: "Roll back to v1" }).click();
    await expect(page.getByRole("status", { name: "Deployment status" })).toHaveText("v1 active");
    await expect(versions.getByRole("row").filter({ hasText: "v2" })).not.toContainText("Active");
    await expect(page.getByRole("button", { name: "Make v2 active" })).toBeEnabled();
  });

  await test.step("the recent decisions list every decision with its version, fallbacks highlighted", async () => {
    const decisions = page.getByRole("table", { name: "Recent decisions of retail-prod" });
    const rows = decisions.locator("tbody tr");
    await expect(rows).toHaveCount(2, { timeout: 15_000 });
    const first = rows.filter({ hasText: "c-1" });
    await expect(first).toHaveClass(/row-fallback/);
    await expect(first).toContainText("Playbook");
    await expect(first).toContainText("v1");
    const second = rows.filter({ hasText: "c-2" });
    await expect(second).not.toHaveClass(/row-fallback/);
    await expect(second).toContainText("v2");
    await saveScreenshot(page, "deployments");
  });
});
