// Figures of the check before publishing on drafts built from a facts sheet
// (tests/fixtures/check-drafts/templates.yaml filled with the sheet's values and with other ones):
// `npm run eval:check [-- --errors]`. Run with the configured sheet, with a second sheet of other
// values (tests/nlp/fixtures/official-facts-other.json), and crosswise: the first sheet's correct
// drafts checked against the second sheet, which must hold them, as their values now differ.
import { join } from 'node:path';
import { loadConfig } from '../core/config.ts';
import { lazyChecker } from '../pipeline/nlp/check.ts';
import { buildDrafts, draftTemplatesSchema, holdFigures, type LabelledDraft } from '../pipeline/nlp/check-eval.ts';
import { loadFactsFile } from '../pipeline/nlp/facts-sheet.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../pipeline/nlp/index.ts';
import { loadYamlFile } from '../pipeline/nlp/lexicon.ts';

const REPO = join(import.meta.dirname, '..');
const showErrors = process.argv.includes('--errors');
const options = classifierOptionsFromConfig(loadConfig(join(REPO, 'config/mediawatch.yaml')));
const OTHER = join(REPO, 'tests/nlp/fixtures/official-facts-other.json');
const templates = loadYamlFile(join(REPO, 'tests/fixtures/check-drafts/templates.yaml'), draftTemplatesSchema, 'draft templates');

const sheets = {
  configured: { checker: lazyChecker(() => loadClassifier(options)), drafts: buildDrafts(loadFactsFile(options.factsFile), templates) },
  other: {
    checker: lazyChecker(() => loadClassifier({ ...options, factsSheet: OTHER })),
    drafts: buildDrafts(loadFactsFile(options.factsFile, OTHER), templates),
  },
};

function row(name: string, drafts: LabelledDraft[], checker: (typeof sheets)['configured']['checker']): void {
  const f = holdFigures(checker, drafts);
  const correct = f.fp + f.tn;
  console.log(
    `${name.padEnd(44)} ${String(f.drafts).padStart(6)} ${String(f.tp + f.fn).padStart(6)} ${f.precision.toFixed(3).padStart(9)} ${f.recall.toFixed(3).padStart(6)} ${`${f.fp}/${correct}`.padStart(12)}`,
  );
  if (showErrors)
    for (const e of f.errors) console.log(`    ${e.label} ${e.held ? 'held' : 'passed'}: ${e.text}${e.reasons.length ? ` [${e.reasons.join('; ')}]` : ''}`);
}

console.log(
  `${'drafts checked'.padEnd(44)} ${'drafts'.padStart(6)} ${'wrong'.padStart(6)} ${'precision'.padStart(9)} ${'recall'.padStart(6)} ${'correct held'.padStart(12)}`,
);
for (const [name, { checker, drafts }] of Object.entries(sheets)) {
  row(`${name} sheet: all`, drafts, checker);
  for (const what of ['number', 'date', 'venue'] as const) {
    for (const form of ['digits', 'words'] as const) {
      const part = drafts.filter((d) => d.what === what && d.form === form);
      if (part.length) row(`  ${what}, ${form}`, part, checker);
    }
  }
}
// The configured sheet's correct drafts against the other sheet: each states a value the other sheet
// contradicts, unless both sheets agree on it (the national congress is in Hà Nội in both).
const agreed = new Set(sheets.other.drafts.filter((d) => d.label === 'correct').map((d) => d.text));
const crossed = sheets.configured.drafts.filter((d) => d.label === 'correct' && !agreed.has(d.text)).map((d) => ({ ...d, label: 'wrong' as const }));
row("configured sheet's correct drafts vs other sheet", crossed, sheets.other.checker);
