import { formatNumber, humanize } from "./format";

type KpiKind = "flag" | "score" | "count" | "minutes" | "money";

interface KpiInfo {
  label: string;
  kind: KpiKind;
  /** Whether a higher value is better; drives the colour of a value. */
  higherIsBetter: boolean;
  description: string;
}

/** The contact-centre KPIs the simulator reports, in display order. */
export const KPIS: Record<string, KpiInfo> = {
  csat: { label: "CSAT", kind: "score", higherIsBetter: true, description: "Satisfaction score, 1 to 5." },
  resolved: { label: "Resolved", kind: "flag", higherIsBetter: true, description: "The issue was fixed." },
  first_contact_resolution: {
    label: "First-contact resolution",
    kind: "flag",
    higherIsBetter: true,
    description: "Fixed without an escalation.",
  },
  escalated: { label: "Escalated", kind: "flag", higherIsBetter: false, description: "Handed to a specialist." },
  abandoned: { label: "Abandoned", kind: "flag", higherIsBetter: false, description: "The customer gave up." },
  turns: { label: "Turns", kind: "count", higherIsBetter: false, description: "Agent responses taken." },
  handle_minutes: {
    label: "Handle time",
    kind: "minutes",
    higherIsBetter: false,
    description: "Simulated minutes spent.",
  },
  revenue: { label: "Revenue", kind: "money", higherIsBetter: true, description: "From accepted upsells." },
  compensation_cost: {
    label: "Compensation",
    kind: "money",
    higherIsBetter: false,
    description: "Goodwill credits paid.",
  },
  net_value: {
    label: "Net value",
    kind: "money",
    higherIsBetter: true,
    description: "Revenue minus compensation, escalation, time and repeat-contact costs.",
  },
};

export function kpiLabel(name: string): string {
  return KPIS[name]?.label ?? humanize(name);
}

/** KPI names in display order: the known ones first, then any others. */
export function orderKpis(names: Iterable<string>): string[] {
  const known = Object.keys(KPIS);
  return [...new Set(names)].sort((a, b) => {
    const ia = known.indexOf(a);
    const ib = known.indexOf(b);
    return (ia === -1 ? known.length : ia) - (ib === -1 ? known.length : ib) || a.localeCompare(b);
  });
}

/**
 * One KPI's value for display. A single episode's flags read Yes/No; averaged over
 * episodes (`aggregate`) they are rates.
 */
export function formatKpi(name: string, value: number | null | undefined, aggregate = false): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  switch (KPIS[name]?.kind) {
    case "flag":
      return aggregate ? `${(value * 100).toFixed(1)}%` : value >= 0.5 ? "Yes" : "No";
    case "score":
      return aggregate ? formatNumber(value, 2) : formatNumber(value, 0);
    case "count":
      return aggregate ? formatNumber(value, 1) : formatNumber(value, 0);
    case "minutes":
      return `${formatNumber(value, 1)} min`;
    case "money":
      return `${value < 0 ? "−" : ""}$${formatNumber(Math.abs(value), 2)}`;
    default:
      return formatNumber(value, 2);
  }
}

/** Whether `value` is a good outcome for a single episode (for colouring), or null when neutral. */
export function kpiTone(name: string, value: number): "good" | "bad" | "neutral" {
  const info = KPIS[name];
  if (!info || info.kind !== "flag" || value === 0) return "neutral";
  return info.higherIsBetter ? "good" : "bad";
}
