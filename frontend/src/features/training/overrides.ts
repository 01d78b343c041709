/** Hyperparameter overrides as typed in the training form: one `key=value` per line. */

export type OverridesResult = { overrides: Record<string, unknown> } | { error: string };

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A value as JSON (numbers, booleans, arrays, objects, quoted strings), else the text itself. */
export function parseOverrideValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The overrides in `text`, or what is wrong with it, line by line. Blank lines and
 * lines starting with `#` are skipped; `learning_rate=1e-3` gives `{learning_rate: 0.001}`,
 * `policy_kwargs={"net_arch": [32, 32]}` an object, `normalize_advantage=false` a boolean.
 */
export function parseOverrides(text: string): OverridesResult {
  const entries = new Map<string, unknown>();
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const where = `Line ${index + 1}`;
    const equals = line.indexOf("=");
    if (equals === -1) {
      problems.push(`${where}: write key=value, e.g. learning_rate=0.001.`);
      return;
    }
    const key = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    if (!KEY.test(key)) problems.push(`${where}: "${key}" is not a hyperparameter name.`);
    else if (entries.has(key)) problems.push(`${where}: ${key} is set twice.`);
    else if (value === "") problems.push(`${where}: ${key} has no value.`);
    else entries.set(key, parseOverrideValue(value));
  });
  return problems.length > 0 ? { error: problems.join(" ") } : { overrides: Object.fromEntries(entries) };
}
