// Fails the run at once, with what to do, when something the suite needs is missing.
import { existsSync } from "node:fs";
import { join } from "node:path";

import { CHROMIUM_PATH } from "./browser";
import { REPO_ROOT, SUPPORTGYM } from "./server";

export default function globalSetup(): void {
  const problems: string[] = [];
  if (!existsSync(join(REPO_ROOT, "frontend/dist/index.html"))) {
    problems.push("frontend/dist/index.html is missing: build the dashboard first (`make dashboard`, or `npm run build` in frontend/).");
  }
  if (!existsSync(SUPPORTGYM)) {
    problems.push(`${SUPPORTGYM} is missing: install the server first (\`make install\`).`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    problems.push(`${CHROMIUM_PATH} is missing: run scripts/install-chromium.sh (or set CHROMIUM_PATH).`);
  }
  if (problems.length > 0) throw new Error(`The e2e suite cannot run:\n- ${problems.join("\n- ")}`);
}
