import { useQuery } from "@tanstack/react-query";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { scenariosListScenariosOptions } from "../client/@tanstack/react-query.gen";
import { apiToken } from "../lib/api";
import { json, mockApi, renderWithProviders } from "../test/render";
import { QueryState } from "./QueryState";

function Names() {
  const query = useQuery(scenariosListScenariosOptions());
  return (
    <QueryState query={query} loadingLabel="Loading scenarios…" errorTitle="Could not load">
      {(data) => <p>{data.data.map((s) => s.name).join(", ") || "none"}</p>}
    </QueryState>
  );
}

describe("QueryState", () => {
  it("shows a spinner, then the data", async () => {
    mockApi({ "GET /api/scenarios": () => json({ data: [{ name: "tech" }], count: 1 }) });
    renderWithProviders(<Names />);
    expect(screen.getByRole("status")).toHaveTextContent("Loading scenarios…");
    expect(await screen.findByText("tech")).toBeInTheDocument();
  });

  it("asks for the API token when the server wants one, then retries with it", async () => {
    const fetch = mockApi({
      "GET /api/scenarios": (request) =>
        request.headers.get("Authorization") === "Bearer s3cret"
          ? json({ data: [{ name: "tech" }], count: 1 })
          : json({ detail: "missing or wrong API token", errors: [] }, 401),
    });
    const user = userEvent.setup();
    renderWithProviders(<Names />);
    expect(await screen.findByRole("alert")).toHaveTextContent("missing or wrong API token");
    expect(screen.queryByRole("button", { name: "Try again" })).not.toBeInTheDocument();

    await user.type(screen.getByLabelText("API token"), "s3cret");
    await user.click(screen.getByRole("button", { name: "Save token" }));
    expect(await screen.findByText("tech")).toBeInTheDocument();
    expect(apiToken()).toBe("s3cret");
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
