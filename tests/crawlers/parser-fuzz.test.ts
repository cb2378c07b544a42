// Property-based fuzzing of the feed and sitemap readers on mutated copies of the fixture site's
// feeds and sitemap: whatever the damage, the reader returns entries or a reason an analyst can
// read, and every entry that lies wholly before the damage is kept as it was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../crawlers/feed-parser.ts';
import { parseSitemap } from '../../crawlers/sitemap.ts';
import { applyMutation, mutationArbitrary, mutationOffset, wrapDeep } from '../helpers/mutate.ts';

const SITE = join(import.meta.dirname, '../fixtures/site');
const BASE = 'http://127.0.0.1:8080';
const fixture = (file: string) => readFileSync(join(SITE, file), 'utf8').replaceAll('{{BASE_URL}}', BASE);

/** A fixed seed in CI; FUZZ_RUNS and FUZZ_SEED widen or vary the search (the bench runs longer). */
const RUNS = { seed: Number(process.env.FUZZ_SEED ?? 42), numRuns: Number(process.env.FUZZ_RUNS ?? 300) };
/** The smallest of each hostile insert keeps 300 runs quick; the fuzz-crawl bench uses the large ones. */
const mutations = mutationArbitrary(1);
/** Wording that would mean a JavaScript error leaked into a report. */
const INTERNALS = /Cannot read|undefined|null|TypeError|RangeError|is not a function|call stack|\bat .*\.ts:/;
/** Large enough that no fixture entry is dropped by the cap. */
const NO_CAP = 100_000;

/** How many entries (closing tag included) lie wholly before `offset`. */
function completeBefore(doc: string, closeTag: string, offset: number): number {
  let count = 0;
  for (let at = doc.indexOf(closeTag); at !== -1 && at + closeTag.length <= offset; at = doc.indexOf(closeTag, at + 1)) count++;
  return count;
}

const feeds = [
  { name: 'RSS 2.0', text: fixture('rss.xml'), close: '</item>' },
  { name: 'Atom', text: fixture('atom.xml'), close: '</entry>' },
];

describe('feed reader on mutated feeds', () => {
  for (const feed of feeds) {
    const clean = parseFeed(feed.text, `${BASE}/feed`, NO_CAP);

    it(`${feed.name}: never throws, gives entries or a clear reason, keeps every entry before the damage`, async () => {
      expect(clean.entries.length).toBeGreaterThan(5);
      await fc.assert(
        fc.asyncProperty(mutations, async (mutation) => {
          const text = applyMutation(feed.text, mutation);
          const reading = parseFeed(text, `${BASE}/feed`, NO_CAP);
          expect(reading.entries.length + reading.problems.length).toBeGreaterThan(0);
          for (const problem of reading.problems) expect(problem).not.toMatch(INTERNALS);
          const intact = clean.entries.slice(0, completeBefore(feed.text, feed.close, mutationOffset(feed.text, mutation)));
          expect(reading.entries.slice(0, intact.length)).toEqual(intact);
        }),
        RUNS,
      );
    });
  }

  it('reads the entries around, inside and after 10,000 levels of nesting', () => {
    const item = (n: number, description = '') =>
      `<item><title>Bài ${n}</title><link>${BASE}/bai-${n}.html</link><description>${description}</description></item>`;
    const text = `<rss version="2.0"><channel>${item(1)}${wrapDeep(item(2), 10_000)}${item(3, wrapDeep('tóm tắt', 10_000, 'b'))}${item(4)}</channel></rss>`;
    const reading = parseFeed(text, `${BASE}/feed`, NO_CAP);
    expect(reading.entries.map((entry) => entry.title)).toEqual(['Bài 1', 'Bài 2', 'Bài 3', 'Bài 4']);
    expect(reading.entries[2].summary).toBe('tóm tắt');
    expect(reading.problems).toEqual([]);
  });

  it('names an entry without a link instead of failing on it (an Atom <link/> without href)', () => {
    const text = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>Không liên kết</title><link/></entry><entry><title>Có</title><link href="${BASE}/co.html"/></entry></feed>`;
    const reading = parseFeed(text, `${BASE}/feed`, NO_CAP);
    expect(reading.entries.map((entry) => entry.link)).toEqual([`${BASE}/co.html`]);
    expect(reading.problems).toEqual(['feed entry "Không liên kết" has no link; skipped']);
  });

  it('keeps the newest entries by date, or the first ones when undated', () => {
    const dated = [3, 1, 4, 2].map((day) => `<item><link>${BASE}/${day}</link><pubDate>2024-01-0${day}T00:00:00Z</pubDate></item>`);
    const newest = parseFeed(`<rss><channel>${dated.join('')}</channel></rss>`, BASE, 2);
    expect(newest.entries.map((entry) => entry.link)).toEqual([`${BASE}/3`, `${BASE}/4`]);
    expect(newest.problems).toEqual(['feed has 4 entries; kept the newest 2, skipped 2']);
    const undated = [1, 2, 3].map((n) => `<item><link>${BASE}/${n}</link></item>`);
    expect(parseFeed(`<rss><channel>${undated.join('')}</channel></rss>`, BASE, 2).entries.map((entry) => entry.link)).toEqual([`${BASE}/1`, `${BASE}/2`]);
  });
});

describe('sitemap reader on mutated sitemaps', () => {
  const text = fixture('sitemap.xml');
  const clean = parseSitemap(text);
  const locsOf = (pages: Array<{ loc: string }>) => pages.map((page) => page.loc);

  it('reads each <loc> alone, not the <lastmod> or other tags beside it', () => {
    const locs = [...text.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]);
    expect(locsOf(clean.pages)).toEqual(locs);
    const news = parseSitemap(
      '<urlset><url><loc> https://b.example/a.html </loc><lastmod>2020-10-14</lastmod><news:news><news:title>Tin</news:title></news:news></url></urlset>',
    );
    expect(news.pages).toEqual([{ loc: 'https://b.example/a.html', lastmod: '2020-10-14', newsTitle: 'Tin' }]);
  });

  it('never throws, gives locations or a clear reason, keeps every location before the damage', async () => {
    expect(clean.pages.length).toBeGreaterThan(5);
    await fc.assert(
      fc.asyncProperty(mutations, async (mutation) => {
        const listing = parseSitemap(applyMutation(text, mutation));
        expect(listing.pages.length + listing.sitemaps.length > 0 || listing.problem !== undefined).toBe(true);
        expect(listing.problem ?? '').not.toMatch(INTERNALS);
        const intact = locsOf(clean.pages).slice(0, completeBefore(text, '</url>', mutationOffset(text, mutation)));
        expect(locsOf(listing.pages).slice(0, intact.length)).toEqual(intact);
      }),
      RUNS,
    );
  });

  it('reads the locations around and inside 10,000 levels of nesting', () => {
    const url = (n: number) => `<url><loc>${BASE}/bai-${n}.html</loc></url>`;
    const listing = parseSitemap(`<urlset>${url(1)}${wrapDeep(url(2), 10_000)}${url(3)}</urlset>`);
    expect(listing).toEqual({ pages: [1, 2, 3].map((n) => ({ loc: `${BASE}/bai-${n}.html` })), sitemaps: [] });
  });
});
