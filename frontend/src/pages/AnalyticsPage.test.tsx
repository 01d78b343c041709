import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import type { EvaluationPublic } from "../client";
import baselinesFixture from "../features/analytics/fixtures/evaluation-baselines.json";
import transferFixture from "../features/analytics/fixtures/evaluation-transfer.json";
import { scenarioSummary } from "../test/fixtures";
import { json, mockApi, renderWithProviders } from "../test/render";
import { AnalyticsPage } from "./AnalyticsPage";

const BASELINES = baselinesFixture as EvaluationPublic;
const TRANSFER = transferFixture as EvaluationPublic;

const formRoutes = {
  "GET /api/scenarios": () =>
    json({ data: [scenarioSummary(), scenarioSummary({ name: "tech", industry: "tech" })], count: 2 }),
  "GET /api/models": () => json({ data: [], count: 0 }),
};

function renderAnalytics(route = "/analytics") {
  return renderWithProviders(<AnalyticsPage />, { route, path: "/analytics" });
}

describe("AnalyticsPage", () => {
  it("lists past evaluations and opens one's KPI table with CIs", async () => {
    mockApi({
      ...formRoutes,
      "GET /api/evaluations": () => json({ data: [TRANSFER, BASELINES], count: 2 }),
      "GET /api/evaluations/1": () => json(BASELINES),
    });
    const user = userEvent.setup();
    renderAnalytics();
    expect(await screen.findByText("No evaluation open")).toBeInTheDocument();
    const list = await screen.findByRole("table", { name: "Evaluations" });
    expect(within(list).getAllByRole("row")).toHaveLength(3);

    await user.click(within(list).getByRole("link", { name: /^#1 / }));
    expect(await screen.findByRole("status", { name: "Evaluation status" })).toHaveTextContent("Completed");
    const table = await screen.findByRole("table", { name: "KPIs on retail" });
    const headers = within(table).getAllByRole("columnheader").map((cell) => cell.textContent);
    expect(headers).toEqual(["Measure", "Playbook", "Always escalate", "Random"]);
    const resolved = within(table).getByRole("rowheader", { name: "Resolved" }).closest("tr");
    expect(resolved).toHaveTextContent("80.0% [68.0%, 90.0%]");
    expect(resolved).toHaveTextContent("38.0% [24.0%, 52.0%]");
    expect(screen.getByRole("figure", { name: "Resolved on retail" })).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "tech" }));
    const tech = await screen.findByRole("table", { name: "KPIs on tech" });
    expect(within(tech).getByRole("rowheader", { name: "Resolved" }).closest("tr")).toHaveTextContent("58.0%");

    const roi = screen.getByRole("table", { name: "ROI against the playbook" });
    const escalate = within(roi).getByRole("rowheader", { name: "Always escalate" }).closest("tr");
    expect(escalate).toHaveTextContent("−$70,720");
    expect(screen.getByRole("figure", { name: "Normalized score by scenario" })).toBeInTheDocument();
    expect(screen.getByText("No transfer matrix")).toBeInTheDocument();
  });

  it("shows the transfer heatmap of trained runs evaluated on several scenarios", async () => {
    mockApi({
      ...formRoutes,
      "GET /api/evaluations": () => json({ data: [TRANSFER], count: 1 }),
      "GET /api/evaluations/2": () => json(TRANSFER),
    });
    renderAnalytics("/analytics?evaluation=2");
    const matrix = await screen.findByRole("table", { name: "Transfer matrix" });
    const rows = within(matrix).getAllByRole("row");
    expect(within(rows[0]).getAllByRole("columnheader").map((cell) => cell.textContent)).toEqual([
      "Trained on ↓ · evaluated on →",
      "retail",
      "tech",
    ]);
    expect(within(rows[1]).getByRole("rowheader")).toHaveTextContent("retailRun #1 · ppo");
    const cells = within(rows[1]).getAllByRole("cell");
    const scores = cells.map((cell) => cell.querySelector(".heatmap-value")?.textContent);
    expect(scores).toEqual(["0.16", "0.26"]);
    expect(within(rows[2]).getByRole("rowheader")).toHaveTextContent("tech");
    expect(within(rows[2]).getAllByRole("cell")[1]).toHaveClass("heatmap-diagonal");
    expect(within(rows[2]).getAllByRole("cell")[0]).toHaveTextContent("-0.09 [-0.25, 0.06]");
  });

  it("starts an evaluation, opens it and follows it until its results arrive", async () => {
    let reads = 0;
    const pending = { ...BASELINES, id: 3, status: "pending", results: null } as EvaluationPublic;
    mockApi({
      ...formRoutes,
      "GET /api/evaluations": () => json({ data: [], count: 0 }),
      "POST /api/evaluations": () => json(pending, 202),
      "GET /api/evaluations/3": () => {
        reads += 1;
        return json(reads === 1 ? pending : { ...BASELINES, id: 3 });
      },
    });
    const user = userEvent.setup();
    renderAnalytics();
    expect(await screen.findByText("No evaluations yet")).toBeInTheDocument();

    await user.click(screen.getByLabelText("Playbook"));
    await user.click(await screen.findByLabelText("retail"));
    await user.click(screen.getByRole("button", { name: "Run evaluation" }));

    expect(await screen.findByRole("status", { name: "Evaluation status" })).toHaveTextContent("Pending");
    expect(screen.getByText("Waiting for a worker…")).toBeInTheDocument();
    expect(await screen.findByRole("table", { name: "KPIs on retail" }, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByRole("status", { name: "Evaluation status" })).toHaveTextContent("Completed");
  });

  it("explains a failed evaluation and an unknown one", async () => {
    mockApi({
      ...formRoutes,
      "GET /api/evaluations": () => json({ data: [], count: 0 }),
      "GET /api/evaluations/4": () =>
        json({ ...BASELINES, id: 4, status: "failed", results: null, error: "run 9 has no saved model" }),
      "GET /api/evaluations/5": () => json({ detail: "evaluation 5 not found", errors: [] }, 404),
    });
    const { unmount } = renderAnalytics("/analytics?evaluation=4");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The evaluation failed");
    expect(alert).toHaveTextContent("run 9 has no saved model");
    unmount();

    renderAnalytics("/analytics?evaluation=5");
    const missing = await screen.findByRole("alert");
    expect(missing).toHaveTextContent("Could not load evaluation #5");
    expect(missing).toHaveTextContent("evaluation 5 not found");
  });
});
