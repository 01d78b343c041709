import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import type { RunPublic } from "../../client";
import { json, mockApi, renderWithProviders } from "../../test/render";
import runFixture from "../runs/fixtures/run.json";
import { RunsCard } from "./RunsCard";

const run = (overrides: Partial<RunPublic>): RunPublic => ({ ...(runFixture as RunPublic), ...overrides });

describe("RunsCard", () => {
  it("lists runs with their status, progress and a link to each", async () => {
    mockApi({
      "GET /api/runs": () =>
        json({
          data: [
            run({ id: 5, status: "running", progress: 0.25, timesteps_done: 750, total_timesteps: 3000 }),
            run({ id: 4 }),
          ],
          count: 2,
        }),
    });
    renderWithProviders(<RunsCard />);
    const table = await screen.findByRole("table", { name: "Training runs" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent("Running");
    expect(rows[1]).toHaveTextContent("750 / 3,000");
    const progress = within(rows[1]).getByRole("progressbar", { name: "Run #5 progress" });
    expect(progress).toHaveAttribute("aria-valuenow", "25");
    expect(rows[2]).toHaveTextContent("Completed");
    expect(rows[2]).toHaveTextContent("PPO");
    expect(rows[2]).toHaveTextContent("bfsi · curriculum");
    expect(within(table).getByRole("link", { name: "Run #4" })).toHaveAttribute("href", "/runs/4");
  });

  it("asks the server for the chosen status only", async () => {
    const fetch = mockApi({
      "GET /api/runs": (request) =>
        new URL(request.url).searchParams.get("status") === "failed"
          ? json({ data: [], count: 0 })
          : json({ data: [run({ id: 4 })], count: 1 }),
    });
    const user = userEvent.setup();
    renderWithProviders(<RunsCard />);
    await screen.findByRole("table", { name: "Training runs" });

    await user.selectOptions(screen.getByLabelText("Status"), "failed");
    expect(await screen.findByText("No failed runs")).toBeInTheDocument();
    const last = fetch.mock.calls.at(-1)?.[0] as Request;
    expect(new URL(last.url).searchParams.get("status")).toBe("failed");
  });

  it("refreshes while a run is queued or running", async () => {
    let calls = 0;
    mockApi({
      "GET /api/runs": () => {
        calls += 1;
        return json({ data: [run({ id: 6, status: calls === 1 ? "queued" : "completed" })], count: 1 });
      },
    });
    renderWithProviders(<RunsCard />);
    expect(await screen.findByText("Queued")).toBeInTheDocument();
    expect(await screen.findByText("Completed", {}, { timeout: 5000 })).toBeInTheDocument();
    await act(() => new Promise((resolve) => setTimeout(resolve, 2500)));
    expect(calls).toBe(2);
  });

  it("explains an empty list", async () => {
    mockApi({ "GET /api/runs": () => json({ data: [], count: 0 }) });
    renderWithProviders(<RunsCard />);
    expect(await screen.findByText("No runs yet")).toBeInTheDocument();
  });

  it("shows a load error with a retry", async () => {
    mockApi({ "GET /api/runs": () => json({ detail: "database is locked", errors: [] }, 503) });
    renderWithProviders(<RunsCard />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not load the runs");
    expect(alert).toHaveTextContent("database is locked");
  });
});
