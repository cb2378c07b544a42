// NLP throughput: normalise + match + score (the Classifier) on a large synthetic corpus, beside a
// naive baseline (one regular expression per lexicon term) measured in the same process.
//
//   npm run bench:nlp                 # 64 MB corpus, baseline on the first 4 MB
//   npm run bench:nlp -- --mb 100 --baseline-mb 8
//
// The corpus is generated deterministically (seeded) and streamed: items are produced one at a
// time and dropped after scoring, so memory stays flat however large the corpus is (heap figures
// are printed along the way). Run through bench/run.ts (node --expose-gc --import tsx).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { loadConfig } from '../core/config.ts';
import { foldVietnamese } from '../pipeline/nlp/fold.ts';
import { classifierOptionsFromConfig, LearnedScorer, loadClassifier, type Classifier } from '../pipeline/nlp/index.ts';
import type { CuesFile } from '../pipeline/nlp/lexicon.ts';
import { numberArg, repo, rng, sentencePool } from './synthetic.ts';

const TOTAL_MB = numberArg('mb', 64);
const BASELINE_MB = Math.min(numberArg('baseline-mb', 4), TOTAL_MB);
const SEED = numberArg('seed', 20201014);

// ---------------------------------------------------------------------------------------------
// Deterministic synthetic corpus, streamed

// General news vocabulary (economy, weather, traffic, society ...): most of what a monitor reads is not about the congress.
const FILLER = (
  'người dân địa phương cho biết thời gian gần đây tình hình sản xuất kinh doanh ổn định giá cả thị trường ' +
  'tăng nhẹ so với cùng kỳ năm trước nhiều hộ gia đình đã chuyển đổi cây trồng sang cà phê hồ tiêu và ' +
  'cây ăn quả chính quyền xã tổ chức tập huấn kỹ thuật hỗ trợ vốn vay ưu đãi cho bà con vùng sâu vùng xa ' +
  'thời tiết hôm nay có mưa rào rải rác nhiệt độ cao nhất khoảng ba mươi độ giao thông trên quốc lộ mười bốn ' +
  'thông suốt học sinh bước vào năm học mới bệnh viện tiếp nhận nhiều ca bệnh công an huyện điều tra vụ việc ' +
  'doanh nghiệp xuất khẩu nông sản gặp khó khăn về chi phí vận chuyển ngân hàng giảm lãi suất cho vay khách hàng ' +
  'đội bóng giành chiến thắng trên sân nhà lễ hội văn hóa cồng chiêng thu hút đông đảo du khách trong và ngoài tỉnh ' +
  'mạng xã hội chia sẻ hình ảnh đẹp về phố núi bạn bè rủ nhau đi cà phê cuối tuần giá xăng dầu điều chỉnh tăng'
).split(' ');
const EMOJI = ['🎉', '😱', '🔥', '👍', '🇻🇳', '❤️', '😢'];

interface SynthItem {
  title: string;
  text: string;
}

function* syntheticCorpus(totalBytes: number, seed: number): Generator<SynthItem & { bytes: number }> {
  const random = rng(seed);
  const pool = sentencePool();
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  let produced = 0;
  while (produced < totalBytes) {
    // about two thirds short social posts, one third news articles
    const article = random() < 0.35;
    const n = article ? 8 + Math.floor(random() * 32) : 1 + Math.floor(random() * 3);
    const sentences: string[] = [];
    for (let i = 0; i < n; i++) {
      if (random() < 0.7) {
        const len = 8 + Math.floor(random() * 25);
        const words: string[] = [];
        for (let w = 0; w < len; w++) words.push(pick(FILLER));
        sentences.push(`${words.join(' ')}.`);
      } else sentences.push(pick(pool));
    }
    let text = sentences.join(' ');
    let title = article ? pick(pool).slice(0, 120) : '';
    const style = random();
    if (style < 0.1) {
      text = text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd')
        .replace(/Đ/g, 'D');
      title = title
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd')
        .replace(/Đ/g, 'D');
    } else if (style < 0.15) {
      text = text.normalize('NFD');
      title = title.normalize('NFD');
    } else if (style < 0.3) text = `${text} ${pick(EMOJI)}${pick(EMOJI)} https://example.vn/bai-viet/${Math.floor(random() * 1e6)}`;
    const bytes = Buffer.byteLength(title) + Buffer.byteLength(text);
    produced += bytes;
    yield { title, text, bytes };
  }
}

// ---------------------------------------------------------------------------------------------
// Naive baseline: one regex per lexicon term, on the lowercased text and on its folded form

interface NaiveTerm {
  re: RegExp;
  folded: boolean;
  weight: number;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function naiveTerms(files: string[]): NaiveTerm[] {
  // a term is a list of alternatives per position: one for a plain term, one per list of a `combine` entry
  const terms: Array<{ parts: string[][]; weight: number }> = [];
  for (const file of files) {
    const data = parseYaml(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const topicTerms = (data.terms as Array<{ term: string; weight: number }> | undefined) ?? [];
    const negatives = (data.negatives as Array<{ term: string; weight: number }> | undefined) ?? [];
    const groups = (data.groups as Array<{ weight: number; terms: CuesFile['groups'][number]['terms'] }> | undefined) ?? [];
    for (const t of topicTerms) terms.push({ parts: [[t.term]], weight: t.weight });
    for (const t of negatives) terms.push({ parts: [[t.term]], weight: -t.weight });
    for (const g of groups) for (const t of g.terms) terms.push({ parts: typeof t === 'string' ? [[t]] : t.combine, weight: g.weight });
  }
  const out: NaiveTerm[] = [];
  for (const { parts, weight } of terms) {
    // one regular expression per term, a combine entry as a sequence of alternations
    const source = (fold: boolean) =>
      parts
        .map(
          (list) =>
            `(?:${list.map((x) => escapeRe(fold ? foldVietnamese(x.normalize('NFC').toLowerCase()) : x.normalize('NFC').toLowerCase()).replace(/\s+/g, '\\s+')).join('|')})`,
        )
        .join('\\s+');
    const boundary = (src: string) => new RegExp(`(?<![\\p{L}\\p{N}])${src}(?![\\p{L}\\p{N}])`, 'gu');
    out.push({ re: boundary(source(false)), folded: false, weight });
    out.push({ re: boundary(source(true)), folded: true, weight });
  }
  return out;
}

function naiveScore(terms: NaiveTerm[], item: SynthItem): number {
  const lower = `${item.title}\n${item.text}`.normalize('NFC').toLowerCase();
  const folded = foldVietnamese(lower);
  let score = 0;
  for (const t of terms) {
    t.re.lastIndex = 0;
    const m = (t.folded ? folded : lower).match(t.re);
    if (m) score += m.length * t.weight;
  }
  return score;
}

// ---------------------------------------------------------------------------------------------

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

interface Run {
  bytes: number;
  items: number;
  secs: number;
  cpuSecs: number;
  congress: number;
  distortion: number;
  rates: string[];
  heaps: string[];
}

/** Streams the corpus through one classifier, with the rate of every 10 MB and the heap after a GC. */
function measure(classifier: Classifier): Run {
  const heaps: string[] = [];
  let bytes = 0;
  let items = 0;
  let congress = 0;
  let distortion = 0;
  let ns = 0n;
  let cpuUs = 0;
  let nextCheckpoint = 10e6;
  const rates: string[] = [];
  let lastBytes = 0;
  let lastCpuUs = 0;
  for (const item of syntheticCorpus(TOTAL_MB * 1e6, SEED)) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const c = classifier.classify(item);
    ns += process.hrtime.bigint() - start;
    const used = process.cpuUsage(cpu);
    cpuUs += used.user + used.system;
    bytes += item.bytes;
    items++;
    if (c.congress) congress++;
    if (c.distortion) distortion++;
    if (bytes >= nextCheckpoint) {
      rates.push(((bytes - lastBytes) / (cpuUs - lastCpuUs)).toFixed(1));
      lastBytes = bytes;
      lastCpuUs = cpuUs;
      heaps.push(`${(bytes / 1e6).toFixed(0)} MB: ${heapMb().toFixed(1)} MB heap`);
      nextCheckpoint += 10e6;
    }
  }
  return { bytes, items, secs: Number(ns) / 1e9, cpuSecs: cpuUs / 1e6, congress, distortion, rates, heaps };
}

function main() {
  const config = loadConfig(join(repo, 'config/mediawatch.yaml'));
  const options = classifierOptionsFromConfig(config);
  const t0 = process.hrtime.bigint();
  const classifier = loadClassifier(options);
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const model = classifier.learned instanceof LearnedScorer ? classifier.learned.version : null;
  const terms = naiveTerms([...options.topicFiles, ...options.cueFiles]);
  console.log(
    `lexicons${model ? ` and model ${model}` : ''} loaded and automata built in ${loadMs.toFixed(0)} ms; naive baseline: ${terms.length} regexes (${terms.length / 2} terms × accented/folded)`,
  );

  // warm-up (JIT) on a small deterministic slice of another seed
  for (const item of syntheticCorpus(2e6, SEED + 1)) classifier.classify(item);

  // 1. the configured classifier (with its model, if the config names one) on the whole corpus, streamed
  const heapStart = heapMb();
  const run = measure(classifier);
  const { bytes, items, secs, cpuSecs } = run;
  const mbps = bytes / 1e6 / secs;
  const ips = items / secs;
  // 2. the naive baseline on the first BASELINE_MB of the same stream, after a warm-up of its own
  // (each regex is compiled on its first use)
  for (const item of syntheticCorpus(0.2e6, SEED + 1)) naiveScore(terms, item);
  let bBytes = 0;
  let bItems = 0;
  let bNs = 0n;
  let bCpuUs = 0;
  let sink = 0;
  for (const item of syntheticCorpus(BASELINE_MB * 1e6, SEED)) {
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    sink += naiveScore(terms, item);
    bNs += process.hrtime.bigint() - start;
    const used = process.cpuUsage(cpu);
    bCpuUs += used.user + used.system;
    bBytes += item.bytes;
    bItems++;
  }
  const bSecs = Number(bNs) / 1e9;
  const bMbps = bBytes / 1e6 / bSecs;
  const bIps = bItems / bSecs;

  const heapEnd = heapMb();
  // 3. the same classifier without its model, for the model's share of the time
  let lexicons: Run | null = null;
  if (model) {
    classifier.learned = null;
    for (const item of syntheticCorpus(2e6, SEED + 1)) classifier.classify(item);
    lexicons = measure(classifier);
  }
  const bCpuSecs = bCpuUs / 1e6;
  const cpuMbps = bytes / 1e6 / cpuSecs;
  const bCpuMbps = bBytes / 1e6 / bCpuSecs;
  console.log(`corpus: ${(bytes / 1e6).toFixed(1)} MB, ${items} items (deterministic seed ${SEED}, streamed; ~2/3 short posts, ~1/3 articles)`);
  const what = model ? `classifier with model ${model} (normalise + match + score + model)` : 'classifier (normalise + match + score)';
  console.log(
    `${what}: ${mbps.toFixed(1)} MB/s, ${ips.toFixed(0)} items/s wall-clock; ${cpuMbps.toFixed(1)} MB/s per CPU-second  [${secs.toFixed(1)} s; ${run.congress} congress, ${run.distortion} distortion]`,
  );
  // A corpus under 10 MB has no complete 10 MB slice, so there is nothing per slice to print.
  if (run.rates.length) console.log(`  per 10 MB (MB/s per CPU-second, JIT warm-up first): ${run.rates.join(', ')}`);
  if (lexicons)
    console.log(
      `same classifier, lexicons only: ${(lexicons.bytes / 1e6 / lexicons.secs).toFixed(1)} MB/s wall-clock; ${(lexicons.bytes / 1e6 / lexicons.cpuSecs).toFixed(1)} MB/s per CPU-second  [${lexicons.congress} congress, ${lexicons.distortion} distortion${lexicons.heaps.length ? `; heap ${lexicons.heaps.at(-1)}` : ''}]`,
    );
  console.log(
    `naive baseline (one regex per term):     ${bMbps.toFixed(2)} MB/s, ${bIps.toFixed(0)} items/s wall-clock; ${bCpuMbps.toFixed(2)} MB/s per CPU-second  [first ${(bBytes / 1e6).toFixed(1)} MB, ${bSecs.toFixed(1)} s; checksum ${sink.toFixed(0)}]`,
  );
  console.log(`speed-up: ${(mbps / bMbps).toFixed(1)}× the baseline wall-clock, ${(cpuMbps / bCpuMbps).toFixed(1)}× per CPU-second (target ≥ 10×)`);
  console.log(
    `one core: ${cpuMbps.toFixed(1)} MB/s per CPU-second (target ≥ 20 MB/s: ${cpuMbps >= 20 ? 'met' : 'not met'}); load average ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} cores during the run`,
  );
  console.log(`heap: ${[`${heapStart.toFixed(1)} MB at start`, ...run.heaps, `${heapEnd.toFixed(1)} MB at end`].join(', ')}`);
}

main();
