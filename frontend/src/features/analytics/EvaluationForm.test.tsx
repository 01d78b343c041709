import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import type { ModelPublic } from "../../client";
import { scenarioSummary } from "../../test/fixtures";
import { json, mockApi, renderWithProviders } from "../../test/render";
import { EvaluationForm } from "./EvaluationForm";
import baselines from "./fixtures/evaluation-baselines.json";

const MODEL: ModelPublic = {
  run_id: 1,
  policy: "run:1",
  algorithm: "ppo",
  scenario: "retail",
  scenario_version: "dde3645443ec",
  seed: 1,
  total_timesteps: 4096,
  timesteps_done: 4096,
  trained_at: "2026-11-26T16:11:23.883456Z",
};

const routes = {
  "GET /api/scenarios": () =>
    json({
      data: [
        scenarioSummary(),
        scenarioSummary({ name: "tech", industry: "tech" }),
        scenarioSummary({ name: "my-bank", source: "user", industry: "bfsi" }),
      ],
      count: 3,
    }),
  "GET /api/models": () => json({ data: [MODEL], count: 1 }),
};

const posts = (fetch: ReturnType<typeof mockApi>) =>
  fetch.mock.calls.map(([request]) => request as Request).filter((request) => request.method === "POST");

describe("EvaluationForm", () => {
  it("sends the chosen policies, trained models and scenarios", async () => {
    const fetch = mockApi({
      ...routes,
      "POST /api/evaluations": () => json({ ...baselines, status: "pending", results: null }, 202),
    });
    const user = userEvent.setup();
    const onCreated = vi.fn();
    renderWithProviders(<EvaluationForm onCreated={onCreated} initialPolicies={["run:1"]} />);

    const policies = screen.getByRole("group", { name: "Policies" });
    const model = await within(policies).findByLabelText("Run #1 · ppo on retail");
    expect(model).toBeChecked();
    await user.click(within(policies).getByLabelText("Playbook"));
    await user.click(within(policies).getByLabelText("Always escalate"));
    const scenarios = screen.getByRole("group", { name: "Scenarios" });
    await user.click(await within(scenarios).findByLabelText("retail"));
    await user.click(within(scenarios).getByLabelText("my-bank"));
    await user.clear(screen.getByLabelText("Episodes"));
    await user.type(screen.getByLabelText("Episodes"), "50");
    await user.click(screen.getByRole("button", { name: "Run evaluation" }));

    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledOnce());
    expect(await posts(fetch)[0].json()).toEqual({
      policies: ["run:1", "playbook", "always_escalate"],
      scenarios: ["retail", "my-bank"],
      episodes: 50,
      seed: 1000000000,
    });
  });

  it("asks for a policy and a scenario before calling the server", async () => {
    const fetch = mockApi(routes);
    const user = userEvent.setup();
    renderWithProviders(<EvaluationForm onCreated={vi.fn()} />);
    await screen.findByLabelText("retail");
    await user.click(screen.getByRole("button", { name: "Run evaluation" }));

    const policies = screen.getByRole("group", { name: "Policies" });
    expect(policies).toHaveAccessibleDescription("Choose at least one policy.");
    const scenarios = screen.getByRole("group", { name: "Scenarios" });
    expect(scenarios).toHaveAccessibleDescription("Choose at least one scenario.");
    expect(posts(fetch)).toHaveLength(0);

    await user.click(screen.getByLabelText("Random"));
    expect(policies).not.toHaveAccessibleDescription(/Choose/);
  });

  it("shows the server's refusal of a model under the policies", async () => {
    mockApi({
      ...routes,
      "POST /api/evaluations": () =>
        json({ detail: "run:1: the run is running and has no model yet", errors: [] }, 409),
    });
    const user = userEvent.setup();
    renderWithProviders(<EvaluationForm onCreated={vi.fn()} initialPolicies={["run:1"]} />);
    await user.click(await screen.findByLabelText("tech"));
    await user.click(screen.getByRole("button", { name: "Run evaluation" }));

    expect(await screen.findByText("run:1: the run is running and has no model yet")).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "Policies" })).toHaveAccessibleDescription(
      "run:1: the run is running and has no model yet",
    );
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("shows the server's field errors under their fields", async () => {
    mockApi({
      ...routes,
      "POST /api/evaluations": () =>
        json(
          {
            detail: "body.episodes: Input should be less than or equal to 20000",
            errors: [{ path: "body.episodes", message: "Input should be less than or equal to 20000" }],
          },
          422,
        ),
    });
    const user = userEvent.setup();
    renderWithProviders(<EvaluationForm onCreated={vi.fn()} initialPolicies={["playbook"]} />);
    await user.click(await screen.findByLabelText("tech"));
    await user.click(screen.getByRole("button", { name: "Run evaluation" }));
    const episodes = screen.getByLabelText("Episodes");
    await vi.waitFor(() => expect(episodes).toHaveAccessibleDescription("Input should be less than or equal to 20000"));
  });
});
