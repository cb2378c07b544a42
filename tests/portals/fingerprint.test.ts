// Page fingerprints (what is hashed, what is left out) and the readable diffs made from them.
import { describe, expect, it } from 'vitest';
import { unifiedDiff, valueDiff } from '../../features/portals/diff.ts';
import { fingerprintPage, type FingerprintOptions } from '../../features/portals/fingerprint.ts';
import { loadDefacementLexicon } from '../../features/portals/defacement-lexicon.ts';
import { LEXICON } from './helpers.ts';

const lexicon = loadDefacementLexicon(LEXICON);
const OPTIONS: FingerprintOptions = { stable: ['header', 'nav', 'footer', '.contact'], changing: ['.news-list', '.counter'], lexicon };
const URL_ = 'https://vpubnd.gialai.gov.vn/';

function html({
  head = '',
  news = '<li>Tin 1</li>',
  footer = '<p>Điện thoại: 0269 3824 441</p>',
  counter = '1.000',
  main = '<p>Giới thiệu</p>',
  extra = '',
} = {}): string {
  return `<!DOCTYPE html><html><head><title>Văn phòng UBND tỉnh</title>${head}</head><body>
<header><a href="/"><img src="/logo.png" alt="Quốc huy"></a><nav><a href="/gioi-thieu">Giới thiệu</a></nav></header>
<main><ul class="news-list">${news}</ul>${main}${extra}</main>
<footer>${footer}<span class="counter">${counter}</span></footer></body></html>`;
}

const fp = (page: string, options: FingerprintOptions = OPTIONS, url = URL_) => fingerprintPage(page, url, options).fingerprint;
const part = (page: string, selector: string) => fp(page).stable!.find((p) => p.selector === selector)!;

describe('fingerprintPage', () => {
  it('ignores the changing parts everywhere, including inside a stable part', () => {
    const a = fp(html());
    const b = fp(html({ news: '<li>Tin 2</li><li><a href="/x">Tin 3</a></li>', counter: '1.001' }));
    expect(b.textHash).toBe(a.textHash);
    expect(b.structureHash).toBe(a.structureHash);
    expect(b.stable).toEqual(a.stable);
  });

  it('renders stable parts readably, with link and image targets; the first selector claims nested matches', () => {
    const header = part(html(), 'header');
    expect(header.lines).toEqual(['[image "Quốc huy" → /logo.png] </>', 'Giới thiệu </gioi-thieu>']);
    expect(part(html(), 'nav')).toMatchObject({ count: 0, lines: [] });
    expect(part(html(), 'footer').lines).toEqual(['Điện thoại: 0269 3824 441']);
  });

  it('sees a changed link target even when the text is the same', () => {
    const a = part(html({ footer: '<p><a href="https://dichvucong.gialai.gov.vn/">Dịch vụ công</a></p>' }), 'footer');
    const b = part(html({ footer: '<p><a href="https://dichvucong-gialai.example/">Dịch vụ công</a></p>' }), 'footer');
    expect(b.textHash).not.toBe(a.textHash);
    expect(b.lines).toEqual(['Dịch vụ công <https://dichvucong-gialai.example/>']);
  });

  it('keeps the tag structure apart from the text', () => {
    const a = part(html({ footer: '<p>Địa chỉ: 02 Trần Phú</p>' }), 'footer');
    const b = part(html({ footer: '<div><p>Địa chỉ: 02 Trần Phú</p><iframe></iframe></div>' }), 'footer');
    expect(b.lines).toContain('Địa chỉ: 02 Trần Phú');
    expect(b.structureHash).not.toBe(a.structureHash);
  });

  it('collects script, frame, form and linked-resource origins (relative ones are the page origin)', () => {
    const page = html({
      head: '<script src="/js/app.js"></script><script src="//cdn.example.net/lib.js"></script><link rel="stylesheet" href="https://fonts.example.com/a.css"><link rel="modulepreload" href="https://esm.example.org/m.js">',
      extra: '<iframe src="https://www.youtube.com/embed/x"></iframe><form action="https://collect.example/login"></form><form></form>',
    });
    const { origins } = fp(page);
    expect(origins!.script.map((o) => o.origin)).toEqual(['https://cdn.example.net', 'https://esm.example.org', 'https://vpubnd.gialai.gov.vn']);
    expect(origins!.iframe).toEqual([{ origin: 'https://www.youtube.com', examples: ['https://www.youtube.com/embed/x'] }]);
    expect(origins!.form.map((o) => o.origin)).toEqual(['https://collect.example', 'https://vpubnd.gialai.gov.vn']);
    expect(origins!.link.map((o) => o.origin)).toEqual(['https://fonts.example.com']);
  });

  it('hashes inline scripts without the numbers and tokens that vary per request; ignores JSON-LD', () => {
    const a = fp(
      html({
        extra: '<script>var t = 1728900000123; var nonce = "a8Zk3PqL0sT9vB2nX7cR4mW1";</script><script type="application/ld+json">{"@type":"Org"}</script>',
      }),
    );
    const b = fp(html({ extra: '<script>var t = 1728900999999; var nonce = "Q1w2E3r4T5y6U7i8O9p0AsDf";</script>' }));
    const c = fp(html({ extra: '<script>document.write("<a href=https://spam.example>x</a>")</script>' }));
    expect(a.inlineScripts).toHaveLength(1);
    expect(b.inlineScripts).toEqual(a.inlineScripts);
    expect(c.inlineScripts![0].hash).not.toBe(a.inlineScripts![0].hash);
  });

  it('places lexicon terms where they are most telling: hidden text, title, meta, stable part, page, changing part', () => {
    const page = `<html><head><title>Trang chủ</title><meta name="keywords" content="tài xỉu"></head><body>
      <header>Sở Tư pháp</header>
      <ul class="news-list"><li>Triệt phá đường dây cá cược bóng đá</li><li>Nhà cái uy tín</li></ul>
      <p>Kinh doanh casino phải có giấy phép.</p>
      <div style="display: none">nổ hũ đổi thưởng</div>
      <div hidden>slot game</div></body></html>`;
    const places = Object.fromEntries(fp(page).terms!.map((hit) => [hit.term, hit.place]));
    expect(places).toEqual({
      'tài xỉu': 'meta',
      'cá cược': 'changing',
      'nhà cái uy tín': 'changing',
      casino: 'body',
      'nổ hũ': 'hidden',
      'slot game': 'hidden',
    });
  });

  it('finds the title, the favicon, links and a meta refresh', () => {
    const parsed = fingerprintPage(
      '<html><head><title> Trang  chủ </title><link rel="shortcut icon" href="/img/icon.png"><meta http-equiv="Refresh" content="0; url=https://other.example/"></head><body><a href="/a#x">a</a><a href="mailto:x@y">m</a></body></html>',
      URL_,
      OPTIONS,
    );
    expect(parsed.fingerprint.title).toBe('Trang chủ');
    expect(parsed.faviconUrl).toBe('https://vpubnd.gialai.gov.vn/img/icon.png');
    expect(parsed.links).toEqual(['https://vpubnd.gialai.gov.vn/a']);
    expect(parsed.metaRefresh).toBe('https://other.example/');
    expect(fingerprintPage('<html><body></body></html>', URL_, OPTIONS).faviconUrl).toBe('https://vpubnd.gialai.gov.vn/favicon.ico');
  });

  it('renders same-origin links as paths, so a portal moving host or port is not a change', () => {
    const a = part(html({ footer: '<a href="/lien-he">Liên hệ</a>' }), 'footer');
    const b = fingerprintPage(html({ footer: '<a href="/lien-he">Liên hệ</a>' }), 'http://127.0.0.1:8080/', OPTIONS).fingerprint.stable!.find(
      (p) => p.selector === 'footer',
    )!;
    expect(b.textHash).toBe(a.textHash);
  });
});

describe('unifiedDiff', () => {
  it('prints hunks with context, deletions before insertions', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const after = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i', 'j', 'k'];
    expect(unifiedDiff(before, after, { context: 1 })).toBe(
      ['--- baseline', '+++ now', '@@ -4,3 +4,3 @@', ' d', '-e', '+E', ' f', '@@ -10,1 +10,2 @@', ' j', '+k'].join('\n'),
    );
  });

  it('merges nearby changes into one hunk and is empty for equal lists', () => {
    expect(unifiedDiff(['x', 'y'], ['x', 'y'])).toBe('');
    const diff = unifiedDiff(['1', '2', '3', '4'], ['1', 'two', '3', 'four'], { fromLabel: 'baseline footer', toLabel: 'now footer' });
    expect(diff.split('\n')).toEqual(['--- baseline footer', '+++ now footer', '@@ -1,4 +1,4 @@', ' 1', '-2', '+two', ' 3', '-4', '+four']);
  });

  it('handles a part that appeared or disappeared, and cuts very long diffs', () => {
    expect(unifiedDiff([], ['new'])).toBe('--- baseline\n+++ now\n@@ -0,0 +1,1 @@\n+new');
    expect(unifiedDiff(['old'], [])).toBe('--- baseline\n+++ now\n@@ -1,1 +0,0 @@\n-old');
    const long = unifiedDiff(
      [],
      Array.from({ length: 50 }, (_, i) => `line ${i}`),
      { maxLines: 10 },
    );
    expect(long.split('\n')).toHaveLength(13);
    expect(long).toMatch(/… 41 more diff lines not shown$/);
    expect(valueDiff('title', 'Cũ', 'Mới')).toBe('--- baseline title\n+++ now title\n-Cũ\n+Mới');
  });
});
