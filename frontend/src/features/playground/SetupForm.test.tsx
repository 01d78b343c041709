import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { scenarioSummary } from "../../test/fixtures";
import { json, mockApi, renderWithProviders } from "../../test/render";
import { parseSetup, SetupForm } from "./SetupForm";

describe("parseSetup", () => {
  it("leaves blank seed and difficulty to the server", () => {
    expect(parseSetup({ scenario: "mixed", seed: " ", difficulty: "" })).toEqual({ body: { scenario: "mixed" } });
    expect(parseSetup({ scenario: "tech", seed: "42", difficulty: "0.25" })).toEqual({
      body: { scenario: "tech", seed: 42, difficulty: 0.25 },
    });
  });

  it("names each invalid field", () => {
    const result = parseSetup({ scenario: "", seed: "-1", difficulty: "2" });
    expect(result).toEqual({
      errors: {
        scenario: "Choose a scenario.",
        seed: expect.stringMatching(/whole number/),
        difficulty: expect.stringMatching(/from 0 to 1/),
      },
    });
    expect(parseSetup({ scenario: "x", seed: "1.5", difficulty: "" })).toHaveProperty("errors.seed");
  });
});

describe("SetupForm", () => {
  it("shows client-side problems without calling the server", async () => {
    const fetch = mockApi({ "GET /api/scenarios": () => json({ data: [scenarioSummary()], count: 1 }) });
    const user = userEvent.setup();
    const onStarted = vi.fn();
    renderWithProviders(<SetupForm onStarted={onStarted} />);
    await screen.findByRole("option", { name: "retail" });

    await user.type(screen.getByLabelText("Seed"), "abc");
    await user.click(screen.getByRole("button", { name: "Start episode" }));
    const seed = screen.getByLabelText("Seed");
    expect(seed).toHaveAttribute("aria-invalid", "true");
    expect(seed).toHaveAccessibleDescription(/whole number/);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(onStarted).not.toHaveBeenCalled();
  });

  it("puts the server's field errors under their inputs", async () => {
    mockApi({
      "GET /api/scenarios": () => json({ data: [scenarioSummary()], count: 1 }),
      "POST /api/envs": () =>
        json(
          {
            detail: "body.difficulty: Input should be less than or equal to 1",
            errors: [{ path: "body.difficulty", message: "Input should be less than or equal to 1" }],
          },
          422,
        ),
    });
    const user = userEvent.setup();
    renderWithProviders(<SetupForm onStarted={vi.fn()} />);
    await screen.findByRole("option", { name: "retail" });

    await user.type(screen.getByLabelText("Difficulty"), "0.5");
    await user.click(screen.getByRole("button", { name: "Start episode" }));
    expect(await screen.findByText("Input should be less than or equal to 1")).toBeInTheDocument();
    expect(screen.getByLabelText("Difficulty")).toHaveAccessibleDescription("Input should be less than or equal to 1");
  });

  it("shows other server errors in an alert", async () => {
    mockApi({
      "GET /api/scenarios": () => json({ data: [scenarioSummary()], count: 1 }),
      "POST /api/envs": () => json({ detail: "too many live sessions (256)", errors: [] }, 429),
    });
    const user = userEvent.setup();
    renderWithProviders(<SetupForm onStarted={vi.fn()} />);
    await screen.findByRole("option", { name: "retail" });
    await user.click(screen.getByRole("button", { name: "Start episode" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("too many live sessions (256)");
  });
});
