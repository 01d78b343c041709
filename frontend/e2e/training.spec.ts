// Training: start a tiny PPO run from the form and follow it live to completion.
import type { Page } from "@playwright/test";

import { expect, saveScreenshot, statValue, test } from "./fixtures";

/** The number of points a metric chart's caption reports ("4 points up to step 2,048"). */
async function chartPoints(page: Page, chart: string): Promise<number> {
  const caption = await page.getByRole("figure", { name: chart }).locator("figcaption").textContent();
  const match = /^(\d+) points?/.exec(caption ?? "");
  return match ? Number(match[1]) : 0;
}

test("starts a tiny run from the form and watches it train to completion", async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto("/training");
  await expect(page.getByRole("heading", { level: 1, name: "Training" })).toBeVisible();
  const form = page.getByRole("form", { name: "New training run" });
  await form.getByLabel("Algorithm").selectOption("ppo");
  await form.getByLabel("Scenario").selectOption("retail");
  await form.getByLabel("Timesteps").fill("2048");
  await form.getByLabel("Parallel envs").fill("4");
  await form.getByLabel("Seed").fill("0");
  const overrides = form.getByLabel("Hyperparameter overrides");

  // Overrides are checked in the page, then by the server, each message under the field.
  await overrides.fill("n_steps 64");
  await form.getByRole("button", { name: "Start training" }).click();
  await expect(overrides).toHaveAttribute("aria-invalid", "true");
  await expect(overrides).toHaveAccessibleDescription(/Line 1: write key=value/);
  await overrides.fill("n_steps=64\nnot_a_hyperparameter=1");
  await form.getByRole("button", { name: "Start training" }).click();
  await expect(overrides).toHaveAccessibleDescription(/no hyperparameter not_a_hyperparameter/, { timeout: 30_000 });
  await expect(page).toHaveURL(/\/training$/);

  await overrides.fill("n_steps=64\nbatch_size=64");
  await form.getByRole("button", { name: "Start training" }).click();
  await expect(page).toHaveURL(/\/runs\/\d+$/, { timeout: 30_000 });
  const runId = Number(/\/runs\/(\d+)$/.exec(page.url())?.[1]);
  await expect(page.getByRole("heading", { level: 1, name: `Run #${runId}` })).toBeVisible();
  const status = page.getByRole("status", { name: "Run status" });
  await expect(status).toHaveText(/Queued|Running/);

  // Watch the return chart while the run trains: its points arrive over the WebSocket.
  const seen: number[] = [];
  const deadline = Date.now() + 150_000;
  while (!/Completed|Failed|Cancelled|Interrupted/.test((await status.textContent()) ?? "")) {
    expect(Date.now(), "the run should end within 150 s").toBeLessThan(deadline);
    const points = await chartPoints(page, "Episode return");
    if (seen.at(-1) !== points) seen.push(points);
    await page.waitForTimeout(100);
  }
  await expect(status).toHaveText("Completed");
  const final = await chartPoints(page, "Episode return");
  if (seen.at(-1) !== final) seen.push(final);
  // The chart grew on the open page (no reload): fewer points while training than at the end.
  const growth = `point counts seen while training: ${seen.join(" → ")}`;
  test.info().annotations.push({ type: "chart points", description: seen.join(" → ") });
  expect(seen, growth).toEqual([...seen].sort((a, b) => a - b));
  expect(seen.length, growth).toBeGreaterThanOrEqual(2);
  expect(final, growth).toBeGreaterThan(0);

  await expect(page.getByRole("progressbar", { name: "Training progress" })).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByRole("progressbar", { name: "Training progress" })).toHaveAttribute(
    "aria-valuetext",
    "100%, 2,048 of 2,048 timesteps",
  );
  for (const chart of ["Reward components", "Outcome rates"]) {
    await expect(page.getByRole("figure", { name: chart }).locator("figcaption")).toContainText(/^\d+ points? up to step 2,048/);
  }
  await expect(statValue(page.getByLabel("Timeline"), "Model")).toContainText("Saved");
  await expect(page.getByRole("button", { name: "Cancel run" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Resume run" })).toBeDisabled();
  await saveScreenshot(page, "training-run");

  await page.getByRole("link", { name: "← All runs" }).click();
  const row = page
    .getByRole("table", { name: "Training runs" })
    .getByRole("row")
    .filter({ has: page.getByRole("link", { name: `Run #${runId}`, exact: true }) });
  await expect(row).toContainText("Completed");
  await expect(row).toContainText("2,048 / 2,048");
  await saveScreenshot(page, "training");
});
