import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import { compileDiscourse, discourseSchema, structuresOf } from '../../pipeline/nlp/discourse.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { loadYamlFile } from '../../pipeline/nlp/lexicon.ts';
import { bothForms, CONFIG, REPO } from './helpers.ts';

// Answers read by their structure (thirty-eighth pass). Phrasings written for these tests, not corpus
// sentences; each is checked as typed and with its diacritics stripped.
const markers = compileDiscourse(loadYamlFile(`${REPO}/config/discourse.yaml`, discourseSchema, 'discourse markers'));
const kinds = (t: string) => structuresOf(t, markers).map((c) => c.kind);

/** A denial in the own voice, then the right value with its source. */
const CORRECTIONS = [
  'Không phải đại hội huyện họp hai ngày đâu chú, báo huyện đăng rõ là một ngày rưỡi, con gửi link dưới.',
  '@anh Tuấn: ko phải nha, con số chính thức là 412 đại biểu, Văn phòng Huyện ủy công bố từ tuần trước.',
  'Hôm trước nhóm ghi Ban Thường vụ 13 người là nhầm ạ. Đúng là 11 người, nhóm xin lỗi cả nhà.',
  'Tin "đại hội xã phải tổ chức lại" là không đúng, thông báo của Đảng ủy xã ghi rõ kết quả đã được công nhận.',
];

/** The same words where the writer asserts the rumour: no correction is read. */
const NOT_CORRECTIONS = [
  // "X chứ không phải Y": the writer's own count set against the official one
  'Đại hội huyện thật ra có hơn 500 người chứ không phải 412 như báo huyện đăng rõ đâu.',
  // "không phải X mà Y" asserts Y
  'Người quen kể không phải một mà ba lần, rằng danh sách đã ghi rõ ai trúng từ trước.',
  // the source's statement negated
  'Không phải họp kín đâu, nhưng báo huyện chưa đăng rõ là mấy ngày.',
  // a denial with no source or value after it
  'Không phải tự nhiên mà ông ấy lên, ai cũng biết đã được sắp đặt hết rồi.',
];

/** Two versions attributed to others, the second set against the first, and an open question. */
const VERSIONS = [
  'Chị hàng xóm nói đại hội huyện họp ở nhà văn hóa, còn báo huyện thì nói ở hội trường Huyện ủy. Vậy ở đâu mới đúng?',
  'Trang này ghi đại hội xã khai mạc 12/7, trang kia lại ghi 15/7. Ai biết ngày nào cho mình xin với?',
  'Hôm trước có nhóm đăng là đại hội huyện lùi, nay lại thấy báo nói vẫn như lịch. Có ai biết Huyện ủy thông báo chính thức chưa?',
];

/** Versions set against each other to insinuate, or a question that is no question: nothing is read. */
const NOT_VERSIONS = [
  'Nhiều nhóm nói đại hội huyện bị hoãn vì đơn tố cáo, mà sao báo không ai đưa? 🤔',
  'Bạn tui nói ông ấy đã được chọn trước, còn báo thì nói bầu kín. Có phải báo giấu không?',
  'Chị hàng xóm nói đại hội huyện họp ở nhà văn hóa, còn báo huyện thì nói ở hội trường Huyện ủy.',
];

/** The asker's own reason for asking, beside an open question. */
const MOTIVES = [
  'Đại hội xã năm nay họp mấy ngày vậy mọi người? Mình cần biết để xin nghỉ ca.',
  'Nghe hai luồng ý kiến quá, ông chủ tịch mới là người xã mình hay ở huyện về ạ? Em muốn hỏi cho rõ thôi.',
];

/** The same reason beside a question that insinuates, or with no question: nothing is read. */
const NOT_MOTIVES = [
  'Có phải đại hội xã bị lùi vì chia ghế không? Mình cần biết để còn nói với bà con.',
  'Đại hội xã đã chốt người từ trước hết rồi, mình muốn biết cho rõ nên đi hỏi khắp nơi.',
];

describe('answers by their structure: structuresOf', () => {
  it("reads the asker's own reason beside an open question as a motive for asking, and nothing beside an insinuation or no question", () => {
    for (const t of bothForms(MOTIVES)) expect(kinds(t), t).toContain('motive');
    for (const t of bothForms(NOT_MOTIVES)) expect(kinds(t), t).not.toContain('motive');
  });

  it('reads a denial followed by the right value and its source as a correction', () => {
    for (const t of bothForms(CORRECTIONS)) expect(kinds(t), t).toContain('correction');
  });

  it('reads no correction where the writer asserts against the official version', () => {
    for (const t of bothForms(NOT_CORRECTIONS)) expect(kinds(t), t).not.toContain('correction');
  });

  it('reads two versions set against each other and an open question as versions asked about', () => {
    for (const t of bothForms(VERSIONS)) expect(kinds(t), t).toContain('versions');
  });

  it('reads nothing where the question insinuates or there is none', () => {
    for (const t of bothForms(NOT_VERSIONS)) expect(kinds(t), t).not.toContain('versions');
  });

  it('offsets point into the string passed in, whatever its normalisation', () => {
    const nfc = CORRECTIONS[2];
    for (const t of [nfc, nfc.normalize('NFD')]) {
      const [clue] = structuresOf(t, markers);
      expect(t.slice(clue.start, clue.end).normalize('NFC')).toBe('là nhầm ạ. Đúng là');
    }
  });
});

describe('answers by their structure: in the classifier', () => {
  const options = { ...classifierOptionsFromConfig(loadConfig(CONFIG)), modelFile: undefined };
  const lexicons = loadClassifier(options);
  const structureWeight = (c: Classification) =>
    c.explanations
      .filter((e) => e.term === 'discourse: correction with its source' || e.term === 'discourse: versions asked about')
      .reduce((s, e) => s + e.weight, 0);

  it('counts an answer as evidence against distortion, located and explained', () => {
    for (const text of bothForms([CORRECTIONS[0], VERSIONS[0]])) {
      const c = lexicons.classify({ title: '', text });
      expect(structureWeight(c), text).toBeLessThan(0);
      const e = c.explanations.find((x) => x.weight < 0 && x.term.startsWith('discourse: '))!;
      expect(text.slice(e.start, e.end).length, text).toBeGreaterThan(0);
      expect(e.note).toMatch(/who says it/);
    }
  });

  it('leaves a rumour told in the same frame as flagged as before', () => {
    // "some say … in fact it was arranged": the frame of a correction spreading the claim
    const rumour = 'Nhiều người nói đại hội huyện bầu đúng quy trình. Thực tế là danh sách đã được sắp đặt từ trước, ai cũng biết.';
    for (const text of bothForms([rumour, ...NOT_CORRECTIONS.slice(0, 2), NOT_VERSIONS[0]]))
      expect(structureWeight(lexicons.classify({ title: '', text })), text).toBe(0);
    for (const text of bothForms([rumour])) expect(lexicons.classify({ title: 'Đại hội Đảng bộ huyện', text }).distortion, text).toBe(true);
  });
});
