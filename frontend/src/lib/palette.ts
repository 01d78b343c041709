/** Colours for chart series, readable on the light surface and distinct in order. */
export const SERIES_COLORS = [
  "#2450d6",
  "#e07a1f",
  "#1f9e74",
  "#c23b6a",
  "#7a5cd6",
  "#5a6b7d",
  "#c9a227",
  "#2b9fc2",
] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[((index % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length];
}

/** Fixed colours for the reward components, so each keeps its colour across charts. */
const REWARD_COLORS: Record<string, string> = {
  satisfaction: "#2450d6",
  resolution: "#1f9e74",
  efficiency: "#e07a1f",
  business: "#7a5cd6",
  penalty: "#c23b6a",
};

export function rewardColor(component: string, index: number): string {
  return REWARD_COLORS[component] ?? seriesColor(index);
}
