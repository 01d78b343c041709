import { ApiError, errorMessage, fieldErrorMap, fieldErrors, toApiError } from "./errors";

describe("toApiError", () => {
  it("keeps the server's detail, status and field errors", () => {
    const body = {
      detail: "body.seed: Input should be greater than or equal to 0",
      errors: [{ path: "body.seed", message: "Input should be greater than or equal to 0" }],
    };
    const error = toApiError(body, new Response(null, { status: 422 }));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.message).toBe(body.detail);
    expect(fieldErrors(error)).toEqual(body.errors);
  });

  it("explains an unreachable server", () => {
    const error = toApiError(new TypeError("Failed to fetch"));
    expect(error.status).toBe(0);
    expect(errorMessage(error)).toMatch(/Cannot reach the SupportGym server/);
  });

  it("uses a text body or the status text when there is no JSON detail", () => {
    expect(toApiError("Bad gateway", new Response(null, { status: 502 })).detail).toBe("Bad gateway");
    expect(toApiError("", new Response(null, { status: 500, statusText: "Server Error" })).detail).toBe(
      "Server Error",
    );
  });

  it("drops malformed field errors", () => {
    const error = toApiError({ detail: "x", errors: [{ path: 1 }, { path: "a", message: "b" }] }, new Response(null, { status: 422 }));
    expect(error.errors).toEqual([{ path: "a", message: "b" }]);
  });
});

describe("fieldErrorMap", () => {
  it("maps body fields to their problems and skips the rest", () => {
    const error = new ApiError(422, "invalid", [
      { path: "body.seed", message: "too small" },
      { path: "body.seed", message: "not an integer" },
      { path: "body.difficulty", message: "too large" },
      { path: "query.limit", message: "bad" },
    ]);
    expect(fieldErrorMap(error)).toEqual({
      seed: "too small; not an integer",
      difficulty: "too large",
    });
    expect(fieldErrorMap(new Error("plain"))).toEqual({});
  });
});
