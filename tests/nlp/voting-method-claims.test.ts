import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { CONFIG, forBothForms, REPO } from './helpers.ts';

// Voting by machine read against the sheet's own method: a contradiction of NC-PERSONNEL where the sheet says a paper
// ballot, the official method where it says an electronic one. Sheets: a paper ballot (corpus-46), a paper ballot
// counted by machine (corpus-44), an electronic ballot (corpus-47), and the configured one (a secret ballot).
// Phrasings written for these tests; as typed and without diacritics, on the lexicons alone.
const underSheet = (sheet?: string) =>
  loadClassifier({
    ...classifierOptionsFromConfig(loadConfig(CONFIG)),
    modelFile: undefined,
    ...(sheet ? { factsSheet: join(REPO, `tests/fixtures/${sheet}.facts.json`) } : {}),
  });
const PAPER = underSheet('dev-corpus-46');
const MACHINE_COUNTED = underSheet('dev-corpus-44');
const ELECTRONIC = underSheet('dev-corpus-47');
const CONFIGURED = underSheet();

const contradicts = (c: Classification) => c.explanations.some((e) => e.kind === 'fact' && e.factId === 'NC-PERSONNEL' && e.weight > 0);

function expectPersonnelContradiction(classifier: ReturnType<typeof underSheet>, texts: string[], want: boolean): void {
  for (const text of texts) forBothForms([text], (_, t) => expect(contradicts(classifier.classify({ title: '', text: t })), t).toBe(want));
}

const MACHINE_CLAIMS = [
  'Đại hội XIII bầu Ban Chấp hành Trung ương bằng cách bấm máy, xong trong mười phút.',
  'Nghe nói Đại hội XIII năm nay bỏ phiếu điện tử hết, không còn phiếu kín nữa.',
];

describe('voting by machine read against the sheet’s method', () => {
  it('contradicts a paper-ballot sheet, a machine-counted ballot and the configured sheet, not an electronic one', () => {
    expectPersonnelContradiction(PAPER, MACHINE_CLAIMS, true);
    expectPersonnelContradiction(MACHINE_COUNTED, MACHINE_CLAIMS, true);
    expectPersonnelContradiction(CONFIGURED, MACHINE_CLAIMS, true);
    expectPersonnelContradiction(ELECTRONIC, MACHINE_CLAIMS, false);
  });

  it('reads the official electronic ballot reported under its own sheet as no contradiction', () => {
    expectPersonnelContradiction(
      ELECTRONIC,
      [
        'Các đại biểu Đại hội XIII bỏ phiếu kín qua hệ thống bỏ phiếu điện tử để bầu Ban Chấp hành Trung ương khóa XIII.',
        'Đại hội XIII bấm máy bầu Ban Chấp hành Trung ương, kết quả hiện ngay trên màn hình.',
      ],
      false,
    );
  });

  it('reads a trial run or a rehearsal of the machines as a gathering of its own', () => {
    expectPersonnelContradiction(
      PAPER,
      [
        'Sáng nay Ban Tổ chức cho chạy thử hệ thống bấm máy trước Đại hội XIII.',
        'Buổi tổng duyệt chiều qua, các đại biểu bỏ phiếu thử bằng máy, bấm máy thử để làm quen.',
      ],
      false,
    );
  });
});
