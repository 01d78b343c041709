import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { scenarioSummary } from "../../test/fixtures";
import { json, mockApi, renderWithProviders } from "../../test/render";
import runFixture from "../runs/fixtures/run.json";
import { TrainingForm } from "./TrainingForm";

function library() {
  return json({
    data: [
      scenarioSummary(),
      scenarioSummary({ name: "mixed", industry: "mixed", version: "53331d9e527f", versions: ["53331d9e527f"] }),
      scenarioSummary({
        name: "my-bank",
        source: "user",
        industry: "bfsi",
        version: "0123456789ab",
        versions: ["aaaaaaaaaaaa", "0123456789ab"],
      }),
    ],
    count: 3,
  });
}

const posts = (fetch: ReturnType<typeof mockApi>) =>
  fetch.mock.calls.map(([request]) => request as Request).filter((request) => request.method === "POST");

describe("TrainingForm", () => {
  it("shows the server's unknown hyperparameter under the overrides", async () => {
    const fetch = mockApi({
      "GET /api/scenarios": library,
      "POST /api/runs": () => json({ detail: "ppo has no hyperparameter n_stepz", errors: [] }, 422),
    });
    const user = userEvent.setup();
    const onStarted = vi.fn();
    renderWithProviders(<TrainingForm onStarted={onStarted} />);
    await screen.findByRole("option", { name: "retail" });

    await user.click(screen.getByLabelText("Hyperparameter overrides"));
    await user.paste("n_stepz=256");
    await user.click(screen.getByRole("button", { name: "Start training" }));

    const overrides = screen.getByLabelText("Hyperparameter overrides");
    expect(await screen.findByText("ppo has no hyperparameter n_stepz")).toBeInTheDocument();
    expect(overrides).toHaveAttribute("aria-invalid", "true");
    expect(overrides).toHaveAccessibleDescription("ppo has no hyperparameter n_stepz");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    expect(onStarted).not.toHaveBeenCalled();
    expect(await posts(fetch)[0].json()).toEqual({
      algorithm: "ppo",
      scenario: "mixed",
      timesteps: 200000,
      n_envs: 16,
      seed: 0,
      curriculum: false,
      overrides: { n_stepz: 256 },
    });

    await user.type(overrides, "0");
    expect(overrides).not.toHaveAttribute("aria-invalid");
  });

  it("puts the server's field errors under their inputs and the rest in an alert", async () => {
    mockApi({
      "GET /api/scenarios": library,
      "POST /api/runs": () =>
        json(
          {
            detail: "body.timesteps: Input should be less than or equal to 5000000 (and 1 more)",
            errors: [
              { path: "body.timesteps", message: "Input should be less than or equal to 5000000" },
              { path: "body.checkpoint_every", message: "Input should be greater than or equal to 1" },
            ],
          },
          422,
        ),
    });
    const user = userEvent.setup();
    renderWithProviders(<TrainingForm onStarted={vi.fn()} />);
    await screen.findByRole("option", { name: "retail" });
    await user.click(screen.getByRole("button", { name: "Start training" }));

    expect(await screen.findByLabelText("Timesteps")).toHaveAccessibleDescription(
      "Input should be less than or equal to 5000000",
    );
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Could not start the run");
    expect(within(alert).getByText("body.checkpoint_every")).toBeInTheDocument();
  });

  it("checks the form before calling the server", async () => {
    const fetch = mockApi({ "GET /api/scenarios": library });
    const user = userEvent.setup();
    renderWithProviders(<TrainingForm onStarted={vi.fn()} />);
    await screen.findByRole("option", { name: "retail" });

    await user.clear(screen.getByLabelText("Timesteps"));
    await user.type(screen.getByLabelText("Parallel envs"), "x");
    await user.type(screen.getByLabelText("Hyperparameter overrides"), "learning_rate");
    await user.click(screen.getByRole("button", { name: "Start training" }));

    expect(screen.getByLabelText("Timesteps")).toHaveAccessibleDescription(/whole number from 1/);
    expect(screen.getByLabelText("Parallel envs")).toHaveAccessibleDescription(/whole number from 1 to 4,096/);
    expect(screen.getByLabelText("Hyperparameter overrides")).toHaveAccessibleDescription(/Line 1: write key=value/);
    expect(posts(fetch)).toHaveLength(0);
  });

  it("starts a run on an uploaded scenario's chosen version", async () => {
    const fetch = mockApi({
      "GET /api/scenarios": library,
      "POST /api/runs": () => json(runFixture, 202),
    });
    const user = userEvent.setup();
    const onStarted = vi.fn();
    renderWithProviders(<TrainingForm onStarted={onStarted} />);
    await screen.findByRole("option", { name: "retail" });

    expect(screen.queryByLabelText("Scenario version")).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Algorithm"), "maskable_ppo");
    await user.selectOptions(screen.getByLabelText("Scenario"), "my-bank");
    await user.selectOptions(screen.getByLabelText("Scenario version"), "aaaaaaaaaaaa");
    await user.clear(screen.getByLabelText("Timesteps"));
    await user.type(screen.getByLabelText("Timesteps"), "2048");
    await user.click(screen.getByLabelText("Curriculum"));
    await user.click(screen.getByRole("button", { name: "Start training" }));

    await vi.waitFor(() => expect(onStarted).toHaveBeenCalledWith(runFixture));
    expect(await posts(fetch)[0].json()).toMatchObject({
      algorithm: "maskable_ppo",
      scenario: "my-bank",
      scenario_version: "aaaaaaaaaaaa",
      timesteps: 2048,
      curriculum: true,
    });
  });
});
