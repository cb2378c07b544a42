import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import type { Classification } from '../../core/types.ts';
import { classifierOptionsFromConfig, loadClassifier } from '../../pipeline/nlp/index.ts';
import { CONFIG, forBothForms, REPO, stripDiacritics } from './helpers.ts';

// A verdict said of the sheet's own value (fifty-sixth pass): "ai bảo Hà Nội là sai bét", "chuyện Đại hội khai
// mạc ngày 25/1 là không có thật" under a sheet of Hà Nội and 25/1 — the writer denies the truth, a contradiction
// read through the denial; the same shape with the rumour's value is a rebuttal. Phrasings written for these
// tests, not corpus sentences; as typed and without diacritics, on the lexicons alone.
const rebuts = (c: Classification) => c.explanations.some((e) => e.kind === 'distortion' && e.weight < 0 && e.term.startsWith('rebuttal'));
const denied = (c: Classification) => c.explanations.filter((e) => e.kind === 'fact' && e.note?.startsWith('calls the official value')).map((e) => e.factId);

describe('a verdict said of the official value denies the truth', () => {
  it('reads a place, a date and a count before the verdict as the official value denied', () => {
    const cases: Array<[string, string]> = [
      ['Đại hội XIII họp ở Đà Nẵng để tránh dịch, ai bảo Hà Nội là sai bét nhé.', 'NC-VENUE'],
      ['Ghi Pleiku là sai, Đại hội Đảng bộ tỉnh năm nay họp ở khách sạn.', 'GL-VENUE'],
      ['Chuyện Đại hội XIII khai mạc ngày 25/1 là không có thật, phải sang tháng 3 mới họp.', 'NC-DATE'],
      ['Về Đại hội Đảng bộ tỉnh: con số 350 đại biểu là bịa đặt, thực ra chỉ hơn 300 người.', 'GL-DELEGATES'],
    ];
    for (const [text, fact] of cases)
      forBothForms([text], (c, t) => {
        expect(rebuts(c), t).toBe(false);
        expect(denied(c), t).toContain(fact);
        expect(c.distortion, t).toBe(true);
      });
  });

  it('keeps the rebuttal of the rumour’s value, of a denied official value, of an office, and of a question', () => {
    forBothForms(
      [
        'Đại hội XIII họp ở Hà Nội, ai bảo Đà Nẵng là sai bét nhé.',
        'Bầu Trung ương khóa XIII là bỏ phiếu kín nhé, ai bảo giơ tay là nói bậy.',
        'Tin Đại hội XIII không họp ở Hà Nội là bịa đặt.',
        'Đại hội Đảng bộ tỉnh có 400 đại biểu là bịa đặt, chỉ có 350 đại biểu.',
        'Đại hội XIII khai mạc ngày 25/1, ai bảo 28/1 là sai bét.',
        'Tin Đại hội Đảng bộ tỉnh bị hoãn là sai sự thật, Đại hội khai mạc ngày 14/10 tại Pleiku.',
        // a bound that agrees with the sheet (53 members) is not its value
        'Tin Ban Chấp hành Đảng bộ tỉnh khóa XVI có hơn 50 người là bịa đặt.',
        // the place names the office that speaks: an act of correcting, a verb of saying after it
        'Tỉnh ủy Gia Lai bác bỏ tin Đại hội Đảng bộ tỉnh bị hoãn.',
        'Văn phòng Tỉnh ủy Gia Lai cho biết thông tin này sai, Đại hội Đảng bộ tỉnh khai mạc đúng lịch.',
        // the place is part of the event's own name, not a value of it
        'Tin hoãn Đại hội Đảng bộ tỉnh Gia Lai là bịa đặt.',
        'Tin Đại hội Đảng bộ tỉnh Gia Lai bị hoãn là sai sự thật.',
      ],
      (c, t) => {
        expect(rebuts(c), t).toBe(true);
        expect(denied(c), t).toEqual([]);
        expect(c.distortion, t).toBe(false);
      },
    );
    forBothForms(['Đại hội XIII họp ở Hà Nội là sai à?'], (c, t) => expect(denied(c), t).toEqual([]));
  });

  it('reads the value from the sheet in use: under another sheet the same verdict is a rebuttal', () => {
    const other = loadClassifier({
      ...classifierOptionsFromConfig(loadConfig(CONFIG)),
      modelFile: undefined,
      factsSheet: join(REPO, 'tests/nlp/fixtures/official-facts-other.json'),
    });
    // the other sheet opens Đại hội XIII on 1/2: 25/1 is the rumour's date there
    const text = 'Chuyện Đại hội XIII khai mạc ngày 25/1 là không có thật, phải sang tháng 3 mới họp.';
    for (const t of [text, stripDiacritics(text)]) {
      const c = other.classify({ title: '', text: t });
      expect(rebuts(c), t).toBe(true);
      expect(denied(c), t).toEqual([]);
    }
  });
});
