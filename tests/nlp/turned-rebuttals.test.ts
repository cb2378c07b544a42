import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { cuesSchema, loadYamlFile } from '../../pipeline/nlp/lexicon.ts';
import { evidenceAgainst } from '../../pipeline/nlp/model.ts';
import { classifier, forBothForms, REPO } from './helpers.ts';

// A rumour that turns the rebuttal's words on the official version (forty-ninth pass): "báo chí chính
// thống bịa đặt", "thông tin chính thức … là sai sự thật", "Sự thật về … mà TV không chiếu", "bác bỏ nhưng
// ai cũng biết". Phrasings written for these tests, not corpus sentences; each is checked as typed and
// without diacritics, on the lexicons alone.
const groups = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight !== 0).map((e) => e.term.split(':')[0]);
const rebuts = (c: Classification) => groups(c).some((g) => g === 'rebuttal');

/** Read as the rumour's own words: no rebuttal, the given group, no evidence against, a distortion. */
function expectTurned(texts: string[], group: string) {
  forBothForms(texts, (c, t) => {
    expect(rebuts(c), `${t}: ${groups(c).join(', ')}`).toBe(false);
    expect(groups(c), t).toContain(group);
    expect(evidenceAgainst(c), t).toBe(false);
    expect(c.distortion, t).toBe(true);
  });
}

/** Still a rebuttal: its words count against distortion. */
function expectRebuttal(texts: string[]) {
  forBothForms(texts, (c, t) => {
    expect(rebuts(c), `${t}: ${groups(c).join(', ')}`).toBe(true);
    expect(groups(c), t).not.toContain('press-distrust');
    expect(evidenceAgainst(c), t).toBe(true);
    expect(c.distortion, t).toBe(false);
  });
}

describe('a verdict said of the official account is the rumour calling it a lie', () => {
  it('turns the verdict where the official version is its subject', () => {
    expectTurned(
      [
        'Báo chí chính thống bịa đặt hết, Đại hội Đảng bộ tỉnh thực ra đã phải bầu lại ba lần.',
        'Thông tin chính thức về Đại hội XIII là sai sự thật, Bộ Chính trị đã chốt nhân sự từ tháng trước.',
        'Chỉ tiêu 100% chi bộ hoàn thành đại hội là bịa, ở huyện mình còn cả chục chi bộ chưa họp.',
        'Con số công bố 99% tán thành là xuyên tạc, nhiều đại biểu Đại hội Đảng bộ tỉnh không giơ tay.',
      ],
      'press-distrust',
    );
  });

  it('keeps the verdict of an office that speaks, of a source cited, of a leaked list, and acts of correcting', () => {
    expectRebuttal([
      'Văn phòng Tỉnh ủy khẳng định thông tin Đại hội Đảng bộ tỉnh bị hoãn là sai sự thật.',
      'Theo thông tin chính thức thì tin Đại hội Đảng bộ tỉnh bị hoãn là bịa đặt.',
      'Truyền hình nói rõ tin Đại hội Đảng bộ tỉnh họp trực tuyến là bịa.',
      'Danh sách công bố trên trang lạ về nhân sự Đại hội XIII là giả mạo.',
      'Báo chí chính thống đã cải chính tin Đại hội Đảng bộ tỉnh bị hoãn.',
      'Báo Gia Lai đính chính: Đại hội Đảng bộ tỉnh khai mạc đúng kế hoạch.',
    ]);
  });

  // the press as the subject of the verdict with its own verb of saying (eighty-fifth pass): what it says, called false
  it('turns the verdict said of what the press says', () => {
    expectTurned(
      [
        'Đại hội Đảng bộ tỉnh phải kéo thêm một ngày vì bầu lại, báo chí nói bế mạc ngày 24/10 là sai.',
        'Về Đại hội Đảng bộ tỉnh, mấy hôm nay đài nói bầu cử dân chủ là nói điêu, thực tế đã chốt hết từ trước.',
        'Đoàn đi Đại hội XIII có hơn 20 người, báo ghi 14 là sai nha mọi người.',
        'Cô giáo nói xã mình chưa xong đại hội chi bộ, báo nói xong hết là sai đó.',
      ],
      'press-distrust',
    );
  });

  it('keeps the verdict the press speaks of a claim it names, of an office it reports, and the rumour dismissed', () => {
    expectRebuttal([
      'Báo nói tin đồn hoãn Đại hội Đảng bộ tỉnh là bịa đặt.',
      'Truyền hình nói rõ thông tin đó là sai, Đại hội Đảng bộ tỉnh vẫn khai mạc đúng lịch.',
      'Báo tỉnh đưa tin Tỉnh ủy khẳng định việc hoãn Đại hội Đảng bộ tỉnh là bịa đặt.',
      'Báo đưa tin: thông tin Đại hội Đảng bộ tỉnh bị hoãn là sai sự thật.',
      'Tỉnh ủy cho biết tin này sai, Đại hội Đảng bộ tỉnh khai mạc đúng lịch.',
      'Đừng tin ai nói Đại hội Đảng bộ tỉnh bị hoãn.',
    ]);
  });

  it('reads a verb of saying between subject and verdict as typed: "đảng viên" is no "đăng"', () => {
    // (without diacritics "dang vien" may be "đăng", a verb of saying: only the typed form is read here)
    for (const t of [
      'Trước Đại hội Đảng bộ tỉnh, đài nói tỉnh có 64 ngàn đảng viên là nói điêu, thực tế có 90 ngàn.',
      'Thông tin chính thức về số đảng viên dự Đại hội XIII là sai sự thật.',
    ]) {
      const c = classifier().classify({ title: '', text: t });
      expect(rebuts(c), `${t}: ${groups(c).join(', ')}`).toBe(false);
      expect(groups(c), t).toContain('press-distrust');
    }
  });
});

describe('a verdict in a sentence that says the press lies or hides, or that dismisses a denial', () => {
  it('turns the verdict beside the press said to hide it', () => {
    expectTurned(['Sự thật về Đại hội Đảng bộ tỉnh mà truyền hình không chiếu: đại biểu phải nộp điện thoại trước khi bầu.'], 'press-hiding');
    forBothForms(['Sự thật về Đại hội Đảng bộ tỉnh mà truyền hình không chiếu: đại biểu phải nộp điện thoại trước khi bầu.'], (c, t) =>
      expect(groups(c), t).toContain('press-distrust'),
    );
  });

  it('reads an official denial dismissed as the rumour', () => {
    expectTurned(
      [
        'Ban Tổ chức bác bỏ nhưng ai cũng biết nhân sự Đại hội XIII đã được sắp đặt.',
        'Đính chính kiểu gì thì Đại hội Đảng bộ huyện cũng đã phải bầu lại Ban Thường vụ.',
        'Tỉnh ủy càng phủ nhận càng lộ, danh sách Ban Thường vụ khóa mới có từ tháng trước.',
        'Đại hội Đảng bộ tỉnh bầu lại là có thật, họ phủ nhận cho có thôi.',
      ],
      'counter-denial',
    );
  });

  it('keeps a denial reported in the news, and a turner inside the quotation a rebuttal answers', () => {
    expectRebuttal([
      'Ban Tổ chức Đại hội đã bác bỏ, nhưng tin đồn vẫn lan truyền trên mạng xã hội.',
      'Bài viết “Đừng tin báo, Đại hội Đảng bộ tỉnh bị hoãn” là bịa đặt, Đại hội vẫn khai mạc đúng lịch.',
      'Mấy trang lạ đăng “Đại hội XIII bầu lại mà báo chí không đưa” là bịa đặt hoàn toàn.',
    ]);
  });

  it('counts the facts a press-distrust sentence contradicts: its overlapped "đừng tin" cites no versions', () => {
    forBothForms(['Đại hội Đảng bộ tỉnh Gia Lai họp ở Kon Tum chứ đâu, đừng tin báo.'], (c, t) => {
      expect(
        c.explanations.some((e) => e.kind === 'fact' && e.weight > 0),
        t,
      ).toBe(true);
    });
  });
});

describe('the official label sneered at', () => {
  it('reads the congress or the vote called a sham as pre-arranged', () => {
    forBothForms(
      [
        'Cái gọi là bầu cử dân chủ ở Đại hội Đảng bộ huyện thật ra đã xong từ trước.',
        'Đại hội Đảng bộ xã bầu giơ tay, ai không giơ là bị nhắc tên, thế mà cũng gọi là bầu.',
      ],
      (c, t) => expect(groups(c), t).toContain('pre-arranged'),
    );
  });

  it('not the rumour’s document a rebuttal names in quotation marks', () => {
    forBothForms(['Văn phòng Tỉnh ủy bác bỏ cái gọi là “nghị quyết mật” của Đại hội Đảng bộ tỉnh.'], (c, t) => {
      expect(groups(c), t).not.toContain('pre-arranged');
      expect(rebuts(c), t).toBe(true);
    });
  });
});

// The second family of the pass: a decision or a result about posts said to be done, with no document,
// issuer or source named (rule claimed-done); news that cites the decision's number or issuer is no claim.
describe('a decision about posts said to be done, with no document or issuer', () => {
  const claimed = (c: Classification) => c.explanations.some((e) => e.term === 'rule claimed-done');

  it('is a claim of its own', () => {
    forBothForms(
      [
        'Đã có quyết định điều động Bí thư Tỉnh ủy về Trung ương trước Đại hội.',
        'Nhân sự Ban Thường vụ khóa mới chốt xong rồi, đại hội tỉnh chỉ bầu lại cho đủ.',
        'Ghế Chủ tịch tỉnh nhiệm kỳ tới coi như xong, ông Phó Bí thư thường trực sẽ lên.',
      ],
      (c, t) => expect(claimed(c), `${t}: ${groups(c).join(', ')}`).toBe(true),
    );
  });

  it('not where the decision is cited by its number or issuer, asked about, or rebutted', () => {
    forBothForms(
      [
        'Theo Quyết định số 56-QĐ/TU của Ban Thường vụ Tỉnh ủy, đồng chí Bí thư Huyện ủy được điều động về Ban Tổ chức, đã có quyết định từ tháng 8.',
        'Bộ trưởng đã ký quyết định điều động Phó Giám đốc Công an tỉnh, có quyết định từ hôm qua.',
        'Nhân sự Ban Thường vụ khóa mới đã chốt xong chưa mọi người?',
        'Tin “nhân sự Ban Thường vụ khóa mới đã chốt xong” là bịa đặt.',
      ],
      (c, t) => expect(claimed(c), `${t}: ${groups(c).join(', ')}`).toBe(false),
    );
    // nor does a decision cited by its document count as a calm report's unattributed personnel change
    forBothForms(['Bộ trưởng đã ký Quyết định số 1234/QĐ-BCA điều động Phó Giám đốc Công an tỉnh trước Đại hội Đảng bộ tỉnh.'], (c, t) =>
      expect(groups(c), t).not.toContain('rule unattributed-personnel'),
    );
  });
});

describe('turnedBy in the cue file', () => {
  it('names groups that exist', () => {
    const file = loadYamlFile(`${REPO}/config/topics/distortion-cues.yaml`, cuesSchema, 'cues');
    expect(file.groups.find((g) => g.id === 'rebuttal')?.turnedBy?.into).toBe('press-distrust');
    const broken = {
      ...file,
      groups: file.groups.map((g) => (g.id === 'rebuttal' ? { ...g, turnedBy: { ...g.turnedBy!, sentence: ['no-such-group'] } } : g)),
    };
    expect(cuesSchema.safeParse(broken).success).toBe(false);
  });

  it('is read by the classifier of the shipped lexicons', () => {
    expect(classifier().classify({ title: '', text: 'Đại hội Đảng bộ tỉnh: báo chí chính thống bịa đặt hết.' }).distortion).toBe(true);
  });
});
