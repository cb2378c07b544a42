// Leaves out of L3S-GN1 (bench/l3s-gn1.ts) every page also in one of our other evaluation sets — the
// 990-page set, WCXB (both splits), Zyte's benchmark, Readability's test pages — by the same URL (the
// address it was fetched from, or its canonical link or og:url) or the same HTML bytes. Prints only
// counts, never which pages; writes the excluded pages as salted hashes to bench/l3s-gn1-excluded.json.
//   node --import tsx scripts/l3s-gn1-overlap.ts [--pages DIR] [--eval DIR] [--wcxb DIR] [--articles DIR] [--readability DIR]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { candidatePage, otherSets, pathOption, recordOverlap } from '../bench/set-overlap.ts';
import { L3S_EXCLUDED_FILE, isL3sGn1, l3sExcludedKey, l3sPagePath, l3sPages } from '../bench/l3s-gn1.ts';
import { isReadabilityPages, readabilityOtherSet } from '../bench/readability-pages.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => pathOption(args, name, fallback);
const pagesDir = option('--pages', process.env.L3S_GN1_DIR ?? join(root, '.cache/l3s-gn1'));
const readabilityDir = option('--readability', process.env.READABILITY_PAGES_DIR ?? join(root, '.cache/readability-test-pages'));

if (!isL3sGn1(pagesDir)) {
  console.log(`\n!!! NOT DONE: L3S-GN1 is not at ${pagesDir}: fetch it with \`bash scripts/l3s-gn1-fetch.sh\`.\n`);
  process.exit(1);
}
const sets = otherSets({
  evalDir: option('--eval', join(root, '../shared/data/extraction-eval')),
  wcxbDir: option('--wcxb', process.env.WCXB_DIR ?? join(root, '.cache/wcxb')),
  articlesDir: option('--articles', process.env.ARTICLE_BENCHMARK_DIR ?? join(root, '.cache/article-extraction-benchmark')),
});
if (typeof sets === 'string' || !isReadabilityPages(readabilityDir)) {
  console.log(`\n!!! NOT DONE: ${typeof sets === 'string' ? sets : `Readability's test pages are not at ${readabilityDir}`}.\n`);
  process.exit(1);
}
sets.push(readabilityOtherSet(readabilityDir));
recordOverlap(
  l3sPages(pagesDir).map(({ id, url }) => candidatePage(id, url, l3sPagePath(pagesDir, id))),
  sets,
  L3S_EXCLUDED_FILE,
  l3sExcludedKey,
);
