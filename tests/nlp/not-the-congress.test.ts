import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import { AGENT_CONGRESS } from '../../pipeline/nlp/agent-congress.ts';
import type { LearnedLayer } from '../../pipeline/nlp/classifier.ts';
import { classifierOptionsFromConfig, loadClassifier, type Classifier } from '../../pipeline/nlp/index.ts';
import { OTHER_NEWS } from '../../pipeline/nlp/other-news.ts';
import { bothForms, CONFIG, expectCongress, forBothForms } from './helpers.ts';

// The hundred-and-first pass (the ninety-seventh pass's ranks 4 and 5). H: not the Party's congress — a rumour that
// names nothing of the congress ("Tin nội bộ: … giám mục mới cho giáo phận", "sắp sáp nhập huyện …") is another body's
// news whatever the model reads into its rumour-shaped n-grams; a foreign party's "đại hội đảng" and a translator's
// note "(ND: …)" in a translation are that party's. K′: a union serving or carrying out the congress ("Chi đoàn …
// đảm bảo y tế cho Đại hội", "… thực hiện Nghị quyết Đại hội Đảng bộ …"), or a union office in parentheses after a
// person's name, holds no gathering of its own. All after the model's decision. Phrasings written for these tests,
// not corpus sentences; each as typed and with its diacritics stripped.

/** A learned layer that reads every item as the congress's, as the model reads a rumour's n-grams near its threshold. */
const readsAsCongress: LearnedLayer = {
  rescore: (lexicon: Classification) => ({
    ...lexicon,
    congress: true,
    distortion: lexicon.scores.distortion >= 0.5,
    scores: { congress: 0.51, distortion: lexicon.scores.distortion },
  }),
};

let withModel: Classifier | null = null;
/** The repository's lexicons with that learned layer: what the overrides after the model's decision see. */
function judgedByModel(text: string): Classification {
  withModel ??= Object.assign(loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), modelFile: undefined }), { learned: readsAsCongress });
  return withModel.classify({ title: '', text });
}

describe('another topic’s rumour: an item naming nothing of the congress, told in a rumour’s shape (H, after the model)', () => {
  it('is not congress-related when the model reads it so: an insider, a call to share before removal', () => {
    for (const t of bothForms([
      'Tin nội bộ nha mọi người: sắp nhập hai trường tiểu học ở thị trấn làm một, giáo viên dôi dư đã có danh sách rồi.',
      'Người quen làm ở ngân hàng nói chi nhánh Pleiku sắp đóng cửa, rút tiền gấp kẻo mất trắng! Share ngay cho người nhà.',
      'Tài liệu mật: Sở Giáo dục sắp cho học sinh nghỉ học cả tháng 3. Share trước khi bị xóa!',
    ])) {
      const c = judgedByModel(t);
      expect(c.congress, t).toBe(false);
      expect(c.distortion, t).toBe(false);
      expect(c.scores.congress, t).toBeLessThan(0.5);
      expect(
        c.explanations.some((e) => e.term === OTHER_NEWS && e.weight === 0),
        t,
      ).toBe(true);
    }
  });

  it('leaves the model’s decision alone when the item has a congress word in any role, or no rumour’s shape', () => {
    for (const t of bothForms([
      // a Party vocabulary word only (a context term: it scores nothing alone)
      'Tin nội bộ: mấy đại biểu đoàn mình bị cách ly rồi, báo chí không được đưa.',
      'Tin nội bộ: danh sách Ban Thường vụ Tỉnh ủy khóa mới đã chốt rồi, đừng lan ra ngoài.',
      // speculation on the congress's people names no term, and is not a rumour's shape of its own
      'sao không ai nói chuyện ông A bị loại khỏi danh sách vào phút chót nhỉ? ai biết thì nói đi',
      // a secret document alone: "văn bản mật" is the congress's own rumour genre too, told with no term
      'Văn bản mật: Sở Nội vụ sắp điều chuyển 30 cán bộ về các huyện, danh sách đã ký rồi.',
      // no rumour at all: the model's call
      'Chiều nay đường Trần Hưng Đạo kẹt xe quá, ai đi thì tránh nha.',
    ])) {
      const c = judgedByModel(t);
      expect(c.congress, t).toBe(true);
      expect(
        c.explanations.some((e) => e.term === OTHER_NEWS),
        t,
      ).toBe(false);
    }
  });
});

describe('another topic’s rumour: a leak with an exam’s object, "dang" typed with no mark (the 157th pass)', () => {
  const otherNews = (c: Classification) => c.explanations.some((e) => e.term === OTHER_NEWS && e.weight === 0);

  it('reads a leak of an exam’s schedule or paper as another topic’s rumour, in both forms', () => {
    for (const t of bothForms([
      'Rò rỉ đề thi tốt nghiệp THPT môn Toán? Bộ chưa xác nhận, nhiều trang vẫn chia sẻ.',
      'Văn bản được cho là lịch thi học kỳ bị rò rỉ lịch thi sớm, Sở chưa lên tiếng.',
    ])) {
      const c = judgedByModel(t);
      expect(c.congress, t).toBe(false);
      expect(otherNews(c), t).toBe(true);
    }
  });

  it('reads a rumour typed without diacritics whose only "dang" is "đang" as another topic’s', () => {
    for (const t of [
      'Tin noi bo: So sap luan chuyen 30 hieu truong THPT, danh sach dang nam tren ban giam doc.',
      'KHAN: So GD sap bo mon Lich su, van ban dang trinh UBND. Share truoc khi bi xoa nha.',
    ]) {
      const c = judgedByModel(t);
      expect(c.congress, t).toBe(false);
      expect(otherNews(c), t).toBe(true);
    }
  });

  it('leaves the model’s call on a bare leak, a leak naming the congress, and the Party written "Đảng" or "Dang"', () => {
    for (const t of [
      ...bothForms([
        // a bare leak: the congress's own rumour genre, told with no term
        'Rò rỉ danh sách 30 cán bộ được điều chuyển về huyện, văn bản đã ký rồi.',
        // an exam's leak in an item that names the congress
        'Rò rỉ đề thi tìm hiểu Nghị quyết Đại hội XIII, ai cần thì inbox.',
      ]),
      'Tin nội bộ: Đảng sắp có chủ trương mới cho giáo viên, chưa ai đưa đâu.',
      'Tin noi bo: Dang sap co chu truong moi cho giao vien, chua ai dua dau.',
    ]) {
      const c = judgedByModel(t);
      expect(c.congress, t).toBe(true);
      expect(otherNews(c), t).toBe(false);
    }
  });
});

describe('a foreign party in translation (H, whose gathering)', () => {
  it('reads the bare "đại hội đảng" and a translator’s note as the foreign party named before them', () => {
    expectCongress(
      [
        'Đảng Dân chủ Xã hội (SPD) của Đức đã bầu hai đồng chủ tịch mới tại đại hội đảng tổ chức trực tuyến.',
        'Đảng LDP cầm quyền ở Nhật tổ chức Đại hội đảng bất thường để bầu chủ tịch mới.',
        'Ủy ban Công tác của Đảng Quốc đại họp khẩn sau khi bức thư bị rò rỉ. (ND: “Congress” ở đây là tên đảng, không phải “đại hội”.)',
      ],
      false,
    );
    forBothForms(['Đảng LDP cầm quyền ở Nhật tổ chức Đại hội đảng bất thường để bầu chủ tịch mới.'], (c, t) =>
      expect(
        c.explanations.find((e) => e.term === 'whose gathering: a foreign party or assembly'),
        t,
      ).toMatchObject({ matched: 'LDP', weight: 0 }),
    );
  });

  it('keeps the Party’s congress: Party evidence anywhere, a foreign party named after, or none named', () => {
    expectCongress(
      [
        'Đảng CDU vừa có đại hội đảng trực tuyến, còn Đại hội XIII của ta vẫn họp trực tiếp tại Hà Nội.',
        'Nhiều nước đưa tin về Đại hội XIII của Đảng. (ND: “National Congress” được dịch là “Đại hội đại biểu toàn quốc”.)',
        'Hôm qua đại hội đảng xã xong, tối nay xem thời sự nói Đảng Dân chủ Mỹ cũng vừa họp.',
        'Đảng Dân chủ Mỹ vừa họp. Còn xã mình đại hội đảng xong rồi, bầu được bí thư mới.',
        'Xã mình đại hội đảng xong rồi, bầu được bí thư mới.',
      ],
      true,
    );
  });
});

describe('a union serving or carrying out the congress (K′, after the model)', () => {
  const restored = (c: Classification) => c.explanations.some((e) => e.term === AGENT_CONGRESS);

  it('keeps the congress a union serves, carries out, or a union office describes a person of', () => {
    expectCongress(
      [
        // a verb of serving with the bare gathering word after it: the served gathering is the congress
        'Chi đoàn Trung tâm Y tế huyện đảm bảo y tế cho Đại hội: 12 bác sĩ trẻ trực suốt 3 ngày Đại hội, khám sức khỏe cho các đại biểu.',
        // carrying out the congress's resolution
        'Huyện đoàn Chư Sê ban hành kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ huyện lần thứ XVI.',
        // a union office in parentheses after the person's name
        'Chi bộ thôn 5 vừa đại hội xong, anh Tú (chi hội trưởng nông dân) được bầu làm bí thư chi bộ.',
      ],
      true,
    );
    forBothForms(['Chi bộ thôn 5 vừa đại hội xong, anh Tú (chi hội trưởng nông dân) được bầu làm bí thư chi bộ.'], (c, t) => {
      expect(restored(c), t).toBe(true);
      expect(c.scores.congress, t).toBe(0.5);
    });
  });

  it('leaves a union’s own gathering, another body’s, and a foreign country in parentheses alone', () => {
    expectCongress(
      [
        'Chi đoàn thanh niên phục vụ Đại hội Đoàn trường thành công tốt đẹp.',
        'Đoàn viên các trường cổ vũ Đại hội Thể dục thể thao huyện.',
        'Đại hội Đảng bộ tỉnh Attapeu (Lào) bầu Ban Chấp hành khóa mới.',
        // typed without diacritics "don" is "đốn" ("chỉnh đốn Đảng"): no serving verb, the later plenum stays another's
        'Hội nghị lần thứ tư khóa XIII bàn về chỉnh đốn Đảng. Có ai đọc kết luận chưa?',
      ],
      false,
    );
  });
});
