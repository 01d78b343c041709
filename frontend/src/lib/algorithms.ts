import type { RunCreate } from "../client";
import { RunCreateSchema } from "../client/schemas.gen";

export type Algorithm = RunCreate["algorithm"];

/** The algorithms the API trains, in its order. */
export const ALGORITHMS: readonly Algorithm[] = RunCreateSchema.properties.algorithm.enum;

const LABELS: Record<Algorithm, string> = {
  ppo: "PPO",
  a2c: "A2C",
  dqn: "DQN",
  maskable_ppo: "Maskable PPO",
};

/** `maskable_ppo` → `Maskable PPO`; unknown names as they are. */
export function algorithmLabel(algorithm: string): string {
  return (ALGORITHMS as readonly string[]).includes(algorithm) ? LABELS[algorithm as Algorithm] : algorithm;
}
