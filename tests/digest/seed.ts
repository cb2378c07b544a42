// A small two-week data set with hand-counted figures, shared by the digest tests.
// Week under test: 2020-W42 (Mon 12/10 – Sun 18/10/2020, Vietnam time); the week before: 2020-W41.
import type { ReviewStatus, ScoredItem } from '../../core/types.ts';
import { SqliteStore } from '../../pipeline/store/sqlite.ts';
import { makeItem } from '../helpers/items.ts';

interface Seed {
  key: string;
  source: string;
  at: string;
  congress?: boolean;
  flagged?: boolean;
  distortion?: number;
  status?: ReviewStatus;
  cluster?: string;
  title?: string;
}

const SEEDS: Seed[] = [
  // 2020-W42
  { key: 'a1', source: 'bao-a', at: '2020-10-12T08:00:00+07:00', congress: true, flagged: true, distortion: 0.9, status: 'responded' },
  { key: 'a2', source: 'bao-a', at: '2020-10-12T09:00:00+07:00' },
  { key: 'b1', source: 'bao-b', at: '2020-10-12T10:00:00+07:00', congress: true },
  { key: 'a3', source: 'bao-a', at: '2020-10-13T08:00:00+07:00' },
  { key: 'f1', source: 'forum', at: '2020-10-13T21:00:00+07:00', congress: true, flagged: true, distortion: 0.75, status: 'confirmed' },
  { key: 'c1-a', source: 'bao-a', at: '2020-10-15T07:00:00+07:00', congress: true, cluster: 'c1' },
  { key: 'c1-b', source: 'bao-b', at: '2020-10-15T08:00:00+07:00', congress: true, cluster: 'c1' },
  {
    key: 'c1-f',
    source: 'forum',
    at: '2020-10-15T09:00:00+07:00',
    congress: true,
    flagged: true,
    distortion: 0.95,
    cluster: 'c1',
    title: 'Tin đồn <b>"hoãn Đại hội"</b> & danh sách nhân sự',
  },
  { key: 'b2', source: 'bao-b', at: '2020-10-15T12:00:00+07:00' },
  { key: 'c1-a2', source: 'bao-a', at: '2020-10-16T10:00:00+07:00', congress: true, flagged: true, distortion: 0.8, status: 'responded', cluster: 'c1' },
  { key: 'c2-a', source: 'bao-a', at: '2020-10-17T06:00:00+07:00', congress: true, cluster: 'c2' },
  { key: 'c2-b', source: 'bao-b', at: '2020-10-18T23:59:00+07:00', congress: true, cluster: 'c2' },
  // 2020-W41
  { key: 'p1', source: 'bao-a', at: '2020-10-05T08:00:00+07:00', congress: true, flagged: true, distortion: 0.7 },
  { key: 'p2', source: 'bao-a', at: '2020-10-07T08:00:00+07:00' },
  { key: 'p3', source: 'bao-b', at: '2020-10-07T09:00:00+07:00' },
  { key: 'p5', source: 'bao-a', at: '2020-10-08T08:00:00+07:00' },
  { key: 'p6', source: 'bao-a', at: '2020-10-09T08:00:00+07:00' },
  { key: 'p7', source: 'bao-b', at: '2020-10-09T09:00:00+07:00' },
  {
    key: 'c1-old',
    source: 'bao-b',
    at: '2020-10-11T22:00:00+07:00',
    congress: true,
    cluster: 'c1',
    title: 'Bài gốc: Đại hội Đảng bộ tỉnh khai mạc',
  },
  { key: 'p4', source: 'bao-a', at: '2020-10-11T23:59:59+07:00' },
  // 2020-W43: first second of the next week, must not count.
  { key: 'n1', source: 'bao-a', at: '2020-10-19T00:00:00+07:00', congress: true, flagged: true, distortion: 0.99 },
];

export const SOURCE_NAMES = { 'bao-a': 'Báo A Gia Lai', 'bao-b': 'Báo B', forum: 'Diễn đàn Phố Núi' };

export function seedItems(): ScoredItem[] {
  return SEEDS.map((seed) => {
    const title = seed.title ?? `Tin ${seed.key} về ${seed.congress ? 'Đại hội' : 'đời sống'}`;
    const item = makeItem(
      {
        title,
        text: `${title}. Nội dung chi tiết của tin ${seed.key}.`,
        sourceId: seed.source,
        publishedAt: seed.at,
        url: `https://${seed.source}.example/${seed.key}.html`,
      },
      {
        congress: seed.congress ?? false,
        distortion: seed.flagged ?? false,
        scores: { congress: seed.congress ? 0.9 : 0.1, distortion: seed.distortion ?? 0.1 },
      },
    );
    return {
      ...item,
      id: seed.key,
      clusterId: seed.cluster,
      review: seed.status ? { status: seed.status } : undefined,
    };
  });
}

export async function seededStore(): Promise<SqliteStore> {
  const store = new SqliteStore({ path: ':memory:' });
  await store.init();
  const result = await store.upsertItems(seedItems());
  if (result.errors.length) throw new Error(JSON.stringify(result.errors));
  return store;
}
