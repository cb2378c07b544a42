import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { expectEachReads, forBothForms, contradictionsOf } from './helpers.ts';

// A venue named before the event's verb, the way a press lead or a notice names it (eighty-first pass): a lead that
// opens with "tại" and the site, the event's name and its verb after ("Sáng 21/10, tại Hội trường Tỉnh ủy ở TP.
// Pleiku, Đại hội … đã khai mạc"); a headline that puts the site after the event's name ("Khai mạc Đại hội Đảng bộ
// tỉnh tại …"); a site in apposition with "nơi diễn ra / nơi tổ chức" ("quanh Nhà Văn hóa tỉnh, nơi diễn ra Đại
// hội …"). Under the configured sheet (the provincial congress at the Trung tâm Hội nghị tỉnh, Pleiku; the national
// one at Hà Nội's Trung tâm Hội nghị Quốc gia). Phrasings written for these tests, not corpus sentences; as typed and
// without diacritics, on the lexicons alone.
const venueFacts = (c: Classification) =>
  contradictionsOf(c)
    .filter((e) => e.note?.includes('claims the venue'))
    .map((e) => e.factId);
const agreesOrSilent = (c: Classification) => c.explanations.filter((e) => e.kind === 'fact' && e.note?.includes('venue')).length === 0;

describe('a venue named before the event’s verb', () => {
  it('reads a lead, a headline and an apposition as the event’s venue', () => {
    const cases: Array<[string, string]> = [
      ['Sáng 21/10, tại Hội trường 2-9, thị xã An Khê, Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI đã khai mạc trọng thể.', 'GL-VENUE'],
      ['Đúng ngày này năm ngoái, tại khách sạn Hoàng Anh, Đại hội Đảng bộ tỉnh khai mạc.', 'GL-VENUE'],
      ['Khai mạc Đại hội Đảng bộ tỉnh tại Nhà Văn hóa Trung tâm, thị xã An Khê', 'GL-VENUE'],
      ['Công an phân luồng các tuyến đường quanh Nhà thi đấu tỉnh, nơi diễn ra Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI.', 'GL-VENUE'],
      ['Ngày 26/1/2021, tại Cung Văn hóa Hữu nghị, Đại hội đại biểu toàn quốc lần thứ XIII của Đảng khai mạc.', 'NC-VENUE'],
    ];
    expectEachReads(cases, venueFacts);
  });

  it('keeps the official venue, another gathering, a negated verb and where the event is watched', () => {
    forBothForms(
      [
        // the official venue, led the same way
        'Sáng 21/10, tại Trung tâm Hội nghị tỉnh, TP. Pleiku, Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI đã khai mạc.',
        // the clause after the lead is another gathering, not the event's name
        'Sáng 20/2, tại Hội trường 2-9, Đoàn đại biểu dự Đại hội XIII đã thông tin nhanh kết quả Đại hội.',
        'Sáng 8/10, tại Hội trường 2-9, hội nghị cử tri bàn về Đại hội Đảng bộ tỉnh đã diễn ra.',
        // the lead not opening its clause, no event verb after the event's name
        'Mọi người gặp nhau tại khách sạn Hoàng Anh, Đại hội Đảng bộ tỉnh thì cứ để đó.',
        // where a bridge point watches the opening
        'Điểm cầu phường theo dõi phiên khai mạc Đại hội Đảng bộ tỉnh tại hội trường UBND phường, có mặt lúc 7h15.',
        'Bà con trong thôn cùng theo dõi truyền hình trực tiếp phiên khai mạc Đại hội Đảng bộ tỉnh tại nhà văn hóa thôn.',
        // an apposition naming another gathering
        'Khách sạn ở An Khê, nơi tổ chức hội nghị trực tuyến về kết quả Đại hội Đảng bộ tỉnh, đã sẵn sàng.',
      ],
      (c, t) => expect(agreesOrSilent(c) || venueFacts(c).length === 0, t).toBe(true),
    );
  });
});
