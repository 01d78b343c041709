import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { scenarioSummary } from "../test/fixtures";
import { json, mockApi, renderWithProviders } from "../test/render";
import { ScenariosPage } from "./ScenariosPage";

const BAD_PROBLEMS = [
  { path: "inquiries[0].urgency", message: "Input should be less than or equal to 1" },
  { path: "dynamics.bogus", message: "unknown field" },
];

function library() {
  return json({
    data: [
      scenarioSummary(),
      scenarioSummary({ name: "my-bank", source: "user", industry: "bfsi", version: "0123456789ab", versions: ["aaaaaaaaaaaa", "0123456789ab"] }),
    ],
    count: 2,
  });
}

describe("ScenariosPage", () => {
  it("lists scenarios with their industry, version and a link to each", async () => {
    mockApi({ "GET /api/scenarios": library });
    renderWithProviders(<ScenariosPage />);
    const table = await screen.findByRole("table", { name: "Scenario library" });
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent("retail");
    expect(rows[1]).toHaveTextContent("Built-in");
    expect(rows[1]).toHaveTextContent("dde3645443ec");
    expect(rows[2]).toHaveTextContent("Uploaded");
    expect(rows[2]).toHaveTextContent("2 versions");
    expect(within(table).getByRole("link", { name: "my-bank" })).toHaveAttribute("href", "/scenarios/my-bank");
  });

  it("shows a load error with a retry", async () => {
    mockApi({ "GET /api/scenarios": () => json({ detail: "database is locked", errors: [] }, 503) });
    renderWithProviders(<ScenariosPage />);
    const alert = await screen.findByRole("alert", {}, { timeout: 10_000 });
    expect(alert).toHaveTextContent("Could not load the scenarios");
    expect(alert).toHaveTextContent("database is locked");
    expect(within(alert).getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("validates pasted YAML and lists each problem by field", async () => {
    const fetch = mockApi({
      "GET /api/scenarios": library,
      "POST /api/scenarios/validate": () => json({ valid: false, name: null, version: null, errors: BAD_PROBLEMS }),
    });
    const user = userEvent.setup();
    renderWithProviders(<ScenariosPage />);

    await user.click(screen.getByRole("button", { name: "Validate" }));
    expect(screen.getByLabelText("Scenario YAML")).toHaveAccessibleDescription(/Paste a scenario/);
    const posts = () => fetch.mock.calls.map(([request]) => request as Request).filter((r) => r.method === "POST");
    expect(posts()).toHaveLength(0);

    await user.click(screen.getByLabelText("Scenario YAML"));
    await user.paste("name: bad-bank\nindustry: bfsi\n");
    await user.click(screen.getByRole("button", { name: "Validate" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The scenario has 2 problems");
    const problems = within(alert).getByRole("table", { name: "Scenario problems" });
    const row = within(problems).getByRole("rowheader", { name: "inquiries[0].urgency" }).closest("tr");
    expect(row).toHaveTextContent("Input should be less than or equal to 1");
    expect(posts()).toHaveLength(1);
    expect(await posts()[0].json()).toEqual({ yaml: "name: bad-bank\nindustry: bfsi\n" });
  });

  it("uploads a file's scenario, or shows why the server refused it", async () => {
    let accept = false;
    mockApi({
      "GET /api/scenarios": library,
      "POST /api/scenarios": () =>
        accept
          ? json({ ...scenarioSummary({ name: "my-shop", source: "user", version: "fedcba987654" }), definition: {} }, 201)
          : json({ detail: "invalid scenario: dynamics.bogus: unknown field", errors: [BAD_PROBLEMS[1]] }, 422),
    });
    const user = userEvent.setup();
    renderWithProviders(<ScenariosPage />);

    const file = new File(["name: my-shop\nindustry: retail\n"], "my-shop.yaml", { type: "text/yaml" });
    await user.upload(screen.getByLabelText("Scenario file"), file);
    expect(await screen.findByDisplayValue(/name: my-shop/)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Upload" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Not uploaded: the scenario has 1 problem");
    expect(within(alert).getByRole("rowheader", { name: "dynamics.bogus" })).toBeInTheDocument();

    accept = true;
    await user.click(screen.getByRole("button", { name: "Upload" }));
    const status = await screen.findByRole("status");
    expect(status).toHaveTextContent("Uploaded my-shop, version fedcba987654");
    expect(within(status).getByRole("link", { name: "Open my-shop" })).toHaveAttribute(
      "href",
      "/scenarios/my-shop?version=fedcba987654",
    );
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
