import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { classifierOptionsFromConfig, loadClassifier, type Classifier } from '../../pipeline/nlp/index.ts';
import { CONFIG, REPO, stripDiacritics } from './helpers.ts';

// The medium of the Central Committee ballot read against the sheet's own method (sixty-third pass, its narrowest
// form): voting by machine contradicts a sheet that says a secret ballot on paper, and is the official method under one
// that says an electronic secret ballot; a rehearsal is a gathering of its own. (A paper-only claim under an electronic
// sheet was built and judged; it is in the branch's history, not here.) Phrasings written for these tests, not corpus
// sentences; as typed and without diacritics, on the lexicons alone.
const SHEETS = {
  paper: join(REPO, 'tests/fixtures/dev-corpus-46.facts.json'), // "paper secret ballot at congress"
  electronic: join(REPO, 'tests/fixtures/dev-corpus-47.facts.json'), // "electronic secret ballot at congress"
  machineCounted: join(REPO, 'tests/fixtures/dev-corpus-44.facts.json'), // "secret ballot with machine counting": on paper
  shipped: undefined, // "secret ballot at congress"
} as const;
type Sheet = keyof typeof SHEETS;
const loaded = new Map<Sheet, Classifier>();
function under(sheet: Sheet): Classifier {
  let c = loaded.get(sheet);
  if (!c) {
    const file = SHEETS[sheet];
    c = loadClassifier({ ...classifierOptionsFromConfig(loadConfig(CONFIG)), modelFile: undefined, ...(file ? { factsSheet: file } : {}) });
    loaded.set(sheet, c);
  }
  return c;
}
/** Whether the text (as typed, and without diacritics) contradicts NC-PERSONNEL under the sheet; flagged when it does. */
function expectPersonnel(sheet: Sheet, text: string, contradicts: boolean): void {
  for (const t of [text, stripDiacritics(text)]) {
    const c = under(sheet).classify({ title: '', text: t });
    const facts = c.explanations.filter((e) => e.kind === 'fact' && e.weight > 0).map((e) => e.factId);
    if (contradicts) {
      expect(facts, `${sheet}: ${t}`).toContain('NC-PERSONNEL');
      expect(c.distortion, `${sheet}: ${t}`).toBe(true);
    } else expect(facts, `${sheet}: ${t}`).not.toContain('NC-PERSONNEL');
  }
}

const MACHINE_CLAIMS = [
  'Đại hội XIII bầu Ban Chấp hành Trung ương bằng máy bỏ phiếu điện tử, bấm một cái là xong.',
  'Nghe nói Đại hội XIII năm nay bấm máy hết, không phát phiếu nữa.',
  'Đại hội 13 bỏ phiếu điện tử nên ai bầu ai là biết ngay.',
];
describe('the ballot medium read against the sheet', () => {
  it('reads voting by machine as false under a paper ballot, and as the official method under an electronic one', () => {
    for (const text of MACHINE_CLAIMS) {
      expectPersonnel('paper', text, true);
      expectPersonnel('electronic', text, false);
    }
    // a sheet that counts by machine votes on paper; a sheet that names no medium is a ballot
    expectPersonnel('machineCounted', MACHINE_CLAIMS[0], true);
    expectPersonnel('shipped', MACHINE_CLAIMS[0], true);
  });

  it('reads the official method reported under its own sheet as no contradiction', () => {
    for (const text of [
      'Ngày 31/1, Đại hội XIII tiến hành bầu Ban Chấp hành Trung ương khóa XIII bằng hình thức bỏ phiếu kín qua hệ thống bỏ phiếu điện tử.',
      'Các đại biểu Đại hội XIII sử dụng thiết bị bỏ phiếu điện tử đặt tại chỗ ngồi để bầu Trung ương.',
    ])
      expectPersonnel('electronic', text, false);
    expectPersonnel('paper', 'Đại hội XIII bầu Ban Chấp hành Trung ương bằng phiếu kín, phiếu giấy được phát cho từng đại biểu.', false);
  });

  it('keeps a trial run, another congress, the next term, an either-or question and a rebuttal, under either sheet', () => {
    for (const sheet of ['paper', 'electronic'] as const)
      for (const text of [
        // a rehearsal is a gathering of its own
        'Ban Tổ chức Đại hội XIII đã chạy thử hệ thống bỏ phiếu điện tử tại Nhà Quốc hội.',
        'Chiều 24/1, Đại hội XIII tổng duyệt, các đại biểu bỏ phiếu thử bằng máy bỏ phiếu điện tử.',
        'Đại hội XIII tổ chức buổi diễn tập, đại biểu bấm máy thử từng nút.',
        // a district congress, a shareholders' meeting, the next term's congress
        'Đại hội Đảng bộ huyện Chư Pah bầu Ban Chấp hành bằng máy bỏ phiếu điện tử.',
        'Đại hội đồng cổ đông Công ty Cao su Chư Sê cho cổ đông bỏ phiếu điện tử.',
        'Đại hội XIV nhiệm kỳ tới có thể bầu bằng máy bỏ phiếu điện tử.',
        // a question between the two media
        'Đại hội XIII bầu Trung ương bằng phiếu giấy hay bằng máy bỏ phiếu điện tử vậy mọi người?',
        'Cho em hỏi Đại hội XIII bỏ phiếu giấy hay bấm máy ạ?',
        // the rumour rebutted
        'Tin Đại hội XIII bầu bằng máy là bịa đặt.',
      ])
        expectPersonnel(sheet, text, false);
  });
});
