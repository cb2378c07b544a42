// Runs the real command line (`node bin/mediawatch.js ...`) as a child process, for tests that
// kill it, fill its disk or take its services away.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CONFIG_DIR = join(REPO, 'config');

/** Writes a config file into `dir`, with the project's lexicons by absolute path; returns its path. */
export function writeCliConfig(dir: string, body: Record<string, unknown>): string {
  const path = join(dir, 'mediawatch.yaml');
  const lexicons = {
    topics: [join(CONFIG_DIR, 'topics/congress-2020.yaml')],
    distortionCues: [join(CONFIG_DIR, 'topics/distortion-cues.yaml')],
    abbreviations: join(CONFIG_DIR, 'abbreviations.yaml'),
    officialFacts: join(CONFIG_DIR, 'official-facts.yaml'),
  };
  writeFileSync(path, stringify({ ...lexicons, ...body }));
  return path;
}

export interface CliProcess {
  child: ChildProcess;
  /** Everything written so far. */
  readonly stdout: string;
  readonly stderr: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first match of `pattern` in stderr (rejects if the process ends first). */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [join(REPO, 'bin/mediawatch.js'), ...args], {
    cwd: REPO,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners: Array<() => void> = [];
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    listeners.forEach((wake) => wake());
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      resolve({ code, signal });
      listeners.forEach((wake) => wake());
    }),
  );
  return {
    child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    waitForStderr(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${pattern} on stderr within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
        const check = () => {
          const match = stderr.match(pattern);
          if (match) {
            clearTimeout(timer);
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            reject(new Error(`process ended before ${pattern}:\n${stderr}`));
          }
        };
        listeners.push(check);
        check();
      });
    },
  };
}

/** Runs a command to its end. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startCli(args, env);
  const { code } = await run.exited;
  return { code, stdout: run.stdout, stderr: run.stderr };
}

/** The same "random" moments on every run. */
export { rng as seededRandom } from '../../core/random.ts';
