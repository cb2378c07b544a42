import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { classifier, contradictionsOf, expectEachReads, forBothForms } from './helpers.ts';

// Another event's fact read as the congress's (the hundred-and-thirty-second pass, study118's N′ from fresh-17:
// c116-164, c116-170, c118-052 stripped, c115-035, c117-091, c116-121; and c118-032 stripped, the personnel check's
// stripped collision): (a) an activity held "chào mừng" the congress with its own opening place, evening or display
// dates — whose event a fact is about is the nearest gathering named before it in its sentence, or the activity as the
// object of the fact's verb (`celebrants`); (b) a range's end read as the opening's day (`rangeEnds`); (c) some of a
// delegation, "trong đoàn có <n> người" (GL-NATIONAL-DELEGATION's partOf); (d) "Online" as the last word of an outlet's
// name (`nameTails`); (e) "Ba Dinh san sang" read without diacritics as "định sẵn" (`claimWords`). The configured sheet:
// the provincial congress 14–16/10/2020 at Trung tâm Hội nghị tỉnh, Pleiku, in person, its delegation to the national
// congress 15; the national congress 25/1–2/2/2021 at Trung tâm Hội nghị Quốc gia. Phrasings written for these tests,
// not corpus sentences; as typed and without diacritics, on the lexicons alone.
const factsOf = (c: Classification) => contradictionsOf(c).map((e) => e.factId);
const expectNoFacts = (texts: string[]) => forBothForms(texts, (c, t) => expect(factsOf(c), t).toEqual([]));

describe('an activity held for the congress', () => {
  it('reads the opening place, the evening and the display dates as the activity’s', () => {
    expectNoFacts([
      'Triển lãm ảnh với 120 tác phẩm khai mạc tại An Khê, chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI diễn ra từ 14 đến 16/10 tại Pleiku.',
      'Triển lãm tranh cổ động khai mạc ở Chư Sê, chào mừng Đại hội đại biểu Đảng bộ tỉnh.',
      'Các nghệ sĩ tập luyện chương trình nghệ thuật chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI, diễn ra tối 13/10 tại Pleiku.',
      'Đoàn ca múa tập chương trình văn nghệ chào mừng Đại hội Đảng bộ tỉnh, diễn ra tối 12/10 ở nhà văn hóa huyện.',
      'Tối 13/10, chương trình nghệ thuật chào mừng Đại hội Đảng bộ tỉnh diễn ra tại quảng trường Đại Đoàn Kết.',
      'Chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI, Bảo tàng tỉnh tổ chức trưng bày chuyên đề về Gia Lai từ 10/10 đến 30/11.',
      'Hội thao chào mừng Đại hội Đảng bộ tỉnh, diễn ra ngày 11/10 tại sân vận động huyện.',
    ]);
  });

  it('keeps the congress’s own date and place after the purpose, and the congress as the subject', () => {
    const cases: Array<[string, string]> = [
      ['Triển lãm ảnh khai mạc tại Pleiku, chào mừng Đại hội Đảng bộ tỉnh lần thứ XVI diễn ra từ 20 đến 22/10 tại An Khê.', 'GL-DATE'],
      ['Chương trình nghệ thuật chào mừng Đại hội Đảng bộ tỉnh. Đại hội Đảng bộ tỉnh khai mạc tại An Khê.', 'GL-VENUE'],
      ['Tối 13/10, Đại hội Đảng bộ tỉnh khai mạc, các địa phương tổ chức chương trình văn nghệ chào mừng.', 'GL-DATE'],
      ['Đại hội Đảng bộ tỉnh năm nay tổ chức trực tuyến, còn triển lãm ảnh chào mừng thì mở ở bảo tàng.', 'GL-FORMAT'],
    ];
    expectEachReads(cases, factsOf);
  });
});

describe('a range’s end', () => {
  it('does not read the end of the days the opening starts as the opening’s day', () => {
    expectNoFacts([
      'Hôm nay khai mạc Đại hội Đảng bộ tỉnh ở Pleiku đến 16/10, anh em giao hàng chú ý phân luồng nhé.',
      'Sáng nay đại hội tỉnh khai mạc, kéo dài tới 16/10, đường Trần Hưng Đạo cấm xe.',
      'Đại hội Đảng bộ tỉnh khai mạc hôm nay và họp đến hết ngày 16/10.',
    ]);
  });

  it('keeps an opening dated on its own day', () => {
    const cases: Array<[string, string]> = [
      ['Đại hội Đảng bộ tỉnh khai mạc ngày 16/10 tại Pleiku.', 'GL-DATE'],
      ['Hôm nay 16/10 khai mạc Đại hội Đảng bộ tỉnh ở Pleiku, anh em chú ý phân luồng.', 'GL-DATE'],
    ];
    expectEachReads(cases, factsOf);
  });
});

describe('some of a delegation', () => {
  it('reads "trong đoàn có <n> người" as a part of the delegation', () => {
    expectNoFacts([
      'Ảnh đoàn 15 đại biểu của tỉnh sẽ đi dự Đại hội XIII. Trong đoàn có 2 người từng là giáo viên.',
      'Đoàn đại biểu tỉnh đi dự Đại hội XIII đã lên đường, trong đoàn có tới 3 người là nữ.',
    ]);
  });

  it('keeps the delegation’s size said otherwise', () => {
    expectEachReads([['Đoàn Gia Lai đi Đại hội XIII gồm 20 người, trong đoàn có 2 người từng là giáo viên.', 'GL-NATIONAL-DELEGATION']], factsOf);
  });
});

describe('"Online" in a name', () => {
  it('reads "Online" as the last word of an outlet’s name', () => {
    expectNoFacts([
      'Chia sẻ với Sao Việt Online trước thềm Đại hội XIII, nghệ sĩ mong văn kiện Đại hội quan tâm đến văn hóa.',
      'Trả lời phỏng vấn Tuổi Trẻ Online nhân dịp Đại hội XIII, ông bày tỏ kỳ vọng vào văn kiện.',
    ]);
  });

  it('keeps the congress said to meet online, in capitals or at a sentence’s start', () => {
    const cases: Array<[string, string]> = [
      ['Đại hội XIII sẽ họp Online, đại biểu ngồi ở tỉnh.', 'NC-VENUE'],
      ['ĐẠI HỘI XIII HỌP ONLINE, ĐẠI BIỂU Ở NHÀ.', 'NC-VENUE'],
    ];
    expectEachReads(cases, factsOf);
  });
});

describe('the personnel check without diacritics', () => {
  it('does not read "định sẵn" across a place or a readiness word', () => {
    forBothForms(['Khách sạn quanh Ba Đình sẵn sàng phục vụ Đại hội XIII.', 'Nhiều gia đình sẵn sàng đón đại biểu về dự Đại hội XIII.'], (c, t) =>
      expect(factsOf(c), t).not.toContain('NC-PERSONNEL'),
    );
    // (typed, "Bình Định sẵn" holds "định sẵn" as written: the accents decide there)
    const c = classifier().classify({ title: '', text: 'Cac khach san o Binh Dinh san sang don dai bieu ve du Dai hoi XIII.' });
    expect(factsOf(c)).not.toContain('NC-PERSONNEL');
  });

  it('keeps "định sẵn" where no word crosses it', () => {
    expectEachReads([['Danh sách Trung ương khóa XIII đã được định sẵn trước Đại hội XIII rồi.', 'NC-PERSONNEL']], factsOf);
  });
});
