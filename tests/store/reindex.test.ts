// `mediawatch reindex`: SQLite → Elasticsearch → SQLite keeps every item, in order, and the
// count check catches what went missing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { reindex, type ReindexOptions } from '../../cli/commands/reindex.ts';
import type { ScoredItem } from '../../core/types.ts';
import { ElasticsearchStore } from '../../pipeline/store/elasticsearch.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { makeItem } from '../helpers/items.ts';
import { ES_URL, probeElasticsearch, reportNotRun, START_HINT, uniquePrefix } from './es-env.ts';

const es = await probeElasticsearch();
if (!es.ok) reportNotRun('reindex between SQLite and Elasticsearch', es.reason, START_HINT);

const tmp = mkdtempSync(join(tmpdir(), 'mediawatch-reindex-'));
const prefix = uniquePrefix('reindex');
afterAll(async () => {
  if (es.ok) {
    const store = new ElasticsearchStore({ node: ES_URL, index: prefix, outboxPath: null });
    await store.init();
    await store.destroy();
    await store.close();
  }
  rmSync(tmp, { recursive: true, force: true });
});

/** Collects what reindex prints. */
function output(): { stream: NodeJS.WriteStream; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

async function allItems(store: SqliteStore | ElasticsearchStore): Promise<ScoredItem[]> {
  const items: ScoredItem[] = [];
  for await (const batch of store.scanItems(1000)) items.push(...batch);
  return items;
}

const base = (extra: Partial<ReindexOptions>): ReindexOptions => ({ from: 'sqlite', to: 'elasticsearch', batchSize: 500, ...extra });

describe('reindex: argument checks', () => {
  it('refuses the same engine on both sides and unknown engines', async () => {
    await expect(reindex(base({ to: 'sqlite' }))).rejects.toThrow(/both "sqlite"/);
    await expect(reindex(base({ to: 'mongodb' }))).rejects.toThrow(/--to must be one of sqlite, elasticsearch/);
  });

  it('asks for a node when neither flags nor config name one', async () => {
    await expect(reindex(base({ sqlitePath: join(tmp, 'none.db') }))).rejects.toThrow(/pass --es-node URL/);
    await expect(reindex(base({ esNode: ['es:9200'] }))).rejects.toThrow(/--es-node must be an http\(s\) URL/);
  });
});

describe.skipIf(!es.ok)('reindex: sqlite ⇄ elasticsearch', () => {
  const items = Array.from({ length: 2_345 }, (_, i) =>
    makeItem(
      {
        sourceId: `nguon-${i % 5}`,
        url: `https://bao.example/r${i}`,
        title: `Bài ${i} về Đại hội`,
        text: `Nội dung ${i}.`,
        publishedAt: new Date(Date.UTC(2021, 0, 1 + (i % 30))).toISOString(),
      },
      { congress: i % 2 === 0, distortion: i % 3 === 0 },
    ),
  );

  it('copies SQLite into Elasticsearch with progress and a passing count check', async () => {
    const sqlitePath = join(tmp, 'source.db');
    const source = new SqliteStore({ path: sqlitePath });
    await source.init();
    await source.upsertItems(items);
    await source.close();

    const { stream, text } = output();
    const report = await reindex(base({ sqlitePath, esNode: [ES_URL], esIndex: prefix }), stream);
    expect(report).toMatchObject({ ok: true, copied: items.length, inserted: items.length, updated: 0, errors: [] });
    expect(report.target).toMatchObject({ before: 0, after: items.length });
    expect(text()).toMatch(/2,345\/2,345 \(100%\)/);
    expect(text()).toMatch(/count check OK: elasticsearch holds 2,345 item\(s\), sqlite 2,345/);

    const target = new ElasticsearchStore({ node: ES_URL, index: prefix, outboxPath: null });
    await target.init();
    try {
      expect(await allItems(target)).toEqual(JSON.parse(JSON.stringify(items)));
      expect((await target.stats({})).flagged).toBe(items.filter((item) => item.flagged).length);
    } finally {
      await target.close();
    }

    // Again: nothing new, everything updated, still a match.
    const again = await reindex(base({ sqlitePath, esNode: [ES_URL], esIndex: prefix }), output().stream);
    expect(again).toMatchObject({ ok: true, inserted: 0, updated: items.length });
  });

  it('copies Elasticsearch back into a new SQLite file, item for item', async () => {
    const sqlitePath = join(tmp, 'back.db');
    const { stream, text } = output();
    const report = await reindex(base({ from: 'elasticsearch', to: 'sqlite', sqlitePath, esNode: [ES_URL], esIndex: prefix }), stream);
    expect(report).toMatchObject({ ok: true, copied: items.length, inserted: items.length });
    expect(text()).toMatch(/count check OK: sqlite holds 2,345 item\(s\), elasticsearch 2,345/);
    const back = new SqliteStore({ path: sqlitePath });
    await back.init();
    try {
      expect(await allItems(back)).toEqual(JSON.parse(JSON.stringify(items)));
    } finally {
      await back.close();
    }
  });

  it('fails the count check when items are rejected', async () => {
    const sqlitePath = join(tmp, 'broken.db');
    const source = new SqliteStore({ path: sqlitePath });
    await source.init();
    const broken = { ...makeItem({ url: 'https://bao.example/hong', title: 'Hỏng', text: 'Điểm không hợp lệ' }), scores: { congress: 'cao', distortion: 0 } };
    await source.upsertItems([items[0], broken as unknown as ScoredItem]);
    await source.close();
    const { stream, text } = output();
    const report = await reindex(base({ sqlitePath, esNode: [ES_URL], esIndex: `${prefix}-broken` }), stream);
    const cleanup = new ElasticsearchStore({ node: ES_URL, index: `${prefix}-broken`, outboxPath: null });
    await cleanup.init();
    await cleanup.destroy();
    await cleanup.close();
    expect(report.ok).toBe(false);
    expect(report.errors.map((error) => error.id)).toEqual([broken.id]);
    expect(text()).toMatch(/count check FAILED: copied 2 of 2, elasticsearch holds 1/);
    expect(text()).toContain(`${broken.id}: `);
  });
});
