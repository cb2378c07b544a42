import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import {
  analyseDiscourse,
  compileDiscourse,
  discourseSchema,
  discourseVerdict,
  foldForReading,
  sentencesOf,
  type DiscourseAnalysis,
} from '../../pipeline/nlp/discourse.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { loadYamlFile } from '../../pipeline/nlp/lexicon.ts';
import { ABBREVIATED_NAMES, bothForms, classifier, CONFIG, NAME_PREFIXES, REPO, stripDiacritics } from './helpers.ts';

// Families of phrasings written for these tests (not corpus sentences); each is checked as typed
// and with its diacritics stripped.
const markers = compileDiscourse(loadYamlFile(`${REPO}/config/discourse.yaml`, discourseSchema, 'discourse markers'));
const reportedText = (t: string, a: DiscourseAnalysis) => a.reported.map((r) => t.slice(r.start, r.end)).join(' | ');

/** [text, words that must lie inside a reported clause, expected speaker of the denial or question]. */
const ANSWERS: Array<[string, string, 'official' | 'outlet' | 'anonymous' | 'unnamed']> = [
  [
    'Mấy hôm nay một số tài khoản lan truyền rằng đại hội tỉnh sẽ hoãn vì nguồn tin nội bộ báo nhân sự chưa xong. Văn phòng Tỉnh ủy khẳng định đây là thông tin sai sự thật.',
    'nội bộ',
    'official',
  ],
  [
    'Một trang mạng đăng bài cho rằng ghế ủy viên đã có chủ từ lâu. Trao đổi với phóng viên, người phát ngôn Ban Tổ chức bác bỏ thông tin này.',
    'đã có chủ',
    'official',
  ],
  ['Trên nhóm Zalo có người nói kết quả bầu đã được sắp đặt sẵn, nhưng Ban Tuyên giáo Tỉnh ủy cho biết tin này bịa đặt.', 'sắp đặt sẵn', 'official'],
  ['Kiểm chứng: bức ảnh kèm chú thích “đại biểu nhận phong bì ngoài hành lang” là ảnh ghép từ một sự kiện khác.', 'phong bì', 'outlet'],
  ['Không có “nghị quyết mật” nào về nhân sự đại hội tỉnh như các trang lạ đăng.', 'nghị quyết mật', 'unnamed'],
  ['Ai share bài “đại hội tỉnh họp kín, báo chí bị cấm” thì gỡ đi nha, mình là đại biểu, tin đó là bịa.', 'họp kín', 'anonymous'],
  ['Bạn nào đang truyền tay “đại hội tỉnh dời sang Kon Tum” thì xem lại nhé, lịch vẫn như cũ.', 'Kon Tum', 'unnamed'],
  ['Thời gian qua, vài trang lạ đăng tải cái gọi là “danh sách trúng cử đã chốt từ trước”.', 'đã chốt', 'unnamed'],
  ['Một tài khoản cho rằng “đại hội chỉ họp một ngày”. Thực tế, đại hội làm việc ba ngày như kế hoạch.', 'một ngày', 'unnamed'],
];

const QUESTIONS = [
  'Em thấy trong nhóm có người nói đại hội tỉnh dời sang tháng sau, báo thì vẫn ghi lịch cũ, không biết đâu mới đúng ạ?',
  'Có trang ghi Ban Thường vụ mới 17 người, chỗ khác ghi 15, bên nào đúng vậy mọi người?',
];

/** The own voice asserts: no discount (a rumour, an opinion in the first person, a denial called a lie). */
const ASSERTIONS = [
  'Nghe người nhà làm ở tỉnh ủy kể kết quả đã có sẵn hết rồi, ai không tin thì thôi.',
  'Tôi cho rằng kết quả đại hội tỉnh đã được dàn xếp từ trước, chẳng ai dám nói ra.',
  'Có nguồn tin nội bộ cho rằng danh sách đã chốt; Ban Tổ chức càng phủ nhận càng chứng tỏ là thật.',
  'Mấy trang bảo là tin giả nhưng người trong cuộc xác nhận ghế đã có chủ.',
];

describe('sentences of a reading', () => {
  it('a dot after an abbreviation that heads a name ends no sentence, as in the token sentences (text.ts)', () => {
    for (const [text, count] of ABBREVIATED_NAMES)
      for (const t of [text, text.normalize('NFD'), stripDiacritics(text)]) {
        // (a dot before a line break leaves an empty sentence between them)
        const nonEmpty = sentencesOf(foldForReading(t, NAME_PREFIXES)).filter(([from, to]) => to > from);
        expect(nonEmpty.length, t).toBe(count);
      }
  });
});

describe('who says it: analyseDiscourse', () => {
  it('finds the reported clause and the own voice that denies it, and who speaks', () => {
    for (const [text, inside, speaker] of ANSWERS)
      for (const [t, words] of [
        [text, inside],
        [stripDiacritics(text), stripDiacritics(inside)],
      ]) {
        const a = analyseDiscourse(t, markers);
        expect(reportedText(t, a), t).toContain(words);
        const verdict = discourseVerdict(markers, [a]);
        expect(verdict.clue?.stance, t).toBe('denies');
        expect(verdict.clue?.speaker, t).toBe(speaker);
        expect(verdict.factor, t).toBeLessThan(1);
        expect(verdict.why, t).toMatch(/reported or quoted clause/);
      }
  });

  it('an official denial weighs more than an anonymous one', () => {
    const factor = (text: string) => discourseVerdict(markers, [analyseDiscourse(text, markers)]).factor;
    for (const t of bothForms(['Một số trang đưa tin đại hội bị hoãn. Ban Tổ chức khẳng định đây là tin giả.']))
      expect(factor(t)).toBeLessThan(factor(stripDiacritics('Một số trang đưa tin đại hội bị hoãn. Mình là đại biểu, tin giả đó.')));
  });

  it('genuine questions between versions are questions, with a lighter discount', () => {
    for (const t of bothForms(QUESTIONS)) {
      const verdict = discourseVerdict(markers, [analyseDiscourse(t, markers)]);
      expect(verdict.clue?.stance, t).toBe('questions');
      expect(verdict.factor, t).toBe(markers.markers.discount.question);
    }
  });

  it('a denial the own voice dismisses is turned around: the reported rumour keeps its weight', () => {
    for (const t of bothForms([
      'Mấy nhóm lan truyền rằng đại hội tỉnh phải bầu lại Ban Thường vụ, Ban Tổ chức bác bỏ nhưng ai cũng biết rồi.',
      'Có người nói ghế Phó Bí thư đã có chủ từ lâu, Tỉnh ủy đính chính kiểu gì thì cũng vậy.',
    ])) {
      const verdict = discourseVerdict(markers, [analyseDiscourse(t, markers)]);
      expect(verdict.clue?.stance, t).toBe('counters');
      expect(verdict.factor, t).toBe(1);
    }
  });

  it('keeps full weight when the own voice asserts', () => {
    for (const t of bothForms(ASSERTIONS)) expect(discourseVerdict(markers, [analyseDiscourse(t, markers)]).factor, t).toBe(1);
  });

  it('a first-person opinion is not a reported clause, a rumour source is', () => {
    for (const t of bothForms(['Tôi cho rằng đại hội sẽ hoãn.', 'Mình nói rằng ghế đã có chủ.'])) expect(analyseDiscourse(t, markers).reported, t).toEqual([]);
    for (const t of bothForms(['Tài khoản lạ cho rằng đại hội sẽ hoãn, điều đó không đúng.']))
      expect(reportedText(t, analyseDiscourse(t, markers)), t).toMatch(/ho[aã]n/);
  });

  it('an accented word is not read as a marker it only resembles once folded', () => {
    // "nội bộ" folds to "noi bo", as "nói" does; in accented text it is no verb of saying
    const a = analyseDiscourse('Nguồn tin nội bộ chuẩn bị nhân sự, không đúng như đồn.', markers);
    expect(a.reported).toEqual([]);
  });

  it('offsets point into the string passed in, whatever its normalisation', () => {
    const nfc = 'Trang lạ đăng “đại hội bị hoãn”. Văn phòng Tỉnh ủy khẳng định đây là tin giả.';
    for (const t of [nfc, nfc.normalize('NFD')]) {
      const a = analyseDiscourse(t, markers);
      expect(a.reported.some((r) => t.slice(r.start, r.end).normalize('NFC') === '“đại hội bị hoãn”')).toBe(true);
      expect(a.voice.map((v) => t.slice(v.start, v.end).normalize('NFC'))).toContain('tin giả');
    }
  });
});

describe('who says it: in the classifier', () => {
  const options = { ...classifierOptionsFromConfig(loadConfig(CONFIG)), modelFile: undefined };
  const withoutDiscourse = loadClassifier({ ...options, discourseFile: undefined });
  const cueWeight = (c: Classification) => c.explanations.filter((e) => e.kind === 'distortion' && e.weight > 0).reduce((sum, e) => sum + e.weight, 0);
  const rumour = 'Trên nhóm kín có người nói kết quả đại hội tỉnh đã có sẵn, ghế đã có chủ.';
  const answer = `${rumour} Ban Tổ chức Đại hội khẳng định đây là thông tin bịa đặt.`;

  it('discounts the cues of a reported rumour that the item denies, and says why', () => {
    for (const text of bothForms([answer])) {
      const c = classifier().classify({ title: '', text });
      const discounted = c.explanations.filter((e) => e.kind === 'distortion' && e.note?.includes('discounted'));
      expect(discounted.length, text).toBeGreaterThan(0);
      expect(discounted[0].note).toMatch(/own voice an official speaker/);
      expect(c.explanations.some((e) => e.term.startsWith('discourse: own voice denies (official)'))).toBe(true);
      // the same item read without the discourse markers weighs the rumour's cues fully
      expect(cueWeight(c), text).toBeLessThan(cueWeight(withoutDiscourse.classify({ title: '', text })));
    }
  });

  it("keeps the weight of cues in the item's own voice", () => {
    for (const text of bothForms([rumour, `${rumour} Càng phủ nhận càng chứng tỏ là thật.`])) {
      const c = classifier().classify({ title: '', text });
      expect(
        c.explanations.some((e) => e.note?.includes('discounted')),
        text,
      ).toBe(false);
      expect(cueWeight(c), text).toBeGreaterThan(0);
      expect(cueWeight(c), text).toBe(cueWeight(withoutDiscourse.classify({ title: '', text })));
    }
  });
});
