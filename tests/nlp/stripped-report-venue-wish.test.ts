import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { classifier, firedGroup, forBothForms, stripDiacritics } from './helpers.ts';

// The 157th pass (study125's U′): words that, typed without diacritics, hold a cue's, a negative's or a place verb's
// letters — "Cung Van hoa Lao dong" the venue's name (no Laos), "Dung tin bao cao" the writer's distrust of the official
// report (not the rebuttal "đừng tin"), "mong muon cua" a wish (no venue "mượn"). Phrasings written for these tests.

const laos = (c: Classification) => c.explanations.some((e) => e.weight < 0 && e.term === 'lào');
const venue = (c: Classification) => c.explanations.some((e) => e.kind === 'fact' && e.factId === 'NC-VENUE');

describe('the venue’s name "Cung Văn hóa Lao động" typed without diacritics', () => {
  it('is no Laos, with no Party body named', () => {
    const t = stripDiacritics('Phiên khai mạc sáng mai tại Cung Văn hóa Lao động tỉnh được truyền hình trực tiếp, mời bà con theo dõi Đại hội.');
    const c = classifier().classify({ title: '', text: t });
    expect(laos(c), t).toBe(false);
  });

  it('still reads Laos named as a country', () => {
    const t = stripDiacritics('Đoàn Gia Lai sang Lào dự đại hội của bạn, mang theo quà của tỉnh.');
    expect(laos(classifier().classify({ title: '', text: t })), t).toBe(true);
  });
});

describe('"đừng tin báo cáo": the writer’s distrust of the official report, in both forms', () => {
  it('reads press-distrust, not the rebuttal', () => {
    forBothForms(['Đừng tin báo cáo. Chưa tới 60% chi bộ làm xong đại hội đâu, Tỉnh ủy giấu số liệu thôi.'], (c, t) =>
      expect(firedGroup(c, 'press-distrust').length, t).toBeGreaterThan(0),
    );
  });

  it('leaves a rebuttal that sends readers to the official report', () => {
    forBothForms(['Đừng tin tin đồn trên mạng, báo cáo chính thức của Tỉnh ủy đã công bố 100% chi bộ xong đại hội.'], (c, t) =>
      expect(firedGroup(c, 'press-distrust'), t).toEqual([]),
    );
  });
});

describe('"mong muốn của …" typed without diacritics: a wish, no venue', () => {
  it('reads no venue in the wish of a province’s teachers', () => {
    const t = stripDiacritics('Bài viết ghi lại mong muốn của nhiều giáo viên Gia Lai: Đại hội XIII tiếp tục khẳng định giáo dục là quốc sách hàng đầu.');
    expect(venue(classifier().classify({ title: '', text: t })), t).toBe(false);
  });
});
