import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { FakeWebSocket } from "../test/fakeSocket";
import { FINAL_KPIS, SESSION_ID, scenarioSummary, sessionDetail, step } from "../test/fixtures";
import { json, mockApi, renderWithProviders } from "../test/render";
import { PlaygroundPage } from "./PlaygroundPage";

beforeEach(() => FakeWebSocket.install());
afterEach(() => vi.unstubAllGlobals());

function mockServer() {
  return mockApi({
    "GET /api/scenarios": () =>
      json({ data: [scenarioSummary(), scenarioSummary({ name: "mixed", industry: "mixed" })], count: 2 }),
    "GET /api/models": () => json({ data: [], count: 0 }),
    "POST /api/envs": () => json(sessionDetail(), 201),
    "DELETE /api/envs/0123456789abcdef0123456789abcdef": () => new Response(null, { status: 204 }),
  });
}

async function startEpisode(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole("option", { name: "retail" });
  await user.selectOptions(screen.getByLabelText("Scenario"), "retail");
  await user.type(screen.getByLabelText("Seed"), "3");
  await user.click(screen.getByRole("button", { name: "Start episode" }));
  const socket = await vi.waitFor(() => FakeWebSocket.latest());
  act(() => {
    socket.open();
    socket.receive({ type: "session", session: sessionDetail() });
  });
  return socket;
}

describe("PlaygroundPage", () => {
  it("starts an episode with the chosen scenario and seed", async () => {
    const fetch = mockServer();
    const user = userEvent.setup();
    renderWithProviders(<PlaygroundPage />);
    expect(screen.getByText("No conversation yet")).toBeInTheDocument();

    const socket = await startEpisode(user);
    const create = fetch.mock.calls.map(([request]) => request as Request).find((r) => r.method === "POST");
    expect(await create?.json()).toEqual({ scenario: "retail", seed: 3 });
    expect(socket.url).toContain(`/api/envs/${SESSION_ID}/ws`);

    const customer = screen.getByRole("region", { name: "Customer" });
    expect(within(customer).getByText("Retail")).toBeInTheDocument();
    expect(within(customer).getByText("Premium")).toBeInTheDocument();
    expect(within(customer).getByText("Product recommendation")).toBeInTheDocument();
    expect(within(customer).getByRole("table", { name: "Observed features" })).toHaveTextContent("Urgency");
    expect(screen.getByRole("log", { name: "Conversation transcript" })).toHaveTextContent(
      "I need something for a small apartment.",
    );
  });

  it("acts by click and by key, honouring the action mask", async () => {
    mockServer();
    const user = userEvent.setup();
    renderWithProviders(<PlaygroundPage />);
    const socket = await startEpisode(user);

    expect(screen.getByRole("button", { name: "Upsell" })).toBeDisabled();
    await user.keyboard("7");
    expect(socket.sent).toEqual([]);

    await user.click(screen.getByRole("button", { name: "Empathize" }));
    expect(socket.sent).toEqual([{ action: 0 }]);
    expect(screen.getByRole("button", { name: "Escalate" })).toBeDisabled();
    act(() => socket.receive({ type: "step", step: step(1, { action: 0, action_name: "empathize" }) }));

    await user.keyboard("2");
    expect(socket.sent).toEqual([{ action: 0 }, { action: 1 }]);
    act(() => socket.receive({ type: "step", step: step(2, { terminated: true, kpis: FINAL_KPIS }) }));

    const transcript = screen.getByRole("log", { name: "Conversation transcript" });
    expect(transcript).toHaveTextContent("Reply number 1.");
    expect(transcript).toHaveTextContent("Ask clarifying question");
    expect(screen.getByRole("button", { name: "Empathize" })).toBeDisabled();
    const summary = screen.getByRole("region", { name: "Episode summary" });
    expect(within(summary).getByText("CSAT").nextSibling).toHaveTextContent("4");
    expect(screen.getByRole("status", { name: "Episode status: Resolved" })).toBeInTheDocument();

    const sentiment = screen.getByRole("figure", { name: "Sentiment over turns" });
    expect(sentiment.querySelectorAll(".recharts-line-dot")).toHaveLength(3);
    const rewards = screen.getByRole("figure", { name: "Reward components per turn" });
    expect(within(rewards).getByText("Satisfaction")).toBeInTheDocument();
  });

  it("lets a policy play and shows its action probabilities", async () => {
    mockServer();
    const user = userEvent.setup();
    renderWithProviders(<PlaygroundPage />);
    const socket = await startEpisode(user);

    await user.selectOptions(screen.getByLabelText("Policy"), "oracle");
    await user.click(screen.getByRole("button", { name: "Play one step" }));
    expect(socket.sent).toEqual([{ autoplay: "oracle", steps: 1 }]);
    act(() =>
      socket.receive({
        type: "step",
        step: step(1, { action: 2, action_name: "standard_solution", policy: "oracle", action_probabilities: [0, 0.1, 0.9, 0, 0, 0, 0, 0] }),
      }),
    );
    const latest = screen.getByRole("list", { name: "Latest action probabilities" });
    expect(within(latest).getByText("Standard solution").closest("li")).toHaveTextContent("90%");

    await user.click(screen.getByRole("button", { name: "Play to the end" }));
    expect(socket.sent.at(-1)).toEqual({ autoplay: "oracle" });
  });

  it("shows a refused command and a lost session", async () => {
    mockServer();
    const user = userEvent.setup();
    renderWithProviders(<PlaygroundPage />);
    const socket = await startEpisode(user);

    await user.click(screen.getByRole("button", { name: "Reset" }));
    expect(socket.sent).toEqual([{ reset: { seed: 3 } }]);
    act(() => socket.receive({ type: "error", status: 404, detail: "session not found", errors: [] }));
    expect(screen.getByRole("alert")).toHaveTextContent("session not found");
    await user.click(screen.getByRole("button", { name: "Dismiss" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    act(() => socket.close(1008, "session not found"));
    expect(screen.getByRole("alert")).toHaveTextContent("This session is no longer available");
  });
});
