// kill -9 during a crawl: the real `mediawatch crawl` process, crawling the fixture site and the
// demo forum feed served on 127.0.0.1, is killed with SIGKILL at seeded random moments, then
// run to completion. The store must then hold exactly what one uninterrupted crawl stores: no
// item lost, none twice, an intact database file and a full-text index that finds them all.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig, startDemoSite } from '../../cli/commands/demo.ts';
import type { StaticSite } from '../../cli/demo/static-site.ts';
import { openStore } from '../../pipeline/store/index.ts';
import { referenceCrawl, storedContents } from '../helpers/crawl-reference.ts';
import { runCli, seededRandom, startCli, writeCliConfig } from '../helpers/cli.ts';

const KILLS = 3;
const random = seededRandom(21);

let site: StaticSite;
let dir: string;

/** The site's RSS feed (each entry's page fetched) and the forum feed (68 posts stored in a burst). */
function sources(dataDir: string) {
  return demoConfig(site.url, dataDir).sources.filter((source) => source.id === 'tin-pho-nui-rss' || source.id === 'dien-dan-pho-nui');
}

beforeAll(async () => {
  site = await startDemoSite();
  dir = mkdtempSync(join(tmpdir(), 'mediawatch-kill-crawl-'));
});

afterAll(async () => {
  await site?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a crawl killed with SIGKILL', () => {
  it('loses and duplicates nothing once run again to the end', async () => {
    // The reference: one uninterrupted crawl of the same sources, in this process.
    const searches = ['dai hoi', 'Gia Lai', 'xuyên tạc', 'cà phê'];
    const reference = demoConfig(site.url, join(dir, 'reference'));
    const { items: expected, hits: expectedHits } = await referenceCrawl({ ...reference, sources: sources(join(dir, 'reference')) }, searches);
    expect(expected.size).toBeGreaterThan(50);
    expect(expectedHits.every((hits) => hits > 0)).toBe(true);

    const data = join(dir, 'killed');
    const { store, statePath, workflow, crawler } = demoConfig(site.url, data);
    const configPath = writeCliConfig(dir, { store, statePath, workflow, crawler, sources: sources(data) });

    const moments: string[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      // A moment in the crawl: after a random number of the site's requests (of about a dozen),
      // plus up to 300 ms (the forum feed's 68 items are stored in a burst after one request).
      const before = site.requests.length;
      const afterRequests = 1 + Math.floor(random() * 10);
      const extraMs = Math.floor(random() * 300);
      const crawl = startCli(['crawl', '--config', configPath]);
      while (site.requests.length - before < afterRequests && crawl.child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, extraMs));
      const finished = crawl.child.exitCode !== null;
      crawl.child.kill('SIGKILL');
      await crawl.exited;
      moments.push(finished ? 'finished before the kill' : `${site.requests.length - before} requests + ${extraMs} ms`);
    }
    // At least some kills must land mid-crawl, or the test proves nothing.
    expect(moments.filter((m) => m.includes('requests')).length, moments.join('; ')).toBeGreaterThanOrEqual(KILLS - 1);

    const last = await runCli(['crawl', '--config', configPath]);
    expect(last.code, last.stderr).toBe(0);

    const files = [join(data, 'mediawatch.db'), join(data, 'mediawatch.search.db')];
    for (const file of files) {
      const db = new Database(file, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true }), file).toBe('ok');
      db.close();
    }
    const reopened = await openStore(demoConfig(site.url, data));
    try {
      const stored = await storedContents(reopened);
      expect([...stored.keys()].sort()).toEqual([...expected.keys()].sort());
      expect(stored).toEqual(expected);
      // No story twice under another id, and the full-text index finds what the reference finds.
      const db = new Database(files[0], { readonly: true });
      const repeats = db.prepare('SELECT content_hash, count(*) AS n FROM items GROUP BY content_hash HAVING n > 1').all();
      db.close();
      expect(repeats).toEqual([]);
      const hits = await Promise.all(searches.map(async (q) => (await reopened.queryItems({ q, page: 1, pageSize: 1 })).total));
      expect(hits).toEqual(expectedHits);
    } finally {
      await reopened.close();
    }
  }, 180_000);
});
