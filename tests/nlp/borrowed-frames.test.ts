import { describe, expect, it } from 'vitest';
import type { Classification } from '../../core/types.ts';
import { loadYamlFile, cuesSchema } from '../../pipeline/nlp/lexicon.ts';
import { evidenceAgainst } from '../../pipeline/nlp/model.ts';
import { classifier, REPO, stripDiacritics } from './helpers.ts';

// Evidence against distortion counts only where its structure is complete (forty-third pass): a
// rumour borrows the frame of a correction, a headline's question, a polite or open question, or the
// guidance's own word. Phrasings written for these tests, not corpus sentences; each is checked as
// typed and with its diacritics stripped.
const classify = (title: string, text: string) => classifier().classify({ title, text });
const groups = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion').map((e) => e.term.split(':')[0]);
const bothForms = (title: string, text: string) => [
  [title, text],
  [stripDiacritics(title), stripDiacritics(text)],
];

function expectFrame(title: string, text: string, group: string, present: boolean) {
  for (const [t, x] of bothForms(title, text)) {
    const c = classify(t, x);
    expect(groups(c).includes(group), `${group} in "${t} | ${x}": ${groups(c).join(', ')}`).toBe(present);
  }
}

describe('a correction opener heads the statement of the right version', () => {
  it('is no correction where it closes a rumour as an exclamation', () => {
    for (const text of [
      'Đoàn huyện được chia hai ghế trong Ban Chấp hành tỉnh vì đã góp quỹ hậu cần, xã nào không góp là không có ai. Thực tế phũ phàng.',
      'Ai không chạy thì không vào được Ban Thường vụ huyện. Thực tế là vậy.',
    ])
      expectFrame('', text, 'correction-opener', false);
  });

  it('still corrects with a clause mark after it, or a statement of four words or more', () => {
    for (const text of [
      'Có bài đăng nói đại hội huyện họp năm ngày. Thực tế, đại hội huyện họp ba ngày theo lịch của Huyện ủy.',
      'Một trang lạ đăng danh sách Ban Thường vụ huyện khóa mới. Kết luận: SAI.',
      'Có tin đại hội huyện bị hoãn. Thực tế đại hội huyện vẫn khai mạc đúng lịch sáng nay.',
    ])
      expectFrame('', text, 'correction-opener', true);
  });
});

describe("a headline's alternative question is asked or answered in the body", () => {
  const title = 'Đại hội huyện hai ngày hay ba ngày?';

  it('asks nothing over a body that asserts one of them', () => {
    expectFrame(
      title,
      'Lịch công bố ghi hai ngày, nhưng tài liệu nội bộ ghi thêm một ngày họp kín, được cho là để thống nhất lại nhân sự sau khi bầu không như ý.',
      'alternative-question',
      false,
    );
    const c = classify(title, 'Lịch công bố ghi hai ngày, nhưng tài liệu nội bộ ghi thêm một ngày họp kín để thống nhất lại nhân sự.');
    expect(evidenceAgainst(c)).toBe(false);
  });

  it('still asks when the body asks too, or answers with a source', () => {
    expectFrame(title, 'Mình thấy có trang ghi hai ngày, có trang ghi ba ngày. Ai biết lịch chính xác không ạ?', 'alternative-question', true);
    expectFrame(title, 'Theo thông báo của Ban Tổ chức, đại hội huyện họp hai ngày, từ 14 đến 15/7.', 'alternative-question', true);
  });
});

describe('an asking frame around a yes/no question that leans on what others say', () => {
  it('does not count: the question is a leading one', () => {
    for (const text of [
      'Cho em hỏi, có phải ông phó bí thư huyện bị kỷ luật nên không được tái cử không ạ? Mấy group đồng hương đều nói thế.',
      'Có phải đại hội xã bị hoãn thật không mọi người? Nhiều nhóm Zalo đang đồn vậy. Ai biết rõ thì nói với.',
      'Liệu đại hội huyện có phải dời sang nhà văn hóa như tin đồn hông mọi người? Ai có thông báo chính thức chưa?',
    ]) {
      for (const [, x] of bothForms('', text)) {
        const c = classify('', x);
        expect(
          groups(c).filter((g) => g === 'asks-to-be-told' || g === 'genuine-question'),
          x,
        ).toEqual([]);
        expect(
          groups(c).some((g) => g.startsWith('rule leading-question')),
          x,
        ).toBe(true);
        expect(evidenceAgainst(c), x).toBe(false);
      }
    }
  });

  it('still counts with a question and no crowd, or a crowd and no yes/no question', () => {
    expectFrame('', 'Có phải đại hội xã họp ở hội trường thôn không ạ? Cho em hỏi để còn chở bà đi.', 'asks-to-be-told', true);
    expectFrame('', 'Cho em hỏi đại hội xã năm nay họp mấy ngày ạ?', 'asks-to-be-told', true);
    // "hỏi thật chứ không …" says the asker means it: it is no "thật chứ?" question
    expectFrame('', 'Nghe đồn đại hội huyện có 300 đại biểu, báo ghi 250, vậy bên nào đúng ạ? Hỏi thật chứ không phải cà khịa.', 'genuine-question', true);
  });
});

describe("the guidance's word borrowed by a rumour", () => {
  it('is a call to share, or an appeal to the reader to draw the conclusion', () => {
    expectFrame(
      '',
      'Người viết tin rằng danh sách Ban Thường vụ huyện đã được chốt từ trước. Hãy chia sẻ để mọi người cùng tỉnh táo.',
      'official-guidance',
      false,
    );
    expectFrame(
      '',
      'Người viết tin rằng danh sách Ban Thường vụ huyện đã được chốt từ trước. Hãy chia sẻ để mọi người cùng tỉnh táo.',
      'share-before-removal',
      true,
    );
    expectFrame('', 'Việc bầu ở đại hội huyện chỉ là thủ tục. Chúng tôi tin rằng bạn đọc đủ tỉnh táo để tự rút ra kết luận.', 'evidence-free-certainty', true);
    expectFrame('', 'Việc bầu ở đại hội huyện chỉ là thủ tục. Chúng tôi tin rằng bạn đọc đủ tỉnh táo để tự rút ra kết luận.', 'official-guidance', false);
  });

  it('stays guidance where it is one', () => {
    for (const text of [
      'Người dân cần tỉnh táo, không chia sẻ thông tin chưa kiểm chứng về đại hội huyện.',
      'Đề nghị bà con tỉnh táo trước tin đồn về nhân sự đại hội huyện.',
    ]) {
      expectFrame('', text, 'official-guidance', true);
      expect(evidenceAgainst(classify('', text))).toBe(true);
    }
  });
});

describe('the borrowed-frame settings', () => {
  it('refuse a group they do not know', () => {
    const file = loadYamlFile(`${REPO}/config/topics/distortion-cues.yaml`, cuesSchema, 'cues');
    const broken = {
      ...file,
      groups: file.groups.map((g) => (g.id === 'asks-to-be-told' ? { ...g, borrowedWith: { all: ['question-form'], any: ['no-such-group'] } } : g)),
    };
    expect(cuesSchema.safeParse(broken).success).toBe(false);
    const unknown = { ...file, groups: file.groups.map((g) => (g.id === 'moderation' ? { ...g, notInItemWith: ['no-such-group'] } : g)) };
    expect(cuesSchema.safeParse(unknown).success).toBe(false);
  });
});
