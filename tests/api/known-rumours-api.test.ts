// Known-rumour matching end to end, as the office meets it: a crawl stores a rumour, an analyst
// confirms it and a spokesperson publishes the answer through the API (the `serve` process), a
// later crawl (another process: its own store and workflow connections) ingests a teencode repost,
// and the queue and the item page show the earlier decision and the answer; after a restart the
// matching still works, and a resemblance to a dismissed item is shown without raising the score.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../api/server.ts';
import { parseConfig, type LoadedConfig } from '../../core/config.ts';
import type { RawItem, ScoredItem } from '../../core/types.ts';
import { openPipeline } from '../../features/crawl-job/open-pipeline.ts';
import type { IngestPipeline } from '../../pipeline/ingest.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { SYSTEM_ACTOR, type Workflow } from '../../features/workflow/index.ts';
import { TestClock, testWorkflow } from '../workflow/helpers.ts';
import { ApiClient } from './client.ts';

const REPO = join(import.meta.dirname, '../..');
const stream = JSON.parse(readFileSync(join(REPO, 'tests/fixtures/known-rumours/stream.json'), 'utf8')) as {
  rumours: Array<{ id: string; title: string; text: string }>;
  variants: Array<{ of: string; kind: string; title: string; text: string }>;
  otherStories: Array<{ id: string; title: string; text: string }>;
};
const holdout = JSON.parse(readFileSync(join(REPO, 'tests/fixtures/known-rumours/holdout.json'), 'utf8')) as typeof stream;
const rumour = (id: string) => [...stream.rumours, ...holdout.rumours].find((r) => r.id === id)!;
const variant = (of: string, kind: string) => [...stream.variants, ...holdout.variants].find((v) => v.of === of && v.kind === kind)!;

let n = 0;
function post(content: { title: string; text: string }, day = 17): RawItem {
  n++;
  return {
    sourceId: 'dien-dan',
    kind: 'social',
    platform: 'forum',
    url: `https://forum.example/p/${n}`,
    title: content.title,
    text: content.text,
    publishedAt: `2020-10-${day}T09:00:00+07:00`,
    fetchedAt: `2020-10-${day}T02:30:00Z`,
  };
}

let dir: string;
let config: LoadedConfig;
let crawl: { pipeline: IngestPipeline; close: () => Promise<void> };
let store: SqliteStore;
let workflow: Workflow;
let server: RunningServer;
let analyst: ApiClient;
let spokesperson: ApiClient;

async function ingest(raw: RawItem): Promise<ScoredItem> {
  const outcome = await crawl.pipeline.ingest(raw);
  if (outcome.status !== 'new') throw new Error(`expected a new item, got ${JSON.stringify(outcome)}`);
  return outcome.item;
}

async function decide(itemId: string, to: 'confirmed' | 'dismissed'): Promise<void> {
  expect((await analyst.post(`/api/items/${itemId}/review/transition`, { to: 'in_review', version: 0 })).status).toBe(200);
  const decided = await analyst.post(`/api/items/${itemId}/review/transition`, { to, version: 1, ...(to === 'dismissed' ? { reason: 'tin chính thức' } : {}) });
  expect(decided.status).toBe(200);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mediawatch-rumours-'));
  config = parseConfig(
    { store: { engine: 'sqlite', path: join(dir, 'items.db') }, workflow: { path: join(dir, 'workflow.db') } },
    '<test>',
    join(REPO, 'config'),
  );
  crawl = await openPipeline(config);
  // The serve process: its own connections to the same files.
  store = new SqliteStore({ path: config.store.engine === 'sqlite' ? config.store.path : '' });
  await store.init();
  // Decisions on 15/10/2020, Vietnam time.
  workflow = await testWorkflow({ store, path: join(dir, 'workflow.db'), withUsers: true, now: new TestClock().now });
  server = await startServer({ store, workflow, host: '127.0.0.1', port: 0 });
  analyst = ApiClient.withToken(server.url, workflow.auth.createToken('analyst', { name: 'test' }, SYSTEM_ACTOR).token);
  spokesperson = ApiClient.withToken(server.url, workflow.auth.createToken('spokesperson', { name: 'test' }, SYSTEM_ACTOR).token);
});

afterAll(async () => {
  await server?.close();
  workflow?.close();
  await store?.close();
  await crawl?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('known rumours through the crawl pipeline and the API', () => {
  let original: ScoredItem;
  let responseId: string;
  let publishedAt: string;

  it('a teencode repost of a confirmed, answered rumour shows the decision and the answer in the queue and on the item', async () => {
    original = await ingest(post(rumour('r-hoan'), 14));
    await decide(original.id, 'confirmed');
    const draft = await spokesperson.post('/api/responses', {
      itemId: original.id,
      title: 'Đại hội Đảng bộ tỉnh diễn ra đúng kế hoạch',
      body: 'Thông tin Đại hội bị hoãn là **sai sự thật**.',
      factIds: ['GL-DATE'],
    });
    expect(draft.status).toBe(201);
    responseId = draft.body.id;
    const published = await spokesperson.post(`/api/responses/${responseId}/publish`, {
      version: draft.body.version,
      url: 'https://gialai.gov.vn/dinh-chinh-hoan',
    });
    expect(published.status).toBe(200);
    publishedAt = published.body.publishedAt;

    const repost = await ingest(post(variant('r-hoan', 'teencode')));
    const expected = {
      itemId: original.id,
      decision: 'confirmed',
      decidedAt: expect.any(String),
      response: { id: responseId, publishedAt, url: 'https://gialai.gov.vn/dinh-chinh-hoan', title: 'Đại hội Đảng bộ tỉnh diễn ra đúng kế hoạch' },
      similarity: expect.any(Number),
    };
    const queue = await analyst.get('/api/review/queue?pageSize=100');
    expect(queue.status).toBe(200);
    const row = queue.body.items.find((item: ScoredItem) => item.id === repost.id);
    expect(row?.knownRumour).toEqual(expected);
    expect(row.knownRumour.similarity).toBeGreaterThan(0.5);

    const detail = await analyst.get(`/api/items/${repost.id}`);
    expect(detail.body.knownRumour).toEqual(expected);
    const explained = detail.body.explanations.filter((e: { kind: string }) => e.kind === 'rumour');
    expect(explained.length).toBeGreaterThan(0);
    for (const e of explained) {
      expect(detail.body[e.field].slice(e.start, e.end)).toBe(e.matched);
      expect(e.note).toMatch(
        new RegExp(
          `^repeats a rumour the office confirmed as distortion on 15/10/2020 \\(item ${original.id}\\); answered on 15/10/2020: Đại hội Đảng bộ tỉnh diễn ra đúng kế hoạch https://gialai.gov.vn/dinh-chinh-hoan$`,
        ),
      );
    }
    // the match raises the score the text gets on its own
    expect(detail.body.scores.distortion).toBeGreaterThan((await scoreAlone(variant('r-hoan', 'teencode'))).distortion);
    expect(detail.body.scores.distortion).toBeGreaterThan(0.8);
    expect(detail.body.flagged).toBe(true);
  });

  it('a different story on the same topic carries no known rumour', async () => {
    const official = await ingest(post(stream.otherStories.find((s) => s.id === 'o-bac-bo-hoan')!));
    expect(official.knownRumour).toBeUndefined();
    const detail = await analyst.get(`/api/items/${official.id}`);
    expect(detail.body.knownRumour).toBeUndefined();
    expect(detail.body.explanations.some((e: { kind: string }) => e.kind === 'rumour')).toBe(false);
  });

  it('a repost ingested before the answer is published shows the answer once it is', async () => {
    const second = await ingest(post(rumour('r-online'), 15));
    await decide(second.id, 'confirmed');
    const repost = await ingest(post(variant('r-online', 'edit')));
    expect((await analyst.get(`/api/items/${repost.id}`)).body.knownRumour).toMatchObject({ itemId: second.id, decision: 'confirmed' });
    expect((await analyst.get(`/api/items/${repost.id}`)).body.knownRumour.response).toBeUndefined();
    const draft = await spokesperson.post('/api/responses', { itemId: second.id, title: 'Bầu cử bằng phiếu kín', body: 'Sai sự thật.', factIds: ['GL-DATE'] });
    await spokesperson.post(`/api/responses/${draft.body.id}/publish`, { version: draft.body.version });
    const after = (await analyst.get(`/api/items/${repost.id}`)).body.knownRumour;
    expect(after.response).toMatchObject({ id: draft.body.id, title: 'Bầu cử bằng phiếu kín' });
    expect(after.response.url).toBeUndefined();
  });

  it('a resemblance to a dismissed item is shown without raising the score', async () => {
    const dismissed = await ingest(post(rumour('r-danh-sach'), 15));
    await decide(dismissed.id, 'dismissed');
    const repostText = variant('r-danh-sach', 'reorder');
    const repost = await ingest(post(repostText));
    const detail = (await analyst.get(`/api/items/${repost.id}`)).body;
    expect(detail.knownRumour).toMatchObject({ itemId: dismissed.id, decision: 'dismissed' });
    const note = detail.explanations.find((e: { kind: string }) => e.kind === 'rumour').note;
    expect(note).toMatch(/^resembles an item the office dismissed on 15\/10\/2020 \(item /);
    // the score is the text's own
    expect(detail.scores).toEqual(await scoreAlone(repostText));
    expect(detail.congress).toBe(true);
  });

  it('a rebuttal quoting a confirmed rumour at length shows the match without the raise', async () => {
    const content = {
      title: 'Ban Tổ chức Đại hội bác bỏ thông tin sai sự thật',
      text: `Thời gian qua, một số tài khoản mạng xã hội đăng tải bài viết có nội dung: “${rumour('r-hoan').text}” Ban Tổ chức Đại hội khẳng định thông tin trên là bịa đặt; Đại hội diễn ra đúng kế hoạch.`,
    };
    const rebuttal = await ingest(post(content));
    const detail = (await analyst.get(`/api/items/${rebuttal.id}`)).body;
    expect(detail.knownRumour).toMatchObject({ itemId: original.id, decision: 'confirmed' });
    expect(detail.explanations.find((e: { kind: string }) => e.kind === 'rumour').note).toMatch(/; quoted in a rebuttal, not raised$/);
    expect(detail.scores).toEqual(await scoreAlone(content));
    expect(detail.flagged).toBe(false);
  });

  it('items already in the queue are re-scored when the office confirms a rumour they repeat', async () => {
    // crawled before any decision on h-chi-phi: nothing to match yet
    const first = await ingest(post(rumour('h-chi-phi'), 14));
    const queued = await ingest(post(variant('h-chi-phi', 'teencode'), 15));
    const unrelated = await ingest(
      post(
        stream.otherStories.find((s) => s.id === 'o-khai-mac')!,
        15,
      ),
    );
    expect(queued.knownRumour).toBeUndefined();
    const before = (await analyst.get(`/api/items/${queued.id}`)).body.scores;

    await decide(first.id, 'confirmed');
    // the crawl process notices the decision at its next item (or its next run) and re-scores the queue
    await ingest(
      post(
        stream.otherStories.find((s) => s.id === 'o-van-kien')!,
        16,
      ),
    );

    const queue = await analyst.get('/api/review/queue?pageSize=100');
    const row = queue.body.items.find((item: ScoredItem) => item.id === queued.id);
    expect(row?.knownRumour).toMatchObject({ itemId: first.id, decision: 'confirmed' });
    const detail = (await analyst.get(`/api/items/${queued.id}`)).body;
    expect(detail.scores.distortion).toBeGreaterThan(before.distortion);
    expect(detail.flagged).toBe(true);
    expect(detail.explanations.some((e: { kind: string; term: string }) => e.kind === 'rumour' && e.term === `confirmed:${first.id}`)).toBe(true);
    // its review state is untouched; a different story is not re-scored
    expect(detail.review?.status ?? 'new').toBe('new');
    expect((await analyst.get(`/api/items/${unrelated.id}`)).body.knownRumour).toBeUndefined();
    expect((await analyst.get(`/api/items/${first.id}`)).body.knownRumour).toBeUndefined();
  });

  it('after a restart, the decided items are read back and still matched', async () => {
    await crawl.close();
    crawl = await openPipeline(config);
    const repost = await ingest(post(variant('r-hoan', 'reorder')));
    expect(repost.knownRumour).toMatchObject({ itemId: original.id, decision: 'confirmed', response: { id: responseId } });
    const queue = await analyst.get('/api/review/queue?pageSize=100');
    expect(queue.body.items.find((item: ScoredItem) => item.id === repost.id)?.knownRumour?.itemId).toBe(original.id);
  });
});

/** The scores the classifier gives a text by itself (no known rumours). */
async function scoreAlone(content: { title: string; text: string }): Promise<ScoredItem['scores']> {
  const { loadClassifier, classifierOptionsFromConfig } = await import('../../pipeline/nlp/index.ts');
  return loadClassifier(classifierOptionsFromConfig(config)).classify(content).scores;
}
