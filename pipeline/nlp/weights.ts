/**
 * Arithmetic of weights shared by the cue and topic scoring: a repeated term decays, a raw sum
 * saturates into a score, a shown weight rounds to three decimals.
 */

export function saturate(raw: number, atHalf: number): number {
  if (raw <= 0) return 0;
  return Math.round((1 - Math.pow(2, -raw / atHalf)) * 1000) / 1000;
}

export function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** decay^(times `key` was seen before), counting this one. */
export function repeatFactor(seen: Map<string, number>, key: string, decay: number): number {
  const n = seen.get(key) ?? 0;
  seen.set(key, n + 1);
  return Math.pow(decay, n);
}
