// Leaves out of Readability's test pages (bench/readability-pages.ts) every page that is also in one
// of our other evaluation sets — the 990-page set, WCXB (all pages, both splits) or Zyte's benchmark —
// by the same URL (the page's canonical link or og:url against each set's URLs; scheme, `www.`,
// trailing slash and fragment ignored) or the same HTML bytes. Prints only counts, never which
// pages: those sets' untouched pages must not be read through this one. Writes the excluded pages
// as salted hashes to bench/readability-pages-excluded.json.
//   node --import tsx scripts/readability-pages-overlap.ts [--pages DIR] [--eval DIR] [--wcxb DIR] [--articles DIR]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { otherSets, overlapping, ownUrls, pageHash, pathOption } from '../bench/set-overlap.ts';
import { READABILITY_EXCLUDED_FILE, excludedKey, isReadabilityPages, readabilityPageNames, readabilityPagePath } from '../bench/readability-pages.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => pathOption(args, name, fallback);
const pagesDir = option('--pages', process.env.READABILITY_PAGES_DIR ?? join(root, '.cache/readability-test-pages'));
const evalDir = option('--eval', join(root, '../shared/data/extraction-eval'));
const wcxbDir = option('--wcxb', process.env.WCXB_DIR ?? join(root, '.cache/wcxb'));
const articlesDir = option('--articles', process.env.ARTICLE_BENCHMARK_DIR ?? join(root, '.cache/article-extraction-benchmark'));

if (!isReadabilityPages(pagesDir)) {
  console.log(`\n!!! NOT DONE: Readability's test pages are not at ${pagesDir}: fetch them with \`bash scripts/readability-pages-fetch.sh\`.\n`);
  process.exit(1);
}
const sets = otherSets({ evalDir, wcxbDir, articlesDir });
if (typeof sets === 'string') {
  console.log(`\n!!! NOT DONE: ${sets}.\n`);
  process.exit(1);
}
const pages = readabilityPageNames(pagesDir).map((name) => {
  const bytes = gunzipSync(readFileSync(readabilityPagePath(pagesDir, name)));
  return { name, urls: ownUrls(bytes.toString('latin1')), hash: pageHash(bytes) };
});
const excluded = overlapping(pages, sets);
writeFileSync(READABILITY_EXCLUDED_FILE, `${JSON.stringify([...excluded].map(excludedKey).sort(), null, 1)}\n`);
console.log(`excluded: ${excluded.size} pages, written as salted hashes to ${fileURLToPath(READABILITY_EXCLUDED_FILE)}`);
