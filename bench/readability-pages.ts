// Mozilla Readability's test pages (github.com/mozilla/readability at ab4027a, Apache 2.0): pages saved
// from sites, each with the article Readability's maintainers checked by hand as its expected output
// (expected.html). A readable development set (issue #15, twenty-first pass): loaded are the pages
// Readability judges readerable whose source is a saved page (≥ 20,000 bytes: the smaller ones are
// hand-written cases of one Readability behaviour), less every page also in one of our other sets
// (the 990-page set, WCXB, Zyte's benchmark; same URL — the page's canonical or og:url — or same
// HTML), which `scripts/readability-pages-overlap.ts` records only as salted hashes so that no
// untouched page of another set is read through this one. Scored as Zyte's evaluate.py
// (`article-benchmark.ts`: 4-token shingles) against the text of expected.html. The gold is
// Readability's container, so the set favours Readability's choices; trafilatura is the comparison.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import type { BenchmarkPage } from './article-benchmark.ts';
import { excludedHashes, ownUrls, type OtherSet } from './set-overlap.ts';

const PAGES_DIR = join('test', 'test-pages');
/** Where the overlap script writes the excluded pages (salted hashes of their names). */
export const READABILITY_EXCLUDED_FILE = new URL('./readability-pages-excluded.json', import.meta.url);
/** A saved page, not a hand-written test case. */
const MIN_SOURCE_BYTES = 20_000;

export function isReadabilityPages(dir: string): boolean {
  return existsSync(join(dir, PAGES_DIR)) && existsSync(join(dir, 'html'));
}

export const readabilityPagePath = (dir: string, name: string) => join(dir, 'html', `${name}.html.gz`);

/** Every saved, readerable page of the set (the overlap script reads these too). */
export function readabilityPageNames(dir: string): string[] {
  return readdirSync(join(dir, PAGES_DIR))
    .sort()
    .filter((name) => {
      const page = join(dir, PAGES_DIR, name);
      if (!existsSync(join(page, 'expected.html')) || statSync(join(page, 'source.html')).size < MIN_SOURCE_BYTES) return false;
      const metadata = JSON.parse(readFileSync(join(page, 'expected-metadata.json'), 'utf8')) as { readerable?: boolean };
      return metadata.readerable !== false;
    });
}

const EXCLUDED_SALT = 'mediawatch-readability-pages-overlap';
export const excludedKey = (name: string) => createHash('sha256').update(`${EXCLUDED_SALT}:${name}`).digest('hex');

/** Block ends as line breaks, so words of adjacent blocks are not glued together. */
const BLOCK_END = /<\/(?:p|div|li|h[1-6]|tr|td|th|blockquote|pre|section|article|figcaption|dd|dt|ul|ol|table)>|<br\s*\/?>/gi;

export function expectedText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html.replace(BLOCK_END, (end) => `${end}\n`)}</body></html>`);
  return document.body.textContent ?? '';
}

/** Every saved, readerable page as another set a newer set's overlap script leaves out (by its own URL or bytes). */
export function readabilityOtherSet(dir: string): OtherSet {
  return {
    name: "Readability's test pages",
    pages: readabilityPageNames(dir).map((name) => {
      const path = readabilityPagePath(dir, name);
      return { url: ownUrls(gunzipSync(readFileSync(path)).toString('latin1'))[0] ?? '', path };
    }),
  };
}

/** The set's pages as Zyte-style benchmark pages; a string saying what is missing when it cannot be loaded. */
export function loadReadabilityPages(dir: string): BenchmarkPage[] | string {
  const excluded = excludedHashes(READABILITY_EXCLUDED_FILE, 'scripts/readability-pages-overlap.ts');
  if (typeof excluded === 'string') return excluded;
  return readabilityPageNames(dir)
    .filter((name) => !excluded.has(excludedKey(name)))
    .map((name) => ({
      id: name,
      // The page's own address; Readability's tests read every page as http://fakehost/test/page.html,
      // which our listing rule takes for a pager (`/page.html`).
      url: ownUrls(gunzipSync(readFileSync(readabilityPagePath(dir, name))).toString('latin1'))[0] ?? `https://readability-test-pages.invalid/${name}`,
      articleBody: expectedText(readFileSync(join(dir, PAGES_DIR, name, 'expected.html'), 'utf8')),
    }));
}
