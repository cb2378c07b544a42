// Subtitle formats read into cues, and the reasons given for tracks that cannot be read.
import { describe, expect, it } from 'vitest';
import { detectFormat, parseSubtitles, SubtitleError } from '../../crawlers/broadcast/subtitles.ts';
import { transcriptText } from '../../crawlers/broadcast/index.ts';
import { pickTrack, readVideoPage, youtubeIdOf } from '../../crawlers/broadcast/video-page.ts';
import { normaliseItem } from '../../pipeline/normalise.ts';

const reason = (body: string, maxCues = 100): string => {
  try {
    parseSubtitles(body, maxCues);
  } catch (error) {
    expect(error).toBeInstanceOf(SubtitleError);
    return (error as Error).message;
  }
  throw new Error('expected a SubtitleError');
};

describe('subtitle formats', () => {
  it('detects each format from its first characters, a byte-order mark aside', () => {
    expect(detectFormat('\uFEFFWEBVTT\n\n')).toBe('webvtt');
    expect(detectFormat('1\r\n00:00:01,000 --> 00:00:02,000\r\nx')).toBe('srt');
    expect(detectFormat('<?xml version="1.0"?><transcript>')).toBe('timedtext');
    expect(detectFormat('{"events":[]}')).toBe('json3');
    expect(detectFormat('<html><body>Not found</body></html>')).toBeNull();
  });

  it('reads SRT with comma decimals, CRLF, markup and multi-line cues; hours over 99 too', () => {
    const { cues, problems } = parseSubtitles(
      '1\r\n00:00:01,000 --> 00:00:02,500\r\n<i>Một</i>\r\nhai\r\n\r\n2\r\n100:00:00,000 --> 100:00:01,000\r\nBa\r\n',
      10,
    );
    expect(cues).toEqual([
      { start: 1, end: 2.5, text: 'Một\nhai' },
      { start: 360000, end: 360001, text: 'Ba' },
    ]);
    expect(problems).toEqual([]);
  });

  it('keeps the valid cues of a partly malformed track and says how many parts were skipped', () => {
    const { cues, problems } = parseSubtitles(
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nMột\n\n00:00:0x.000 --> 00:00:03.000\nHỏng\n\n00:00:04.000 --> 00:00:05.000\nBa\n',
      10,
    );
    expect(cues.map((c) => c.text)).toEqual(['Một', 'Ba']);
    expect(problems).toEqual([expect.stringMatching(/^WebVTT track has \d+ malformed part\(s\), first: .* \(line 6\); read the 2 valid cues$/)]);
  });

  it('caps the cues read from a huge track', () => {
    const body = `WEBVTT\n${Array.from({ length: 50 }, (_, i) => `\n00:00:${String(i).padStart(2, '0')}.000 --> 00:00:${String(i).padStart(2, '0')}.500\nDòng ${i}\n`).join('')}`;
    const { cues, problems } = parseSubtitles(body, 20);
    expect(cues).toHaveLength(20);
    expect(problems).toEqual(['WebVTT track has 50 cues; read the first 20']);
  });

  it('gives a reason for tracks that cannot be read', () => {
    expect(reason('<html>Không tìm thấy</html>')).toBe('not a subtitle track: expected WebVTT, SRT or YouTube timedtext (XML or json3)');
    expect(reason('WEBVTT\n\n00:00:xx --> 00:00:02\nbad')).toMatch(/^malformed WebVTT track: .* \(line 3\)$/);
    expect(reason('1\n00:00:01,000 --> 00:00:0\nx')).toMatch(/^malformed SRT track: .*\(line 2\)$/);
    expect(reason('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<b></b>\n')).toBe('WebVTT track has no cue with text');
    expect(reason('{"events": 5}')).toMatch(/^malformed json3 captions: expected/);
    expect(reason('{"events": [')).toBe('malformed json3 captions: not valid JSON');
    expect(reason('<transcript><text dur="2">x</text></transcript>')).toBe('malformed timedtext: no caption has a start time');
    expect(reason('<?xml version="1.0"?><other/>')).toBe('malformed timedtext: no <transcript> or <timedtext> element');
  });
});

describe('transcript text', () => {
  it('puts the description first, one cue per line, rolling repeats once, offsets valid after normalisation', () => {
    const { text, cues } = transcriptText('  Bản tin\u0020\u0020tối ', [
      { start: 1, end: 2, text: 'Dòng  một\nnối' },
      { start: 2, end: 3, text: 'Dòng  một\nnối' },
      { start: 3.25, end: 4, text: 'Dòng hai' },
      { start: 5, end: 6, text: '   ' },
    ]);
    expect(text).toBe('Bản tin tối\n\nDòng một nối\nDòng hai');
    expect(cues).toEqual([
      [13, 1],
      [26, 3.25],
    ]);
    expect(normaliseItem({ sourceId: 's', kind: 'broadcast', url: 'https://a.example/v', title: 't', text, fetchedAt: '2020-10-14T00:00:00Z' }).text).toBe(
      text,
    );
  });

  it('starts with the first cue when there is no description', () => {
    expect(transcriptText('', [{ start: 0, end: 1, text: 'Một' }])).toEqual({ text: 'Một', cues: [[0, 0]] });
  });
});

describe('video pages', () => {
  it('finds YouTube ids in watch, short and embed addresses only', () => {
    expect(youtubeIdOf('https://www.youtube.com/watch?v=PhoNui_1610&t=3')).toBe('PhoNui_1610');
    expect(youtubeIdOf('https://youtu.be/PhoNui_1610')).toBe('PhoNui_1610');
    expect(youtubeIdOf('https://www.youtube-nocookie.com/embed/PhoNui_1610?rel=0')).toBe('PhoNui_1610');
    expect(youtubeIdOf('https://evil.example/watch?v=PhoNui_1610')).toBeUndefined();
    expect(youtubeIdOf('https://www.youtube.com/watch?v=short')).toBeUndefined();
  });

  it('prefers the configured language; an unlabelled track counts as the first language', () => {
    const tracks = [
      { url: 'https://a.example/en.vtt', lang: 'en' },
      { url: 'https://a.example/vi.vtt', lang: 'vi-vn' },
    ];
    expect(pickTrack(tracks, ['vi'])?.url).toBe('https://a.example/vi.vtt');
    expect(pickTrack(tracks, ['fr'])).toBeUndefined();
    expect(pickTrack([{ url: 'https://a.example/x.srt', lang: '' }], ['vi'])?.url).toBe('https://a.example/x.srt');
  });

  it('ignores chapter and metadata tracks and unsafe track links', () => {
    const page = readVideoPage(
      '<video src="/v.mp4"><track kind="chapters" src="/c.vtt"><track kind="metadata" src="/m.vtt"><track src="javascript:alert(1).vtt"></video><a href="/sub/a.srt?lang=vi">SRT</a>',
      'https://a.example/video/1.html',
    );
    expect(page.tracks).toEqual([{ url: 'https://a.example/sub/a.srt?lang=vi', lang: 'vi' }]);
    expect(page.videoUrl).toBe('https://a.example/v.mp4');
  });
});

describe('WebVTT header lines', () => {
  it('reads YouTube-style header lines under the signature without reporting them', () => {
    const { cues, problems } = parseSubtitles('WEBVTT\nKind: captions\nLanguage: vi\n\n00:00:01.000 --> 00:00:02.000\nMột\n', 10);
    expect(cues.map((c) => c.text)).toEqual(['Một']);
    expect(problems).toEqual([]);
  });
});
