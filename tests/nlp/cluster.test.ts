import { describe, expect, it } from 'vitest';
import { foldVietnamese } from '../../pipeline/nlp/fold.ts';
import { NearDuplicateIndex } from '../../pipeline/nlp/cluster.ts';
import { devCorpus, stripDiacritics } from './helpers.ts';

const fold = (s: string) => foldVietnamese(s);
const T0 = '2020-10-10T08:00:00+07:00';

describe('NearDuplicateIndex', () => {
  const story = 'NÓNG: Đại hội Đảng bộ tỉnh Gia Lai bị hoãn sang tháng 12 vì nội bộ chưa thống nhất được nhân sự!!! Share gấp cho mọi người biết.';
  const reposts = [
    // a few words changed, punctuation and case changed, an emoji added
    'NÓNG!!! Đại hội đảng bộ tỉnh Gia Lai bị HOÃN đến tháng 12 do nội bộ chưa thống nhất nhân sự, ae share mạnh nhé 😱',
    // diacritics removed
    stripDiacritics(story),
    // words added at the end
    `${story} Mình đọc được trong nhóm kín, chưa biết thật hư thế nào.`,
    // abbreviation instead of the full words
    'NÓNG: ĐH Đảng bộ tỉnh Gia Lai bị hoãn sang tháng 12 vì nội bộ chưa thống nhất được nhân sự. Share gấp cho mn biết!!!',
  ];
  const others = [
    'Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI khai mạc sáng 14/10 tại Trung tâm Hội nghị tỉnh với 350 đại biểu.',
    'Do dịch COVID, Đại hội XIII sẽ bị hoãn vô thời hạn, các đại hội tỉnh cũng tạm dừng hết - theo tin từ một cán bộ cấp cao',
    'Giá cà phê hôm nay tại Gia Lai tăng 300 đồng/kg, thương lái cho biết hàng về chậm.',
    'Đại hội Thể dục thể thao huyện Chư Prông lần thứ VIII khai mạc với 600 vận động viên.',
  ];

  it('puts reposts with small edits in the cluster of the first-seen item', () => {
    const index = new NearDuplicateIndex();
    const first = index.assign('orig', fold(story), T0);
    expect(first).toBe('c-orig');
    reposts.forEach((text, i) => expect(index.assign(`repost-${i}`, fold(text), T0), text).toBe('c-orig'));
    expect(index.firstSeenOf('c-orig')).toEqual({ id: 'orig', seenAt: T0 });
  });

  it('keeps different stories apart', () => {
    const index = new NearDuplicateIndex();
    index.assign('orig', fold(story), T0);
    others.forEach((text, i) => expect(index.assign(`other-${i}`, fold(text), T0)).toBe(`c-other-${i}`));
  });

  it('returns the same cluster when an item is assigned again', () => {
    const index = new NearDuplicateIndex();
    index.assign('a', fold(story), T0);
    const b = index.assign('b', fold(reposts[0]), T0);
    expect(index.assign('b', fold(others[2]), T0)).toBe(b);
    expect(index.assign('a', fold(story), T0)).toBe('c-a');
    expect(index.size).toBe(2);
  });

  it('scores similarity: repost high, different story low', () => {
    const index = new NearDuplicateIndex();
    expect(index.similarity(fold(story), fold(reposts[0]))).toBeGreaterThan(0.45);
    expect(index.similarity(fold(story), fold(others[0]))).toBeLessThan(0.3);
    expect(index.similarity(fold(story), fold(story))).toBe(1);
  });

  it('clusters the near-duplicate pairs of the dev corpus and keeps templated reports apart', () => {
    const index = new NearDuplicateIndex();
    const clusters = new Map<string, string>();
    for (const item of devCorpus()) clusters.set(item.id, index.assign(item.id, fold(`${item.title}\n${item.text}`), T0));
    expect(clusters.get('dev-034')).toBe(clusters.get('dev-015'));
    expect(clusters.get('dev-115')).toBe(clusters.get('dev-106'));
    expect(clusters.get('dev-015')).toBe('c-dev-015');
    // same template, different party organisations
    expect(clusters.get('dev-109')).not.toBe(clusters.get('dev-038'));
    expect(clusters.get('dev-004')).not.toBe(clusters.get('dev-038'));
    const sizes = new Map<string, number>();
    for (const c of clusters.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(3);
  });

  it('is fast and bounded: 5 000 look-alike items in a few seconds', () => {
    const index = new NearDuplicateIndex();
    const words = 'dai hoi dang bo tinh gia lai khai mac be mac bau ban chap hanh nhiem ky cong tac nhan su van kien thao luan'.split(' ');
    let seed = 1;
    const rand = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return seed % n;
    };
    const start = Date.now();
    for (let i = 0; i < 5_000; i++) {
      const text = Array.from({ length: 30 }, () => words[rand(words.length)]).join(' ') + ` ${i}`;
      index.assign(`i${i}`, text, T0);
    }
    expect(Date.now() - start).toBeLessThan(10_000);
    expect(index.size).toBe(5_000);
  });
});
