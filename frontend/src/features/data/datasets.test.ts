import { ApiError } from "../../lib/errors";
import {
  datasetNameFromFile,
  defaultScenario,
  fieldValues,
  givenText,
  logFormat,
  parseUpload,
  problemCount,
  shortHash,
  uploadFilename,
  uploadProblems,
} from "./datasets";
import { DATASET } from "./fixtures";

const field = (name: string) => {
  const found = DATASET.summary.find((f) => f.field === name);
  if (!found) throw new Error(`the fixture has ${name}`);
  return found;
};

describe("log files", () => {
  it("knows the formats the server reads, by their ending", () => {
    expect(logFormat("week.jsonl.gz")).toBe(".jsonl.gz");
    expect(logFormat("week.jsonl")).toBe(".jsonl");
    expect(logFormat("Week.CSV.GZ")).toBe(".csv.gz");
    expect(logFormat("week.parquet")).toBe(".parquet");
    expect(logFormat("week.json")).toBeNull();
    expect(logFormat("week.gz")).toBeNull();
  });

  it("sends a file's own name with its ending in lower case", () => {
    expect(uploadFilename("week 48.jsonl.gz")).toBe("week 48.jsonl.gz");
    expect(uploadFilename("Week.JSONL")).toBe("Week.jsonl");
    expect(uploadFilename(".jsonl")).toBeNull();
    expect(uploadFilename(`${"x".repeat(191)}.csv`)).toBeNull();
    expect(uploadFilename("bad\u0001name.csv")).toBeNull();
    expect(uploadFilename("notes.txt")).toBeNull();
  });

  it("suggests a dataset name from the file's", () => {
    expect(datasetNameFromFile("week.jsonl.gz")).toBe("week");
    expect(datasetNameFromFile("Support logs (week 48).csv")).toBe("Support-logs-week-48");
    expect(datasetNameFromFile("_export.v2.parquet")).toBe("export.v2");
    expect(datasetNameFromFile("notes.txt")).toBe("notes");
  });
});

describe("parseUpload", () => {
  const file = new File(["{}\n"], "Week-48.JSONL.GZ");

  it("sends the file as the body, its name and the dataset's in the query", () => {
    expect(parseUpload({ file, name: " week-48 " })).toEqual({
      body: file,
      query: { name: "week-48", filename: "Week-48.jsonl.gz" },
    });
  });

  it("asks for a file and a valid name first", () => {
    expect(parseUpload({ file: null, name: "" })).toEqual({
      errors: { file: "Choose a log file.", name: "Name the dataset." },
    });
    const bad = parseUpload({ file: new File(["x"], "notes.txt"), name: "-week" });
    expect(bad).toEqual({
      errors: {
        file: "notes.txt is not a log file the server reads: .jsonl.gz, .jsonl, .csv.gz, .csv, .parquet.",
        name: expect.stringMatching(/^Use letters, digits/),
      },
    });
  });
});

describe("uploadProblems", () => {
  it("lists the logs' problems by line and field, with the server's message", () => {
    const error = new ApiError(422, "bad.jsonl: line 2: action: Input should be 'empathize' (and 1 more)", [
      { path: "line 2: action", message: "Input should be 'empathize'" },
      { path: "line 4: tier", message: "Input should be 'standard', 'premium' or 'vip'" },
    ]);
    const problems = uploadProblems(error);
    expect(problems.logs.map((p) => p.path)).toEqual(["line 2: action", "line 4: tier"]);
    expect(problems.message).toBe("bad.jsonl: line 2: action: Input should be 'empathize' (and 1 more)");
    expect(problems.fields).toEqual({});
    expect(problems.unmatched).toBe(false);
  });

  it("lists a problem of the whole file", () => {
    const error = new ApiError(422, "e.jsonl: no records", [{ path: "", message: "no records" }]);
    expect(uploadProblems(error).logs).toEqual([{ path: "", message: "no records" }]);
  });

  it("puts query problems, a taken name and a file too large under their fields", () => {
    const query = new ApiError(422, "query.name: String should match pattern (and 1 more)", [
      { path: "query.name", message: "String should match pattern" },
      { path: "query.filename", message: "String should match pattern" },
    ]);
    expect(uploadProblems(query)).toMatchObject({
      fields: { name: "String should match pattern", file: "String should match pattern" },
      logs: [],
      unmatched: false,
    });
    const taken = new ApiError(409, "a dataset named week-48 exists already");
    expect(uploadProblems(taken).fields).toEqual({ name: "a dataset named week-48 exists already" });
    expect(uploadProblems(new ApiError(413, "the body is over 256 MiB")).fields).toEqual({
      file: "the body is over 256 MiB",
    });
  });

  it("leaves other failures to an alert", () => {
    expect(uploadProblems(new ApiError(0, "Cannot reach the SupportGym server")).unmatched).toBe(true);
    expect(uploadProblems(null)).toEqual({ fields: {}, logs: [], message: "", unmatched: false });
  });

  it("counts problems in words", () => {
    expect(problemCount(1)).toBe("1 problem");
    expect(problemCount(20)).toBe("20 problems");
  });
});

describe("a dataset's summary", () => {
  it("gives categories with their counts, most common first", () => {
    const values = fieldValues(field("tier"));
    expect(values).toEqual({
      kind: "counts",
      counts: [
        { value: "standard", count: 204, share: 0.68 },
        { value: "premium", count: 71, share: 71 / 300 },
        { value: "vip", count: 25, share: 25 / 300 },
      ],
    });
  });

  it("gives numbers' range and mean", () => {
    expect(fieldValues(field("turn"))).toEqual({ kind: "range", min: "0", max: "6", mean: "1.80" });
    expect(fieldValues(field("reward"))).toEqual({ kind: "range", min: "-3.39", max: "2.94", mean: "-0.012" });
    expect(fieldValues(field("contact_id"))).toEqual({ kind: "distinct", distinct: "300" });
    expect(fieldValues({ field: "note", per: "turn", given: 0 })).toEqual({ kind: "none" });
  });

  it("counts how often a field is given against the turns or the contacts", () => {
    expect(givenText(field("action"), DATASET)).toBe("1,266 (100%)");
    expect(givenText(field("csat"), DATASET)).toBe("300 (100%)");
    expect(givenText({ field: "x", per: "contact", given: 150 }, DATASET)).toBe("150 (50%)");
    expect(givenText({ field: "x", per: "turn", given: 12 }, DATASET)).toBe("12 (0.9%)");
  });

  it("defaults to the industry's scenario and shortens the hash", () => {
    expect(defaultScenario(DATASET)).toBe("retail");
    expect(defaultScenario({ industries: ["retail", "tech"] })).toBe("mixed");
    expect(shortHash(DATASET.content_hash)).toBe("665d96325cf0");
  });
});
