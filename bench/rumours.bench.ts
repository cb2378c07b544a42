// Known-rumour matching cost per ingested item (fingerprint + match against the decided items +
// document frequencies), beside the classifier's cost on the same items in the same process:
//
//   npm run bench:rumours                     # 20,000 items, 500 known rumours
//   npm run bench:rumours -- --items 50000 --known 2000
//
// Run through bench/run.ts (node --expose-gc --import tsx).
import { join } from 'node:path';
import { loadConfig } from '../core/config.ts';
import { classifierOptionsFromConfig, loadAbbreviations, loadClassifier } from '../pipeline/nlp/index.ts';
import { KnownRumourMatcher } from '../pipeline/nlp/known-rumours.ts';
import { numberArg, repo, syntheticScoredItems } from './synthetic.ts';

const ITEMS = numberArg('items', 20_000);
const KNOWN = numberArg('known', 500);
const config = loadConfig(join(repo, 'config/mediawatch.yaml'));
const classifier = loadClassifier(classifierOptionsFromConfig(config));
const matcher = new KnownRumourMatcher({ abbreviations: loadAbbreviations(join(repo, 'config/abbreviations.yaml')) });
const items = syntheticScoredItems(ITEMS + KNOWN, 20201016);
const heap = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return `${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB`;
};

const heapBefore = heap();
for (const [i, item] of items.slice(0, KNOWN).entries()) {
  const fp = matcher.fingerprint(item.title, item.text);
  matcher.observe(fp);
  matcher.put({ itemId: item.id, decision: i % 3 ? 'confirmed' : 'dismissed', decidedAt: '2020-10-15T00:00:00Z' }, fp);
}
const stream = items.slice(KNOWN);
const chars = stream.reduce((sum, item) => sum + item.title.length + item.text.length, 0);

function time(label: string, work: () => void): number {
  const cpu = process.cpuUsage();
  const start = performance.now();
  work();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(
    `${label.padEnd(44)} ${(stream.length / seconds).toFixed(0).padStart(7)} items/s  ${(chars / seconds / 1e6).toFixed(2)} M chars/s  (${(stream.length / cpuSeconds).toFixed(0)} items per CPU-second)`,
  );
  return seconds;
}

console.log(`${stream.length} items (${(chars / 1e6).toFixed(1)} M chars), ${KNOWN} known rumours`);
let matched = 0;
// Baseline first, then the matcher, then the baseline again: the machine's load moves.
const base1 = time('classifier (baseline)', () => stream.forEach((item) => classifier.classify(item)));
const own = time('known-rumour matching', () =>
  stream.forEach((item) => {
    const fp = matcher.fingerprint(item.title, item.text);
    if (matcher.match(fp, item.id)) matched++;
    matcher.observe(fp);
  }),
);
const base2 = time('classifier (baseline, again)', () => stream.forEach((item) => classifier.classify(item)));
console.log(
  `matching costs ${((own / ((base1 + base2) / 2)) * 100).toFixed(0)} % of the classifier's time; ${matched} items matched a known rumour (the synthetic items reuse corpus sentences)`,
);
console.log(`heap: ${heapBefore} before the known rumours, ${heap()} after the run (document-frequency sketch 2 MB)`);
