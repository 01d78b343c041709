import type { ScenarioSummary } from "../../client";
import type { SelectOption, SelectOptionGroup } from "../../components/ui";

/**
 * The scenario catalogue as select options, built-in then uploaded (fitted scenarios
 * join the uploads); names in `keep` that the catalogue lacks (yet) stay choosable.
 */
export function scenarioOptions(
  scenarios: readonly ScenarioSummary[],
  keep: readonly string[] = [],
): (SelectOption | SelectOptionGroup)[] {
  const named = (scenario: ScenarioSummary) => ({ value: scenario.name, label: scenario.name });
  const missing = keep.filter((name) => name !== "" && !scenarios.some((scenario) => scenario.name === name));
  return [
    ...missing.map((name) => ({ value: name, label: name })),
    { label: "Built-in", options: scenarios.filter((s) => s.source === "builtin").map(named) },
    { label: "Uploaded", options: scenarios.filter((s) => s.source !== "builtin").map(named) },
  ].filter((item) => !("options" in item) || item.options.length > 0);
}
