import { describe, expect, it } from 'vitest';
import { forBothForms } from './helpers.ts';

// COVID prevention measures for the congress (ninety-first pass, the eighty-seventh pass's family C): a report that
// delegates "sẽ được đo thân nhiệt, khai báo y tế", that a standby isolation room and a medical team are ready, states
// no settled future about delegates and no incident — the unattributed-* rules do not read the measure's sentence
// ("phòng cách ly tạm thời" takes "cách ly" from the incident words). Not where the item tells of a result or a change
// (a delegate positive or infected, the congress moved online, fewer delegates let in "vì lý do phòng dịch"), nor a
// claim in another sentence. Phrasings written for these tests, not corpus sentences; as typed and without
// diacritics, on the lexicons alone.
const rules = (c: { explanations: { kind: string; term: string }[] }) =>
  c.explanations.filter((e) => e.kind === 'distortion' && e.term.startsWith('rule unattributed-')).map((e) => e.term);

// the measures, reported: screening, testing, masks and distancing, a standby isolation room or medical team
const MEASURES = [
  'Tất cả đại biểu sẽ được đo thân nhiệt, khai báo y tế trước khi vào hội trường.',
  'Các đại biểu sẽ được xét nghiệm nhanh COVID-19 một ngày trước phiên khai mạc.',
  'Ban Tổ chức bố trí phòng cách ly tạm thời và tổ y tế trực suốt các ngày đại hội.',
  'Mỗi đại biểu đeo khẩu trang, sát khuẩn tay; khu vực cách ly dự phòng được chuẩn bị sẵn.',
  'Đại biểu sẽ ngồi giãn cách trong hội trường suốt ba ngày làm việc.',
];
// a result or a change the epidemic is said to bring, or a claim in a sentence of its own
const CLAIMS = [
  'Một đại biểu có kết quả xét nghiệm dương tính, cả đoàn phải cách ly.',
  'Hai đại biểu nhiễm COVID sau khi xét nghiệm, toàn bộ đại biểu sẽ phải dự các phiên còn lại qua mạng.',
  'Vì lý do phòng dịch, chỉ một nửa số đại biểu sẽ được vào hội trường.',
  'Do dịch bệnh, các đại biểu sẽ phải ở lại khách sạn dù đã xét nghiệm.',
  'Hội trường đã được phun khử khuẩn. Ông Tư sẽ làm Bí thư khóa mới.',
];

describe('COVID prevention measures for the congress', () => {
  it('reads no unattributed claim in a sentence that reports a measure', () => {
    forBothForms(MEASURES, (c, t) => expect(rules(c), t).toEqual([]));
  });

  it('still reads the claim where a result, a change or its cause is told, or in a sentence of its own', () => {
    forBothForms(CLAIMS, (c, t) => expect(rules(c).length, t).toBeGreaterThan(0));
  });
});
