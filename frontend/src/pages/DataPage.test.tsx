import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import type { AnalysisPublic, RunPublic } from "../client";
import { CALIBRATION, DATASET, OPE, OPE_CLONED } from "../features/data/fixtures";
import { scenarioSummary } from "../test/fixtures";
import { json, mockApi, renderWithProviders } from "../test/render";
import { DataPage } from "./DataPage";

const RUN = {
  id: 7,
  algorithm: "ppo",
  scenario: "retail",
  status: "completed",
  has_model: true,
} as RunPublic;

function pending(analysis: AnalysisPublic): AnalysisPublic {
  return { ...analysis, status: "pending", calibration: null, ope: null };
}

const routes = {
  "GET /api/datasets": () => json({ data: [DATASET], count: 1 }),
  "GET /api/datasets/1": () => json(DATASET),
  "GET /api/scenarios": () =>
    json({
      data: [scenarioSummary(), scenarioSummary({ name: "tech", industry: "tech" }), scenarioSummary({ name: "retail-calibrated", source: "user" })],
      count: 3,
    }),
  "GET /api/runs": () => json({ data: [RUN], count: 1 }),
};

function renderData(route = "/data") {
  return renderWithProviders(<DataPage />, { route, path: "/data/:datasetId?" });
}

const posts = (fetch: ReturnType<typeof mockApi>) =>
  fetch.mock.calls.map(([request]) => request as Request).filter((request) => request.method === "POST");

describe("DataPage", () => {
  it("lists datasets and opens one's field summary", async () => {
    mockApi({ ...routes, "GET /api/datasets/1/analyses": () => json({ data: [], count: 0 }) });
    const user = userEvent.setup();
    renderData();
    expect(screen.getByText("No dataset open")).toBeInTheDocument();
    const list = await screen.findByRole("table", { name: "Datasets" });
    const row = within(list).getAllByRole("row")[1];
    expect(row).toHaveTextContent("week.jsonl.gz");
    expect(row).toHaveTextContent("300");
    expect(row).toHaveTextContent("1,266");
    expect(row).toHaveTextContent("retail");
    expect(row).toHaveTextContent("665d96325cf0");

    await user.click(within(list).getByRole("link", { name: "week-48" }));
    const summary = await screen.findByRole("table", { name: "Field summary" });
    const inquiry = within(summary).getByRole("rowheader", { name: "inquiry_type" }).closest("tr");
    expect(inquiry).toHaveTextContent("Contact");
    expect(inquiry).toHaveTextContent("300 (100%)");
    expect(inquiry).toHaveTextContent("order_status 96 (32%)");
    const sentiment = within(summary).getByRole("rowheader", { name: "sentiment" }).closest("tr");
    expect(sentiment).toHaveTextContent("Turn");
    expect(sentiment).toHaveTextContent("-1 … 0.979 · mean -0.276");
    expect(within(summary).getByRole("rowheader", { name: "contact_id" }).closest("tr")).toHaveTextContent(
      "300 distinct values",
    );
    expect(screen.getByText("No analyses yet")).toBeInTheDocument();
    expect(screen.getByLabelText("Base scenario")).toHaveValue("retail");
    expect(screen.getByLabelText("Budget")).toHaveValue("60");
  });

  it("runs an off-policy evaluation and shows the estimates beside the simulator's once completed", async () => {
    let reads = 0;
    let created = false;
    const fetch = mockApi({
      ...routes,
      "GET /api/datasets/1/analyses": () =>
        json({ data: created ? [reads > 1 ? OPE : pending(OPE)] : [], count: created ? 1 : 0 }),
      "POST /api/datasets/1/ope": () => {
        created = true;
        return json(pending(OPE), 202);
      },
      "GET /api/analyses/1": () => {
        reads += 1;
        return json(reads === 1 ? pending(OPE) : OPE);
      },
    });
    const user = userEvent.setup();
    renderData("/data/1");

    const form = await screen.findByRole("form", { name: "Evaluate policies on the logs" });
    const policies = within(form).getByRole("group", { name: "Policies" });
    expect(within(policies).queryByLabelText("Oracle")).not.toBeInTheDocument();
    await user.click(within(policies).getByLabelText("Playbook"));
    await user.click(within(policies).getByLabelText("Random"));
    expect(await within(policies).findByLabelText("Run #7 · ppo on retail")).not.toBeChecked();
    await user.selectOptions(within(form).getByLabelText("Simulate in"), "retail");
    await user.clear(within(form).getByLabelText("Resamples"));
    await user.type(within(form).getByLabelText("Resamples"), "20");
    await user.click(within(form).getByRole("button", { name: "Run off-policy evaluation" }));

    expect(await screen.findByRole("status", { name: "Analysis status" })).toHaveTextContent("Pending");
    expect(await posts(fetch)[0].json()).toEqual({
      policies: ["playbook", "random"],
      scenario: "retail",
      simulate: "retail",
      resamples: 20,
      seed: 0,
    });
    await waitFor(
      () => expect(screen.getByRole("status", { name: "Analysis status" })).toHaveTextContent("Completed"),
      { timeout: 5000 },
    );

    const table = await screen.findByRole("table", { name: "Estimates for Playbook" });
    const headers = within(table).getAllByRole("columnheader").map((cell) => cell.textContent);
    expect(headers).toEqual(["Measure", "PDIS", "WPDIS", "DR", "FQE", "Simulated in retail"]);
    const resolved = within(table).getByRole("rowheader", { name: "Resolved" }).closest("tr");
    expect(resolved).toHaveTextContent("70.2% [64.2%, 73.1%]");
    expect(resolved).toHaveTextContent("70.7% [65.4%, 75.7%]");
    expect(screen.getByRole("figure", { name: "Return of Playbook: estimates and simulator" })).toBeInTheDocument();

    const random = screen.getByRole("region", { name: "Random" });
    const diagnostics = within(random).getByLabelText("Diagnostics of Random");
    expect(diagnostics).toHaveTextContent("Effective contacts21.4");
    expect(diagnostics).toHaveTextContent("Matched contacts300");
    expect(diagnostics).toHaveTextContent("Off support43.9%");
    const warnings = within(random).getByRole("note", { name: "Warnings for Random" });
    expect(warnings).toHaveTextContent("2 warnings");
    expect(warnings).toHaveTextContent(/^2 warnings44% of this policy's choices/);
    expect(within(random).getByRole("table", { name: "Estimates for Random" })).toBeInTheDocument();
    expect(screen.queryByRole("note", { name: "Warnings for Playbook" })).not.toBeInTheDocument();
  });

  it("shows a calibration's fit, the parameters it moved and every statistic", async () => {
    mockApi({
      ...routes,
      "GET /api/datasets/1/analyses": () => json({ data: [CALIBRATION, OPE], count: 2 }),
      "GET /api/analyses/2": () => json(CALIBRATION),
    });
    const user = userEvent.setup();
    renderData("/data/1");

    const analyses = await screen.findByRole("table", { name: "Analyses" });
    expect(within(analyses).getAllByRole("row")[2]).toHaveTextContent(
      "Playbook, Random · replayed in retail · simulated in retail · 20 resamples · seed 0",
    );
    await user.click(within(analyses).getByRole("link", { name: "Calibration #2" }));
    const fit = await screen.findByLabelText("Calibration fit");
    expect(fit).toHaveTextContent("Distance before944.2");
    expect(fit).toHaveTextContent("Distance after326.365% closer");
    expect(fit).toHaveTextContent("Inside the logs' CIs99 of 110102 before");
    expect(screen.getByRole("link", { name: "retail-calibrated" })).toHaveAttribute(
      "href",
      "/scenarios/retail-calibrated?version=ec876a9996bc",
    );

    expect(screen.getByRole("figure", { name: "Outcomes (share of contacts): all contacts" })).toBeInTheDocument();
    expect(screen.getByRole("figure", { name: "Mood change after each action: all contacts" })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Statistics of"), "order_status");
    expect(screen.getByRole("figure", { name: "Outcomes (share of contacts): order status" })).toBeInTheDocument();

    const parameters = screen.getByRole("table", { name: "Changed parameters" });
    expect(within(parameters).getAllByRole("row")).toHaveLength(29);
    const defect = within(parameters).getByRole("rowheader", { name: "inquiries[product_defect].fix.escalation" });
    expect(defect.closest("tr")).toHaveTextContent("0.10.462+0.362simulated moments");
    expect(within(parameters).queryByRole("rowheader", { name: "customers.patience.mean" })).not.toBeInTheDocument();

    const statistics = screen.getByRole("table", { name: "Every statistic" });
    expect(within(statistics).getAllByRole("row")).toHaveLength(111);
    const resolved = within(statistics).getAllByRole("rowheader", { name: "Resolved" })[0].closest("tr");
    expect(resolved).toHaveTextContent("All contacts");
    expect(resolved).toHaveTextContent("54.3% [48.7%, 60.0%]");
    expect(within(resolved as HTMLElement).getAllByTitle("Inside the logs' 95% CI")).toHaveLength(2);
    const escalate = within(statistics).getAllByRole("rowheader", { name: "Resolved after escalate" })[0].closest("tr");
    expect(within(escalate as HTMLElement).getByTitle("Outside the logs' 95% CI")).toHaveTextContent("✗");
  });

  it("notes cloned propensities and defaulted features, with no simulator column", async () => {
    mockApi({
      ...routes,
      "GET /api/datasets/1/analyses": () => json({ data: [], count: 0 }),
      "GET /api/analyses/3": () => json(OPE_CLONED),
    });
    renderData("/data/1?analysis=3");
    const table = await screen.findByRole("table", { name: "Estimates for Always escalate" });
    expect(within(table).getAllByRole("columnheader").map((cell) => cell.textContent)).toEqual([
      "Measure",
      "PDIS",
      "WPDIS",
      "DR",
      "FQE",
    ]);
    const overview = screen.getByRole("region", { name: "Off-policy estimates" });
    expect(overview).toHaveTextContent("Cloned from the logs");
    expect(overview).toHaveTextContent("replayed at their defaults: progress, belief_technical");
    expect(screen.getByRole("figure", { name: "Return of Always escalate: estimates" })).toBeInTheDocument();
  });

  it("shows an analysis's failure, and the empty and error states", async () => {
    const failed: AnalysisPublic = { ...pending(CALIBRATION), status: "failed", error: "the logs have no contacts of retail" };
    mockApi({
      ...routes,
      "GET /api/datasets": () => json({ detail: "database is locked", errors: [] }, 503),
      "GET /api/datasets/1/analyses": () => json({ data: [failed], count: 1 }),
      "GET /api/analyses/2": () => json(failed),
    });
    renderData("/data/1?analysis=2");
    const list = await screen.findByRole("region", { name: "Datasets" });
    expect(await within(list).findByRole("alert", {}, { timeout: 10_000 })).toHaveTextContent(
      "Could not load the datasetsdatabase is locked",
    );
    expect(await screen.findByRole("status", { name: "Analysis status" })).toHaveTextContent("Failed");
    expect(screen.getByText("The calibration failed")).toBeInTheDocument();
    expect(screen.getByText("the logs have no contacts of retail")).toBeInTheDocument();
  });

  it("says when there is no such dataset", async () => {
    mockApi({
      ...routes,
      "GET /api/datasets": () => json({ data: [], count: 0 }),
      "GET /api/datasets/9": () => json({ detail: "dataset 9 not found", errors: [] }, 404),
    });
    renderData("/data/9");
    expect(await screen.findByText("No datasets yet")).toBeInTheDocument();
    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent("Could not load dataset #9");
    expect(alert).toHaveTextContent("dataset 9 not found");
  });
});
