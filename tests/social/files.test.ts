// File imports: CSV (a Facebook export, CRLF, multi-line quoted fields), JSON Lines (a TikTok
// export, dotted column paths) and JSON (a partner's file with the records under "data").
// Bad rows are reported with their line numbers and skipped; the good rows are kept.
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoredItem } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { parseExportDate } from '../../crawlers/social/files.ts';
import { Pseudonymiser } from '../../crawlers/social/pseudonym.ts';
import { parseCsv, parseJsonRecords } from '../../crawlers/social/records.ts';
import { errorsOf, FIXTURES, Harness, PSEUDONYM_KEY } from './helpers.ts';

let harness: Harness;
let first: SourceReport[];
let items: ScoredItem[];
let facebookDir: string;
const pseudonyms = new Pseudonymiser(PSEUDONYM_KEY);
const EXPORTS = join(FIXTURES, 'files/exports');

beforeAll(async () => {
  harness = new Harness({
    privacy: { pseudonymKey: PSEUDONYM_KEY, keepHandlesFor: { facebook: ['hoiyeupleiku'] } },
    sources: [
      {
        id: 'fb',
        kind: 'file',
        path: 'imports/facebook',
        platform: 'facebook',
        columns: {
          url: 'URL',
          text: 'Message',
          author: 'User Name',
          publishedAt: 'Post Created',
          likes: 'Likes',
          replies: 'Comments',
          shares: 'Shares',
          views: 'Post Views',
        },
      },
      {
        id: 'tt',
        kind: 'file',
        path: 'imports/tiktok.jsonl',
        platform: 'tiktok',
        columns: {
          url: 'video_url',
          text: 'desc',
          author: 'author.unique_id',
          publishedAt: 'create_time',
          likes: 'stats.digg_count',
          replies: 'stats.comment_count',
          shares: 'stats.share_count',
          views: 'stats.play_count',
          platform: 'platform',
        },
      },
      {
        id: 'partner',
        kind: 'file',
        path: 'imports/partner.json',
        recordsPath: 'data',
        columns: {
          url: 'link',
          title: 'title',
          text: 'content',
          publishedAt: 'posted_at',
          likes: 'metrics.reactions',
          replies: 'metrics.comments',
          shares: 'metrics.shares',
          platform: 'platform',
        },
      },
      { id: 'missing', kind: 'file', path: 'imports/khong-co.csv', columns: { url: 'URL', text: 'Message' } },
    ],
  });
  // Paths are relative to the config's folder (the harness's data dir); the CSV goes in with CRLF line ends.
  facebookDir = join(harness.dataDir, 'imports/facebook');
  mkdirSync(facebookDir, { recursive: true });
  writeFileSync(join(facebookDir, 'facebook-posts.csv'), readFileSync(join(EXPORTS, 'facebook-posts.csv'), 'utf8').replace(/\n/g, '\r\n'));
  writeFileSync(join(facebookDir, 'ghi-chu.txt'), 'not an export');
  copyFileSync(join(EXPORTS, 'tiktok.jsonl'), join(harness.dataDir, 'imports/tiktok.jsonl'));
  copyFileSync(join(EXPORTS, 'partner.json'), join(harness.dataDir, 'imports/partner.json'));
  await harness.init();
  first = await harness.crawl();
  items = await harness.items();
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

const lineErrors = (sourceId: string) =>
  errorsOf(first, sourceId)
    .filter((e) => /:\d+$/.test(e.url))
    .map((e) => [Number(e.url.split(':').pop()), e.reason] as const);

describe('file imports', () => {
  it('keeps the good rows of a CSV export and reports each bad row with its line', () => {
    const fb = items.filter((item) => item.sourceId === 'fb');
    expect(fb.map((item) => item.url)).toEqual([
      'https://www.facebook.com/gialai24h.page/posts/1161463767',
      'https://www.facebook.com/chuyenphonui/posts/2233445566',
      'https://www.facebook.com/hoiyeupleiku/videos/5566778899',
    ]);
    const errors = lineErrors('fb');
    expect(errors.map(([line]) => line)).toEqual([6, 7, 8, 10, 11]);
    expect(errors[0][1]).toMatch(/"31\/02\/2020 10:00" in column "Post Created" is not a date/);
    expect(errors[1][1]).toMatch(/no URL in column "URL"/);
    expect(errors[2][1]).toMatch(/7 fields where the header has 11/);
    expect(errors[3][1]).toMatch(/"nhiều" in column "Likes" is not a count/);
    expect(errors[4][1]).toMatch(/quoted field is never closed/);
    expect(errorsOf(first, 'fb')).toHaveLength(5);
  });

  it('maps the columns: time with or without offset, counts with separators and suffixes, multi-line text', () => {
    const [rumour, opening, closing] = items.filter((item) => item.sourceId === 'fb');
    expect(rumour).toMatchObject({
      kind: 'social',
      platform: 'facebook',
      publishedAt: '2020-10-15T02:30:00.000Z',
      engagement: { likes: 412, replies: 88, shares: 1204 },
    });
    expect(opening.publishedAt).toBe('2020-10-15T13:15:00.000Z');
    expect(opening.engagement).toEqual({ likes: 1530, replies: 230, shares: 96 });
    expect(opening.text).toBe(
      'Đại hội tỉnh sáng nay khai mạc.\nCác đại biểu người Jrai, Bahnar mặc trang phục truyền thống.\n"Đẹp quá", một bạn đọc bình luận.',
    );
    expect(closing.engagement).toEqual({ likes: 1200, replies: 45, shares: 310, views: 15400 });
  });

  it('pseudonymises authors and mentions; a listed official page keeps its handle', () => {
    const [rumour, opening, closing] = items.filter((item) => item.sourceId === 'fb');
    expect(rumour.author).toBe(pseudonyms.pseudonym('facebook', 'gialai24h.page'));
    expect(opening.author).toBe(pseudonyms.pseudonym('facebook', 'chuyenphonui'));
    expect(closing.author).toBe('@hoiyeupleiku');
    expect(closing.text).toBe(`Đại hội Đảng bộ tỉnh bế mạc chiều nay. ${rumour.author} đưa tin hoãn là sai rồi nhé.`);
  });

  it('imports JSON Lines with dotted paths and a per-row platform, skipping broken lines', () => {
    const tiktok = items.filter((item) => item.sourceId === 'tt');
    expect(tiktok.map((item) => item.url.split('/').pop())).toEqual(['6884310000000000002', '6884310000000000004', '6884310000000000001']);
    expect(tiktok[2]).toMatchObject({
      platform: 'tiktok',
      publishedAt: new Date(1602760000 * 1000).toISOString(),
      engagement: { likes: 5300, replies: 410, shares: 2200, views: 181000 },
      author: pseudonyms.pseudonym('tiktok', 'pleiku.review'),
    });
    expect(lineErrors('tt')).toEqual([
      [3, expect.stringMatching(/invalid JSON/)],
      [4, expect.stringMatching(/not a JSON object/)],
    ]);
    expect(harness.rawDocuments()).not.toContain('Pleiku Review');
  });

  it('imports the array under recordsPath of a JSON file, reporting a broken record by line', () => {
    const partner = items.filter((item) => item.sourceId === 'partner');
    expect(partner.map((item) => [item.platform, item.title, item.publishedAt])).toEqual([
      ['zalo', '', '2020-10-16T14:02:00.000Z'],
      ['forum', 'Thảo luận: Đại hội tỉnh năm nay có gì mới', '2020-10-17T00:45:00.000Z'],
    ]);
    expect(partner[0].engagement).toEqual({ likes: 12, replies: 3, shares: 0 });
    expect(lineErrors('partner')).toEqual([[12, expect.stringMatching(/invalid JSON/)]]);
  });

  it('reports a missing file as the source\u2019s error', () => {
    expect(errorsOf(first, 'missing')[0].reason).toMatch(/no such file or folder/);
  });

  it('skips unchanged files on the next run and re-imports a changed one', async () => {
    const again = await harness.crawl(['fb', 'tt', 'partner']);
    expect(again.map((r) => [r.sourceId, r.notModified, r.extracted, r.errors.length])).toEqual([
      ['fb', 1, 0, 0],
      ['tt', 1, 0, 0],
      ['partner', 1, 0, 0],
    ]);
    appendFileSync(
      join(harness.dataDir, 'imports/tiktok.jsonl'),
      '{"video_url":"https://www.tiktok.com/@x2/video/6884310000000000009","desc":"Đại hội tỉnh bế mạc, khóa mới 53 người","create_time":1602900000,"author":{"unique_id":"x2"},"stats":{"digg_count":"3,1K"}}\n',
    );
    const changed = await harness.crawl(['tt']);
    expect(changed[0].new).toBe(1);
    expect(changed[0].duplicates).toBe(3);
    expect((await harness.items('tt')).find((item) => item.url.endsWith('9'))?.engagement).toEqual({ likes: 3100 });
  });
});

describe('export readers', () => {
  it('parses CSV quoting, doubled quotes, delimiters and line numbers', () => {
    const { records, errors } = parseCsv('a;b\n"x;1";"say ""hi"""\n\n"multi\nline";2\n"bad"x;3\nlast;4', ';');
    expect(records).toEqual([
      { line: 1, value: ['a', 'b'] },
      { line: 2, value: ['x;1', 'say "hi"'] },
      { line: 4, value: ['multi\nline', '2'] },
      { line: 7, value: ['last', '4'] },
    ]);
    expect(errors).toEqual([{ line: 6, reason: expect.stringMatching(/after a closing quote/) }]);
  });

  it('finds records in a JSON array even when one of them is broken', () => {
    const { records, errors } = parseJsonRecords('[\n {"a": 1},\n {"a": },\n {"a": "x]"},\n 7\n]');
    expect(records).toEqual([
      { line: 2, value: { a: 1 } },
      { line: 4, value: { a: 'x]' } },
      { line: 5, value: 7 },
    ]);
    expect(errors.map((e) => e.line)).toEqual([3]);
    expect(parseJsonRecords('{"rows": []}').fatal).toMatch(/recordsPath/);
  });

  it('reads export dates in the configured offset and rejects impossible ones', () => {
    expect(parseExportDate('15/10/2020 08:15', '+07:00')).toBe('2020-10-15T01:15:00.000Z');
    expect(parseExportDate('2020-10-15 08:15:00 UTC', '+07:00')).toBe('2020-10-15T08:15:00.000Z');
    expect(parseExportDate('2020-10-15', '+07:00')).toBe('2020-10-14T17:00:00.000Z');
    expect(parseExportDate('1602760000000', '+07:00')).toBe(new Date(1602760000000).toISOString());
    expect(parseExportDate('30/02/2020', '+07:00')).toBeUndefined();
    expect(parseExportDate('hôm qua', '+07:00')).toBeUndefined();
  });
});
