// The playground: play a conversation by clicking, by keys 1–8, and by letting the playbook play.
import type { Locator, Page } from "@playwright/test";

import { expect, saveScreenshot, statValue, test } from "./fixtures";

const MAX_TURNS = 20; // the retail scenario's limit: every episode ends by then

/** Starts a retail episode with a fixed customer and waits until the agent may act. */
async function startEpisode(page: Page, seed: number): Promise<void> {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Playground" })).toBeVisible();
  const form = page.getByRole("form", { name: "New episode" });
  await form.getByLabel("Scenario").selectOption("retail");
  await form.getByLabel("Seed").fill(String(seed));
  await form.getByRole("button", { name: "Start episode" }).click();
  await expect(page).toHaveURL(/[?&]session=[0-9a-f]{32}/);
  await expect(status(page)).toHaveAccessibleName("Episode status: In progress");
  await expect(transcriptEntries(page)).toHaveCount(1); // the customer's opening line
}

function status(page: Page): Locator {
  return page.getByRole("status", { name: /^Episode status:/ });
}

function actionButtons(page: Page): Locator {
  return page.getByRole("group", { name: "Agent actions" }).getByRole("button");
}

function transcriptEntries(page: Page): Locator {
  return page.getByRole("log", { name: "Conversation transcript" }).getByRole("listitem");
}

async function inProgress(page: Page): Promise<boolean> {
  return (await status(page).getAttribute("aria-label")) === "Episode status: In progress";
}

/** Each turn adds the agent's action and the customer's reply to the transcript. */
async function expectTurns(page: Page, turns: number): Promise<void> {
  await expect(transcriptEntries(page)).toHaveCount(1 + 2 * turns);
}

async function expectEpisodeSummary(page: Page, turns: number): Promise<void> {
  await expect(status(page)).not.toHaveAccessibleName("Episode status: In progress");
  const kpis = page.getByRole("region", { name: "Episode summary" }).getByLabel("Episode KPIs");
  await expect(kpis).toBeVisible();
  for (const label of ["Total reward", "CSAT", "Resolved", "Escalated", "Abandoned", "Handle time", "Net value"]) {
    await expect(statValue(kpis, label)).not.toHaveText("");
  }
  await expect(statValue(kpis, "Turns")).toHaveText(String(turns));
  for (const button of await actionButtons(page).all()) await expect(button).toBeDisabled();
}

test("plays an episode to the end by clicking the action buttons", async ({ page }) => {
  await startEpisode(page, 7);
  await expect(actionButtons(page)).toHaveCount(8);

  let turns = 0;
  while (await inProgress(page)) {
    expect(turns, "the episode should end within the scenario's turn limit").toBeLessThan(MAX_TURNS);
    const standard = actionButtons(page).filter({ hasText: "Standard solution" });
    const button = (await standard.isEnabled()) ? standard : actionButtons(page).and(page.locator(":enabled")).first();
    await button.click();
    turns += 1;
    await expectTurns(page, turns);
  }

  await expectEpisodeSummary(page, turns);
  await saveScreenshot(page, "playground-clicks");
});

test("plays an episode by pressing keys 1–8", async ({ page }) => {
  await startEpisode(page, 11);
  for (const [index, button] of (await actionButtons(page).all()).entries()) {
    await expect(button).toHaveAttribute("aria-keyshortcuts", String(index + 1));
  }

  // Each key once, in order (8 closes the case), then the standard solution (3) until the end.
  let turns = 0;
  const keys = ["1", "2", "3", "4", "5", "6", "7", "8"];
  while (await inProgress(page)) {
    expect(turns, "the episode should end within the scenario's turn limit").toBeLessThan(MAX_TURNS);
    const key = keys.shift() ?? "3";
    if (!(await actionButtons(page).nth(Number(key) - 1).isEnabled())) continue;
    await page.keyboard.press(key);
    turns += 1;
    await expectTurns(page, turns);
  }

  await expectEpisodeSummary(page, turns);
  // After the end the keys do nothing.
  await page.keyboard.press("3");
  await page.waitForTimeout(300);
  await expectTurns(page, turns);
  await saveScreenshot(page, "playground-keys");
});

test("lets the playbook play and shows its action probabilities", async ({ page }) => {
  await startEpisode(page, 3);
  const policy = page.getByRole("region", { name: "Let a policy play" });
  await policy.getByLabel("Policy").selectOption("playbook");

  await policy.getByRole("button", { name: "Play one step" }).click();
  await expectTurns(page, 1);
  await expect(policy.getByRole("heading", { name: "Playbook at turn 1" })).toBeVisible();
  const probabilities = policy.getByRole("list", { name: "Latest action probabilities" });
  await expect(probabilities.getByRole("listitem")).toHaveCount(8);
  await expect(probabilities.getByRole("listitem").filter({ hasText: "(chosen)" })).toHaveCount(1);
  await expect(probabilities.getByRole("listitem").filter({ hasText: "(chosen)" })).toContainText(/\d+(\.\d)?%/);

  await policy.getByRole("button", { name: "Play to the end" }).click();
  await expect(status(page)).not.toHaveAccessibleName("Episode status: In progress", { timeout: 30_000 });
  const turns = (await transcriptEntries(page).count() - 1) / 2;
  expect(turns).toBeGreaterThan(1);
  await expect(policy.getByRole("heading", { name: `Playbook at turn ${turns}` })).toBeVisible();
  // Every agent turn in the transcript was the playbook's, with its probabilities.
  const transcript = page.getByRole("log", { name: "Conversation transcript" });
  await expect(transcript.getByText("Playbook", { exact: true })).toHaveCount(turns);
  await expect(transcript.getByText("Action probabilities", { exact: true })).toHaveCount(turns);
  await transcript.getByText("Action probabilities", { exact: true }).first().click();
  await expect(transcript.getByRole("list", { name: "Action probabilities at turn 1" }).getByRole("listitem")).toHaveCount(8);

  await expectEpisodeSummary(page, turns);
  await saveScreenshot(page, "playground");
});
