// Precision/recall of known-rumour matching on the labelled stream (tests/fixtures/known-rumours),
// at several thresholds, with and without IDF weighting: `npm run eval:rumours [-- FILE]`
// (tests/fixtures/known-rumours/holdout.json was written after the threshold was chosen).
import { join } from 'node:path';
import { loadAbbreviations } from '../pipeline/nlp/index.ts';
import { figuresAt, loadRumourStream, readCorpusTexts, scoreStream } from '../pipeline/nlp/known-rumours-eval.ts';

const REPO = join(import.meta.dirname, '..');
const file = process.argv[2] ?? join(REPO, 'tests/fixtures/known-rumours/stream.json');
const stream = loadRumourStream(file);
const background = [...readCorpusTexts(join(REPO, 'tests/fixtures/dev-corpus.jsonl')), ...readCorpusTexts(join(REPO, 'tests/nlp/fixtures/holdout.jsonl'))];
const abbreviations = loadAbbreviations(join(REPO, 'config/abbreviations.yaml'));

console.log(
  `${file}: ${stream.rumours.length} confirmed rumours, ${stream.variants.length} variants, ${stream.otherStories.length} different stories; ${background.length} background items`,
);
for (const idf of [true, false]) {
  const scores = scoreStream(stream, background, { abbreviations, idf });
  console.log(`\n${idf ? 'IDF-weighted' : 'unweighted'} containment`);
  console.log('threshold  precision  recall  TP  FP  FN');
  for (let t = 0.3; t <= 0.801; t += 0.05) {
    const f = figuresAt(scores, t);
    console.log(
      `${t.toFixed(2).padStart(9)}  ${f.precision.toFixed(3).padStart(9)}  ${f.recall.toFixed(3).padStart(6)}  ${String(f.truePositives).padStart(2)}  ${String(f.falsePositives).padStart(2)}  ${String(f.falseNegatives).padStart(2)}`,
    );
  }
  const at = figuresAt(scores, 0.35);
  if (at.wrong.length) console.log('wrong at 0.35:', JSON.stringify(at.wrong));
  if (at.missed.length) console.log('missed at 0.35:', JSON.stringify(at.missed));
  const others = scores.filter((s) => !s.expected).map((s) => ({ id: s.id, best: Math.max(0, ...s.candidates.map((c) => c.similarity)) }));
  const variants = scores
    .filter((s) => s.expected)
    .map((s) => Math.max(0, ...s.candidates.filter((c) => c.info.itemId === s.expected).map((c) => c.similarity)));
  console.log(
    `different stories, highest similarity (of those sharing ≥ 4 shingles): ${Math.max(...others.map((o) => o.best)).toFixed(3)} (${others
      .sort((a, b) => b.best - a.best)
      .slice(0, 3)
      .map((o) => `${o.id} ${o.best.toFixed(2)}`)
      .join(', ')})`,
  );
  console.log(`variants, lowest similarity to their rumour: ${Math.min(...variants).toFixed(3)}`);
}
