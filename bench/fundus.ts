// Fundus's parser test pages (github.com/flairNLP/fundus, MIT; bench set added in the twenty-fourth
// pass): saved article pages of news publishers, each with the body Fundus's hand-written parser for
// that publisher extracts and its maintainers keep as the expected output — summary (the lede), then
// each section's heading and paragraphs; no captions, bylines or related links. A readable development
// set of the 990 set's untouched half's kind: press pages in German and other European languages. Only
// the European publisher groups are read (`EUROPEAN_GROUPS`); fetched by scripts/fundus-fetch.sh;
// scored as Zyte's evaluate.py (`article-benchmark.ts`: 4-token shingles). Pages also in one of our
// other sets are left out by `scripts/fundus-overlap.ts`, recorded as salted hashes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BenchmarkPage } from './article-benchmark.ts';
import { excludedHashes } from './set-overlap.ts';

const DATA = 'tests/resources/parser/test_data';
export const FUNDUS_EXCLUDED_FILE = new URL('./fundus-excluded.json', import.meta.url);

/** Fundus's publisher groups (country codes) whose pages are in a European language. */
export const EUROPEAN_GROUPS = ['at', 'be', 'ch', 'cz', 'de', 'dk', 'es', 'fr', 'isl', 'it', 'li', 'lt', 'lu', 'no', 'pl', 'pt', 'ru', 'se', 'ua', 'uk'];

export function isFundus(dir: string): boolean {
  return existsSync(join(dir, DATA, 'de', 'meta.info'));
}

/** A page's id: `<group>/<file name without .html.gz>`. */
export const fundusPagePath = (dir: string, id: string) => join(dir, DATA, `${id}.html.gz`);

interface ParserVersionData {
  body?: { summary?: string[]; sections?: Array<{ headline?: string[]; paragraphs?: string[] }> } | null;
}

/** The expected body as one text: the summary, then each section's heading and paragraphs, a line each. */
export function bodyText(data: ParserVersionData): string {
  const body = data.body;
  if (!body) return '';
  return [...(body.summary ?? []), ...(body.sections ?? []).flatMap((s) => [...(s.headline ?? []), ...(s.paragraphs ?? [])])].join('\n');
}

const WORD = /[\p{L}\p{N}]+/gu;
const words = (text: string) => text.toLowerCase().match(WORD) ?? [];

/** Share of the body's word pairs that the page's markup holds (tags out): which saved page a parser version's body was taken from. */
export function bodyShareIn(body: string, html: string): number {
  const page = words(html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;|&#160;/g, ' '));
  const pairs = new Set<string>();
  for (let i = 1; i < page.length; i++) pairs.add(`${page[i - 1]} ${page[i]}`);
  const own = words(body);
  if (own.length < 2) return 0;
  let found = 0;
  for (let i = 1; i < own.length; i++) if (pairs.has(`${own[i - 1]} ${own[i]}`)) found++;
  return found / (own.length - 1);
}

/**
 * Every saved page of the European groups with its address and expected body. A publisher's JSON holds
 * one entry per parser version and the folder one page per version (Fundus's tests map them by the
 * crawl date and the versions' validity, which live in its Python code); each page is paired with the
 * version whose body it holds the most of, one to one.
 */
export function fundusPages(dir: string): BenchmarkPage[] {
  const pages: BenchmarkPage[] = [];
  for (const group of EUROPEAN_GROUPS) {
    const folder = join(dir, DATA, group);
    if (!existsSync(join(folder, 'meta.info'))) continue;
    const meta = JSON.parse(readFileSync(join(folder, 'meta.info'), 'utf8')) as Record<string, { url: string }>;
    const files = readdirSync(folder)
      .filter((name) => name.endsWith('.html.gz'))
      .sort();
    const publishers = new Set(files.map((name) => name.slice(0, name.indexOf('_'))));
    for (const publisher of [...publishers].sort()) {
      const jsonPath = join(folder, `${publisher}.json`);
      if (!existsSync(jsonPath)) continue;
      const bodies = Object.values(JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, ParserVersionData>).map(bodyText);
      const own = files.filter((name) => name.startsWith(`${publisher}_`));
      const htmls = own.map((name) => gunzipSync(readFileSync(join(folder, name))).toString('utf8'));
      const pairs = own.flatMap((_, p) => bodies.map((body, b) => ({ p, b, share: bodyShareIn(body, htmls[p]) }))).sort((x, y) => y.share - x.share);
      const takenPages = new Set<number>();
      const takenBodies = new Set<number>();
      for (const { p, b, share } of pairs) {
        if (takenPages.has(p) || takenBodies.has(b) || share === 0) continue;
        takenPages.add(p);
        takenBodies.add(b);
        const name = own[p];
        const id = `${group}/${name.slice(0, -'.html.gz'.length)}`;
        if (bodies[b].trim()) pages.push({ id, url: meta[name]?.url ?? `https://fundus.invalid/${id}`, articleBody: bodies[b] });
      }
    }
  }
  return pages.sort((a, b) => a.id.localeCompare(b.id));
}

const EXCLUDED_SALT = 'mediawatch-fundus-overlap';
export const fundusExcludedKey = (id: string) => createHash('sha256').update(`${EXCLUDED_SALT}:${id}`).digest('hex');

/** The set's pages as Zyte-style benchmark pages; a string saying what is missing when it cannot be loaded. */
export function loadFundus(dir: string): BenchmarkPage[] | string {
  const excluded = excludedHashes(FUNDUS_EXCLUDED_FILE, 'scripts/fundus-overlap.ts');
  if (typeof excluded === 'string') return excluded;
  return fundusPages(dir).filter((page) => !excluded.has(fundusExcludedKey(page.id)));
}
