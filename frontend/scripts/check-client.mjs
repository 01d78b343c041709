// Regenerates the API client into a temporary folder and fails if src/client differs,
// so the committed client always matches docs/openapi.json.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const committed = join(root, "src/client");
const fresh = mkdtempSync(join(tmpdir(), "supportgym-client-"));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

try {
  execFileSync("npx", ["openapi-ts"], {
    cwd: root,
    env: { ...process.env, CLIENT_OUTPUT: fresh },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const expected = new Set(files(fresh).map((path) => relative(fresh, path)));
  const actual = new Set(files(committed).map((path) => relative(committed, path)));
  const problems = [];
  for (const name of expected) {
    if (!actual.has(name)) problems.push(`missing: src/client/${name}`);
    else if (readFileSync(join(fresh, name), "utf8") !== readFileSync(join(committed, name), "utf8"))
      problems.push(`differs: src/client/${name}`);
  }
  for (const name of actual) {
    if (!expected.has(name)) problems.push(`not generated: src/client/${name}`);
  }
  if (problems.length > 0) {
    console.error(`src/client is out of date with ../docs/openapi.json; run npm run generate.\n${problems.join("\n")}`);
    process.exit(1);
  }
  console.log("src/client matches ../docs/openapi.json");
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
