// Where the Elasticsearch tests find their node, and what they do when there is none:
// say so loudly and skip locally, fail in CI (so CI can never pass without running them).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { it } from 'vitest';

const execFileAsync = promisify(execFile);

export const ES_URL = process.env.MEDIAWATCH_ES_URL ?? 'http://127.0.0.1:9200';
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const ES_SCRIPT = join(REPO, 'scripts/elasticsearch.sh');

/** Version of the node answering at `url`, or why it did not answer. */
export async function probeElasticsearch(url = ES_URL): Promise<{ ok: true; version: string } | { ok: false; reason: string }> {
  try {
    const response = await fetch(`${url}/_cluster/health`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) return { ok: false, reason: `HTTP ${response.status} from ${url}/_cluster/health` };
    const health = (await response.json()) as { status?: string };
    if (health.status !== 'green' && health.status !== 'yellow') return { ok: false, reason: `cluster status ${health.status}` };
    const nodes = (await (await fetch(`${url}/_nodes/_local?filter_path=nodes.*.version`)).json()) as {
      nodes?: Record<string, { version: string }>;
    };
    return { ok: true, version: Object.values(nodes.nodes ?? {})[0]?.version ?? 'unknown' };
  } catch (error) {
    return { ok: false, reason: `${url} unreachable (${(error as Error).cause ?? (error as Error).message})` };
  }
}

/**
 * Prints a banner nobody can miss and, when CI is set, registers a failing test instead of
 * letting the suite skip. Call at the top level of a test file.
 */
export function reportNotRun(suite: string, reason: string, howTo: string): void {
  const lines = [
    `ELASTICSEARCH TESTS DID NOT RUN: ${suite}`,
    reason,
    howTo,
    process.env.CI ? 'CI is set: failing instead of skipping.' : 'Skipping them (they show as skipped).',
  ];
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  const bar = '!'.repeat(width);
  const banner = ['', bar, ...lines.map((line) => `! ${line.padEnd(width - 4)} !`), bar, ''].join('\n');
  process.stderr.write(`${banner}\n`);
  if (process.env.CI) {
    it(`Elasticsearch is required in CI (${suite})`, () => {
      throw new Error(`${suite}: ${reason}. ${howTo}`);
    });
  }
}

export const START_HINT = `Start a node: bash scripts/elasticsearch.sh install && bash scripts/elasticsearch.sh start (or set MEDIAWATCH_ES_URL)`;

/** A name prefix no other run (or parallel test file) uses. */
export function uniquePrefix(tag: string): string {
  return `mwtest-${tag}-${process.pid}-${Date.now().toString(36)}`.toLowerCase();
}

/** Whether scripts/elasticsearch.sh has a distribution installed to start extra nodes from. */
export function installedDistribution(): { ok: true; home: string } | { ok: false; reason: string } {
  const cache = process.env.ES_CACHE_DIR ?? join(REPO, '.cache/elasticsearch');
  const version = process.env.ES_VERSION;
  const homes = existsSync(cache)
    ? readdirSync(cache).filter((name) => (version ? name === `elasticsearch-${version}` : /^elasticsearch-[\d.]+$/.test(name)))
    : [];
  const home = homes.map((name) => join(cache, name)).find((path) => existsSync(join(path, 'bin/elasticsearch')));
  return home ? { ok: true, home } : { ok: false, reason: `no Elasticsearch distribution installed in ${cache}` };
}

/**
 * Runs scripts/elasticsearch.sh with the given settings; throws with its output on failure.
 * Asynchronous: a node starting takes minutes on a busy machine, and a test worker blocked that
 * long is reported by vitest as an unhandled "Timeout calling onTaskUpdate", failing the run.
 */
export async function runScript(command: string, env: Record<string, string>, args: string[] = [], timeoutMs = 300_000): Promise<string> {
  try {
    const run = await execFileAsync('bash', [ES_SCRIPT, command, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: timeoutMs });
    return `${run.stdout}${run.stderr}`;
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    throw new Error(`scripts/elasticsearch.sh ${command} failed (${failed.code}):\n${failed.stdout ?? ''}${failed.stderr ?? ''}`, { cause: error });
  }
}
