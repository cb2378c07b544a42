// How far the corpora's labels are from a second, blind labeller's: the second labeller's labels are
// scored as if they were a system, against each corpus's labels, with `mediawatch eval`'s figures.
// A figure near 1 says the labels follow LABELING.md closely enough that a reader can reach the
// targets, so a gap between the classifier and them is the classifier's, not the labels' noise.
//   npm run eval:agreement [-- --labels FILE --corpus FILE[#odd|#even]...]
// The default labels (tests/fixtures/second-labeller/) were written on 2026-12-04 by a helper who read
// only LABELING.md, the items without labels and their facts sheets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCorpusSpec, readCorpus, selectHalf } from '../cli/corpus.ts';
import { evaluate, formatMetrics } from '../pipeline/nlp/evaluate.ts';

const REPO = join(import.meta.dirname, '..');
const argList = (name: string, fallback: string[]): string[] => {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const values: string[] = [];
  for (let i = at + 1; i < process.argv.length && !process.argv[i].startsWith('--'); i++) values.push(process.argv[i]);
  return values;
};
const labelsFile = argList('labels', [join(REPO, 'tests/fixtures/second-labeller/corpus-5-and-6-even.jsonl')])[0];
const corpora = argList('corpus', [join(REPO, 'tests/fixtures/dev-corpus-5.jsonl'), join(REPO, 'tests/fixtures/dev-corpus-6.jsonl#even')]);

const second = new Map<string, { congress: boolean; distortion: boolean }>();
for (const line of readFileSync(labelsFile, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const o = JSON.parse(line) as { id: string; congress: boolean; distortion: boolean };
  second.set(o.id, { congress: o.congress, distortion: o.distortion });
}

for (const spec of corpora) {
  const parsed = parseCorpusSpec(spec);
  const { items, problems } = readCorpus(parsed.file);
  const chosen = parsed.half ? selectHalf(items, parsed.half, parsed.file) : items;
  const missing = chosen.filter((item) => !second.has(item.id)).map((item) => item.id);
  if (problems.length || missing.length) {
    console.error(`${spec}: ${problems.length} malformed lines; ${missing.length} items the second labeller did not label (${missing.slice(0, 5).join(', ')})`);
    process.exitCode = 1;
    continue;
  }
  const report = evaluate(chosen, (item) => {
    const labels = second.get(item.id)!;
    return { ...labels, scores: { congress: Number(labels.congress), distortion: Number(labels.distortion) }, topics: [], explanations: [] };
  });
  const agree = (label: 'congress' | 'distortion') => chosen.filter((item) => item.labels[label] === second.get(item.id)![label]).length;
  console.log(`${spec} (${chosen.length} items), the second labeller against the corpus's labels:`);
  console.log(`  congress    ${formatMetrics(report.congress)}; ${agree('congress')} of ${chosen.length} agree`);
  console.log(`  distortion  ${formatMetrics(report.distortion)}; ${agree('distortion')} of ${chosen.length} agree`);
}
