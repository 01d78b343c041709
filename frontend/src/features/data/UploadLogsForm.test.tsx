import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";

import { json, mockApi, renderWithProviders } from "../../test/render";
import { DATASET } from "./fixtures";
import { UploadLogsForm } from "./UploadLogsForm";

const LINES = '{"contact_id":"a","turn":0,"action":"empathize"}\n{"contact_id":"a","turn":1,"action":"dance"}\n';
const ACTION_PROBLEM = "Input should be 'empathize', 'ask_clarifying_question' or 'close_case'";

const uploads = (fetch: ReturnType<typeof mockApi>) =>
  fetch.mock.calls.map(([request]) => request as Request).filter((request) => request.method === "POST");

describe("UploadLogsForm", () => {
  it("sends the file's bytes as they are, with its name and the dataset's", async () => {
    const fetch = mockApi({ "POST /api/datasets": () => json(DATASET, 201) });
    const user = userEvent.setup();
    const onUploaded = vi.fn();
    renderWithProviders(<UploadLogsForm onUploaded={onUploaded} />);

    await user.upload(screen.getByLabelText("Log file"), new File([LINES], "Week 48.JSONL", { type: "" }));
    expect(screen.getByLabelText("Dataset name")).toHaveValue("Week-48");
    await user.clear(screen.getByLabelText("Dataset name"));
    await user.type(screen.getByLabelText("Dataset name"), "week-48");
    await user.click(screen.getByRole("button", { name: "Upload" }));

    await vi.waitFor(() => expect(onUploaded).toHaveBeenCalledWith(DATASET));
    const [request] = uploads(fetch);
    const url = new URL(request.url);
    expect(url.pathname).toBe("/api/datasets");
    expect(url.searchParams.get("name")).toBe("week-48");
    expect(url.searchParams.get("filename")).toBe("Week 48.jsonl");
    expect(request.headers.get("Content-Type")).toBe("application/octet-stream");
    expect(new TextDecoder().decode(await request.arrayBuffer())).toBe(LINES);
    expect(screen.getByRole("status")).toHaveTextContent("Uploaded week-48: 300 contacts, 1,266 turns.");
  });

  it("checks the file and the name before calling the server", async () => {
    const fetch = mockApi({});
    // A file dialog can show every file, whatever the input accepts.
    const user = userEvent.setup({ applyAccept: false });
    renderWithProviders(<UploadLogsForm />);
    await user.click(screen.getByRole("button", { name: "Upload" }));
    expect(screen.getByLabelText("Log file")).toHaveAccessibleDescription("Choose a log file.");
    expect(screen.getByLabelText("Dataset name")).toHaveAccessibleDescription("Name the dataset.");

    await user.upload(screen.getByLabelText("Log file"), new File(["x"], "notes.txt"));
    expect(screen.getByLabelText("Dataset name")).toHaveValue("notes");
    await user.click(screen.getByRole("button", { name: "Upload" }));
    expect(screen.getByLabelText("Log file")).toHaveAccessibleDescription(/^notes\.txt is not a log file/);
    expect(uploads(fetch)).toHaveLength(0);
  });

  it("lists the logs' problems by line and field", async () => {
    mockApi({
      "POST /api/datasets": () =>
        json(
          {
            detail: `bad.jsonl: line 2: action: ${ACTION_PROBLEM}`,
            errors: [{ path: "line 2: action", message: ACTION_PROBLEM }],
          },
          422,
        ),
    });
    const user = userEvent.setup();
    renderWithProviders(<UploadLogsForm />);
    await user.upload(screen.getByLabelText("Log file"), new File([LINES], "bad.jsonl"));
    await user.click(screen.getByRole("button", { name: "Upload" }));

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Not uploaded: the logs have 1 problem");
    expect(alert).toHaveTextContent(`bad.jsonl: line 2: action: ${ACTION_PROBLEM}`);
    const table = within(alert).getByRole("table", { name: "Log problems" });
    const row = within(table).getByRole("rowheader", { name: "line 2: action" }).closest("tr");
    expect(row).toHaveTextContent(ACTION_PROBLEM);
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
  });

  it("shows a taken name under the name and other failures in an alert", async () => {
    let status = 409;
    mockApi({
      "POST /api/datasets": () =>
        status === 409
          ? json({ detail: "a dataset named week-48 exists already", errors: [] }, 409)
          : json({ detail: "database is locked", errors: [] }, 503),
    });
    const user = userEvent.setup();
    renderWithProviders(<UploadLogsForm />);
    await user.upload(screen.getByLabelText("Log file"), new File([LINES], "week-48.jsonl"));
    await user.click(screen.getByRole("button", { name: "Upload" }));
    const name = screen.getByLabelText("Dataset name");
    await vi.waitFor(() => expect(name).toHaveAccessibleDescription("a dataset named week-48 exists already"));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();

    status = 503;
    await user.click(screen.getByRole("button", { name: "Upload" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not upload the logs");
    expect(alert).toHaveTextContent("database is locked");
  });
});
