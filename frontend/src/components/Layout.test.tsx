import { screen } from "@testing-library/react";

import { AppRoutes } from "../App";
import { json, mockApi, renderWithProviders } from "../test/render";

describe("Layout", () => {
  it("links every page and marks the current one", async () => {
    mockApi({ "GET /api/scenarios": () => json({ data: [], count: 0 }) });
    renderWithProviders(<AppRoutes />, { route: "/scenarios" });
    const nav = screen.getByRole("navigation", { name: "Main" });
    for (const name of ["Playground", "Training", "Analytics", "Scenarios", "Data", "Deployments"]) {
      expect(nav).toContainElement(screen.getByRole("link", { name }));
    }
    expect(screen.getByRole("link", { name: "Scenarios" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: "Training" })).not.toHaveAttribute("aria-current");
    expect(await screen.findByRole("heading", { level: 1, name: "Scenarios" })).toBeInTheDocument();
  });

  it("shows a not-found page for unknown paths", () => {
    renderWithProviders(<AppRoutes />, { route: "/nope" });
    expect(screen.getByRole("heading", { level: 1, name: "Page not found" })).toBeInTheDocument();
  });
});
