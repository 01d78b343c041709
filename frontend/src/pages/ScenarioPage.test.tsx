import { screen, within } from "@testing-library/react";

import { RETAIL_SCENARIO } from "../test/fixtures";
import { json, mockApi, renderWithProviders } from "../test/render";
import { ScenarioPage } from "./ScenarioPage";

describe("ScenarioPage", () => {
  it("shows the scenario's parameters as tables", async () => {
    mockApi({ "GET /api/scenarios/retail": () => json(RETAIL_SCENARIO) });
    renderWithProviders(<ScenarioPage />, { route: "/scenarios/retail", path: "/scenarios/:name" });

    const inquiries = await screen.findByRole("table", { name: "Inquiry types" });
    const shipping = within(inquiries).getByRole("rowheader", { name: "Shipping delay" }).closest("tr");
    expect(shipping).toHaveTextContent("20%");
    expect(shipping).toHaveTextContent("Compensation 50%");
    expect(shipping).toHaveTextContent("Offer compensation");

    const traits = screen.getByRole("table", { name: "Customer traits" });
    expect(within(traits).getByRole("rowheader", { name: /Patience/ }).closest("tr")).toHaveTextContent("9 ± 2.50");
    expect(screen.getByRole("region", { name: "Customers" })).toHaveTextContent("70%");

    const progress = screen.getByRole("table", { name: "Progress by action and fix" });
    expect(within(progress).getByRole("rowheader", { name: "Escalate" }).closest("tr")).toHaveTextContent("5");

    const dynamics = screen.getByRole("table", { name: "Dynamics parameters" });
    expect(dynamics).toHaveTextContent("Extra solution progress once the issue has been clarified.");
    expect(screen.getByRole("table", { name: "Money by customer tier" })).toHaveTextContent("Upsell revenue");
    expect(screen.getByRole("table", { name: "Reward weights" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Play this scenario" })).toHaveAttribute("href", "/?scenario=retail");
  });

  it("asks for the version in the URL", async () => {
    const fetch = mockApi({ "GET /api/scenarios/retail": () => json(RETAIL_SCENARIO) });
    renderWithProviders(<ScenarioPage />, { route: "/scenarios/retail?version=dde3645443ec", path: "/scenarios/:name" });
    await screen.findByRole("table", { name: "Inquiry types" });
    const request = fetch.mock.calls[0][0] as Request;
    expect(new URL(request.url).searchParams.get("version")).toBe("dde3645443ec");
  });

  it("explains an unknown scenario", async () => {
    mockApi({ "GET /api/scenarios/nope": () => json({ detail: "unknown scenario 'nope'", errors: [] }, 404) });
    renderWithProviders(<ScenarioPage />, { route: "/scenarios/nope", path: "/scenarios/:name" });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not load nope");
    expect(alert).toHaveTextContent("unknown scenario 'nope'");
  });
});
