import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { ApiError } from "../../lib/errors";
import { ErrorState } from "./ErrorState";

describe("ErrorState", () => {
  it("shows the detail and every field error in an alert", () => {
    const error = new ApiError(422, "body.seed: too small (and 1 more)", [
      { path: "body.seed", message: "too small" },
      { path: "body.difficulty", message: "too large" },
    ]);
    render(<ErrorState error={error} title="Could not start" />);
    const alert = screen.getByRole("alert");
    expect(alert).toHaveTextContent("Could not start");
    expect(alert).toHaveTextContent("body.seed: too small (and 1 more)");
    expect(screen.getByText("body.difficulty")).toBeInTheDocument();
    expect(screen.getAllByRole("listitem")).toHaveLength(2);
  });

  it("offers a retry when asked", async () => {
    const onRetry = vi.fn();
    render(<ErrorState error={new Error("boom")} onRetry={onRetry} />);
    await userEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
