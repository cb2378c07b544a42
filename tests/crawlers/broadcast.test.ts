// Broadcast sources end to end: a station on 127.0.0.1 (tests/fixtures/broadcast) crawled with the
// configured classifier. Each video is one item; its transcript (WebVTT track, SRT link, timedtext
// XML, format 3 or json3) is the item text and every flagged passage maps to the moment it was said.
// Videos whose track is malformed, too large, in another language or missing are kept with their
// title and description, and the report says why.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config.ts';
import type { ScoredItem } from '../../core/types.ts';
import type { SourceReport } from '../../crawlers/report.ts';
import { WEB_ROOT } from '../../dashboards/router.ts';
import { normaliseItem } from '../../pipeline/normalise.ts';
import { crawlStation, startStation, type Station } from '../helpers/station.ts';

interface TimecodeModule {
  secondsAt(timecodes: ScoredItem['timecodes'], offset: number): number | null;
  formatTimecode(seconds: number): string;
  videoLinkAt(videoUrl: string, seconds: number): string | null;
}
const timecode = (await import(pathToFileURL(join(WEB_ROOT, 'js/timecode.js')).href)) as TimecodeModule;

let station: Station;
let report: SourceReport;
let items: Map<string, ScoredItem>;
const byTitle = (title: string) => [...items.values()].find((item) => item.title === title)!;
const errorsFor = (path: string) => report.errors.filter((e) => e.url.includes(path)).map((e) => e.reason);

beforeAll(async () => {
  station = await startStation(3_000_000);
  ({ report, items } = await crawlStation(station, 1_000_000));
});

afterAll(async () => {
  await station.close();
});

/** The seconds each fact explanation of the item maps to, by fact id. */
function factMoments(item: ScoredItem): Record<string, number | null> {
  return Object.fromEntries(
    item.explanations.filter((e) => e.kind === 'fact' && e.field === 'text').map((e) => [e.factId, timecode.secondsAt(item.timecodes, e.start)]),
  );
}

describe('broadcast source', () => {
  it('stores every video of the listing page and the feed once, as broadcast items', () => {
    expect(items.size).toBe(10);
    expect([...items.values()].every((item) => item.kind === 'broadcast' && item.sourceId === 'ptth-pho-nui')).toBe(true);
    expect(report.extracted).toBe(10);
    // the feed's YouTube watch pages are the player, never fetched; the other site's link is not followed
    expect(station.requests.filter((path) => path.includes('watch'))).toEqual([]);
    expect(station.requests.filter((p) => p === '/video/thoi-su-19h-14-10.html')).toHaveLength(1);
  });

  it('reads a WebVTT track: description, then one line per cue, voices and markup unwrapped, entities decoded', () => {
    const item = byTitle('Thời sự 19h ngày 14/10/2020');
    expect(item.publishedAt).toBe('2020-10-14T19:45:00+07:00');
    expect(item.text.split('\n\n')[0]).toContain('Bản tin thời sự tối 14/10');
    const lines = item.text.split('\n\n')[1].split('\n');
    expect(lines).toHaveLength(8);
    expect(lines[5], JSON.stringify(lines[5])).toBe('Tôi nghe nói Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI có tới 500 đại biểu & sẽ bị hoãn sang tháng 12?');
    expect(lines[7]).toBe('Giá cà phê hôm nay tăng nhẹ tại các đại lý.');
    expect(item.timecodes?.videoUrl).toBe(`${station.base}/media/thoi-su-1410.mp4`);
    expect(item.timecodes?.cues.map(([, s]) => s)).toEqual([0, 6.5, 14, 65, 190, 192, 199, 240]);
    // the offsets survive the pipeline's normalisation: each points at its cue's line
    for (const [n, [offset]] of item.timecodes!.cues.entries()) expect(item.text.slice(offset).split('\n')[0]).toBe(lines[n]);
    expect(normaliseItem(item).text).toBe(item.text);
  });

  it('maps flagged passages to the moment they were said (03:12 for the caller)', () => {
    const item = byTitle('Thời sự 19h ngày 14/10/2020');
    expect(factMoments(item)).toEqual({ 'GL-DELEGATES': 192, 'GL-DATE': 192 });
    const cue = item.explanations.find((e) => e.kind === 'distortion' && e.matched.toLowerCase() === 'nghe nói');
    expect(cue && timecode.secondsAt(item.timecodes, cue.start)).toBe(192);
    // the official figure said by the reporter at 00:14 is no contradiction
    expect(item.explanations.some((e) => e.kind === 'fact' && timecode.secondsAt(item.timecodes, e.start) === 14)).toBe(false);
    expect(timecode.videoLinkAt(item.timecodes!.videoUrl, 192)).toBe(`${station.base}/media/thoi-su-1410.mp4#t=192`);
  });

  it('reads an SRT download link, with its JSON-LD fields and media address', () => {
    const item = byTitle('Phóng sự: Đại hội Đảng bộ tỉnh nhìn từ cơ sở');
    expect(item.publishedAt).toBe('2020-10-12T20:00:00+07:00');
    expect(item.timecodes?.cues.map(([, s]) => s)).toEqual([1, 5.2, 150.5, 156]);
    expect(item.text).toContain('Trên mạng lan truyền tin Ban Thường vụ Tỉnh ủy khóa XVI có 20 người, đó là thông tin không chính xác.');
    expect(item.timecodes?.videoUrl).toBe(`${station.base}/media/phong-su.mp4`);
  });

  it('reads the published captions of an embedded YouTube player (timedtext XML, escaped twice)', () => {
    const item = byTitle('Tọa đàm: Đưa Nghị quyết Đại hội vào cuộc sống');
    expect(item.timecodes?.videoUrl).toBe('https://www.youtube.com/watch?v=ToaDam17_Vn');
    expect(item.text).toContain('Chúng ta cần "lan tỏa" Nghị quyết tới từng thôn, làng.');
    expect(factMoments(item)).toEqual({ 'GL-VENUE': 95.4 });
    expect(timecode.videoLinkAt(item.timecodes!.videoUrl, 95.4)).toBe('https://www.youtube.com/watch?v=ToaDam17_Vn&t=95s');
  });

  it('reads a channel feed: title and description from media:group, captions from timedtext json3 and format 3', () => {
    const closing = byTitle('Bế mạc Đại hội Đảng bộ tỉnh Gia Lai lần thứ XVI');
    expect(closing.url).toBe('https://www.youtube.com/watch?v=PhoNui_1610');
    expect(closing.text.split('\n')[0]).toBe('Chiều 16/10, Đại hội đại biểu Đảng bộ tỉnh Gia Lai lần thứ XVI bế mạc.');
    expect(closing.timecodes?.cues.map(([, s]) => s)).toEqual([0, 62, 185.5]);
    expect(factMoments(closing)).toEqual({ 'GL-NATIONAL-DELEGATION': 185.5 });
    const first = byTitle('Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ tỉnh khóa XVI');
    expect(first.timecodes?.cues).toEqual([
      [expect.any(Number), 1],
      [expect.any(Number), 75.25],
    ]);
    expect(first.text).toContain('Ban Thường vụ Tỉnh ủy khóa XVI gồm 15 đồng chí.');
  });

  it('keeps videos without a readable transcript with their title and description, and says why', () => {
    const expectations: Array<[string, string, RegExp]> = [
      [
        '/video/ban-tin-loi-phu-de.html',
        'Bản tin sáng 15/10',
        /ban-tin-1510\.vtt: malformed WebVTT track: .*\(line 3\); kept the video's title and description/,
      ],
      ['/video/ca-nhac-cuoi-tuan.html', 'Ca nhạc cuối tuần', /^no subtitle track or transcript published for this video; kept/],
      ['/video/ban-tin-tieng-anh.html', 'Gia Lai News 16/10', /^subtitle tracks only in other languages \(en\), none in vi; kept/],
      [
        '/video/ban-tin-dai.html',
        'Bản tin tổng hợp tuần',
        /^subtitle track: .*\/sub\/huge\.vtt: response exceeds the 1000000-byte cap; kept the video's title and description$/,
      ],
      ['PhoNui_1810', 'Nhịp sống cao nguyên', /^no captions published at .*PhoNui_1810.*; kept/],
    ];
    for (const [path, title, reason] of expectations) {
      const item = byTitle(title);
      expect(item.timecodes, title).toBeUndefined();
      expect(item.text.length, title).toBeGreaterThan(5);
      expect(
        errorsFor(path).some((r) => reason.test(r)),
        `${title}: ${errorsFor(path).join(' | ')}`,
      ).toBe(true);
    }
    expect(report.errors.every((e) => !/undefined|TypeError|Cannot read/.test(e.reason))).toBe(true);
  });
});

describe('broadcast source config', () => {
  const config = (source: Record<string, unknown>) => () => parseConfig({ sources: [{ id: 'tv', kind: 'broadcast', ...source }] }, '<test>', '/tmp');
  it('needs a listing page or a feed, and a timedtext address with {videoId}', () => {
    expect(config({})).toThrow('sources[0]: needs listingUrls or feeds');
    expect(config({ feeds: ['https://tv.example/rss'], timedtextUrl: 'https://tv.example/captions' })).toThrow(
      'sources[0].timedtextUrl: an http(s) URL containing "{videoId}"',
    );
    expect(config({ listingUrls: ['ftp://tv.example/'] })).toThrow('must be an http(s) URL');
    expect(config({ feeds: ['https://tv.example/rss'] })().sources[0]).toMatchObject({ languages: ['vi'], videoPattern: '/video', maxTrackBytes: 2_000_000 });
  });
});

describe('time codes (dashboard module)', () => {
  const timecodes = {
    videoUrl: 'https://tv.example/v.mp4',
    cues: [
      [20, 0],
      [40, 6.5],
      [90, 192],
    ] as Array<[number, number]>,
  };
  it('finds the cue holding an offset; none before the transcript', () => {
    expect([0, 19, 20, 39, 40, 89, 90, 5000].map((o) => timecode.secondsAt(timecodes, o))).toEqual([null, null, 0, 0, 6.5, 6.5, 192, 192]);
    expect(timecode.secondsAt(undefined, 30)).toBeNull();
  });
  it('formats and links the moment', () => {
    expect([0, 192.9, 3723].map(timecode.formatTimecode)).toEqual(['00:00', '03:12', '1:02:03']);
    expect(timecode.videoLinkAt('https://tv.example/v.mp4#x', 192.9)).toBe('https://tv.example/v.mp4#t=192');
    expect(timecode.videoLinkAt('https://www.youtube.com/watch?v=PhoNui_1610&t=5s', 95.4)).toBe('https://www.youtube.com/watch?v=PhoNui_1610&t=95s');
    expect(timecode.videoLinkAt('https://youtu.be/PhoNui_1610', 3)).toBe('https://youtu.be/PhoNui_1610?t=3s');
    expect(timecode.videoLinkAt('javascript:alert(1)', 3)).toBeNull();
    expect(timecode.videoLinkAt('not a url', 3)).toBeNull();
  });
});
