// URL handling before anything is queued: examples of each rule, then property-based fuzzing
// with a fixed seed (the long run with a fresh seed is `npm run bench:urls`).
import fc from 'fast-check';
import type { RequestQueue } from 'crawlee';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteUrl } from '../../core/urls.ts';
import { normalizeCrawlUrl, SiteScope } from '../../crawlers/urls.ts';
import { checkUrlProperties, hostileUrl, openFuzzQueue } from '../helpers/url-fuzz.ts';

let queue: RequestQueue;
beforeAll(async () => {
  queue = await openFuzzQueue();
});
afterAll(async () => queue?.drop());

describe('normalizeCrawlUrl', () => {
  it('resolves, serialises and drops the fragment', () => {
    expect(normalizeCrawlUrl(' HTTP://Bao.Example:80/a b/../c.html?x=1#top ')).toEqual({ ok: true, url: 'http://bao.example/c.html?x=1' });
    expect(normalizeCrawlUrl('tin/bai.html', 'https://bao.example/thoi-su/')).toEqual({ ok: true, url: 'https://bao.example/thoi-su/tin/bai.html' });
  });

  it.each([
    ['htt://bao.example/a.html', /http\(s\)/],
    ['javascript:alert(1)', /http\(s\)/],
    ['http://', /not a valid URL/],
    ['http://bao.example/a\u0000b', /control/],
    ['http://bao.example/a\nb', /control/],
    [`http://bao.example/${'a'.repeat(3000)}`, /longer than 2048/],
    ['http://user:secret@bao.example/', /user name or password/],
    ['   ', /empty/],
  ])('rejects %j with a reason', (raw, reason) => {
    const checked = normalizeCrawlUrl(raw);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.reason).toMatch(reason);
  });

  it('quotes a rejected URL short and with invisible characters visible', () => {
    expect(quoteUrl(`http://x/\u0000\u202e${'a'.repeat(200)}`)).toBe(`"http://x/\\u0000\\u202e${'a'.repeat(89)}…"`);
  });
});

describe('SiteScope', () => {
  const scope = new SiteScope(['http://127.0.0.1:8080/'], ['^https://www\\.bao\\.example/', '/thoi-su/']);
  it('is the same scheme, host and port', () => {
    expect(scope.contains('http://127.0.0.1:8080/a.html')).toBe(true);
    expect(scope.contains('http://127.0.0.1:8081/a.html')).toBe(false);
    expect(scope.contains('https://127.0.0.1:8080/a.html')).toBe(false);
    expect(scope.contains('not a url')).toBe(false);
  });
  it('follows a site configured as http:// to its https:// address (default ports only)', () => {
    const moved = new SiteScope(['http://bao.example/']);
    expect(moved.contains('https://bao.example/thoi-su/a.html')).toBe(true);
    expect(moved.contains('https://bao.example:8443/a.html')).toBe(false);
    expect(moved.contains('http://bao.example:8080/a.html')).toBe(false);
    expect(new SiteScope(['https://bao.example/']).contains('http://bao.example/a.html')).toBe(false);
  });
  it('adds origins an include pattern names, never through a path-only pattern', () => {
    expect(scope.contains('https://www.bao.example/thoi-su/a.html')).toBe(true);
    expect(scope.contains('https://khac.example/thoi-su/a.html')).toBe(false);
  });
});

describe('URL handling under fuzzing', () => {
  it('never throws; accepted URLs are queueable by crawlee, idempotent and same-site consistent', async () => {
    await fc.assert(
      fc.asyncProperty(hostileUrl, fc.boolean(), (raw, withBase) => checkUrlProperties(raw, withBase, queue)),
      { seed: 42, numRuns: 500 },
    );
  });
});
