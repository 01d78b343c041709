import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useLocation } from "react-router";

import type { DeploymentPublic, RunPublic } from "../client";
import {
  DECISION_FALLBACK,
  DECISION_MODEL,
  DECISION_UNSURE,
  DECISIONS,
  DEPLOYMENTS,
  PENDING,
  versionsOf,
} from "../features/deployments/fixtures";
import runFixture from "../features/runs/fixtures/run.json";
import { RETAIL_SCENARIO } from "../test/fixtures";
import { json, mockApi, renderWithProviders } from "../test/render";
import { DeploymentsPage } from "./DeploymentsPage";

const [CANARY, PROD_V2, PROD_V1] = DEPLOYMENTS.data;
/** retail-prod before its roll back: v2 answers, v1 is ready. */
const V2_ACTIVE: DeploymentPublic[] = [
  { ...PROD_V2, active: true },
  { ...PROD_V1, active: false },
];

function run(id: number, overrides: Partial<RunPublic> = {}): RunPublic {
  return { ...(runFixture as RunPublic), id, scenario: "retail", scenario_version: "dde3645443ec", ...overrides };
}

/** A new contact's state as the features form sends it: every feature at 0 but retail's lowest urgency. */
const NEW_CONTACT = {
  sentiment: 0,
  sentiment_trend: 0,
  tier: 0,
  inquiry_type: 0,
  urgency: 0.1,
  turn_fraction: 0,
  progress: 0,
  belief_technical: 0,
  belief_escalation: 0,
  belief_compensation: 0,
  clarifications: 0,
  failed_attempts: 0,
  escalated: 0,
  compensated: 0,
  upsell_attempted: 0,
  resolved: 0,
  last_action: 0,
};

const routes = {
  "GET /api/deployments": () => json(DEPLOYMENTS),
  "GET /api/runs": () => json({ data: [run(1)], count: 1 }),
  "GET /api/deployments/retail-prod": () => json(versionsOf("retail-prod")),
  "GET /api/deployments/retail-prod/decisions": () => json(DECISIONS),
  "GET /api/scenarios/retail": () => json(RETAIL_SCENARIO),
};

/** Where the page is, to see it navigate. */
function Address() {
  const location = useLocation();
  return <p aria-label="Address">{location.pathname + location.search}</p>;
}

function renderDeployments(route = "/deployments") {
  return renderWithProviders(
    <>
      <DeploymentsPage />
      <Address />
    </>,
    { route, path: "/deployments/:name?" },
  );
}

const requests = (fetch: ReturnType<typeof mockApi>, method: string, path: string) =>
  fetch.mock.calls
    .map(([request]) => request as Request)
    .filter((request) => request.method === method && new URL(request.url).pathname === path);

const posts = (fetch: ReturnType<typeof mockApi>, path: string) => requests(fetch, "POST", path);

describe("DeploymentsPage", () => {
  it("lists every name's versions, newest first, with the one that answers marked", async () => {
    mockApi(routes);
    renderDeployments();
    expect(screen.getByText("No deployment open")).toBeInTheDocument();
    expect(screen.getByText(/Open one from the list above/)).toBeInTheDocument();

    const prod = await screen.findByRole("region", { name: "retail-prod" });
    expect(prod).toHaveTextContent("v1 answers: run #1 (ppo on retail@dde3645443ec), threshold 0.40");
    expect(within(prod).getByRole("link", { name: "retail-prod" })).toHaveAttribute("href", "/deployments/retail-prod");
    const rows = within(within(prod).getByRole("table", { name: "Versions of retail-prod" })).getAllByRole("row");
    expect(rows).toHaveLength(3);
    const [v2, v1] = rows.slice(1);
    expect(within(v2).getByRole("rowheader")).toHaveTextContent(/^v2$/);
    expect(v2).not.toHaveClass("row-active");
    expect(v2).toHaveTextContent("Run #1pporetail@dde3645443ec0.205Completed");
    expect(within(v2).getByRole("link", { name: "Run #1" })).toHaveAttribute("href", "/runs/1?tab=explain");
    expect(within(v2).getByRole("button", { name: "Make v2 active" })).toBeEnabled();
    expect(within(v1).getByRole("rowheader")).toHaveTextContent("v1 Active");
    expect(v1).toHaveClass("row-active");
    expect(v1).toHaveTextContent("0.40");
    expect(within(v1).queryByRole("button")).not.toBeInTheDocument();
    // v1 is the oldest: there is nothing to roll back to.
    expect(within(prod).getByRole("button", { name: "Roll back" })).toBeDisabled();

    const canary = screen.getByRole("region", { name: "retail-canary" });
    expect(canary).toHaveTextContent("v1 answers: run #1 (ppo on retail@dde3645443ec), threshold 0.30");
    const canaryRows = within(within(canary).getByRole("table", { name: "Versions of retail-canary" })).getAllByRole("row");
    expect(canaryRows).toHaveLength(2);
    expect(canaryRows[1]).toHaveClass("row-active");
    expect(within(canary).getByRole("button", { name: "Roll back" })).toHaveAttribute(
      "title",
      "No ready version before the active one",
    );
    // The server lists names in order; the page keeps it.
    const names = screen.getAllByRole("heading", { level: 3 }).map((heading) => heading.textContent);
    expect(names).toEqual(["retail-canary", "retail-prod"]);
  });

  it("deploys the run from the address as the next version, then opens the name until the version answers", async () => {
    let deployed = false;
    let reads = 0;
    const ready = { ...PROD_V1, id: PENDING.id, created_at: PENDING.created_at };
    const fetch = mockApi({
      ...routes,
      "GET /api/deployments": () => json({ data: deployed ? [PENDING] : [], count: deployed ? 1 : 0 }),
      "GET /api/runs": () =>
        json({ data: [run(7), run(1), run(4, { has_model: false })], count: 3 }),
      "POST /api/deployments": () => {
        deployed = true;
        return json(PENDING, 202);
      },
      "GET /api/deployments/retail-prod": () => {
        reads += 1;
        return json(versionsOf("retail-prod", [reads === 1 ? PENDING : ready]));
      },
      "GET /api/deployments/retail-prod/decisions": () => json({ data: [], count: 0 }),
    });
    const user = userEvent.setup();
    renderDeployments("/deployments?run=1");

    expect(await screen.findByText("No deployments yet")).toBeInTheDocument();
    const form = screen.getByRole("form", { name: "Deploy a run" });
    const runSelect = within(form).getByLabelText("Run");
    await waitFor(() => expect(runSelect).toHaveValue("1"));
    expect(within(runSelect).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Run #7 · ppo on retail",
      "Run #1 · ppo on retail",
    ]);
    expect(within(form).getByLabelText("Threshold")).toHaveValue("0.4");
    await user.type(within(form).getByLabelText("Name"), "retail-prod");
    await user.click(within(form).getByRole("button", { name: "Deploy" }));

    expect(await screen.findByText(/^Deploying run #1 as/)).toHaveTextContent(
      "Deploying run #1 as retail-prod v1: a worker builds it, then it answers.",
    );
    const sent = posts(fetch, "/api/deployments");
    expect(sent).toHaveLength(1);
    expect(await sent[0].json()).toEqual({ run_id: 1, name: "retail-prod", threshold: 0.4 });
    await waitFor(() => expect(screen.getByLabelText("Address")).toHaveTextContent(/^\/deployments\/retail-prod$/));

    const status = await screen.findByRole("status", { name: "Deployment status" });
    expect(status).toHaveTextContent("Building");
    expect(screen.getByText(/^Building v1: exporting the model, distilling its rules/)).toBeInTheDocument();
    expect(screen.queryByRole("tablist", { name: "State to decide" })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("status", { name: "Deployment status" })).toHaveTextContent("v1 active"), {
      timeout: 5000,
    });
    expect(await screen.findByRole("form", { name: "Decide from the conversation" })).toBeInTheDocument();
    expect(screen.getByText("No decisions yet")).toBeInTheDocument();
    expect(screen.getByText("Try one above, or call POST /api/deployments/retail-prod/decide.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "retail-prod" })).toHaveAttribute("aria-current", "true");
  });

  it("checks the form before calling the server", async () => {
    const fetch = mockApi({ ...routes, "GET /api/runs": () => json({ data: [], count: 0 }) });
    const user = userEvent.setup();
    renderDeployments();
    const form = screen.getByRole("form", { name: "Deploy a run" });
    const runSelect = within(form).getByLabelText("Run");
    await waitFor(() =>
      expect(runSelect).toHaveAccessibleDescription("No completed runs yet: train one on the Training page."),
    );
    const name = within(form).getByLabelText("Name");
    const threshold = within(form).getByLabelText("Threshold");
    await user.type(name, "Retail prod");
    await user.clear(threshold);
    await user.type(threshold, "1.5");
    await user.click(within(form).getByRole("button", { name: "Deploy" }));

    expect(runSelect).toHaveAccessibleDescription("Choose a completed run.");
    expect(name).toHaveAccessibleDescription(
      "Use lower-case letters, digits, '-' and '_' (starting with a letter or digit), 64 at most.",
    );
    expect(threshold).toHaveAccessibleDescription("Enter a number from 0 to 1.");
    expect(threshold).toHaveAttribute("aria-invalid", "true");

    await user.clear(name);
    await user.click(within(form).getByRole("button", { name: "Deploy" }));
    expect(name).toHaveAccessibleDescription("Name the deployment.");
    // Changing a field clears its problem only.
    await user.type(threshold, "{Backspace}{Backspace}");
    expect(threshold).not.toHaveAttribute("aria-invalid");
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(posts(fetch, "/api/deployments")).toHaveLength(0);
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows the server's refusal under the field it concerns, and other failures in an alert", async () => {
    const pattern = "String should match pattern '^[a-z0-9][a-z0-9_-]{0,63}$'";
    const answers = [
      () => json({ detail: "run 1 not found", errors: [] }, 404),
      () => json({ detail: "run 1 is running; only completed runs are deployed", errors: [] }, 409),
      () => json({ detail: `body.name: ${pattern}`, errors: [{ path: "body.name", message: pattern }] }, 422),
      () => json({ detail: "database is locked", errors: [] }, 503),
    ];
    const fetch = mockApi({ ...routes, "POST /api/deployments": () => (answers.shift() ?? answers[0])() });
    const user = userEvent.setup();
    renderDeployments();
    const form = screen.getByRole("form", { name: "Deploy a run" });
    const runSelect = within(form).getByLabelText("Run");
    const name = within(form).getByLabelText("Name");
    await waitFor(() => expect(runSelect).toHaveValue("1"));
    await user.type(name, "retail-prod");
    const deploy = () => user.click(within(form).getByRole("button", { name: "Deploy" }));

    await deploy();
    await waitFor(() => expect(runSelect).toHaveAccessibleDescription("run 1 not found"));
    expect(name).not.toHaveAttribute("aria-invalid");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    await deploy();
    await waitFor(() =>
      expect(runSelect).toHaveAccessibleDescription("run 1 is running; only completed runs are deployed"),
    );

    await deploy();
    await waitFor(() => expect(name).toHaveAccessibleDescription(pattern));
    expect(runSelect).toHaveAccessibleDescription("A completed run's final model.");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    await deploy();
    const alert = await within(form).findByRole("alert");
    expect(alert).toHaveTextContent("Could not deploy the rundatabase is locked");
    expect(name).not.toHaveAttribute("aria-invalid");
    expect(posts(fetch, "/api/deployments")).toHaveLength(4);
    expect(screen.getByLabelText("Address")).toHaveTextContent(/^\/deployments$/);
  });

  it("rolls back to the version before, and the open deployment answers with it", async () => {
    let rolledBack = false;
    const versions = () => (rolledBack ? [PROD_V2, PROD_V1] : V2_ACTIVE);
    const fetch = mockApi({
      ...routes,
      "GET /api/deployments": () => json({ data: [CANARY, ...versions()], count: 3 }),
      "GET /api/deployments/retail-prod": () => json(versionsOf("retail-prod", versions())),
      "POST /api/deployments/retail-prod/rollback": () => {
        rolledBack = true;
        return json(PROD_V1);
      },
    });
    const user = userEvent.setup();
    renderDeployments("/deployments/retail-prod");
    expect(await screen.findByRole("status", { name: "Deployment status" })).toHaveTextContent("v2 active");
    const prod = await screen.findByRole("region", { name: "retail-prod" });
    expect(prod).toHaveTextContent("v2 answers: run #1 (ppo on retail@dde3645443ec), threshold 0.20");

    await user.click(within(prod).getByRole("button", { name: "Roll back to v1" }));
    const [request] = posts(fetch, "/api/deployments/retail-prod/rollback");
    expect(await request.json()).toEqual({});
    await waitFor(() => expect(screen.getByRole("status", { name: "Deployment status" })).toHaveTextContent("v1 active"));
    await waitFor(() => expect(prod).toHaveTextContent("v1 answers: run #1 (ppo on retail@dde3645443ec), threshold 0.40"));
    expect(within(prod).getByRole("button", { name: "Roll back" })).toBeDisabled();
    expect(within(prod).getByRole("button", { name: "Make v2 active" })).toBeEnabled();
    expect(within(prod).queryByRole("button", { name: "Make v1 active" })).not.toBeInTheDocument();
    expect(posts(fetch, "/api/deployments/retail-prod/rollback")).toHaveLength(1);
  });

  it("makes a chosen version active, and says why the server refused", async () => {
    let active = 2;
    const fetch = mockApi({
      ...routes,
      "GET /api/deployments": () => json({ data: [CANARY, ...(active === 2 ? V2_ACTIVE : [PROD_V2, PROD_V1])], count: 3 }),
      "POST /api/deployments/retail-prod/rollback": async (request) => {
        const body = (await request.clone().json()) as { version?: number };
        if (body.version === 2) return json({ detail: "database is locked", errors: [] }, 503);
        active = 1;
        return json(PROD_V1);
      },
    });
    const user = userEvent.setup();
    renderDeployments();
    const prod = await screen.findByRole("region", { name: "retail-prod" });
    await user.click(within(prod).getByRole("button", { name: "Make v1 active" }));
    await waitFor(() => expect(within(prod).getAllByRole("row")[2]).toHaveClass("row-active"));
    expect(within(prod).getAllByRole("row")[1]).not.toHaveClass("row-active");

    await user.click(within(prod).getByRole("button", { name: "Make v2 active" }));
    const alert = await within(prod).findByRole("alert");
    expect(alert).toHaveTextContent("Could not roll back retail-proddatabase is locked");
    expect(within(prod).getAllByRole("row")[2]).toHaveClass("row-active");

    const bodies = await Promise.all(posts(fetch, "/api/deployments/retail-prod/rollback").map((request) => request.json()));
    expect(bodies).toEqual([{ version: 1 }, { version: 2 }]);
  });

  it("decides from the features, starting at a new contact's state, and notes the playbook's fallback", async () => {
    // v2 saw more urgent contacts only: the form starts within the ranges of v1, which answers.
    const v2 = { ...PROD_V2, ranges: { ...PROD_V2.ranges, urgency: [0.3, 0.6] } };
    const fetch = mockApi({
      ...routes,
      "GET /api/deployments/retail-prod": () => json(versionsOf("retail-prod", [v2, PROD_V1])),
      "POST /api/deployments/retail-prod/decide": () => json(DECISION_UNSURE),
    });
    const user = userEvent.setup();
    renderDeployments("/deployments/retail-prod");
    await user.click(await screen.findByRole("tab", { name: "Features" }));
    const form = screen.getByRole("form", { name: "Decide from the features" });
    const urgency = within(form).getByLabelText("urgency");
    expect(urgency).toHaveValue("0.1");
    expect(urgency).toHaveAccessibleDescription(/Range 0 to 1; the model saw 0\.1 to 0\.6\.$/);
    expect(within(form).getByLabelText("sentiment")).toHaveValue("0");
    expect(screen.getByText("No decision yet")).toBeInTheDocument();

    await user.clear(within(form).getByLabelText("sentiment"));
    await user.type(within(form).getByLabelText("sentiment"), "-0.5");
    await user.type(within(form).getByLabelText("Contact"), "c-7");
    const decisionReads = requests(fetch, "GET", "/api/deployments/retail-prod/decisions").length;
    await user.click(within(form).getByRole("button", { name: "Decide" }));

    const answer = await screen.findByRole("region", { name: "Decision" });
    const [request] = posts(fetch, "/api/deployments/retail-prod/decide");
    expect(await request.json()).toEqual({ features: { ...NEW_CONTACT, sentiment: -0.5 }, contact_id: "c-7" });
    expect(within(answer).getByRole("note", { name: "Fallback" })).toHaveTextContent(
      "Fallback: The model's top probability 0.28 is under the threshold 0.40: the playbook decided.",
    );
    const stats = within(answer).getByLabelText("Answer");
    expect(stats).toHaveTextContent("ActionAsk clarifying questionthe playbook's choice");
    expect(stats).toHaveTextContent("Model's choiceStandard solutionoverruled by the guardrails");
    expect(stats).toHaveTextContent("Versionretail-prod v1");
    expect(stats).toHaveTextContent("MaskedNone");
    expect(within(answer).getByRole("group", { name: "Matching rule" })).toHaveTextContent(
      "When the issue is not resolved → offer the standard solution",
    );
    const bars = within(within(answer).getByRole("list", { name: "Model's probabilities" })).getAllByRole("listitem");
    expect(bars.map((bar) => bar.textContent)).toEqual([
      "Empathize15%",
      "Ask clarifying question7%",
      "Standard solution (chosen)28%",
      "Technical troubleshooting11%",
      "Offer compensation22%",
      "Escalate6%",
      "Upsell6%",
      "Close case5%",
    ]);
    expect(screen.queryByText("No decision yet")).not.toBeInTheDocument();
    // The decision log below asks again for the new decision.
    await waitFor(() =>
      expect(requests(fetch, "GET", "/api/deployments/retail-prod/decisions").length).toBeGreaterThan(decisionReads),
    );
  });

  it("decides the next turn of a conversation and shows the model's own answer without a fallback", async () => {
    const fetch = mockApi({
      ...routes,
      "GET /api/deployments/retail-prod": () => json(versionsOf("retail-prod", V2_ACTIVE)),
      "POST /api/deployments/retail-prod/decide": () => json(DECISION_MODEL),
    });
    const user = userEvent.setup();
    renderDeployments("/deployments/retail-prod");
    const form = await screen.findByRole("form", { name: "Decide from the conversation" });
    const inquiry = within(form).getByLabelText("Inquiry type");
    await waitFor(() => expect(inquiry).toHaveValue("order_status"));
    expect(within(inquiry).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "order_status",
      "return_refund",
      "product_defect",
      "shipping_delay",
      "product_recommendation",
    ]);
    expect(within(form).getByText("None: turn 0, the first, is decided.")).toBeInTheDocument();
    await user.selectOptions(inquiry, "shipping_delay");
    await user.selectOptions(within(form).getByLabelText("Tier"), "VIP");
    await user.click(within(form).getByRole("button", { name: "Add a turn" }));
    await user.type(within(form).getByLabelText("Mood before turn 0"), "-0.3");
    await user.type(within(form).getByLabelText("Mood now"), "-0.1");
    await user.type(within(form).getByLabelText("Contact"), "c-3");
    await user.click(within(form).getByRole("button", { name: "Decide turn 1" }));

    const answer = await screen.findByRole("region", { name: "Decision" });
    const [request] = posts(fetch, "/api/deployments/retail-prod/decide");
    expect(await request.json()).toEqual({
      conversation: {
        inquiry_type: "shipping_delay",
        tier: "vip",
        turns: [{ action: "empathize", sentiment: -0.3 }],
        sentiment: -0.1,
      },
      turn: 1,
      contact_id: "c-3",
    });
    expect(within(answer).queryByRole("note", { name: "Fallback" })).not.toBeInTheDocument();
    const stats = within(answer).getByLabelText("Answer");
    expect(stats).toHaveTextContent("ActionStandard solutionthe model's choice");
    expect(stats).toHaveTextContent(/Model's choiceStandard solutionVersion/);
    expect(stats).toHaveTextContent("Versionretail-prod v2");
  });

  it("notes the fallback of a state outside the model's ranges, with the masked actions", async () => {
    const fetch = mockApi({ ...routes, "POST /api/deployments/retail-prod/decide": () => json(DECISION_FALLBACK) });
    const user = userEvent.setup();
    renderDeployments("/deployments/retail-prod");
    const form = await screen.findByRole("form", { name: "Decide from the conversation" });
    await waitFor(() => expect(within(form).getByLabelText("Inquiry type")).toHaveValue("order_status"));
    await user.click(within(form).getByRole("button", { name: "Add a turn" }));
    await user.click(within(form).getByRole("button", { name: "Add a turn" }));
    await user.selectOptions(within(form).getByLabelText("Action of turn 0"), "Ask clarifying question");
    await user.selectOptions(within(form).getByLabelText("Action of turn 1"), "Ask clarifying question");
    await user.type(within(form).getByLabelText("Mood before turn 1"), "-0.2");
    await user.click(within(form).getByRole("button", { name: "Decide turn 2" }));

    const answer = await screen.findByRole("region", { name: "Decision" });
    expect(await posts(fetch, "/api/deployments/retail-prod/decide")[0].json()).toEqual({
      conversation: {
        inquiry_type: "order_status",
        tier: "standard",
        turns: [{ action: "ask_clarifying_question" }, { action: "ask_clarifying_question", sentiment: -0.2 }],
      },
      turn: 2,
    });
    expect(within(answer).getByRole("note", { name: "Fallback" })).toHaveTextContent(
      "Fallback: Clarifications 1 is outside the range the model saw [-0.05, 0.05]: the playbook decided.",
    );
    const stats = within(answer).getByLabelText("Answer");
    expect(stats).toHaveTextContent("ActionStandard solutionthe playbook's choice");
    // The playbook agreed with the model: nothing was overruled.
    expect(stats).not.toHaveTextContent("overruled");
    expect(stats).toHaveTextContent("MaskedAsk clarifying questionactions not allowed in this state");
  });

  it("checks a state before asking, and shows the server's problems under their inputs", async () => {
    const mood = "Input should be less than or equal to 1";
    const served =
      "retail-prod serves order_status, return_refund, product_defect, shipping_delay, product_recommendation, not shipping_delay";
    const answers = [
      () =>
        json({ detail: `body.conversation.turns[0].sentiment: ${mood}`, errors: [{ path: "body.conversation.turns[0].sentiment", message: mood }] }, 422),
      () => json({ detail: served, errors: [{ path: "body.requests[0].conversation.inquiry_type", message: served }] }, 422),
      () => json({ detail: "deployment retail-prod not found (or no version of it is ready)", errors: [] }, 404),
    ];
    const fetch = mockApi({ ...routes, "POST /api/deployments/retail-prod/decide": () => (answers.shift() ?? answers[0])() });
    const user = userEvent.setup();
    renderDeployments("/deployments/retail-prod");
    const form = await screen.findByRole("form", { name: "Decide from the conversation" });
    await waitFor(() => expect(within(form).getByLabelText("Inquiry type")).toHaveValue("order_status"));
    await user.click(within(form).getByRole("button", { name: "Add a turn" }));
    const turnMood = within(form).getByLabelText("Mood before turn 0");
    await user.type(turnMood, "1.5");
    await user.type(within(form).getByLabelText("Mood now"), "x");
    const decide = () => user.click(within(form).getByRole("button", { name: "Decide turn 1" }));
    await decide();
    expect(turnMood).toHaveAccessibleDescription("Enter a mood from -1 to 1, or leave it blank.");
    expect(within(form).getByLabelText("Mood now")).toHaveAccessibleDescription("Enter a mood from -1 to 1, or leave it blank.");
    expect(posts(fetch, "/api/deployments/retail-prod/decide")).toHaveLength(0);

    await user.clear(turnMood);
    await user.type(turnMood, "1");
    await user.clear(within(form).getByLabelText("Mood now"));
    await decide();
    await waitFor(() => expect(turnMood).toHaveAccessibleDescription(mood));
    expect(within(form).queryByRole("alert")).not.toBeInTheDocument();

    await user.selectOptions(within(form).getByLabelText("Inquiry type"), "shipping_delay");
    expect(turnMood).not.toHaveAttribute("aria-invalid");
    await decide();
    await waitFor(() => expect(within(form).getByLabelText("Inquiry type")).toHaveAccessibleDescription(served));

    await user.click(within(form).getByRole("button", { name: "Remove turn 0" }));
    await user.click(within(form).getByRole("button", { name: "Decide turn 0" }));
    const alert = await within(form).findByRole("alert");
    expect(alert).toHaveTextContent("Could not decidedeployment retail-prod not found (or no version of it is ready)");
    expect(posts(fetch, "/api/deployments/retail-prod/decide")).toHaveLength(3);
    expect(screen.getByText("No decision yet")).toBeInTheDocument();

    await user.click(screen.getByRole("tab", { name: "Features" }));
    const features = screen.getByRole("form", { name: "Decide from the features" });
    await user.clear(within(features).getByLabelText("urgency"));
    await user.type(within(features).getByLabelText("urgency"), "2");
    await user.click(within(features).getByRole("button", { name: "Decide" }));
    expect(within(features).getByLabelText("urgency")).toHaveAccessibleDescription("Enter a number from 0 to 1.");
    expect(posts(fetch, "/api/deployments/retail-prod/decide")).toHaveLength(3);
  });

  it("shows a version being built while the one before answers, and a first version that failed", async () => {
    const building = { ...PENDING, id: 2, version: 2, status: "running" as const };
    const failed = { ...PENDING, status: "failed" as const, error: "scenario retail vdde3645443ec is not stored" };
    mockApi({
      ...routes,
      "GET /api/deployments": () => json({ data: [CANARY, building, PROD_V1], count: 3 }),
      "GET /api/deployments/retail-prod": () => json(versionsOf("retail-prod", [building, PROD_V1])),
    });
    const { unmount } = renderDeployments("/deployments/retail-prod");
    expect(await screen.findByRole("status", { name: "Deployment status" })).toHaveTextContent("v1 active");
    expect(
      screen.getByText(
        "Building v2: exporting the model, distilling its rules and reading its feature ranges (about 10 s); v1 answers meanwhile…",
      ),
    ).toBeInTheDocument();
    expect(await screen.findByRole("form", { name: "Decide from the conversation" })).toBeInTheDocument();
    const prod = await screen.findByRole("region", { name: "retail-prod" });
    const v2 = within(prod).getAllByRole("row")[1];
    expect(within(v2).getAllByRole("cell").map((cell) => cell.textContent)).toEqual(
      expect.arrayContaining(["–", "Running"]),
    );
    expect(within(v2).queryByRole("button")).not.toBeInTheDocument();
    expect(within(prod).getByRole("button", { name: "Roll back" })).toBeDisabled();
    unmount();

    mockApi({
      ...routes,
      "GET /api/deployments": () => json({ data: [failed], count: 1 }),
      "GET /api/deployments/retail-prod": () => json(versionsOf("retail-prod", [failed])),
    });
    renderDeployments("/deployments/retail-prod");
    expect(await screen.findByRole("status", { name: "Deployment status" })).toHaveTextContent("Not ready");
    const view = screen.getByRole("region", { name: "Try a decision with retail-prod" });
    expect(within(view).getByRole("alert")).toHaveTextContent("v1 could not be builtscenario retail vdde3645443ec is not stored");
    expect(view).toHaveTextContent("No version answers yet.");
    expect(within(view).queryByRole("tablist")).not.toBeInTheDocument();
    const row = within(await screen.findByRole("table", { name: "Versions of retail-prod" })).getAllByRole("row")[1];
    expect(row).toHaveTextContent("Failedscenario retail vdde3645443ec is not stored");
    expect(within(row).queryByRole("button")).not.toBeInTheDocument();
  });

  it("lists the recent decisions of every version with the playbook's highlighted", async () => {
    mockApi(routes);
    renderDeployments("/deployments/retail-prod");
    const log = await screen.findByRole("region", { name: "Recent decisions" });
    const table = await within(log).findByRole("table", { name: "Recent decisions of retail-prod" });
    expect(log).toHaveTextContent(
      "The latest 4, newest first, of every version; 3 fell back to the playbook (highlighted).",
    );
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows).toHaveLength(4);
    expect(rows.map((row) => row.classList.contains("row-fallback"))).toEqual([true, false, true, true]);
    expect(rows.map((row) => within(row).queryByText("Playbook") !== null)).toEqual([true, false, true, true]);

    const cells = (row: HTMLElement) => within(row).getAllByRole("cell").map((cell) => cell.textContent);
    expect(cells(rows[0])).toEqual([
      "v1",
      "–",
      "Ask clarifying question Playbook",
      "Standard solution",
      "When the issue is not resolved → offer the standard solution",
      "The model's top probability 0.32 is under the threshold 0.40: the playbook decided",
    ]);
    expect(cells(rows[1])).toEqual([
      "v2",
      "c-3 · turn 1",
      "Standard solution ",
      "Standard solution",
      "When the issue is not resolved → offer the standard solution",
      "–",
    ]);
    expect(cells(rows[2])[1]).toBe("c-2 · turn 2");
    expect(cells(rows[3])[5]).toMatch(/^The model's top probability 0\.28/);
    expect(within(rows[0]).getByRole("rowheader")).toHaveTextContent(/2026/);
  });

  it("says when no deployment is open, or the address names none", async () => {
    const fetch = mockApi({
      ...routes,
      "GET /api/deployments/nobody": () => json({ detail: "deployment nobody not found", errors: [] }, 404),
    });
    const { unmount } = renderDeployments("/deployments/Retail%20prod");
    expect(screen.getByText("No deployment open")).toBeInTheDocument();
    expect(screen.getByText('"Retail prod" is not a deployment name.')).toBeInTheDocument();
    // The form does not take the invalid name as the next one's.
    expect(screen.getByLabelText("Name")).toHaveValue("");
    await screen.findByRole("region", { name: "retail-prod" });
    expect(screen.queryByRole("link", { current: "true" })).not.toBeInTheDocument();
    expect(
      fetch.mock.calls.some(([request]) => new URL((request as Request).url).pathname.startsWith("/api/deployments/")),
    ).toBe(false);
    unmount();

    renderDeployments("/deployments/nobody");
    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent("Could not load deployment nobody");
    expect(alert).toHaveTextContent("deployment nobody not found");
    expect(screen.queryByRole("tablist", { name: "State to decide" })).not.toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveValue("nobody");
  });

  it("says when there are no deployments yet", async () => {
    mockApi({ ...routes, "GET /api/deployments": () => json({ data: [], count: 0 }) });
    renderDeployments();
    expect(await screen.findByText("No deployments yet")).toBeInTheDocument();
    expect(screen.getByText("Deploy a completed run above.")).toBeInTheDocument();
  });
});
