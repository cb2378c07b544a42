import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../core/config.ts';
import { classifierOptionsFromConfig, loadAbbreviations, loadClassifier } from '../../pipeline/nlp/index.ts';
import { applyRumourMatch, KnownRumourMatcher } from '../../pipeline/nlp/known-rumours.ts';
import { loadRumourStream, readCorpusTexts } from '../../pipeline/nlp/known-rumours-eval.ts';

const REPO = join(import.meta.dirname, '../..');
const abbreviations = loadAbbreviations(join(REPO, 'config/abbreviations.yaml'));
const stream = loadRumourStream(join(REPO, 'tests/fixtures/known-rumours/stream.json'));
const background = readCorpusTexts(join(REPO, 'tests/fixtures/dev-corpus.jsonl'));

/** A matcher that has seen the dev corpus and knows the three confirmed rumours of the stream. */
function matcherWithRumours(): KnownRumourMatcher {
  const matcher = new KnownRumourMatcher({ abbreviations });
  for (const item of background) matcher.observe(matcher.fingerprint(item.title, item.text));
  for (const rumour of stream.rumours) {
    const fp = matcher.fingerprint(rumour.title, rumour.text);
    matcher.observe(fp);
    matcher.put({ itemId: rumour.id, decision: 'confirmed', decidedAt: '2020-10-15T03:00:00Z' }, fp);
  }
  return matcher;
}

describe('KnownRumourMatcher on a stream of variants and different stories', () => {
  it('matches every repost, light edit, teencode and no-diacritics variant to its rumour, and no different story', () => {
    const matcher = matcherWithRumours();
    const got: Record<string, string | null> = {};
    const want: Record<string, string | null> = {};
    const items: Array<{ id: string; title: string; text: string; of?: string }> = [...stream.variants, ...stream.otherStories];
    for (const item of items) {
      const fp = matcher.fingerprint(item.title, item.text);
      got[item.id] = matcher.match(fp)?.itemId ?? null;
      want[item.id] = item.of ?? null;
      matcher.observe(fp);
    }
    expect(got).toEqual(want);
    // the stream covers what the brief asks for
    expect(new Set(stream.variants.map((v) => v.kind.replace(/^derived:/, '')))).toContain('teencode-repost');
    expect(stream.otherStories.length).toBeGreaterThanOrEqual(20);
  });

  it('points at the repeated passages of the new item, abbreviations included', () => {
    const matcher = matcherWithRumours();
    const teencode = stream.variants.find((v) => v.of === 'r-hoan' && v.kind === 'teencode')!;
    const match = matcher.match(matcher.fingerprint(teencode.title, teencode.text))!;
    expect(match).toMatchObject({ itemId: 'r-hoan', decision: 'confirmed' });
    expect(match.similarity).toBeGreaterThan(0.5);
    expect(match.passages.length).toBeGreaterThan(0);
    for (const passage of match.passages) {
      expect(passage.field).toBe('text');
      expect(teencode.text.slice(passage.start, passage.end)).toBe(passage.matched);
    }
    expect(match.passages.map((p) => p.matched).join(' ')).toContain('ĐH Đảng bộ tỉnh Gia Lai');
  });

  it('gives the title its own passages', () => {
    const matcher = matcherWithRumours();
    const match = matcher.match(matcher.fingerprint('Rò rỉ danh sách Ban Chấp hành khóa XVI', 'Ai cần thì xem ở bình luận đầu tiên nhé.'));
    // a title alone is too little of the rumour
    expect(match).toBeNull();
    const repost = stream.variants.find((v) => v.of === 'r-danh-sach' && v.kind === 'no-diacritics')!;
    const titled = matcher.match(matcher.fingerprint(repost.title, repost.text))!;
    expect(titled.passages.some((p) => p.field === 'title' && repost.title.slice(p.start, p.end) === p.matched)).toBe(true);
  });

  it('forgets an item whose decision was undone, and never matches an item with itself', () => {
    const matcher = matcherWithRumours();
    const rumour = stream.rumours[0];
    const fp = matcher.fingerprint(rumour.title, rumour.text);
    expect(matcher.match(fp)?.itemId).toBe(rumour.id);
    expect(matcher.match(fp, rumour.id)).toBeNull();
    matcher.remove(rumour.id);
    expect(matcher.match(fp)).toBeNull();
    expect(matcher.size).toBe(2);
  });

  it('prefers a confirmed distortion over a dismissed item with the same text', () => {
    const matcher = new KnownRumourMatcher({ abbreviations });
    const rumour = stream.rumours[2];
    const fp = matcher.fingerprint(rumour.title, rumour.text);
    matcher.put({ itemId: 'a-dismissed', decision: 'dismissed', decidedAt: '2020-10-15T03:00:00Z' }, fp);
    matcher.put({ itemId: 'b-confirmed', decision: 'confirmed', decidedAt: '2020-10-16T03:00:00Z' }, fp);
    expect(matcher.match(fp)?.itemId).toBe('b-confirmed');
  });
});

describe('applyRumourMatch', () => {
  const thresholds = { congress: 0.5, distortion: 0.5 };
  const scored = { congress: false, distortion: false, scores: { congress: 0.3, distortion: 0.2 }, explanations: [] };
  const passages = [{ field: 'text' as const, start: 0, end: 12, matched: 'ĐH bị hoãn r' }];

  it('raises the distortion score of a repeat of a confirmed distortion and cites the answer', () => {
    const out = applyRumourMatch(
      scored,
      {
        itemId: 'it-1',
        decision: 'confirmed',
        decidedAt: '2020-10-15T20:00:00Z',
        response: { id: 'r-1', publishedAt: '2020-10-16T02:00:00Z', url: 'https://gialai.gov.vn/dinh-chinh', title: 'Đại hội không hoãn' },
        similarity: 0.9,
        passages,
      },
      thresholds,
    );
    expect(out.scores.distortion).toBeCloseTo(1 - 0.8 * (1 - 0.8 * 0.9), 3);
    expect(out).toMatchObject({ congress: true, distortion: true, scores: { congress: 0.5 } });
    expect(out.explanations).toEqual([
      expect.objectContaining({
        kind: 'rumour',
        field: 'text',
        start: 0,
        end: 12,
        matched: 'ĐH bị hoãn r',
        // 20:00Z is the next morning in Vietnam
        note: 'repeats a rumour the office confirmed as distortion on 16/10/2020 (item it-1); answered on 16/10/2020: Đại hội không hoãn https://gialai.gov.vn/dinh-chinh',
      }),
    ]);
  });

  it('shows a resemblance to a dismissed item without changing any score', () => {
    const out = applyRumourMatch(scored, { itemId: 'it-2', decision: 'dismissed', decidedAt: '2020-10-14T01:00:00Z', similarity: 0.7, passages }, thresholds);
    expect(out).toMatchObject({ congress: false, distortion: false, scores: scored.scores });
    expect(out.explanations[0]).toMatchObject({ kind: 'rumour', weight: 0, note: 'resembles an item the office dismissed on 14/10/2020 (item it-2)' });
  });
});

describe('a rebuttal that quotes a confirmed rumour at length', () => {
  const thresholds = { congress: 0.5, distortion: 0.5 };
  // the lexicons alone: what this checks must not depend on the shipped model
  const classifier = loadClassifier({ ...classifierOptionsFromConfig(loadConfig(join(REPO, 'config/mediawatch.yaml'))), modelFile: undefined });
  const rebuttalOf = (rumour: { text: string }) => ({
    title: 'Ban Tổ chức Đại hội bác bỏ thông tin sai sự thật',
    text: `Thời gian qua, một số tài khoản mạng xã hội đăng tải bài viết có nội dung: “${rumour.text}” Ban Tổ chức Đại hội khẳng định thông tin trên là bịa đặt; Đại hội diễn ra đúng kế hoạch.`,
  });

  it("is not itself a distortion: the cues inside its quotation marks are the rumour's", () => {
    for (const rumour of stream.rumours) {
      expect(classifier.classify(rumour).distortion, rumour.id).toBe(true);
      const content = rebuttalOf(rumour);
      const rebuttal = classifier.classify(content);
      expect(rebuttal.congress, rumour.id).toBe(true);
      expect(rebuttal.scores.distortion, rumour.id).toBeLessThan(thresholds.distortion);
      const [open, close] = [content.text.indexOf('“'), content.text.indexOf('”')];
      const quotedCues = rebuttal.explanations.filter(
        (e) => e.kind === 'distortion' && e.weight > 0 && e.field === 'text' && e.start > open && e.start < close,
      );
      expect(
        quotedCues.map((e) => e.term),
        rumour.id,
      ).toEqual([]);
    }
  });

  it('is shown as quoting the rumour, without the raise a repost gets', () => {
    const matcher = matcherWithRumours();
    for (const rumour of stream.rumours) {
      const content = rebuttalOf(rumour);
      const match = matcher.match(matcher.fingerprint(content.title, content.text))!;
      expect(match, rumour.id).toMatchObject({ itemId: rumour.id, decision: 'confirmed' });
      const own = classifier.classify(content);
      const out = applyRumourMatch(own, match, thresholds, classifier.rebuttalGroups);
      expect(out.scores.distortion, rumour.id).toBe(own.scores.distortion);
      expect(out.distortion, rumour.id).toBe(false);
      const explained = out.explanations.filter((e) => e.kind === 'rumour');
      expect(explained[0]).toMatchObject({
        weight: 0,
        note: expect.stringMatching(/^repeats a rumour the office confirmed as distortion .*; quoted in a rebuttal, not raised$/),
      });
    }
    // a repost with a comment of its own is still raised
    const repost = stream.variants.find((v) => v.of === 'r-hoan' && v.kind === 'repost')!;
    const own = classifier.classify(repost);
    const raised = applyRumourMatch(own, matcher.match(matcher.fingerprint(repost.title, repost.text))!, thresholds, classifier.rebuttalGroups);
    expect(raised.scores.distortion).toBeGreaterThan(own.scores.distortion);
  });
});
