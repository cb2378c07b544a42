// What the benchmarks share: command-line figures and a deterministic synthetic corpus built
// from the dev corpus's sentences, so runs are comparable and need no network.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

/** `--name N` from the command line: a positive number, else the fallback. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}

export function textArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : (process.argv[i + 1] ?? fallback);
}

/** xorshift32: a seeded generator, so every run benchmarks the same corpus. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

/** Sentences in the style of real items: the dev corpus's titles and texts, split up. */
export function sentencePool(): string[] {
  const pool: string[] = [];
  for (const line of readFileSync(join(repo, 'tests/fixtures/dev-corpus.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const item = JSON.parse(line) as { title: string; text: string };
    for (const sentence of `${item.title}. ${item.text}`.split(/(?<=[.!?])\s+/)) if (sentence.trim().length > 8) pool.push(sentence.trim());
  }
  return pool;
}
