// A run page after the server dies mid-run and starts again: the run is interrupted, resumable.
import { expect, saveScreenshot, test } from "./fixtures";

test("reloads a run page after a server restart and resumes the interrupted run", async ({ page, server }) => {
  test.setTimeout(240_000);
  await page.goto("/training");
  const form = page.getByRole("form", { name: "New training run" });
  await form.getByLabel("Algorithm").selectOption("ppo");
  await form.getByLabel("Scenario").selectOption("retail");
  // Long enough to be cut off, with a checkpoint every 1,000 steps to resume from.
  await form.getByLabel("Timesteps").fill("10000");
  await form.getByLabel("Parallel envs").fill("4");
  await form.getByLabel("Hyperparameter overrides").fill("n_steps=64\nbatch_size=64");
  await form.getByRole("button", { name: "Start training" }).click();
  await expect(page).toHaveURL(/\/runs\/\d+$/, { timeout: 30_000 });

  const status = page.getByRole("status", { name: "Run status" });
  const progress = page.getByRole("progressbar", { name: "Training progress" });
  await expect(status).toHaveText("Running", { timeout: 90_000 });
  // Past the first checkpoint (1,000 steps), well before the end.
  await expect
    .poll(async () => Number(await progress.getAttribute("aria-valuenow")), { timeout: 90_000 })
    .toBeGreaterThanOrEqual(15);
  expect(Number(await progress.getAttribute("aria-valuenow"))).toBeLessThan(100);

  await server.restart();
  await page.reload();
  await expect(status).toHaveText("Interrupted");
  await expect(page.getByText("The run stopped without finishing")).toBeVisible();
  const resume = page.getByRole("button", { name: "Resume run" });
  await expect(resume).toBeEnabled();
  await expect(page.getByRole("button", { name: "Cancel run" })).toBeDisabled();
  await saveScreenshot(page, "run-interrupted");

  // The server accepts the resume (there is a checkpoint); the suite needs no more of the run.
  await resume.click();
  await expect(status).toHaveText(/Queued|Running/);
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.getByRole("button", { name: "Cancel run" }).click();
  await expect(status).toHaveText("Cancelled", { timeout: 30_000 });
  await expect(resume).toBeEnabled();
});
