// The pure parts of incremental crawling: the re-check schedule, poll suggestions, HTTP
// freshness, and a crawl memory file that cannot be read.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshnessMs } from '../../crawlers/fetch.ts';
import { CrawlMemory, nextRecheck } from '../../crawlers/memory.ts';
import { pollAfterMs } from '../../crawlers/poll.ts';

const HOUR = 3_600_000;
const policy = { recheckAfterHours: [1, 6, 24, 72], recheckForDays: 7 };

describe('re-check schedule', () => {
  it('backs off with age (1 h, 6 h, 24 h, 3 d, then every 3 d) and stops after recheckForDays', () => {
    const checks: number[] = [];
    let now = 0;
    for (let next = nextRecheck(0, now, policy); next !== null; next = nextRecheck(0, now, policy)) {
      checks.push(next / HOUR);
      now = next;
    }
    expect(checks).toEqual([1, 6, 24, 72, 144]);
  });

  it('is asked late: the next step still ahead, not the missed ones', () => {
    expect(nextRecheck(0, 30 * HOUR, policy)).toBe(72 * HOUR);
    expect(nextRecheck(0, 8 * 24 * HOUR, policy)).toBeNull();
  });
});

describe('poll suggestion', () => {
  const bounds = { minMs: 60_000, maxMs: 1_800_000 };
  it('polls a source that just changed at the minimum, a quiet one less often, never past the maximum', () => {
    expect(pollAfterMs(1_000_000, 1_000_000, bounds)).toBe(60_000);
    expect(pollAfterMs(0, 40 * 60_000, bounds)).toBe(600_000);
    expect(pollAfterMs(0, 48 * HOUR, bounds)).toBe(1_800_000);
  });
  it("honours the server's freshness lifetime, within the maximum", () => {
    expect(pollAfterMs(0, 0, bounds, 300_000)).toBe(300_000);
    expect(pollAfterMs(0, 0, bounds, 86_400_000)).toBe(1_800_000);
  });
});

describe('HTTP freshness', () => {
  const headers = (init: Record<string, string>) => new Headers(init);
  it('reads max-age, else Expires minus Date; no-cache and invalid Expires mean none', () => {
    expect(freshnessMs(headers({ 'cache-control': 'public, max-age=600' }))).toBe(600_000);
    expect(freshnessMs(headers({ expires: 'Thu, 03 Dec 2026 10:05:00 GMT', date: 'Thu, 03 Dec 2026 10:00:00 GMT' }))).toBe(300_000);
    expect(freshnessMs(headers({ 'cache-control': 'no-cache', expires: 'Thu, 03 Dec 2026 10:05:00 GMT' }))).toBe(0);
    expect(freshnessMs(headers({ expires: '0' }))).toBe(0);
    expect(freshnessMs(headers({}))).toBeUndefined();
  });
});

describe('crawl memory file', () => {
  it('sets an unreadable file aside and starts fresh instead of failing the crawl', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mediawatch-memory-'));
    const path = join(dir, 'crawl-memory.db');
    try {
      writeFileSync(path, 'không phải cơ sở dữ liệu '.repeat(20));
      const memory = new CrawlMemory(path, { ...policy, memoryDays: 30 });
      memory.remember('https://bao.example/a', { kind: 'article', sourceId: 'bao' });
      expect(memory.wanted('https://bao.example/a')).toBe(false);
      memory.close();
      expect(existsSync(`${path}.corrupt`)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('forgets pages not fetched for memoryDays', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mediawatch-memory-'));
    const path = join(dir, 'crawl-memory.db');
    try {
      const first = new CrawlMemory(path, { ...policy, memoryDays: 30 }, () => 0);
      first.remember('https://bao.example/a', { kind: 'article', sourceId: 'bao' });
      first.close();
      const later = new CrawlMemory(path, { ...policy, memoryDays: 30 }, () => 31 * 24 * HOUR);
      expect(later.get('https://bao.example/a')).toBeUndefined();
      later.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
