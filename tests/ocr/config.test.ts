import { describe, expect, it } from 'vitest';
import { ConfigError, ocrStatePath, parseConfig } from '../../core/config.ts';
import { editionDates, expandPattern, pdfLinks } from '../../crawlers/epaper.ts';

const epaper = (extra: Record<string, unknown>) => () =>
  parseConfig({ sources: [{ id: 'in', kind: 'epaper', edition: 'Báo', ...extra }] }, '<test>', '/srv/mw/config');

describe('e-paper and OCR config', () => {
  it('needs exactly one of urlPattern and indexUrl, and a known time zone', () => {
    expect(epaper({})).toThrow(/sources\[0\]: needs exactly one of urlPattern or indexUrl/);
    expect(epaper({ urlPattern: 'https://a.example/{yyyy}.pdf', indexUrl: 'https://a.example/' })).toThrow(ConfigError);
    expect(epaper({ urlPattern: 'https://a.example/{yyyy}.pdf', timezone: 'Asia/Pleiku' })).toThrow(/timezone: is not a known IANA time zone/);
    expect(epaper({ indexUrl: 'ftp://a.example/' })).toThrow(/indexUrl: must be an http\(s\) URL/);
    expect(epaper({ urlPattern: 'https://a.example/{yyyy}/{mm}/{dd}/{n}.pdf' })().sources[0]).toMatchObject({
      kind: 'epaper',
      daysBack: 0,
      timezone: 'Asia/Ho_Chi_Minh',
    });
  });

  it('keeps OCR state beside the crawl state unless told otherwise', () => {
    const config = parseConfig({ statePath: '../state/crawl.json' }, '<test>', '/srv/mw/config');
    expect(ocrStatePath(config)).toBe('/srv/mw/state/ocr.db');
    expect(ocrStatePath(parseConfig({ ocr: { statePath: '/var/lib/ocr.db' } }, '<test>', '/srv'))).toBe('/var/lib/ocr.db');
  });

  it('fills the date placeholders in the edition time zone and lists PDF links of an index page', () => {
    // 2020-10-13 20:00 UTC is already the 14th in Vietnam.
    expect(editionDates(new Date('2020-10-13T20:00:00Z'), 'Asia/Ho_Chi_Minh', 1)).toEqual(['2020-10-14', '2020-10-13']);
    expect(expandPattern('https://a.example/{yyyy}/{mm}/{dd}/{d}-{m}-{yy}/trang-{n}.pdf', '2020-10-04', 3)).toBe(
      'https://a.example/2020/10/04/4-10-20/trang-3.pdf',
    );
    const html =
      '<a href="/so-1/trang-1.pdf">1</a><a href="trang-2.PDF?v=2">2</a><a href="/so-1/trang-1.pdf">again</a><a href="/tin.html">x</a><a href="javascript:alert(1)">y</a>';
    expect(pdfLinks(html, 'https://a.example/so-1/', '\\.pdf([?#]|$)')).toEqual([
      'https://a.example/so-1/trang-1.pdf',
      'https://a.example/so-1/trang-2.PDF?v=2',
    ]);
  });
});
