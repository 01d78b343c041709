import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import type { ExplanationPublic, RunPublic, RunStatus } from "../client";
import explanationFixture from "../features/runs/fixtures/explanation.json";
import runFixture from "../features/runs/fixtures/run.json";
import runMetrics from "../features/runs/fixtures/run-metrics.json";
import type { RunEvent } from "../lib/socket";
import { FakeWebSocket } from "../test/fakeSocket";
import { json, mockApi, renderWithProviders } from "../test/render";
import { RunPage } from "./RunPage";

const COMPLETED = runFixture as RunPublic;
const POINTS = runMetrics.data;
/** Run 1's explanation: a tiny PPO run on retail, distilled into 5 rules of a depth-3 tree. */
const EXPLAINED = explanationFixture as unknown as ExplanationPublic;
const RETAIL_RUN = { ...COMPLETED, id: 1, scenario: "retail", scenario_version: "dde3645443ec", curriculum: false };

function run(overrides: Partial<RunPublic> = {}): RunPublic {
  return { ...COMPLETED, ...overrides };
}

function running(): RunPublic {
  return run({ status: "running", finished_at: null, has_model: false, timesteps_done: 1688, progress: 1688 / 3000 });
}

function event(type: RunEvent["type"], current: RunPublic, points: RunEvent["points"] = []): RunEvent {
  return {
    type,
    status: current.status,
    progress: current.progress,
    timesteps_done: current.timesteps_done,
    points,
    run: type === "status" || type === "final" ? current : null,
  };
}

function renderRun(route = "/runs/4") {
  return renderWithProviders(<RunPage />, { route, path: "/runs/:runId" });
}

/** A chart's caption (a CSS query: role queries are slow over the charts' SVG). */
const chartCaption = (name: string) => document.querySelector(`figure[aria-label="${name}"] figcaption`);

beforeEach(() => FakeWebSocket.install());
afterEach(() => vi.unstubAllGlobals());

describe("RunPage", () => {
  it("shows a finished run's curves, status and configuration without following it", async () => {
    mockApi({
      "GET /api/runs/4": () => json(COMPLETED),
      "GET /api/runs/4/metrics": () => json(runMetrics),
    });
    renderRun();
    expect(await screen.findByRole("heading", { level: 1, name: "Run #4" })).toBeInTheDocument();
    expect(await screen.findByRole("status", { name: "Run status" })).toHaveTextContent("Completed");
    expect(screen.getByRole("progressbar", { name: "Training progress" })).toHaveAttribute("aria-valuenow", "100");
    await vi.waitFor(() =>
      expect(chartCaption("Episode return")).toHaveTextContent("6 points up to step 3,072 · latest -1.53"),
    );
    expect(screen.getAllByRole("figure").map((figure) => figure.getAttribute("aria-label"))).toEqual([
      "Episode return",
      "Reward components",
      "Outcome rates",
      "CSAT",
      "Curriculum level",
    ]);
    expect(chartCaption("Reward components")).toHaveTextContent("6 points");
    const hyperparameters = screen.getByRole("table", { name: "Hyperparameters" });
    expect(within(hyperparameters).getByRole("row", { name: /learning_rate/ })).toHaveTextContent("0.0003");
    expect(screen.getByRole("link", { name: "Compare it in Analytics" })).toHaveAttribute(
      "href",
      "/analytics?policy=run%3A4",
    );
    expect(FakeWebSocket.instances).toHaveLength(0);
  });

  it.each<[RunStatus, boolean, boolean]>([
    ["queued", true, false],
    ["running", true, false],
    ["completed", false, false],
    ["failed", false, true],
    ["interrupted", false, true],
    ["cancelled", false, true],
  ])("a %s run can be cancelled: %s, resumed: %s", async (status, cancel, resume) => {
    mockApi({
      "GET /api/runs/4": () => json(run({ status })),
      "GET /api/runs/4/metrics": () => json({ data: [], count: 0 }),
    });
    renderRun();
    expect(await screen.findByRole("status", { name: "Run status" })).toHaveTextContent(new RegExp(status, "i"));
    expect(screen.getByRole("button", { name: "Cancel run" })).toHaveProperty("disabled", !cancel);
    expect(screen.getByRole("button", { name: "Resume run" })).toHaveProperty("disabled", !resume);
  });

  it("follows a running run over its WebSocket until it ends", async () => {
    mockApi({
      "GET /api/runs/4": () => json(running()),
      "GET /api/runs/4/metrics": () => json({ data: POINTS.slice(0, 3), count: 3 }),
    });
    renderRun();
    await vi.waitFor(() => expect(chartCaption("Episode return")).toHaveTextContent(/^3 points up to step 1,688/));
    const socket = FakeWebSocket.latest();
    expect(socket.url).toMatch(/\/api\/runs\/4\/ws$/);
    act(() => socket.open());
    expect(await screen.findByText("Live")).toBeInTheDocument();

    act(() => socket.receive(event("metrics", running(), POINTS.slice(0, 4))));
    expect(chartCaption("Episode return")).toHaveTextContent(/^4 points up to step 2,052/);

    const later = { ...running(), progress: 0.9, timesteps_done: 2700 };
    act(() => socket.receive(event("heartbeat", later)));
    await vi.waitFor(() =>
      expect(screen.getByRole("progressbar", { name: "Training progress" })).toHaveAttribute("aria-valuenow", "90"),
    );
    expect(screen.getByRole("button", { name: "Cancel run" })).toBeEnabled();

    // As the server does: the last points already carry the ended status, the run follows.
    act(() => socket.receive(event("metrics", COMPLETED, POINTS.slice(3))));
    expect(screen.getByRole("status", { name: "Run status" })).toHaveTextContent("Running");
    expect(socket.readyState).not.toBe(FakeWebSocket.CLOSED);
    act(() => socket.receive(event("final", COMPLETED)));
    await vi.waitFor(() => expect(screen.getByRole("status", { name: "Run status" })).toHaveTextContent("Completed"));
    expect(screen.getByText(/Saved/)).toBeInTheDocument();
    expect(chartCaption("Episode return")).toHaveTextContent(/^6 points up to step 3,072/);
    expect(screen.getByRole("button", { name: "Cancel run" })).toBeDisabled();
    expect(socket.readyState).toBe(FakeWebSocket.CLOSED);
    expect(screen.queryByText("Live")).not.toBeInTheDocument();
  });

  it("offers a reconnect when the live connection drops", async () => {
    mockApi({
      "GET /api/runs/4": () => json(running()),
      "GET /api/runs/4/metrics": () => json({ data: [], count: 0 }),
    });
    const user = userEvent.setup();
    renderRun();
    await screen.findByRole("status", { name: "Run status" });
    const first = FakeWebSocket.latest();
    act(() => {
      first.open();
      first.close(1006);
    });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Live updates stopped");
    await user.click(within(alert).getByRole("button", { name: "Reconnect" }));
    expect(FakeWebSocket.instances).toHaveLength(2);
  });

  it("cancels a running run", async () => {
    mockApi({
      "GET /api/runs/4": () => json(running()),
      "GET /api/runs/4/metrics": () => json({ data: [], count: 0 }),
      "POST /api/runs/4/cancel": () => json(run({ status: "cancelled", has_model: false })),
    });
    const user = userEvent.setup();
    renderRun();
    await user.click(await screen.findByRole("button", { name: "Cancel run" }));
    expect(await screen.findByRole("status", { name: "Run status" })).toHaveTextContent("Cancelled");
    expect(screen.getByRole("button", { name: "Resume run" })).toBeEnabled();
    expect(FakeWebSocket.latest().readyState).toBe(FakeWebSocket.CLOSED);
  });

  it("shows why the server refused a resume", async () => {
    mockApi({
      "GET /api/runs/4": () => json(run({ status: "cancelled", has_model: false })),
      "GET /api/runs/4/metrics": () => json({ data: [], count: 0 }),
      "POST /api/runs/4/resume": () => json({ detail: "run 4 has no checkpoint to resume from", errors: [] }, 409),
    });
    const user = userEvent.setup();
    renderRun();
    await user.click(await screen.findByRole("button", { name: "Resume run" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not resume the run");
    expect(alert).toHaveTextContent("run 4 has no checkpoint to resume from");
  });

  it("resumes an interrupted run and follows it again", async () => {
    const interrupted = run({
      status: "interrupted",
      has_model: false,
      finished_at: null,
      timesteps_done: 1688,
      progress: 1688 / 3000,
    });
    mockApi({
      "GET /api/runs/4": () => json(interrupted),
      "GET /api/runs/4/metrics": () => json({ data: POINTS.slice(0, 3), count: 3 }),
      "POST /api/runs/4/resume": () => json({ ...interrupted, status: "queued" }, 202),
    });
    const user = userEvent.setup();
    renderRun();
    expect(await screen.findByRole("status", { name: "Run status" })).toHaveTextContent("Interrupted");
    expect(screen.getByText(/Resume it to continue from its latest checkpoint/)).toBeInTheDocument();
    expect(FakeWebSocket.instances).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: "Resume run" }));
    expect(await screen.findByRole("status", { name: "Run status" })).toHaveTextContent("Queued");
    expect(FakeWebSocket.instances).toHaveLength(1);
    expect(screen.getByRole("button", { name: "Resume run" })).toBeDisabled();
  });

  it("explains an unknown run", async () => {
    mockApi({
      "GET /api/runs/99": () => json({ detail: "run 99 not found", errors: [] }, 404),
      "GET /api/runs/99/metrics": () => json({ detail: "run 99 not found", errors: [] }, 404),
    });
    renderRun("/runs/99");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not load run #99");
    expect(alert).toHaveTextContent("run 99 not found");
    expect(screen.queryByRole("button", { name: "Cancel run" })).not.toBeInTheDocument();
  });

  it("refuses an address that is not a run number", () => {
    renderRun("/runs/abc");
    expect(screen.getByRole("alert")).toHaveTextContent('"abc" is not a run number.');
  });

  describe("the Explain tab", () => {
    const explainRoutes = {
      "GET /api/runs/1": () => json(RETAIL_RUN),
      "GET /api/runs/1/metrics": () => json(runMetrics),
    };
    const state = (status: ExplanationPublic["status"], error: string | null = null): ExplanationPublic => ({
      run_id: 1,
      status,
      explanation: null,
      error,
    });

    it("explains the run, waits for the worker and shows the rules, their fidelity, the scores and the importances", async () => {
      let reads = 0;
      let started = false;
      const fetch = mockApi({
        ...explainRoutes,
        "GET /api/runs/1/explanation": () => {
          if (!started) return json(state("none"));
          reads += 1;
          return json(reads === 1 ? state("pending") : EXPLAINED);
        },
        "POST /api/runs/1/explanation": () => {
          started = true;
          return json(state("pending"), 202);
        },
      });
      const user = userEvent.setup();
      renderRun("/runs/1");
      await user.click(await screen.findByRole("tab", { name: "Explain" }));
      expect(await screen.findByRole("status", { name: "Explanation status" })).toHaveTextContent("Not explained");
      expect(screen.getByText("Not explained yet")).toBeInTheDocument();

      await user.click(screen.getByRole("button", { name: "Explain" }));
      expect(await screen.findByRole("status", { name: "Explanation status" })).toHaveTextContent("Explaining");
      expect(screen.getByText(/Distilling the model into rules/)).toBeInTheDocument();
      expect(fetch.mock.calls.filter(([request]) => (request as Request).method === "POST")).toHaveLength(1);

      await vi.waitFor(
        () => expect(screen.getByRole("status", { name: "Explanation status" })).toHaveTextContent("Explained"),
        { timeout: 5000 },
      );
      const fidelity = screen.getByLabelText("Fidelity", { selector: "dl" });
      expect(fidelity).toHaveTextContent("Fidelity98.5% [98.1%, 99.0%]");
      expect(fidelity).toHaveTextContent("Depth3");
      expect(fidelity).toHaveTextContent("Rules5");
      expect(screen.getByLabelText("Fidelity by depth")).toHaveTextContent(
        "Fidelity by depth: 3 → 98.5% · 4 → 98.9% · 5 → 98.9% · 6 → 99.1%",
      );
      const rules = within(screen.getByRole("list", { name: "Rules" })).getAllByRole("listitem");
      expect(rules).toHaveLength(5);
      expect(rules[0]).toHaveTextContent("When the issue is not resolved → offer the standard solution");
      expect(rules[0]).toHaveTextContent("5,702 states · 100.0% agree with the model");
      expect(rules[3]).toHaveTextContent("122 states · 71.3% agree with the model");
      expect(screen.getByText(/^Otherwise →/)).toHaveTextContent("Otherwise → standard solution");

      const scores = screen.getByLabelText("Scores", { selector: "dl" });
      expect(scores).toHaveTextContent("Model0.46 [0.43, 0.49]");
      expect(scores).toHaveTextContent("Rules (tree)0.47 [0.44, 0.50]");
      expect(scores).toHaveTextContent("Playbook0.64 [0.61, 0.66]");
      expect(screen.getByRole("figure", { name: "Feature importance" })).toBeInTheDocument();
      expect(screen.getByText(/neither policy's choices depend on them: belief_escalation\./)).toBeInTheDocument();

      const note = screen.getByRole("note", { name: "The rules as a policy" });
      expect(note).toHaveTextContent("The rules play as the policy tree:run:1 wherever policies are named.");
      expect(within(note).getByRole("link", { name: "Compare model, rules and playbook in Analytics" })).toHaveAttribute(
        "href",
        "/analytics?policy=run%3A1&policy=tree%3Arun%3A1&policy=playbook",
      );
      expect(within(note).getByRole("link", { name: "Deploy this run" })).toHaveAttribute("href", "/deployments?run=1");
    });

    it("opens from the address, and shows a failed explanation with a second try", async () => {
      mockApi({
        ...explainRoutes,
        "GET /api/runs/1/explanation": () => json(state("failed", "the model has no observation space")),
        "POST /api/runs/1/explanation": () => json({ detail: "database is locked", errors: [] }, 503),
      });
      const user = userEvent.setup();
      renderRun("/runs/1?tab=explain");
      expect(await screen.findByRole("status", { name: "Explanation status" })).toHaveTextContent("Failed");
      expect(screen.getByRole("tab", { name: "Explain" })).toHaveAttribute("aria-selected", "true");
      expect(screen.getByRole("alert")).toHaveTextContent("The explanation failedthe model has no observation space");

      await user.click(screen.getByRole("button", { name: "Explain again" }));
      const alerts = await screen.findAllByRole("alert");
      expect(alerts.at(-1)).toHaveTextContent("Could not start the explanationdatabase is locked");
    });

    it("explains only a completed run with a model", async () => {
      mockApi({
        "GET /api/runs/4": () => json(running()),
        "GET /api/runs/4/metrics": () => json({ data: [], count: 0 }),
      });
      renderRun("/runs/4?tab=explain");
      expect(await screen.findByText("Explained once trained")).toBeInTheDocument();
      expect(screen.queryByRole("button", { name: "Explain" })).not.toBeInTheDocument();
    });
  });
});
