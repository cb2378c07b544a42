// What the benchmarks share: command-line figures and a deterministic synthetic corpus built
// from the dev corpus's sentences, so runs are comparable and need no network.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from '../core/random.ts';
import type { ScoredItem } from '../core/types.ts';
import { stringify } from 'yaml';
import { normaliseItem } from '../pipeline/normalise.ts';

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

/** A seeded generator, so every run benchmarks the same corpus. */
export { rng };

/** The q-quantile (0..1, nearest rank) of ascending samples; NaN when there are none. */
export function quantile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : NaN;
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

/** The dev corpus's sentences plus a few general ones. */
function storePool(): string[] {
  return [
    ...sentencePool(),
    'Đại hội đại biểu toàn quốc lần thứ XIII của Đảng diễn ra tại Hà Nội.',
    'Giá xăng dầu trong nước được điều chỉnh theo giá thế giới.',
    'Mưa lớn kéo dài gây ngập úng tại nhiều tỉnh miền Trung.',
    'Một số trang mạng đăng tải thông tin sai sự thật, xuyên tạc đường lối của Đảng.',
    'Thành phố đẩy mạnh chuyển đổi số trong cải cách hành chính.',
  ];
}

/**
 * `count` scored items as a store receives them: 40 sources, four months of dates, ~20% about
 * the congress, ~3% flagged, clusters of three. The labels are random, not the NLP's.
 * `firstIndex` numbers the URLs on, so large sets can be made in chunks with distinct ids.
 */
export function syntheticScoredItems(count: number, seed: number, firstIndex = 0): ScoredItem[] {
  const random = rng(seed);
  const pool = storePool();
  const pick = () => pool[Math.floor(random() * pool.length)];
  const start = Date.parse('2020-10-01T00:00:00Z');
  const items: ScoredItem[] = [];
  for (let i = firstIndex; i < firstIndex + count; i++) {
    const source = `nguon-${Math.floor(random() * 40)}`;
    const sentences = 4 + Math.floor(random() * 6);
    const text = Array.from({ length: sentences }, pick).join(' ');
    const title = pick().slice(0, 120);
    const congress = random() < 0.2;
    const distortion = random() < 0.15;
    const normalised = normaliseItem({
      sourceId: source,
      kind: random() < 0.7 ? 'news' : random() < 0.5 ? 'rss' : 'social',
      url: `https://${source}.example/bai-viet/${i}.html`,
      title,
      text,
      publishedAt: new Date(start + Math.floor(random() * 120 * 86_400_000)).toISOString(),
      fetchedAt: new Date(start + 121 * 86_400_000).toISOString(),
    });
    items.push({
      ...normalised,
      congress,
      distortion,
      scores: { congress: congress ? 0.5 + random() / 2 : random() / 2, distortion: distortion ? 0.5 + random() / 2 : random() / 2 },
      topics: congress ? (random() < 0.3 ? ['congress-2020', 'rumours'] : ['congress-2020']) : random() < 0.1 ? ['economy'] : [],
      explanations: congress ? [{ kind: 'congress', term: 'dai-hoi', matched: 'Đại hội', weight: 0.6, field: 'text', start: 0, end: 7 }] : [],
      flagged: congress && distortion,
      clusterId: `c${Math.floor(i / 3)}`,
    });
  }
  return items;
}

export interface ThreadCpu {
  main: number;
  other: number;
}

/**
 * CPU time by thread, from Linux's /proc (zero elsewhere): on a shared machine wall time varies
 * 2–3x with the load, CPU time much less, so it is the figure to compare between runs.
 */
export function threadCpu(): ThreadCpu {
  const cpu = { main: 0, other: 0 };
  let tasks: string[];
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return cpu;
  }
  for (const task of tasks) {
    try {
      // utime and stime, in clock ticks (100 a second), after the parenthesised command name.
      const fields = readFileSync(`/proc/self/task/${task}/stat`, 'utf8').split(') ')[1].split(' ');
      const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
      if (Number(task) === process.pid) cpu.main += seconds;
      else cpu.other += seconds;
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return cpu;
}

/**
 * Writes `<dir>/mediawatch.yaml` for a `serve` a bench starts: the given store, this repository's
 * lexicons and facts, state and workflow in `dir`, and no rate limit in the way of timed requests.
 */
export function writeBenchConfig(dir: string, store: Record<string, unknown>): string {
  const configPath = join(dir, 'mediawatch.yaml');
  writeFileSync(
    configPath,
    stringify({
      store,
      topics: [join(repo, 'config/topics/congress-2020.yaml')],
      distortionCues: [join(repo, 'config/topics/distortion-cues.yaml')],
      abbreviations: join(repo, 'config/abbreviations.yaml'),
      officialFacts: join(repo, 'config/official-facts.yaml'),
      statePath: join(dir, 'crawl-state.json'),
      workflow: { path: join(dir, 'workflow.db') },
      security: { rateLimits: { apiPerMinute: 1_000_000 } },
    }),
  );
  return configPath;
}

/** Children of a process and theirs (Linux /proc). */
function descendantsOf(pid: number): number[] {
  let children: number[] = [];
  try {
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      children.push(...readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
    }
  } catch {
    return [];
  }
  children = [...new Set(children)];
  return [...children, ...children.flatMap(descendantsOf)];
}

/**
 * Resident memory of a process and its descendants, sampled until stop(): serve copies an index
 * in a child process, which counts against serve's memory budget too. `peak` is the largest sum
 * of RSS seen in one sample; `peakSum` adds each process's own peak (VmHWM), an upper bound that
 * does not depend on the sampling.
 */
export class TreeMemory {
  private readonly peaks = new Map<number, number>();
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 250,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): number {
    let sum = 0;
    for (const pid of [this.pid, ...descendantsOf(this.pid)]) {
      let status: string;
      try {
        status = readFileSync(`/proc/${pid}/status`, 'utf8');
      } catch {
        continue; // ended between the listing and the read
      }
      const mb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
      sum += mb('VmRSS');
      this.peaks.set(pid, Math.max(this.peaks.get(pid) ?? 0, mb('VmHWM')));
    }
    this.peak = Math.max(this.peak, sum);
    return sum;
  }

  /** Peaks in MB: the process alone, its descendants (by pid), the largest sampled sum, the sum of peaks. */
  stop(): { own: number; children: Map<number, number>; peak: number; peakSum: number } {
    this.sample();
    clearInterval(this.timer);
    const children = new Map([...this.peaks].filter(([pid]) => pid !== this.pid));
    const own = this.peaks.get(this.pid) ?? 0;
    return { own, children, peak: this.peak, peakSum: own + [...children.values()].reduce((a, b) => a + b, 0) };
  }
}
