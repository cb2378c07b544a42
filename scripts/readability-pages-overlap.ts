// Leaves out of Readability's test pages (bench/readability-pages.ts) every page that is also in one
// of our other evaluation sets — the 990-page set, WCXB (all pages, both splits) or Zyte's benchmark —
// by the same URL (the page's canonical link or og:url against each set's URLs; scheme, `www.`,
// trailing slash and fragment ignored) or the same HTML bytes. Prints only counts, never which
// pages: those sets' untouched pages must not be read through this one. Writes the excluded pages
// as salted hashes to bench/readability-pages-excluded.json.
//   node --import tsx scripts/readability-pages-overlap.ts [--pages DIR] [--eval DIR] [--wcxb DIR] [--articles DIR]
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { READABILITY_EXCLUDED_FILE, excludedKey, isReadabilityPages, ownUrls, readabilityPageNames, readabilityPagePath } from '../bench/readability-pages.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return resolve(i >= 0 ? args[i + 1] : fallback);
};
const pagesDir = option('--pages', process.env.READABILITY_PAGES_DIR ?? join(root, '.cache/readability-test-pages'));
const evalDir = option('--eval', join(root, '../shared/data/extraction-eval'));
const wcxbDir = option('--wcxb', process.env.WCXB_DIR ?? join(root, '.cache/wcxb'));
const articlesDir = option('--articles', process.env.ARTICLE_BENCHMARK_DIR ?? join(root, '.cache/article-extraction-benchmark'));

const normalisedUrl = (url: string) =>
  url
    .trim()
    .toLowerCase()
    .replace(/#.*$/, '')
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '');
const hash = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface OtherSet {
  name: string;
  pages: Array<{ url: string; path: string }>;
}

function otherSets(): OtherSet[] | string {
  const missing = [evalDir, wcxbDir, articlesDir].filter((d) => !existsSync(d));
  if (missing.length) return `missing: ${missing.join(', ')} (every other set is needed to exclude its pages)`;
  const evalData = JSON.parse(readFileSync(join(evalDir, 'evaldata.json'), 'utf8')) as Record<string, { file: string }>;
  const wcxb = ['dev', 'test'].flatMap((split) =>
    readdirSync(join(wcxbDir, split, 'ground-truth'))
      .filter((n) => n.endsWith('.json'))
      .map((n) => ({
        url: (JSON.parse(readFileSync(join(wcxbDir, split, 'ground-truth', n), 'utf8')) as { url?: string }).url ?? '',
        path: join(wcxbDir, split, 'html', n.replace(/\.json$/, '.html.gz')),
      })),
  );
  const zyte = JSON.parse(readFileSync(join(articlesDir, 'ground-truth.json'), 'utf8')) as Record<string, { url?: string }>;
  return [
    { name: '990-page set', pages: Object.entries(evalData).map(([url, v]) => ({ url, path: join(evalDir, 'pages', `${v.file}.gz`) })) },
    { name: 'WCXB (all pages)', pages: wcxb },
    { name: "Zyte's benchmark", pages: Object.entries(zyte).map(([id, v]) => ({ url: v.url ?? '', path: join(articlesDir, 'html', `${id}.html.gz`) })) },
  ];
}

if (!isReadabilityPages(pagesDir)) {
  console.log(`\n!!! NOT DONE: Readability's test pages are not at ${pagesDir}: fetch them with \`bash scripts/readability-pages-fetch.sh\`.\n`);
  process.exit(1);
}
const sets = otherSets();
if (typeof sets === 'string') {
  console.log(`\n!!! NOT DONE: ${sets}.\n`);
  process.exit(1);
}
const pages = readabilityPageNames(pagesDir).map((name) => {
  const bytes = gunzipSync(readFileSync(readabilityPagePath(pagesDir, name)));
  return { name, urls: ownUrls(bytes.toString('latin1')).map(normalisedUrl), hash: hash(bytes) };
});
const excluded = new Set<string>();
for (const set of sets) {
  const urls = new Set(set.pages.map((p) => normalisedUrl(p.url)).filter(Boolean));
  const hashes = new Set(set.pages.filter((p) => existsSync(p.path)).map((p) => hash(gunzipSync(readFileSync(p.path)))));
  const overlapping = pages.filter((p) => p.urls.some((u) => urls.has(u)) || hashes.has(p.hash));
  overlapping.forEach((p) => excluded.add(p.name));
  console.log(`${set.name}: ${overlapping.length} of the ${pages.length} pages overlap (${set.pages.length} pages compared)`);
}
writeFileSync(READABILITY_EXCLUDED_FILE, `${JSON.stringify([...excluded].map(excludedKey).sort(), null, 1)}\n`);
console.log(`excluded: ${excluded.size} pages, written as salted hashes to ${fileURLToPath(READABILITY_EXCLUDED_FILE)}`);
