// Leaves out of Fundus's test pages (bench/fundus.ts) every page also in one of our other evaluation sets
// — the 990-page set, WCXB (both splits), Zyte's benchmark, Readability's test pages, L3S-GN1 — by the
// same URL (the address Fundus fetched it from, or its canonical link or og:url) or the same HTML bytes.
// Prints only counts, never which pages; writes the excluded pages as salted hashes to
// bench/fundus-excluded.json.
//   node --import tsx scripts/fundus-overlap.ts [--pages DIR] [--eval DIR] [--wcxb DIR] [--articles DIR] [--readability DIR] [--l3s DIR]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { candidatePage, otherSets, pathOption, recordOverlap } from '../bench/set-overlap.ts';
import { FUNDUS_EXCLUDED_FILE, fundusExcludedKey, fundusPagePath, fundusPages, isFundus } from '../bench/fundus.ts';
import { isReadabilityPages, readabilityOtherSet } from '../bench/readability-pages.ts';
import { isL3sGn1, l3sOtherSet } from '../bench/l3s-gn1.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => pathOption(args, name, fallback);
const pagesDir = option('--pages', process.env.FUNDUS_DIR ?? join(root, '.cache/fundus'));
const readabilityDir = option('--readability', process.env.READABILITY_PAGES_DIR ?? join(root, '.cache/readability-test-pages'));
const l3sDir = option('--l3s', process.env.L3S_GN1_DIR ?? join(root, '.cache/l3s-gn1'));

if (!isFundus(pagesDir)) {
  console.log(`\n!!! NOT DONE: Fundus's test pages are not at ${pagesDir}: fetch them with \`bash scripts/fundus-fetch.sh\`.\n`);
  process.exit(1);
}
const sets = otherSets({
  evalDir: option('--eval', join(root, '../shared/data/extraction-eval')),
  wcxbDir: option('--wcxb', process.env.WCXB_DIR ?? join(root, '.cache/wcxb')),
  articlesDir: option('--articles', process.env.ARTICLE_BENCHMARK_DIR ?? join(root, '.cache/article-extraction-benchmark')),
});
const missing =
  typeof sets === 'string'
    ? sets
    : !isReadabilityPages(readabilityDir)
      ? `Readability's test pages are not at ${readabilityDir}`
      : !isL3sGn1(l3sDir)
        ? `L3S-GN1 is not at ${l3sDir}`
        : '';
if (typeof sets === 'string' || missing) {
  console.log(`\n!!! NOT DONE: ${missing}.\n`);
  process.exit(1);
}
sets.push(readabilityOtherSet(readabilityDir), l3sOtherSet(l3sDir));
recordOverlap(
  fundusPages(pagesDir).map(({ id, url }) => candidatePage(id, url, fundusPagePath(pagesDir, id))),
  sets,
  FUNDUS_EXCLUDED_FILE,
  fundusExcludedKey,
);
