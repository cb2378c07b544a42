import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { classifier, devCorpus, stripDiacritics } from './helpers.ts';

const classify = (text: string, title = '') => classifier().classify({ title, text });
const terms = (c: Classification, kind: string) => c.explanations.filter((e) => e.kind === kind).map((e) => e.term);

describe('congress relevance', () => {
  it('recognises Party congresses at every level', () => {
    for (const text of [
      'Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI, nhiệm kỳ 2020-2025 đã bế mạc.',
      'Đại hội đại biểu toàn quốc lần thứ XIII của Đảng sẽ khai mạc tại Hà Nội.',
      'Đảng bộ xã Ia Dêr tổ chức đại hội nhiệm kỳ 2020-2025, bầu Ban Chấp hành gồm 13 đồng chí.',
      'Chi bộ thôn 3 vừa tổ chức đại hội, các đảng viên góp ý thẳng thắn.',
    ]) {
      const c = classify(text);
      expect(c.congress, text).toBe(true);
      expect(c.topics).toContain('congress-2020');
    }
  });

  it('scores the same with and without diacritics', () => {
    const text = 'Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI thành công tốt đẹp, bầu Ban Chấp hành khóa mới.';
    const accented = classify(text);
    const bare = classify(stripDiacritics(text));
    expect(bare.congress).toBe(true);
    expect(Math.abs(bare.scores.congress - accented.scores.congress)).toBeLessThan(0.05);
  });

  it('expands teencode and abbreviations (ĐH, BCH TW)', () => {
    expect(classify('ĐH đảng bộ tỉnh xong r, BCH khóa mới làm đc việc ko mn').congress).toBe(true);
    expect(classify('BCH TW khóa XIII họp phiên đầu tiên').congress).toBe(true);
  });

  it('counts title matches more than body matches', () => {
    const inTitle = classify('Thông tin về công tác chuẩn bị.', 'Chuẩn bị đại hội, bầu ban chấp hành');
    const inBody = classify('Chuẩn bị đại hội, bầu ban chấp hành. Thông tin về công tác chuẩn bị.', 'Thông tin');
    expect(inTitle.scores.congress).toBeGreaterThan(inBody.scores.congress);
  });

  it('rewards co-occurrence of "đại hội" with Party context', () => {
    const alone = classify('Năm nay đại hội được tổ chức sớm.');
    const near = classify('Năm nay đại hội đại biểu được tổ chức sớm, bầu ban chấp hành nhiệm kỳ mới, tỉnh ủy chỉ đạo.');
    expect(alone.congress).toBe(false);
    expect(near.scores.congress).toBeGreaterThan(alone.scores.congress);
    expect(near.explanations.some((e) => e.note === 'co-occurrence')).toBe(true);
  });

  it('needs a congress term: Party vocabulary alone is not enough', () => {
    const c = classify('Tỉnh ủy tổ chức trao Huy hiệu 50 năm tuổi Đảng cho đảng viên, bí thư chi bộ phát biểu.');
    expect(c.congress).toBe(false);
  });
});

describe('negative contexts cancel "đại hội"', () => {
  const cases: Array<[string, string]> = [
    ['shareholders', 'Đại hội đồng cổ đông thường niên năm 2020 của Công ty CP Cà phê đã bầu Hội đồng quản trị nhiệm kỳ mới.'],
    ['shareholders (abbr.)', 'ĐHĐCĐ công ty mình năm nay họp online, cổ tức 5%.'],
    ['Youth Union', 'Đại hội Đoàn TNCS Hồ Chí Minh tỉnh lần thứ XV bầu Ban Chấp hành khóa mới gồm 35 đồng chí.'],
    ['Youth Union cell, no diacritics', 'dai hoi chi doan thon em toi nay, ai ranh qua ung ho nha'],
    ['sports festival', 'Khai mạc Đại hội Thể dục thể thao huyện Chư Prông lần thứ VIII với 600 vận động viên.'],
    ['sports festival (TDTT)', 'Đại hội TDTT tỉnh Gia Lai lần thứ IX khai mạc tại sân vận động Pleiku.'],
    ["farmers' association", 'Đại hội đại biểu Hội Nông dân xã Ia Kha đã bầu Ban Chấp hành gồm 11 hội viên, nhiệm kỳ 2020-2025.'],
    ["women's union", 'Chi hội phụ nữ tổ dân phố 5 vừa tổ chức đại hội, bầu chị Hoa làm chi hội trưởng.'],
    ['veterans', 'Đại hội Hội Cựu chiến binh huyện Đak Đoa nhiệm kỳ 2022-2027 thành công tốt đẹp.'],
    ['foreign party', 'Đảng Dân chủ Mỹ tổ chức đại hội toàn quốc theo hình thức trực tuyến.'],
    ['trade union', 'Công đoàn cơ sở Trường THPT tổ chức đại hội nhiệm kỳ 2020-2023, bầu Ban Chấp hành gồm 5 đồng chí.'],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      const c = classify(text);
      expect(c.congress, JSON.stringify(c.explanations)).toBe(false);
      expect(c.explanations.some((e) => e.kind === 'negative')).toBe(true);
    });
  }

  it('reads the Party body of an enterprise, cooperative or school as a Party body, not as the company', () => {
    for (const text of [
      'Đảng bộ Công ty TNHH Cà phê Ia Grai tổ chức đại hội nhiệm kỳ 2020-2025, bầu Ban Chấp hành gồm 7 đồng chí.',
      'Chi bộ Hợp tác xã Nông nghiệp Ia Sao vừa tổ chức đại hội, bầu đồng chí Minh làm bí thư nhiệm kỳ 2020-2025.',
      'Dang bo Tong cong ty Lam nghiep to chuc dai hoi nhiem ky 2020-2025 thanh cong',
    ]) {
      const c = classify(text);
      expect(c.congress, `${text}\n${JSON.stringify(c.explanations)}`).toBe(true);
    }
    // the company's own meeting is still not a Party congress
    expect(classify('Đại hội cổ đông Công ty Cà phê Ia Grai bầu Hội đồng quản trị nhiệm kỳ 2020-2025.').congress).toBe(false);
  });

  it('does not cancel a named Party congress because a mass organisation is mentioned elsewhere', () => {
    const c = classify('Các dự thảo văn kiện trình Đại hội XIII của Đảng được công bố. Ủy ban MTTQ tỉnh lấy ý kiến đoàn viên, hội viên.');
    expect(c.congress).toBe(true);
  });
});

describe('distortion', () => {
  it('flags unverified sources, calls to spread and conspiracy framing', () => {
    const c = classify('Nghe nói kết quả Đại hội XIII đã được định sẵn từ lâu, thế lực bên ngoài giật dây. Share gấp trước khi bị xóa!!!');
    expect(c.congress).toBe(true);
    expect(c.distortion).toBe(true);
    expect(terms(c, 'distortion').some((t) => t.startsWith('hearsay'))).toBe(true);
    expect(terms(c, 'distortion').some((t) => t.startsWith('share-before-removal'))).toBe(true);
    expect(terms(c, 'distortion').some((t) => t.startsWith('pre-arranged'))).toBe(true);
  });

  it('is only true for congress-related items', () => {
    const c = classify('Nghe nói bầu cử Mỹ bị gian lận hàng triệu phiếu, có video bằng chứng, share gấp đi mn!!!');
    expect(c.scores.distortion).toBeGreaterThan(0.5);
    expect(c.congress).toBe(false);
    expect(c.distortion).toBe(false);
  });

  it('ignores negated cues and official rebuttals', () => {
    const rebuttal = classify(
      'Thông tin Đại hội Đảng bộ tỉnh bị hoãn sang tháng 12 đang lan truyền trên mạng xã hội là sai sự thật. Người dân chỉ theo dõi thông tin trên các kênh chính thống và không chia sẻ các bài viết chưa được kiểm chứng.',
      'Tỉnh ủy bác bỏ thông tin Đại hội bị lùi lịch',
    );
    expect(rebuttal.congress).toBe(true);
    expect(rebuttal.distortion).toBe(false);
    expect(rebuttal.explanations.some((e) => e.kind === 'fact')).toBe(false);
    expect(terms(rebuttal, 'distortion').some((t) => t.startsWith('share-before-removal'))).toBe(false);
  });

  it('flags a fabricated quote attributed to a vague speaker', () => {
    const c = classify('Một vị lãnh đạo cấp cao nói tại hội nghị: "Nhân sự Đại hội XIII xong hết rồi, không cần bàn nữa".');
    expect(terms(c, 'distortion')).toContain('quote-vague-speaker');
  });

  it('counts shouting, exclamation runs and alarm emoji as weak cues', () => {
    const c = classify('KHÔNG THỂ TIN NỔI!!! đại hội đảng bộ tỉnh tốn 50 tỷ 😱😱');
    const style = c.explanations.filter((e) => e.term.startsWith('style:'));
    expect(style.length).toBeGreaterThanOrEqual(3);
    expect(c.distortion).toBe(true);
    // acronyms and roman numerals are not shouting
    const plain = classify('Đại hội XIII, BCH TW, HĐND và UBND tỉnh');
    expect(plain.explanations.some((e) => e.term === 'style: all caps')).toBe(false);
  });

  it('does not flag a neutral official report', () => {
    const c = classify(
      'Sáng 14/10, tại Trung tâm Hội nghị tỉnh (TP. Pleiku), Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI, nhiệm kỳ 2020-2025 long trọng khai mạc. Dự Đại hội có 350 đại biểu thay mặt cho hơn 66.000 đảng viên.',
      'Khai mạc Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI',
    );
    expect(c.congress).toBe(true);
    expect(c.distortion).toBe(false);
    expect(c.scores.distortion).toBeLessThan(0.2);
  });
});

describe('explanations', () => {
  it('carry offsets into the exact strings passed in, also for NFD text with emojis', () => {
    const title = 'NÓNG!!! Đại hội bị HOÃN 😱'.normalize('NFD');
    const text = '🎉 ĐH đảng bộ tỉnh Gia Lai bị hoãn sang tháng 12, share gấp cho mọi người biết 😱😱'.normalize('NFD');
    const c = classifier().classify({ title, text });
    expect(c.explanations.length).toBeGreaterThan(3);
    for (const e of c.explanations) {
      const source = e.field === 'title' ? title : text;
      expect(e.start).toBeGreaterThanOrEqual(0);
      expect(e.end).toBeGreaterThan(e.start);
      expect(e.end).toBeLessThanOrEqual(source.length);
      expect(source.slice(e.start, e.end)).toBe(e.matched);
    }
    const share = c.explanations.find((e) => e.term === 'share-before-removal: share gấp');
    expect(share?.matched).toBe('share gấp'.normalize('NFD'));
    const abbr = c.explanations.find((e) => e.kind === 'congress' && e.term === 'đại hội đảng bộ');
    expect(abbr?.matched.normalize('NFC')).toBe('ĐH đảng bộ');
  });

  it("carry a contradicted fact's statement as a field, the sheet's words the note ends with", () => {
    const c = classify('Nghe nói Đại hội Đảng bộ tỉnh Gia Lai bị hoãn sang tháng 12, chờ Trung ương duyệt nhân sự.');
    const facts = c.explanations.filter((e) => e.kind === 'fact');
    expect(facts.length).toBeGreaterThan(0);
    for (const e of facts) {
      expect(e.statement).toBeTruthy();
      expect(e.note).toContain(`${e.factId}: ${e.statement}`);
    }
  });

  it('every explanation of the dev corpus points at its matched text', () => {
    for (const item of devCorpus()) {
      const c = classifier().classify(item);
      for (const e of c.explanations) {
        const source = e.field === 'title' ? item.title : item.text;
        expect(source.slice(e.start, e.end)).toBe(e.matched);
        expect(typeof e.weight).toBe('number');
      }
    }
  });
});

describe('dev corpus', () => {
  it('agrees with the labels of the hard negatives and the diacritic-free items', () => {
    for (const item of devCorpus()) {
      if (item.labels.congress) continue;
      const c = classifier().classify(item);
      expect(c.congress, item.id).toBe(false);
    }
  });
});
