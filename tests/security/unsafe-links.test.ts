// A feed entry whose link is `javascript:` or `data:` must never become a link anyone clicks:
// such items are refused at ingest (every source kind goes through it), and the places that
// render links (digest, alerts, response exports) check the scheme again for items stored
// before the check existed or written into the store by other means.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticSite } from '../../cli/demo/static-site.ts';
import { parseConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { CrawlRun } from '../../crawlers/crawl-run.ts';
import { crawlSources } from '../../crawlers/run.ts';
import { buildDigest } from '../../features/digest/index.ts';
import { parseIsoWeek } from '../../features/digest/week.ts';
import { alertHtml, alertText } from '../../features/alerts/channels.ts';
import type { UrgentAlert } from '../../features/alerts/rules.ts';
import { IngestPipeline } from '../../pipeline/ingest.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { makeItem } from '../helpers/items.ts';
import { testWorkflow } from '../workflow/helpers.ts';

const HOSTILE_LINKS = ['javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'JaVaScRiPt:alert(2)'];
const congress: Classification = { congress: true, distortion: true, scores: { congress: 0.9, distortion: 0.9 }, topics: [], explanations: [] };
const flaggedClassifier = { classify: () => congress };

/** No href, src or Markdown link target in `output` uses a script-capable scheme. */
function expectNoHostileLink(output: string): void {
  expect(output).not.toMatch(/href="\s*(javascript|data):/i);
  expect(output).not.toMatch(/\]\(\s*(javascript|data):/i);
  expect(output.toLowerCase()).not.toContain('javascript:alert');
}

describe('ingest refuses non-http(s) links', () => {
  let site: StaticSite;
  let dataDir: string;
  let store: SqliteStore;
  let reports: SourceReport[];

  beforeAll(async () => {
    const entries = [...HOSTILE_LINKS.map((link, i) => ({ title: `Tin độc hại ${i}`, link })), { title: 'Tin hợp lệ', link: '/bai-that.html' }];
    site = new StaticSite({
      root: mkdtempSync(join(tmpdir(), 'mediawatch-links-root-')),
      routes: {
        '/robots.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n'),
        '/rss.xml': (_req, res) => {
          const items = entries
            .map(({ title, link }) => {
              const href = link.startsWith('/') ? `${site.url}${link}` : link;
              return `<item><title>${title}</title><link><![CDATA[${href}]]></link><description>Đại hội Đảng bộ tỉnh: ${title}, nội dung tóm tắt đủ dài để lưu khi trang không tải được.</description><pubDate>Thu, 15 Oct 2020 08:00:00 +0700</pubDate></item>`;
            })
            .join('');
          res
            .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
            .end(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Báo thử</title>${items}</channel></rss>`);
        },
        '/bai-that.html': (_req, res) =>
          res
            .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
            .end(
              `<html><head><title>Tin hợp lệ</title></head><body><article><h1>Tin hợp lệ</h1><p>${'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI diễn ra đúng kế hoạch. '.repeat(6)}</p></article></body></html>`,
            ),
      },
    });
    await site.start();
    dataDir = mkdtempSync(join(tmpdir(), 'mediawatch-links-'));
    const config = parseConfig(
      {
        store: { engine: 'sqlite', path: join(dataDir, 'db.sqlite') },
        statePath: join(dataDir, 'state.json'),
        crawler: { timeoutSecs: 2, maxRetries: 0, requestsPerMinute: 6000 },
        sources: [{ id: 'feed', kind: 'rss', url: `${site.url}/rss.xml` }],
      },
      '<test>',
      dataDir,
    );
    store = new SqliteStore({ path: join(dataDir, 'db.sqlite') });
    await store.init();
    reports = await crawlSources(new CrawlRun(config, new IngestPipeline(store, flaggedClassifier)), config.sources);
  }, 60_000);

  afterAll(async () => {
    await store?.close();
    await site?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores the good entry and none of the hostile ones, recording each with its reason', async () => {
    const stored = await store.queryItems({ page: 1, pageSize: 50 });
    expect(stored.items.map((item) => item.title)).toEqual(['Tin hợp lệ']);
    for (const item of stored.items) expect(new URL(item.url).protocol).toMatch(/^https?:$/);
    const reasons = reports[0].errors.map((error) => error.reason).join('\n');
    expect(reports[0].errors.length).toBeGreaterThanOrEqual(HOSTILE_LINKS.length);
    // The crawler refuses them before ingest would ("not an http(s) address").
    expect(reasons).toMatch(/not an http\(s\) (URL|address)/);
  });

  it('refuses such links from any source kind at the ingest stage', async () => {
    const pipeline = new IngestPipeline(store, flaggedClassifier);
    for (const link of HOSTILE_LINKS) {
      const outcome = await pipeline.ingest({
        sourceId: 'social',
        kind: 'social',
        url: link,
        title: 'x',
        text: 'Đại hội',
        fetchedAt: new Date().toISOString(),
      });
      expect(outcome).toMatchObject({ status: 'error', reason: expect.stringContaining('not an http(s) URL') });
    }
  });
});

describe('rendering checks the scheme again', () => {
  // Items as an older version (or another writer) could have stored them.
  const hostileItems = HOSTILE_LINKS.map((url, i) =>
    makeItem(
      { title: `Tin đồn ${i}`, text: 'Đại hội bị hoãn?', url, publishedAt: '2020-10-15T08:00:00+07:00' },
      { ...congress, scores: { congress: 0.9, distortion: 0.95 } },
    ),
  );

  it('leaves hostile links out of the weekly digest', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.init();
    await store.upsertItems(hostileItems);
    const digest = await buildDigest(store, parseIsoWeek('2020-W42'), { dashboardUrl: 'https://mediawatch.example' });
    expect(digest.html).toContain('Tin đồn 0');
    expectNoHostileLink(digest.html);
    expectNoHostileLink(digest.text);
    await store.close();
  });

  it('leaves hostile links out of urgent alerts', () => {
    const alerts: UrgentAlert[] = hostileItems.map((item) => ({
      key: `item:${item.id}`,
      kind: 'distortion',
      reason: 'Tin có dấu hiệu sai lệch',
      detectedAt: '2020-10-15T09:00:00Z',
      item: {
        id: item.id,
        title: item.title,
        url: item.url,
        sourceId: item.sourceId,
        fetchedAt: item.fetchedAt,
        distortion: 0.95,
        congress: true,
        flagged: true,
      },
      link: `https://mediawatch.example/item?id=${item.id}`,
      itemLink: `https://mediawatch.example/item?id=${item.id}`,
    }));
    expectNoHostileLink(alertHtml(alerts));
    expectNoHostileLink(alertText(alerts));
    expect(alertHtml(alerts)).toContain('https://mediawatch.example/item?id=');
  });

  it('leaves hostile links out of response exports, and refuses them as a published URL', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.init();
    await store.upsertItems(hostileItems);
    const workflow = await testWorkflow({ store, withUsers: true });
    const analyst = { username: 'analyst', role: 'analyst' as const, via: 'session' as const };
    const spokesperson = { username: 'spokesperson', role: 'spokesperson' as const, via: 'session' as const };
    for (const item of hostileItems) {
      await workflow.reviews.transition(item.id, { to: 'in_review', version: 0 }, analyst);
      await workflow.reviews.transition(item.id, { to: 'confirmed', version: 1 }, analyst);
    }
    const draft = await workflow.responses.create(
      { itemId: hostileItems[0].id, title: 'Đính chính', body: 'Đại hội không hoãn.', factIds: ['GL-DATE'] },
      spokesperson,
    );
    for (const format of ['markdown', 'text'] as const) {
      const rendered = await workflow.responses.render(draft.id, format, spokesperson);
      expect(rendered.content).toContain('Tin đồn 0');
      expectNoHostileLink(rendered.content);
    }
    for (const url of HOSTILE_LINKS) {
      await expect(workflow.responses.publish(draft.id, { version: draft.version, url }, spokesperson)).rejects.toMatchObject({ extra: { field: 'url' } });
    }
    expect(workflow.responses.get(draft.id)?.status).toBe('draft');
    workflow.close();
    await store.close();
  });
});
