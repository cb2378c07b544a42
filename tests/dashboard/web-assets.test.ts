// The dashboard's static files: no inline code or markup injection points, both languages
// complete, and the pure browser modules (highlighting, URL checks) doing what they claim.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WEB_ROOT } from '../../dashboards/router.ts';

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name), ext) : entry.name.endsWith(ext) ? [join(dir, entry.name)] : [],
  );
}

const html = files(WEB_ROOT, '.html');
const scripts = files(WEB_ROOT, '.js');
const read = (file: string) => readFileSync(file, 'utf8');
const vi = JSON.parse(read(join(WEB_ROOT, 'i18n/vi.json'))) as Record<string, string>;
const en = JSON.parse(read(join(WEB_ROOT, 'i18n/en.json'))) as Record<string, string>;

interface Run {
  text: string;
  start: number;
  end: number;
  kinds: string[];
  explanations: number[];
}
interface HighlightModule {
  segments(text: string, explanations: unknown[], field?: string): Run[];
  locate(text: string, explanation: unknown): { start: number; end: number } | null;
  context(text: string, start: number, end: number, max?: number): { before: string; match: string; after: string; cutBefore: boolean; cutAfter: boolean };
}
interface DomModule {
  safeUrl(value: unknown): string | null;
  externalUrl(value: unknown): string | null;
}
const load = <T>(name: string): Promise<T> => import(pathToFileURL(join(WEB_ROOT, 'js', name)).href) as Promise<T>;

describe('pages and scripts', () => {
  it('has the seven pages, each loading only same-origin scripts by src', () => {
    expect(html.map((file) => relative(WEB_ROOT, file)).sort()).toEqual([
      'check.html',
      'index.html',
      'item.html',
      'login.html',
      'portals.html',
      'sources.html',
      'trends.html',
    ]);
    for (const file of html) {
      const source = read(file);
      const tags = [...source.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      expect(tags.length, file).toBeGreaterThan(0);
      for (const [, attributes, body] of tags) {
        expect(body.trim(), `${file}: inline script`).toBe('');
        expect(attributes, file).toMatch(/\ssrc="\/(js|vendor)\/[\w.-]+"/);
      }
    }
  });

  it('has no event-handler attributes, style attributes, javascript: URLs or external resources in the pages', () => {
    for (const file of html) {
      const source = read(file);
      expect(source, file).not.toMatch(/\son[a-z]+\s*=/i);
      expect(source, file).not.toMatch(/\sstyle\s*=/i);
      expect(source, file).not.toMatch(/javascript:/i);
      expect(source, file).not.toMatch(/(src|href)="(https?:)?\/\//i);
    }
  });

  it('never turns strings into markup or code in the browser scripts', () => {
    for (const file of scripts) {
      const code = read(file).replace(/^\s*(\/\/|\*|\/\*).*$/gm, '');
      for (const sink of [
        'innerHTML',
        'outerHTML',
        'insertAdjacentHTML',
        'document.write',
        'eval(',
        'new Function',
        "setAttribute('on",
        'srcdoc',
        'createContextualFragment',
        'DOMParser',
      ]) {
        expect(code.includes(sink), `${relative(WEB_ROOT, file)} uses ${sink}`).toBe(false);
      }
      // Timers get functions, never strings.
      expect(code, file).not.toMatch(/set(Timeout|Interval)\(\s*['"`]/);
    }
  });
});

describe('Vietnamese and English strings', () => {
  it('have the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, value] of [...Object.entries(vi), ...Object.entries(en)]) expect(value.trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(vi)) expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
  });

  it('cover every key the pages and scripts use', () => {
    const used = new Set<string>();
    for (const file of html) {
      for (const match of read(file).matchAll(/data-(?:i18n(?:-[a-z-]+)?|title-key)="([^"]+)"/g)) used.add(match[1]);
    }
    for (const file of scripts) {
      for (const match of read(file).matchAll(/\bt\('([^']+)'/g)) used.add(match[1]);
      // Keys passed around as data: shortcut lists, column headers, notices.
      for (const match of read(file).matchAll(/'((?:keys|col|scores|sources|trends|nav|review|response|notes|bulk)\.[a-zA-Z]+)'/g)) used.add(match[1]);
    }
    used.delete('review.note'); // an audit action, not a string key
    expect(used.size).toBeGreaterThan(150);
    const missing = [...used].filter((key) => !(key in vi) || !(key in en));
    expect(missing).toEqual([]);
  });

  it('name every review status, role, kind and explanation kind in both languages', () => {
    for (const key of [
      ...['new', 'in_review', 'dismissed', 'confirmed', 'response_drafted', 'responded'].map((s) => `status.${s}`),
      ...['admin', 'analyst', 'spokesperson', 'viewer'].map((r) => `role.${r}`),
      ...['news', 'rss', 'social'].map((k) => `kind.${k}`),
      ...['congress', 'distortion', 'negative', 'fact'].map((k) => `explanation.${k}`),
      ...['ok', 'errors', 'failed', 'running', 'never'].map((k) => `run.${k}`),
    ]) {
      expect(vi[key], key).toBeTruthy();
      expect(en[key], key).toBeTruthy();
    }
    expect(vi['nav.queue']).not.toBe(en['nav.queue']);
  });
});

describe('highlighting (js/highlight.js)', () => {
  it('cuts the text at the edges of overlapping spans, strongest kind first', async () => {
    const { segments } = await load<HighlightModule>('highlight.js');
    const text = 'Đại hội bị hoãn sang tháng 12.';
    const runs = segments(
      text,
      [
        { kind: 'congress', field: 'text', matched: 'Đại hội', start: 0, end: 7 },
        { kind: 'fact', field: 'text', matched: 'bị hoãn sang tháng 12', start: 8, end: 29 },
        { kind: 'distortion', field: 'text', matched: 'hoãn', start: 11, end: 15 },
        { kind: 'congress', field: 'title', matched: 'hội', start: 4, end: 7 },
      ],
      'text',
    );
    expect(runs.map((r) => [r.text, r.kinds, r.explanations])).toEqual([
      ['Đại hội', ['congress'], [0]],
      [' ', [], []],
      ['bị ', ['fact'], [1]],
      ['hoãn', ['fact', 'distortion'], [1, 2]],
      [' sang tháng 12', ['fact'], [1]],
      ['.', [], []],
    ]);
    expect(runs.map((r) => r.text).join('')).toBe(text);
  });

  it('finds the matched text when the offsets do not point at it, and skips what is not there', async () => {
    const { segments, locate } = await load<HighlightModule>('highlight.js');
    const text = '<script>x</script> bị hoãn';
    expect(locate(text, { matched: 'bị hoãn', start: 0, end: 7 })).toEqual({ start: 19, end: 26 });
    expect(locate(text, { matched: 'không có', start: 0, end: 8 })).toBeNull();
    expect(locate(text, { matched: 'x', start: 50, end: 51 })).toEqual({ start: 8, end: 9 });
    const runs = segments(
      text,
      [
        { kind: 'fact', field: 'text', matched: 'bị hoãn', start: 0, end: 7 },
        { kind: 'fact', field: 'text', matched: 'nope', start: 1, end: 2 },
      ],
      'text',
    );
    expect(runs.map((r) => r.text)).toEqual(['<script>x</script> ', 'bị hoãn']);
    expect(segments('', [], 'text')).toEqual([]);
  });

  it('quotes the sentence around a claim', async () => {
    const { context } = await load<HighlightModule>('highlight.js');
    const text = 'Tin mới. Đại hội tỉnh bị hoãn sang tháng 12 vì dịch. Share gấp!';
    const start = text.indexOf('bị hoãn');
    const quote = context(text, start, start + 'bị hoãn'.length);
    expect(quote).toMatchObject({ before: 'Đại hội tỉnh ', match: 'bị hoãn', after: ' sang tháng 12 vì dịch.', cutBefore: false, cutAfter: false });
    // "TP. Pleiku" style abbreviations inside a word do not end the sentence early.
    const dotted = 'Theo window.__x tin đồn, bị hoãn.';
    const at = dotted.indexOf('bị hoãn');
    expect(context(dotted, at, at + 7).before).toBe('Theo window.__x tin đồn, ');
  });
});

describe('links (js/dom.js)', () => {
  it("lets through only http(s) URLs and the dashboard's own paths", async () => {
    const { safeUrl, externalUrl } = await load<DomModule>('dom.js');
    expect(externalUrl('https://baomoi.example/a?b=1')).toBe('https://baomoi.example/a?b=1');
    expect(externalUrl('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080/x');
    for (const hostile of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '//evil.example/x',
      '/item',
      'file:///etc/passwd',
      '',
      null,
      42,
    ]) {
      expect(externalUrl(hostile), String(hostile)).toBeNull();
    }
    expect(safeUrl('/item?id=abc')).toBe('/item?id=abc');
    expect(safeUrl('#hl-3')).toBe('#hl-3');
    expect(safeUrl('//evil.example/')).toBeNull();
    expect(safeUrl('/\\evil.example/')).toBeNull();
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('https://ok.example/')).toBe('https://ok.example/');
  });
});
