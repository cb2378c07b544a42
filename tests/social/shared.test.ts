// The pieces every connector shares: incremental streams with gap filling, the HTTP client's
// retries and rate-limit handling, the pseudonymiser, and the config rules of social sources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaticSite } from '../../cli/demo/static-site.ts';
import { ConfigError, parseConfig, type SocialSourceConfig } from '../../core/config.ts';
import { SourceReport } from '../../crawlers/report.ts';
import { CrawlRun } from '../../crawlers/crawl-run.ts';
import { SocialContext } from '../../crawlers/social/context.ts';
import { HttpStatusError, parseRetryAfter, quotaResetAt, RateLimitedError, SocialHttp } from '../../crawlers/social/http.ts';
import { Pseudonymiser, resolvePseudonymKey } from '../../crawlers/social/pseudonym.ts';
import { runStream, type StreamSource } from '../../crawlers/social/post-stream.ts';
import { parseCount } from '../../crawlers/social/text.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { errorsOf, Harness, PSEUDONYM_KEY, startSite, unrelated } from './helpers.ts';

describe('incremental streams', () => {
  let harness: Harness;
  /** Post ids 1..latest exist; pages hold two posts, newest first; the token is the id to start below. */
  let latest = 9;
  let pagesFetched: Array<string | undefined> = [];
  let failOnToken: string | undefined;

  const stream: StreamSource = {
    id: 'fake',
    location: 'fake://stream',
    fetchPage: async (next) => {
      pagesFetched.push(next);
      if (next !== undefined && next === failOnToken) throw new Error('HTTP 503 after retries');
      const top = next === undefined ? latest : Number(next) - 1;
      const ids = [top, top - 1].filter((id) => id >= 1);
      return {
        entries: ids.map((id) => ({
          key: String(id).padStart(4, '0'),
          item: {
            sourceId: 'fake',
            kind: 'social' as const,
            platform: 'fake',
            url: `https://social.example/p/${id}`,
            title: '',
            text: `bài số ${id}`,
            fetchedAt: new Date().toISOString(),
          },
        })),
        next: ids.length && ids[ids.length - 1] > 1 ? String(ids[ids.length - 1]) : undefined,
      };
    },
  };

  async function run(maxPages: number): Promise<SourceReport> {
    pagesFetched = [];
    const run = new CrawlRun(harness.config, new IngestPipeline(harness.store, unrelated));
    const report = new SourceReport('fake');
    const ctx = new SocialContext(run, report, harness.config.sources[0] as SocialSourceConfig, new Pseudonymiser(PSEUDONYM_KEY));
    await runStream(ctx, stream, maxPages).catch((error: Error) => report.recordError(stream.location, error.message));
    return report;
  }
  const stored = async () => (await harness.items()).map((item) => Number(item.url.split('/').pop())).sort((a, b) => a - b);

  beforeAll(async () => {
    harness = await new Harness({ sources: [{ id: 'fake', kind: 'telegram', channels: ['fakechannel'] }] }).init();
  });
  afterAll(() => harness?.close());

  it('a first run is a bounded backfill', async () => {
    const report = await run(2);
    expect(pagesFetched).toEqual([undefined, '8']);
    expect(report.new).toBe(4);
    expect(await stored()).toEqual([6, 7, 8, 9]);
    expect(harness.state()['social:fake:fake']).toEqual({ newest: '0009' });
  });

  it('a run that hits its page budget before reaching the last run\u2019s posts remembers the gap', async () => {
    latest = 15;
    await run(2);
    expect(pagesFetched).toEqual([undefined, '14']);
    expect(await stored()).toEqual([6, 7, 8, 9, 12, 13, 14, 15]);
    expect(harness.state()['social:fake:fake']).toEqual({ newest: '0015', gaps: [{ next: '12', until: '0009' }] });
  });

  it('the next run checks for new posts, then fills the gap down to the old position', async () => {
    const report = await run(3);
    expect(pagesFetched).toEqual([undefined, '12', '10']);
    expect(report.new).toBe(2);
    expect(await stored()).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    expect(harness.state()['social:fake:fake']).toEqual({ newest: '0015' });
  });

  it('a failure mid-stream keeps what was read, reports, and leaves the cursor where it was', async () => {
    latest = 19;
    failOnToken = '18';
    const report = await run(5);
    expect(report.errors[0].reason).toMatch(/HTTP 503/);
    expect(await stored()).toContain(19);
    expect(harness.state()['social:fake:fake']).toEqual({ newest: '0015' });
    failOnToken = undefined;
    const retry = await run(5);
    expect(retry.new).toBe(2); // 16 and 17; 18 and 19 come again as duplicates
    expect(retry.duplicates).toBe(2);
    expect(harness.state()['social:fake:fake']).toEqual({ newest: '0019' });
  });
});

describe('social HTTP client', () => {
  let site: StaticSite;
  let quotaSite: StaticSite;
  let busySite: StaticSite;
  let calls = 0;

  beforeAll(async () => {
    site = await startSite({
      '/flaky': (_req, res) => (calls++ === 0 ? res.writeHead(503).end('busy') : res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')),
      '/down': (_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>'),
      '/gone': (_req, res) => res.writeHead(410, { 'content-type': 'application/json' }).end('{"error":"Gone","message":"post deleted"}'),
    });
    // A long Retry-After holds back the whole host, so it gets a server of its own.
    busySite = await startSite({
      '/slow-down': (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end('{"error":"Too many requests"}'),
    });
    quotaSite = await startSite({
      '/spent': (_req, res) => res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '3600' }).end('[]'),
    });
  });
  afterAll(async () => {
    await site?.stop();
    await quotaSite?.stop();
    await busySite?.stop();
  });

  const client = (maxWaitSecs = 10) =>
    new SocialHttp({
      fetchOptions: { userAgent: 'mediawatch-test/1.0', timeoutSecs: 5, maxBytes: 100_000 },
      limiter: { acquire: async () => {} } as never,
      requestsPerMinute: 6000,
      maxRetries: 2,
      maxWaitSecs,
      backoffBaseMs: 50,
    });

  it('backs off and retries a 5xx', async () => {
    const { data } = await client().getJson(`${site.url}/flaky`);
    expect(data).toEqual({ ok: true });
    expect(site.requests.filter((r) => r.path === '/flaky').map((r) => r.status)).toEqual([503, 200]);
  });

  it('gives up on a persistent 5xx after maxRetries with the reason', async () => {
    await expect(client().get(`${site.url}/down`)).rejects.toThrow(/HTTP 502 \(Bad gateway; gave up after 3 attempts\)/);
    expect(site.requests.filter((r) => r.path === '/down')).toHaveLength(3);
  });

  it('does not sit out a Retry-After longer than maxWaitSecs', async () => {
    const started = Date.now();
    await expect(client(10).get(`${busySite.url}/slow-down`)).rejects.toBeInstanceOf(RateLimitedError);
    expect(Date.now() - started).toBeLessThan(2000);
    // Other requests to that host wait for the next run instead of hammering it.
    await expect(client(10).get(`${busySite.url}/slow-down`)).rejects.toThrow(/asked us to wait until/);
    expect(busySite.requests.filter((r) => r.path === '/slow-down')).toHaveLength(1);
  });

  it('does not retry other 4xx and reports the body\u2019s reason', async () => {
    const error = await client()
      .get(`${site.url}/gone`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpStatusError);
    expect((error as Error).message).toMatch(/HTTP 410 \(Gone: post deleted\)/);
  });

  it('stops asking a host whose rate-limit headers say the quota is spent', async () => {
    await client().get(`${quotaSite.url}/spent`);
    await expect(client().get(`${quotaSite.url}/spent`)).rejects.toThrow(/longer than maxWaitSecs/);
    expect(quotaSite.requests.filter((r) => r.path === '/spent')).toHaveLength(1);
  });

  it('reads Retry-After and the three rate-limit header dialects', () => {
    const now = Date.parse('2020-10-15T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Thu, 15 Oct 2020 00:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter(null)).toBeUndefined();
    // Mastodon: ISO date; Bluesky: epoch seconds; Reddit: seconds from now.
    expect(quotaResetAt(new Headers({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2020-10-15T00:05:00.000Z' }), now)).toBe(now + 300_000);
    expect(quotaResetAt(new Headers({ 'ratelimit-remaining': '0', 'ratelimit-reset': String(now / 1000 + 60) }), now)).toBe(now + 60_000);
    expect(quotaResetAt(new Headers({ 'x-ratelimit-remaining': '0.0', 'x-ratelimit-reset': '42' }), now)).toBe(now + 42_000);
    expect(quotaResetAt(new Headers({ 'x-ratelimit-remaining': '57', 'x-ratelimit-reset': '42' }), now)).toBeUndefined();
  });

  it('reads the counts platforms display', () => {
    expect([parseCount('1.2K'), parseCount('1,530'), parseCount('15.3K'), parseCount('2M'), parseCount('980'), parseCount(''), parseCount('nhiều')]).toEqual([
      1200,
      1530,
      15300,
      2_000_000,
      980,
      undefined,
      undefined,
    ]);
  });
});

describe('pseudonymiser', () => {
  it('is a stable keyed hash: same key same pseudonym, another key another one', () => {
    const a = new Pseudonymiser(PSEUDONYM_KEY);
    expect(a.pseudonym('reddit', 'Pleiku_Guy')).toBe(a.pseudonym('reddit', '@pleiku_guy'));
    expect(a.pseudonym('reddit', 'pleiku_guy')).toMatch(/^anon:[0-9a-f]{16}$/);
    expect(new Pseudonymiser('another-key-of-sixteen+').pseudonym('reddit', 'pleiku_guy')).not.toBe(a.pseudonym('reddit', 'pleiku_guy'));
    expect(a.pseudonym('telegram', 'pleiku_guy')).not.toBe(a.pseudonym('reddit', 'pleiku_guy'));
  });

  it('keeps listed handles only while the switch is on', () => {
    const list = { telegram: ['@BaoGiaLaiOnline'] };
    expect(new Pseudonymiser(PSEUDONYM_KEY, { keepOfficialHandles: true, keepHandlesFor: list }).author('telegram', { id: 'baogialaionline' })).toBe(
      '@baogialaionline',
    );
    expect(new Pseudonymiser(PSEUDONYM_KEY, { keepOfficialHandles: false, keepHandlesFor: list }).author('telegram', { id: 'baogialaionline' })).toMatch(
      /^anon:/,
    );
  });

  it('replaces @mentions but not e-mail addresses', () => {
    const p = new Pseudonymiser(PSEUDONYM_KEY);
    const text = p.mentionsInText('telegram', 'Hỏi @nguoidan_pk, hoặc gửi thư tới lienhe@baogialai.example.');
    expect(text).toBe(`Hỏi ${p.pseudonym('telegram', 'nguoidan_pk')}, hoặc gửi thư tới lienhe@baogialai.example.`);
  });

  it('takes the key from the environment variable the config names', () => {
    expect(resolvePseudonymKey({ pseudonymKeyEnv: 'MW_KEY' }, { MW_KEY: 'k'.repeat(20) })).toBe('k'.repeat(20));
    expect(() => resolvePseudonymKey({ pseudonymKeyEnv: 'MW_KEY' }, {})).toThrow(/MW_KEY, which is not set/);
    expect(() => resolvePseudonymKey({ pseudonymKeyEnv: 'MW_KEY' }, { MW_KEY: 'short' })).toThrow(/at least 16/);
  });
});

describe('config of social sources', () => {
  const parse = (raw: Record<string, unknown>) => () => parseConfig(raw, '<test>', '/tmp');

  it('requires a pseudonymisation key once a social source is configured', () => {
    expect(parse({ sources: [{ id: 'tg', kind: 'telegram', channels: ['baogialaionline'] }] })).toThrow(ConfigError);
    expect(parse({ sources: [{ id: 'tg', kind: 'telegram', channels: ['baogialaionline'] }] })).toThrow(/privacy\.pseudonymKeyEnv: social sources \(tg\)/);
    expect(parse({ sources: [{ id: 'rss', kind: 'rss', url: 'https://baogialai.example/rss' }] })).not.toThrow();
    expect(parse({ privacy: { pseudonymKey: PSEUDONYM_KEY, pseudonymKeyEnv: 'X' } })).toThrow(/not both/);
    expect(parse({ privacy: { pseudonymKey: 'short' } })).toThrow(/privacy\.pseudonymKey: must be at least 16 characters/);
  });

  it('documents defaults: real endpoints, page sizes, wait limit', () => {
    const config = parseConfig(
      {
        privacy: { pseudonymKeyEnv: 'MEDIAWATCH_PSEUDONYM_KEY' },
        sources: [
          { id: 'm', kind: 'mastodon', hashtags: ['#ĐạiHội'] },
          { id: 'b', kind: 'bluesky', searches: ['đại hội'] },
          { id: 'y', kind: 'youtube', channels: ['UCgl4iLaiTV0nLineQ9x2abc'] },
          { id: 't', kind: 'telegram', channels: ['@baogialaionline'] },
          { id: 'r', kind: 'reddit', subreddits: ['r/VietNam'] },
          { id: 'f', kind: 'file', path: 'exports/', columns: { url: 'URL', text: 'Message' } },
        ],
      },
      '<test>',
      '/tmp',
    );
    expect(config.sources.map((s) => ('baseUrl' in s ? s.baseUrl : s.kind))).toEqual([
      'https://mastodon.social',
      'https://public.api.bsky.app',
      'https://www.youtube.com',
      'https://t.me',
      'https://www.reddit.com',
      'file',
    ]);
    expect(config.sources[0]).toMatchObject({ hashtags: ['ĐạiHội'], limit: 40, maxWaitSecs: 120 });
    expect(config.sources[3]).toMatchObject({ channels: ['baogialaionline'] });
    expect(config.sources[4]).toMatchObject({ subreddits: ['VietNam'], limit: 100 });
    expect(config.sources[5]).toMatchObject({ platform: 'import', delimiter: ',', timezone: '+07:00' });
    expect(config.privacy).toEqual({ pseudonymKeyEnv: 'MEDIAWATCH_PSEUDONYM_KEY', keepOfficialHandles: true, keepHandlesFor: {} });
  });

  it('rejects a social source with nothing to read, and unknown keys', () => {
    const privacy = { pseudonymKey: PSEUDONYM_KEY };
    expect(parse({ privacy, sources: [{ id: 'm', kind: 'mastodon' }] })).toThrow(/sources\[0\]: needs hashtags or accounts/);
    expect(parse({ privacy, sources: [{ id: 'y', kind: 'youtube', channels: ['not-a-channel'] }] })).toThrow(/sources\[0\]\.channels\[0\]: a channel id/);
    expect(parse({ privacy, sources: [{ id: 'r', kind: 'reddit', subreddits: ['VietNam'], token: 'x' }] })).toThrow(/unknown key\(s\): token/);
  });

  it('a key variable missing at crawl time fails the social sources, not the others', async () => {
    const harness = await new Harness({
      privacy: { pseudonymKeyEnv: 'MEDIAWATCH_TEST_KEY_THAT_IS_NOT_SET' },
      sources: [{ id: 'files', kind: 'file', path: 'nothing.csv', columns: { url: 'u', text: 't' } }],
    }).init();
    try {
      const reports = await harness.crawl();
      expect(errorsOf(reports, 'files')[0].reason).toMatch(/MEDIAWATCH_TEST_KEY_THAT_IS_NOT_SET, which is not set/);
    } finally {
      await harness.close();
    }
  });
});
