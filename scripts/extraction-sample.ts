// Copies the fixed 60-page regression sample (see bench/extraction-eval.ts) from the shared
// evaluation set into tests/fixtures/extraction/. Run once; the sample never changes.
//   node --import tsx scripts/extraction-sample.ts [../shared/data/extraction-eval]
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEvalPages, pagePath, subsetOf } from '../bench/extraction-eval.ts';

const dir = process.argv[2] ?? '../shared/data/extraction-eval';
const out = 'tests/fixtures/extraction';
const pages = loadEvalPages(dir);
const subsets = subsetOf(pages);
mkdirSync(join(out, 'pages'), { recursive: true });
const data: Record<string, unknown> = {};
for (const page of pages.filter((p) => subsets.get(p.file) === 'sample')) {
  copyFileSync(pagePath(dir, page), pagePath(out, page));
  data[page.url] = { file: page.file, with: page.with, without: page.without };
}
writeFileSync(join(out, 'evaldata.json'), `${JSON.stringify(data, null, 1)}\n`);
copyFileSync(join(dir, 'LICENSE'), join(out, 'LICENSE'));
console.log(`${Object.keys(data).length} pages copied to ${out}`);
