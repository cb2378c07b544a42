// Retention clean-up: the store deletes old items (and their search entries); engines that cannot
// are skipped with a warning; the scheduled job also forgets old alert records.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config.ts';
import type { Store } from '../../core/types.ts';
import { AlertLedger } from '../../features/alerts/ledger.ts';
import type { UrgentAlert } from '../../features/alerts/rules.ts';
import { applyRetention, deleteItemsOlderThan, retentionCutoffs, startSchedules } from '../../features/schedules/index.ts';
import type { TriggerFactory } from '../../features/schedules/scheduler.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { makeItem } from '../helpers/items.ts';

type Log = Record<string, unknown> & { level: number; msg: string };
let logs: Log[];
const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
let dir: string;

const ITEMS = [
  { key: 'ancient', title: 'Tin cũ về lễ hội cồng chiêng', at: '2018-01-01T08:00:00+07:00' },
  { key: 'older', title: 'Tin năm ngoái về thủy điện', at: '2019-10-01T08:00:00+07:00' },
  { key: 'edge', title: 'Tin đúng mốc về cà phê', at: '2020-09-01T00:00:00+07:00' },
  { key: 'recent', title: 'Tin mới về Đại hội', at: '2020-10-15T08:00:00+07:00' },
];

async function seeded(path: string): Promise<SqliteStore> {
  const store = new SqliteStore({ path });
  await store.init();
  await store.upsertItems(
    ITEMS.map((i) => ({ ...makeItem({ title: i.title, text: `${i.title}.`, publishedAt: i.at, url: `https://a.example/${i.key}` }), id: i.key })),
  );
  return store;
}

async function ids(store: Store): Promise<string[]> {
  return (await store.queryItems({ sort: 'oldest', page: 1, pageSize: 100 })).items.map((i) => i.id);
}

beforeEach(() => {
  logs = [];
  dir = mkdtempSync(join(tmpdir(), 'mediawatch-retention-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('retention clean-up', () => {
  it('deletes items older than the cutoff, from the search index too', async () => {
    const store = await seeded(':memory:');
    try {
      expect((await store.queryItems({ q: 'thuy dien', page: 1, pageSize: 10 })).total).toBe(1);
      const deleted = await deleteItemsOlderThan(store, new Date('2020-09-01T00:00:00+07:00'), logger);
      expect(deleted).toBe(2);
      expect(await ids(store)).toEqual(['edge', 'recent']);
      expect((await store.queryItems({ q: 'thuy dien', page: 1, pageSize: 10 })).total).toBe(0);
      expect((await store.queryItems({ q: 'ca phe', page: 1, pageSize: 10 })).total).toBe(1);
      expect((await store.stats({})).total).toBe(2);
      expect(logs.find((l) => l.msg === 'retention: old items deleted')).toMatchObject({ deleted: 2, engine: 'sqlite' });
    } finally {
      await store.close();
    }
  });

  it('skips, with a warning, an engine that cannot delete', async () => {
    const store = await seeded(':memory:');
    try {
      // A store exposing only the interface's required methods (like an engine without deleteOlderThan).
      const limited: Store = {
        engine: 'elasticsearch',
        init: () => store.init(),
        upsertItems: (items) => store.upsertItems(items),
        getItem: (id) => store.getItem(id),
        counts: (filter, by) => store.counts(filter, by),
        topClusters: (filter, limit) => store.topClusters(filter, limit),
        termCounts: (filter) => store.termCounts(filter),
        findByContentHash: (hash) => store.findByContentHash(hash),
        queryItems: (query) => store.queryItems(query),
        stats: (query) => store.stats(query),
        scanItems: (batch) => store.scanItems(batch),
        streamItems: (query, batch) => store.streamItems(query, batch),
        close: () => store.close(),
      };
      expect(await deleteItemsOlderThan(limited, new Date('2030-01-01T00:00:00Z'), logger)).toBeNull();
      expect(logs.find((l) => l.level === 40)).toMatchObject({
        engine: 'elasticsearch',
        msg: 'retention: this store engine cannot delete items yet; clean-up skipped',
      });
      expect(await ids(store)).toHaveLength(4);
    } finally {
      await store.close();
    }
  });

  it('keeps social posts only for privacy.retentionDays when that is shorter', async () => {
    const store = new SqliteStore({ path: ':memory:' });
    await store.init();
    try {
      const now = new Date('2020-10-20T00:00:00Z');
      const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
      const entry = (key: string, kind: 'news' | 'rss' | 'social', age: number) => ({
        ...makeItem({ title: `Tin ${key}`, text: `Nội dung ${key}`, kind, publishedAt: daysAgo(age), url: `https://x.example/${key}` }),
        id: key,
      });
      await store.upsertItems([
        entry('news-40', 'news', 40),
        entry('rss-40', 'rss', 40),
        entry('social-40', 'social', 40),
        entry('social-20', 'social', 20),
        entry('news-800', 'news', 800),
      ]);
      const config = parseConfig({ retentionDays: 730, privacy: { retentionDays: 30 } }, '<test>', dir);
      const cutoffs = retentionCutoffs(config, now);
      expect(cutoffs.social.toISOString()).toBe(daysAgo(30));
      expect(cutoffs.items.toISOString()).toBe(daysAgo(730));

      // An engine that cannot delete by kind falls back to the general period, and says so.
      const noKinds = Object.assign(Object.create(store) as SqliteStore, { deleteKindsOlderThan: undefined });
      expect(await applyRetention(noKinds, cutoffs, logger)).toBe(1);
      expect(logs.some((l) => l.level === 40 && l.msg.includes('privacy.retentionDays is not applied'))).toBe(true);
      expect(await ids(store)).toEqual(['news-40', 'rss-40', 'social-40', 'social-20']);

      expect(await applyRetention(store, cutoffs, logger)).toBe(1);
      expect(await ids(store)).toEqual(['news-40', 'rss-40', 'social-20']);
      // Without privacy.retentionDays every kind follows retentionDays.
      const plain = retentionCutoffs(parseConfig({ retentionDays: 10 }, '<test>', dir), now);
      expect(await applyRetention(store, plain, logger)).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('runs as a scheduled job with retentionDays from the config, and prunes old alert records', async () => {
    const dbPath = join(dir, 'mediawatch.db');
    await (await seeded(dbPath)).close();
    const ledgerPath = join(dir, 'alerts.db');
    const ledger = new AlertLedger(ledgerPath);
    const alert = (key: string) => ({ key, kind: 'distortion', reason: '', detectedAt: '', item: {}, link: '', itemLink: '' }) as unknown as UrgentAlert;
    ledger.enqueue([alert('item:older')], ['email'], new Date('2019-10-02T00:00:00Z'));
    ledger.markSent(['item:older'], 'email', new Date('2019-10-02T00:00:00Z'));
    ledger.enqueue([alert('item:recent')], ['email'], new Date('2020-10-15T02:00:00Z'));
    ledger.markSent(['item:recent'], 'email', new Date('2020-10-15T02:00:00Z'));
    ledger.close();

    const config = parseConfig(
      { store: { engine: 'sqlite', path: dbPath }, retentionDays: 60, alerts: { statePath: ledgerPath }, schedules: { retention: '30 3 * * *' } },
      '<test>',
      dir,
    );
    const trigger: TriggerFactory = () => ({ stop() {} });
    const scheduler = startSchedules(config, logger, { trigger, now: () => new Date('2020-10-20T03:30:00+07:00') });
    expect(await scheduler.tick('retention')).toBe('succeeded');
    await scheduler.stop();

    // 60 days before 20/10/2020 03:30 (+07:00) is 21/08/2020 03:30: "older" and "ancient" go.
    const store = new SqliteStore({ path: dbPath });
    await store.init();
    expect(await ids(store)).toEqual(['edge', 'recent']);
    await store.close();
    const after = new AlertLedger(ledgerPath);
    expect(after.list().map((d) => d.key)).toEqual(['item:recent']);
    after.close();
  });
});
